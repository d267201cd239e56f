/**
 * Blame: wording that argues with the customer or puts the fault on them, wherever it
 * appears in the draft. A few everyday sentences share words with blame and stay
 * quiet: "you should have received an e-mail" states an expectation where "you should
 * have read the FAQ" blames, and "once things calm down" tells no one to calm down.
 */
import type { PhraseMatch, PhraseMatcher } from './phrases';

interface BenignUse {
  /** The matched phrase this applies to. */
  phrase: RegExp;
  before?: RegExp;
  after?: RegExp;
}

const BENIGN_USES: readonly BenignUse[] = [
  {
    phrase: /should\s?(?:have|'ve)$/i,
    after: /^\s+(?:received|gotten|got|been|seen|it|them|one|a|an|the|your|access)(?![A-Za-z])/i,
  },
  { phrase: /^calm\s+down$/i, before: /(?:things|it|everything|matters|this|that)\s+$/i },
];
const CONTEXT_CHARS = 16;

export function findBlame(folded: string, phrases: PhraseMatcher): PhraseMatch[] {
  return phrases.findAll(folded).filter((match) => {
    const text = folded.slice(match.start, match.end);
    const before = folded.slice(Math.max(0, match.start - CONTEXT_CHARS), match.start);
    const after = folded.slice(match.end, match.end + CONTEXT_CHARS);
    const isBenign = (use: BenignUse): boolean =>
      use.phrase.test(text) && ((use.before?.test(before) ?? false) || (use.after?.test(after) ?? false));
    return !BENIGN_USES.some(isBenign);
  });
}
