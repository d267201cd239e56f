/** On search pages the badge also names who handled the post: it is wider there. */
export const BADGE_WATCH_WIDTH = '260px';
const WIDTH_PX = 180;
const PADDING_PX = 6;
const BORDER_PX = 1;

/**
 * The host's own box, fixed so the badge occupies its final size from the first
 * frame: later data changes what is drawn inside it, never the page's size. Set
 * inline rather than with \`:host\` rules, which make every badge's shadow root a
 * scope the browser's style engine visits on each recalculation. No \`contain\`:
 * layout or paint containment gives each badge a paint layer of its own, and a
 * frame's paint walks every one on the page.
 */
export const BADGE_HOST_STYLE =
  `display:inline-block;box-sizing:border-box;width:${WIDTH_PX}px;height:20px;margin-inline-start:6px;` +
  'vertical-align:middle;flex:0 0 auto;align-self:center';

/*
 * Inside the shadow root everything is styled inline too, with no style sheet: every
 * shadow root holding a sheet is one more scope the style engine walks on each frame,
 * so a sheet per badge made each frame cost more the longer the page grew.
 * Dark mode comes from light-dark(); states set their few colours from the maps below.
 */

/** The badge's text, also what its line is measured with (badge-fit.ts). */
export const BADGE_FONT = '600 11px system-ui,-apple-system,"Hiragino Sans","Noto Sans JP",sans-serif';
/** Room for text inside the badge: its width less padding and border. */
export const BADGE_TEXT_WIDTH = WIDTH_PX - 2 * PADDING_PX - 2 * BORDER_PX;

/**
 * Explicit resets instead of `all`: it expands to hundreds of properties per badge.
 * One line of text, clipped with an ellipsis only when it would not fit (badge-fit.ts):
 * a clip is a paint property that a frame's paint meets again in every badge, and most
 * lines fit. `overflow: clip`, never `hidden`, which would make each badge a scroll
 * container with a paint layer of its own.
 */
export const BUTTON_STYLE =
  'appearance:none;margin:0;text-align:start;letter-spacing:normal;text-transform:none;box-sizing:border-box;' +
  `display:block;width:${WIDTH_PX}px;height:20px;padding:0 ${PADDING_PX}px;border-radius:10px;` +
  `color-scheme:light dark;border:${BORDER_PX}px solid light-dark(#8b98a5,#536471);background-color:light-dark(#f7f9f9,#16181c);` +
  'color:light-dark(#0f1419,#e7e9ea);' +
  `font:${BADGE_FONT};line-height:18px;` +
  'white-space:nowrap;text-overflow:ellipsis;cursor:pointer;' +
  // Colours the browser's own keyboard focus ring (:focus-visible), which stays its to draw.
  'outline-color:#1d9bf0;outline-offset:1px';

export const REPLYING_STYLE = 'color:#8a3ffc;font-weight:700;margin-inline-start:4px;display:none';
export const WATCH_STYLE = 'padding:0 4px;border-radius:6px;border:1px solid currentColor;margin-inline-end:4px';

/** [background, colour] of the badge by status; the default for any other status. */
export const STATUS_COLORS: Record<string, readonly [string, string]> = {
  new: ['#d9f2ff', '#00527a'],
  open: ['#fff2cc', '#6b4e00'],
  waiting: ['#efe3ff', '#4b2a80'],
  resolved: ['#dcf5e3', '#145c2c'],
};
export const STATUS_DEFAULT_COLORS = ['light-dark(#f7f9f9,#16181c)', 'light-dark(#0f1419,#e7e9ea)'] as const;

export const TIMER_COLORS: Record<string, string> = { warning: '#8a5a00', overdue: '#b3261e', answered: '#1e7a3a' };

/** [colour, background, weight] of the watch label. */
export const WATCH_COLORS: Record<string, readonly [string, string, string]> = {
  new: ['#00527a', '#d9f2ff', '700'],
  handled: ['light-dark(#145c2c,#7fd49a)', '', ''],
  recorded: ['light-dark(#4b2a80,#c9b3ff)', '', ''],
};
