/**
 * Width folding, so one pattern matches however the agent's input method typed the
 * text: full-width ASCII (０９０, ＤＭ, ｛name｝), the ideographic space, dash and minus
 * variants, curly quotes and half-width katakana become one form each. Findings are
 * still reported in the original draft's UTF-16 offsets, through `toOriginal`.
 */

export interface FoldedText {
  /** The folded text every pattern runs on. */
  readonly text: string;
  /** The original offset of folded offset `index` (0 ≤ index ≤ text.length). */
  toOriginal(index: number): number;
}

// A quick test first: most drafts need no folding and keep their offsets as they are.
const NEEDS_FOLDING = /[\u2010-\u2015\u2018\u2019\u201C\u201D\u2212\u3000\u30FC\uFE63\uFF01-\uFF5E\uFF61-\uFF9F\uFFE5]/;
const DIGIT = /[0-9\uFF10-\uFF19]/;

function isHalfWidthKana(code: number): boolean {
  return code >= 0xff61 && code <= 0xff9f;
}

function foldChar(text: string, index: number, code: number): string {
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (code === 0x3000) return ' ';
  if ((code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0xfe63) return '-';
  if (code === 0x2018 || code === 0x2019) return "'";
  if (code === 0x201c || code === 0x201d) return '"';
  if (code === 0xffe5) return '¥';
  // ー typed between digits is a dash in a phone number (０９０ー１２３４ー５６７８).
  if (code === 0x30fc || code === 0xff70) {
    const between = DIGIT.test(text.charAt(index - 1)) && DIGIT.test(text.charAt(index + 1));
    if (between) return '-';
    return 'ー';
  }
  if (code === 0xff9e) return '゛';
  if (code === 0xff9f) return '゜';
  if (isHalfWidthKana(code)) return text.charAt(index).normalize('NFKC');
  return text.charAt(index);
}

export function foldWidth(original: string): FoldedText {
  if (!NEEDS_FOLDING.test(original)) return { text: original, toOriginal: (index) => index };

  const parts: string[] = [];
  // origins[i] is where folded char i came from; only half-width kana with a voicing
  // mark (ｶﾞ → ガ) makes two original characters into one.
  const origins: number[] = [];
  let merged = false;
  for (let i = 0; i < original.length; i++) {
    const code = original.charCodeAt(i);
    const next = original.charCodeAt(i + 1);
    if (isHalfWidthKana(code) && (next === 0xff9e || next === 0xff9f)) {
      const composed = original.slice(i, i + 2).normalize('NFKC');
      if (composed.length === 1) {
        parts.push(composed);
        origins.push(i);
        merged = true;
        i++;
        continue;
      }
    }
    const folded = code < 0x2010 ? original.charAt(i) : foldChar(original, i, code);
    // Every other fold is one UTF-16 unit for one; anything else is kept as typed.
    parts.push(folded.length === 1 ? folded : original.charAt(i));
    origins.push(i);
  }
  const text = parts.join('');
  if (!merged) return { text, toOriginal: (index) => index };
  origins.push(original.length);
  return { text, toOriginal: (index) => origins[index] ?? original.length };
}

/** Folds a configured phrase the same way, so `ＤＭ` in the rules matches `DM` in a draft. */
export function foldPhrase(phrase: string): string {
  return foldWidth(phrase).text;
}
