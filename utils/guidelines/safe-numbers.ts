/**
 * Numbers a support reply is full of and that are never private: dates, times,
 * prices, percentages, version numbers, links, and the order, ticket and tracking
 * numbers the agent quotes back. A private-data candidate that overlaps one of these
 * is not reported. Patterns run on width-folded text.
 */
import twitterText from 'twitter-text';
import { digitsOf } from './check-digits';
import { foldPhrase } from './fold';
import { type Span, trailingGroupSpan } from './spans';

const SAFE_NUMBER_PATTERNS: readonly RegExp[] = [
  // Dates: 2026-11-24, 2026/11/24, 2026.11.24, 11/24, 24.11.2026, 2026年11月24日, 11月24日.
  /(?<!\d)(?:19|20)\d{2}([-/.])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])(?!\d)/g,
  /(?<![\d/.])\d{1,2}[/.]\d{1,2}(?:[/.](?:19|20)?\d{2})?(?![\d/])/g,
  /(?<!\d)\d{1,4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|(?<!\d)\d{1,2}月\d{1,2}日/g,
  // Times: 10:30, 10:30:15, 10時30分, 10時半.
  /(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)/g,
  /(?<!\d)\d{1,2}時(?:\d{1,2}分|半)?/g,
  // Prices: ¥1,980, $19.99, 1,980円, 税込3,300円, 20 USD.
  /[¥$€£₩]\s?\d[\d,]*(?:\.\d+)?/g,
  /(?<![\d,.])\d[\d,]*(?:\.\d+)?\s?(?:円|万円|ドル|ユーロ|yen|JPY|USD|EUR|GBP|dollars?)/gi,
  // Percentages: 15%, 2.5 %, 10パーセント.
  /(?<![\d.])\d+(?:\.\d+)?\s?(?:%|パーセント|percent)/gi,
  // Versions: v2.3.1, version 2.3, バージョン2.3, 14.2.1.
  /(?<![A-Za-z])v(?:er(?:sion)?\.?\s?)?\d+(?:\.\d+)+/gi,
  /(?<![\d.])\d+\.\d+\.\d+(?:\.\d+)*(?![\d.])/g,
  /バージョン\s?\d+(?:\.\d+)*/g,
];

// The label tells what the number is; the id after it is what is protected. A bare #
// labels an order (#4821) unless an account word comes first (acct #1234567).
const LABELLED_REFERENCE =
  /(?:ご?注文(?:番号|ID)|オーダー(?:番号|ID)|受注番号|お?問い?合わせ番号|伝票番号|追跡番号|配送番号|お?荷物番号|チケット番号|受付番号|会員(?:番号|ID)|お客様番号|管理番号|ケース番号|品番|型番|商品(?:番号|コード)|JAN(?:コード)?|(?<![A-Za-z])(?:(?:user|customer|member)\s?)?ID(?![A-Za-z])|(?<![A-Za-z])(?:SKU|item|product\s?(?:code|number))(?![A-Za-z])|(?<![A-Za-z])(?:order|tracking)(?:\s?(?:number|no\.?|id|#))?(?![A-Za-z])|(?<![A-Za-z])(?:ticket|case|reference|ref|invoice|confirmation|booking|reservation)\s?(?:number|no\.?|id|#)|(?<!(?:acct|account|a\/c)\s?)#)[\s:#.、は]{0,3}([A-Za-z0-9][A-Za-z0-9-]{2,40})/gi;

/** Spans of the folded text that hold a harmless number, plus links (X shortens them anyway). */
export function findSafeNumberSpans(folded: string, allowedNumbers: readonly string[]): Span[] {
  const spans: Span[] = [];
  for (const pattern of SAFE_NUMBER_PATTERNS) {
    for (const match of folded.matchAll(pattern)) spans.push({ start: match.index, end: match.index + match[0].length });
  }
  for (const match of folded.matchAll(LABELLED_REFERENCE)) spans.push(trailingGroupSpan(match, 1));
  for (const url of twitterText.extractUrlsWithIndices(folded)) {
    spans.push({ start: url.indices[0], end: url.indices[1] });
  }
  for (const allowed of allowedNumbers) {
    const needle = foldPhrase(allowed.trim());
    if (needle === '') continue;
    for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + needle.length)) {
      spans.push({ start: at, end: at + needle.length });
    }
  }
  return spans;
}

/** The digits of each allowed number, so `A-123 456 789` also matches `A123456789`. */
export function allowedDigitStrings(allowedNumbers: readonly string[]): Set<string> {
  const digits = new Set<string>();
  for (const allowed of allowedNumbers) {
    const only = digitsOf(allowed);
    // Too few digits would excuse unrelated numbers that happen to contain them.
    if (only.length >= 4) digits.add(only);
  }
  return digits;
}
