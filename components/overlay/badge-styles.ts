/**
 * The host's own box, fixed so the badge occupies its final size from the first
 * frame: later data changes what is drawn inside it, never the page's size. Set
 * inline rather than with \`:host\` rules, which make every badge's shadow root a
 * scope the browser's style engine visits on each recalculation. No \`contain\`:
 * layout or paint containment gives each badge a paint layer of its own, and a
 * frame's paint walks every one on the page.
 */
/** On search pages the badge also names who handled the post: it is wider there. */
export const BADGE_WATCH_WIDTH = '260px';

export const BADGE_HOST_STYLE =
  'display:inline-block;box-sizing:border-box;width:180px;height:20px;margin-inline-start:6px;' +
  'vertical-align:middle;flex:0 0 auto;align-self:center';

/*
 * Inside the shadow root everything is styled inline too, with no style sheet: every
 * shadow root holding a sheet is one more scope the style engine walks on each frame,
 * so a sheet per badge made each frame cost more the longer the page grew.
 * Dark mode comes from light-dark(); states set their few colours from the maps below.
 */

/**
 * Explicit resets instead of `all`: it expands to hundreds of properties per badge.
 * Clipping is left to the labels that can grow (counts, who is replying, watch state):
 * each clip is a paint property a frame's paint meets again in every badge, and the
 * fixed labels (status, timer) always fit. `overflow: clip`, never `hidden`, which
 * would make each a scroll container with a paint layer of its own.
 */
export const BUTTON_STYLE =
  'appearance:none;margin:0;text-align:start;letter-spacing:normal;text-transform:none;box-sizing:border-box;' +
  'display:flex;align-items:center;gap:4px;width:180px;height:20px;padding:0 6px;border-radius:10px;' +
  'color-scheme:light dark;border:1px solid light-dark(#8b98a5,#536471);background:light-dark(#f7f9f9,#16181c);' +
  'color:light-dark(#0f1419,#e7e9ea);' +
  'font:600 11px/18px system-ui,-apple-system,"Hiragino Sans","Noto Sans JP",sans-serif;' +
  'white-space:nowrap;cursor:pointer;' +
  // Colours the browser's own keyboard focus ring (:focus-visible), which stays its to draw.
  'outline-color:#1d9bf0;outline-offset:1px';

export const STATUS_STYLE = 'padding:0 4px;border-radius:6px;background:#e8ecef';
export const TIMER_STYLE = 'font-weight:600;white-space:nowrap;display:none';
export const REPLYING_STYLE =
  'color:#8a3ffc;font-weight:700;white-space:nowrap;overflow:clip;text-overflow:ellipsis;min-width:0;display:none';
export const COUNTS_STYLE = 'font-weight:500;overflow:clip;text-overflow:ellipsis;min-width:0';
export const WATCH_STYLE =
  'padding:0 4px;border-radius:6px;border:1px solid currentColor;white-space:nowrap;overflow:clip;' +
  'text-overflow:ellipsis;min-width:0;flex:0 1 auto';

/** [background, colour] of the status label; the default for any other status. */
export const STATUS_COLORS: Record<string, readonly [string, string]> = {
  new: ['#d9f2ff', '#00527a'],
  open: ['#fff2cc', '#6b4e00'],
  waiting: ['#efe3ff', '#4b2a80'],
  resolved: ['#dcf5e3', '#145c2c'],
};
export const STATUS_DEFAULT_COLORS = ['#e8ecef', ''] as const;

export const TIMER_COLORS: Record<string, string> = { warning: '#8a5a00', overdue: '#b3261e', answered: '#1e7a3a' };

/** [colour, background, weight] of the watch label. */
export const WATCH_COLORS: Record<string, readonly [string, string, string]> = {
  new: ['#00527a', '#d9f2ff', '700'],
  handled: ['light-dark(#145c2c,#7fd49a)', '', ''],
  recorded: ['light-dark(#4b2a80,#c9b3ff)', '', ''],
};
