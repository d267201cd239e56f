/**
 * The host's own box, fixed so the badge occupies its final size from the first
 * frame: later data changes what is drawn inside it, never the page's layout. Set
 * inline rather than with \`:host\` rules, which make every badge's shadow root a
 * scope the browser's style engine visits on each recalculation.
 */
/** On search pages the badge also names who handled the post: it is wider there. */
export const BADGE_WATCH_WIDTH = '260px';

export const BADGE_HOST_STYLE =
  'display:inline-block;box-sizing:border-box;width:180px;height:20px;margin-inline-start:6px;' +
  'vertical-align:middle;contain:size layout style;flex:0 0 auto;align-self:center';

/** Styles inside each badge's closed shadow root. */
export const BADGE_CSS = `
.badge {
  /* Explicit resets instead of \`all\`: it expands to hundreds of properties per badge. */
  appearance: none;
  margin: 0;
  text-align: start;
  letter-spacing: normal;
  text-transform: none;
  box-sizing: border-box;
  display: flex;
  align-items: center;
  gap: 4px;
  width: 180px;
  height: 20px;
  padding: 0 6px;
  border-radius: 10px;
  border: 1px solid #8b98a5;
  background: #f7f9f9;
  color: #0f1419;
  font: 600 11px/18px system-ui, -apple-system, "Hiragino Sans", "Noto Sans JP", sans-serif;
  white-space: nowrap;
  overflow: hidden;
  cursor: pointer;
}
.badge[data-watch] { width: ${BADGE_WATCH_WIDTH}; }
.badge:focus-visible { outline: 2px solid #1d9bf0; outline-offset: 1px; }
.status { padding: 0 4px; border-radius: 6px; background: #e8ecef; }
.badge[data-status="new"] .status { background: #d9f2ff; color: #00527a; }
.badge[data-status="open"] .status { background: #fff2cc; color: #6b4e00; }
.badge[data-status="waiting"] .status { background: #efe3ff; color: #4b2a80; }
.badge[data-status="resolved"] .status { background: #dcf5e3; color: #145c2c; }
.timer { font-weight: 600; white-space: nowrap; }
.timer:empty { display: none; }
.badge[data-timer="warning"] .timer { color: #8a5a00; }
.badge[data-timer="overdue"] .timer { color: #b3261e; }
.badge[data-timer="answered"] .timer { color: #1e7a3a; }
.replying { color: #8a3ffc; font-weight: 700; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
.replying:empty { display: none; }
.watch { padding: 0 4px; border-radius: 6px; border: 1px solid currentColor; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; flex: 0 1 auto; }
.badge[data-watch="new"] .watch { color: #00527a; background: #d9f2ff; font-weight: 700; }
.badge[data-watch="handled"] .watch { color: #145c2c; }
.badge[data-watch="recorded"] .watch { color: #4b2a80; }
.counts { font-weight: 500; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
@media (prefers-color-scheme: dark) {
  .badge { background: #16181c; color: #e7e9ea; border-color: #536471; }
  .badge[data-watch="handled"] .watch { color: #7fd49a; }
  .badge[data-watch="recorded"] .watch { color: #c9b3ff; }
}
`;
