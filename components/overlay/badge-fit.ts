/**
 * Whether a badge's line fits its box, so that only the badges that need it pay for a
 * clip. Widths come from a canvas with the badge's own font, once per distinct piece of
 * text: a page repeats the same statuses, waits and counts on many badges.
 */
import { BADGE_FONT } from './badge-styles';

/** Room left for the browser's and the canvas's rounding to differ, in CSS pixels. */
const SLACK_PX = 4;
const WIDTHS_MAX = 2_000;
const widths = new Map<string, number>();
let measure: ((text: string) => number) | null | undefined;

function measurer(): ((text: string) => number) | null {
  if (measure !== undefined) return measure;
  measure = null;
  try {
    const context = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
    if (context) {
      context.font = BADGE_FONT;
      measure = (text) => context.measureText(text).width;
    }
  } catch {
    // No canvas here: every line is treated as too long, and clipped.
  }
  return measure;
}

function widthOf(text: string, measureText: (text: string) => number): number {
  let width = widths.get(text);
  if (width === undefined) {
    if (widths.size >= WIDTHS_MAX) widths.clear();
    width = measureText(text);
    widths.set(text, width);
  }
  return width;
}

/** Whether `parts`, joined by single spaces, fit in `room` pixels; false when it cannot be told. */
export function lineFits(parts: readonly string[], room: number): boolean {
  const measureText = measurer();
  if (!measureText) return false;
  let total = SLACK_PX;
  for (const [index, part] of parts.entries()) total += widthOf(index > 0 ? ` ${part}` : part, measureText);
  return total <= room;
}
