/**
 * Post length as X counts it, with X's own library: CJK characters and emoji count
 * two, every link 23, whatever its real length.
 */
import twitterText, { type ParseTweetOptions } from 'twitter-text';

export interface WeightedLength {
  weightedLength: number;
  /** Within X's standard 280 limit. */
  valid: boolean;
  /** Thousandths of the 280 limit used. */
  permillage: number;
}

export function weightedLength(draft: string): WeightedLength {
  const { weightedLength, valid, permillage } = twitterText.parseTweet(draft);
  return { weightedLength, valid, permillage };
}

// The library's current weighting is `configs.defaults`; its type declarations omit it.
const X_WEIGHTING = (twitterText as unknown as { configs?: { defaults?: ParseTweetOptions } }).configs?.defaults;

export interface LengthOverflow {
  weightedLength: number;
  /** Offset of the first character past `maxWeightedLength`. */
  overflowStart: number;
}

/** The weighted length against a limit, and where the text goes past it; undefined when it fits. */
export function lengthOverflow(draft: string, maxWeightedLength: number): LengthOverflow | undefined {
  const options = X_WEIGHTING ? { ...X_WEIGHTING, maxWeightedTweetLength: maxWeightedLength } : undefined;
  const parsed = twitterText.parseTweet(draft, options);
  if (parsed.weightedLength <= maxWeightedLength) return undefined;
  // validRangeEnd is inclusive; with a custom limit but no weighting it still measures 280.
  const fitsUpTo = X_WEIGHTING ? parsed.validRangeEnd + 1 : 0;
  return { weightedLength: parsed.weightedLength, overflowStart: Math.min(Math.max(0, fitsUpTo), draft.length) };
}
