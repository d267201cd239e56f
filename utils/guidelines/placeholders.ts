/**
 * Template variables left unfilled: `{order_id}` (the token shape templates use, also
 * typed full-width as ｛ｏｒｄｅｒ＿ｉｄ｝) and full-width braces around a Japanese
 * label, ｛お名前｝. Posting one shows the customer a template's seams.
 */
import type { Span } from './spans';

// Runs on folded text, where full-width braces and letters are already ASCII.
const VARIABLE_TOKEN = /\{[A-Za-z0-9_]{1,40}\}/g;
// Runs on the original text: only full-width braces mark a label in any script.
const FULL_WIDTH_LABEL = /｛[^｛｝{}\n]{1,30}｝/g;

export function findPlaceholders(original: string, folded: string, toOriginal: (index: number) => number): Span[] {
  const found: Span[] = [];
  for (const match of folded.matchAll(VARIABLE_TOKEN)) {
    found.push({ start: toOriginal(match.index), end: toOriginal(match.index + match[0].length) });
  }
  for (const match of original.matchAll(FULL_WIDTH_LABEL)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!found.some((span) => span.start === start && span.end === end)) found.push({ start, end });
  }
  return found.sort((a, b) => a.start - b.start);
}
