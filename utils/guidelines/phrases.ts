/**
 * A configured phrase list as one pattern: case-insensitive, width-insensitive (the
 * phrases are folded like the draft), any run of spaces matching any other, and
 * whole words only where a phrase starts or ends with a Latin letter or digit.
 */
import { foldPhrase } from './fold';
import type { Span } from './spans';

export interface PhraseMatch extends Span {
  /** The phrase as configured, for the message shown to the agent. */
  phrase: string;
}

export interface PhraseMatcher {
  /** Every non-overlapping match in `folded`, leftmost and then longest first. */
  findAll(folded: string): PhraseMatch[];
}

const WORD_CHAR = /[A-Za-z0-9_]/;

function phraseKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

function phraseSource(folded: string): string {
  const escaped = folded
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('\\s+');
  const before = WORD_CHAR.test(folded.charAt(0)) ? '(?<![A-Za-z0-9_])' : '';
  const after = WORD_CHAR.test(folded.charAt(folded.length - 1)) ? '(?![A-Za-z0-9_])' : '';
  return `${before}${escaped}${after}`;
}

export function compilePhrases(phrases: readonly string[]): PhraseMatcher {
  const byKey = new Map<string, string>();
  for (const phrase of phrases) {
    const folded = foldPhrase(phrase).trim();
    if (folded !== '' && !byKey.has(phraseKey(folded))) byKey.set(phraseKey(folded), phrase.trim());
  }
  if (byKey.size === 0) return { findAll: () => [] };
  // Longest first, so "thank you for your feedback" wins over "thank you" at the same place.
  const folded = [...byKey.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(folded.map(phraseSource).join('|'), 'gi');
  return {
    findAll(text) {
      const matches: PhraseMatch[] = [];
      for (const match of text.matchAll(pattern)) {
        const phrase = byKey.get(phraseKey(match[0])) ?? match[0];
        matches.push({ start: match.index, end: match.index + match[0].length, phrase });
      }
      return matches;
    },
  };
}
