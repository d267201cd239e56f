/**
 * Private data written in the draft itself: phone numbers, e-mail addresses, card
 * numbers, My Numbers, bank accounts and postal addresses. Patterns run on the
 * width-folded text and return folded offsets. Every quantifier is bounded or
 * anchored at the start of a run, so no input makes them backtrack badly.
 */
import { digitsOf, isValidMyNumber, passesLuhn } from './check-digits';
import type { PrivateDataKind } from './rules';
import { allowedDigitStrings, findSafeNumberSpans } from './safe-numbers';
import { type Span, overlapsAny, trailingGroupSpan } from './spans';

export interface PrivateDataMatch extends Span {
  kind: PrivateDataKind;
}

// Not part of a longer number: no digit, nor a digit and a separator, on either side.
const NUM_START = String.raw`(?<!\d)(?<!\d[-./])`;
const NUM_END = String.raw`(?!\d)(?![-./]\d)`;

// Anchored at the start of a run of address characters, so a long run is scanned once.
const EMAIL = /(?<![\w.%+-])[\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w-])/g;

// 16 digits in fours (19 with a group of three), Amex 4-6-5, Diners 4-6-4, or unbroken.
// Not 13 digits: no card in use has them, and JAN/EAN product codes (4901234567894) do.
const CARD = new RegExp(
  `${NUM_START}(?:\\d{14,19}|\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{3})?|\\d{4}([ -])\\d{6}\\2\\d{4,5})${NUM_END}`,
  'g',
);
// Visa, Mastercard, Amex, JCB, Diners, Discover, UnionPay.
const CARD_PREFIX = /^(?:4|5[1-5]|2[2-7]|3[0-9]|6)/;

// Spaces count as separators here, so the first twelve digits of a card in fours are not one.
const MY_NUMBER = /(?<!\d)(?<!\d[-./ ])(?:\d{12}|\d{4}([ -])\d{4}\1\d{4})(?!\d)(?![-./ ]\d)/g;

// 0 + area code, exchange, subscriber, with or without dashes, spaces or brackets:
// 03-1234-5678, (03) 1234-5678, 03(1234)5678, 09012345678.
const JAPANESE_PHONE = new RegExp(
  `${NUM_START}(?:\\(0\\d{1,4}\\)|0\\d{1,4})[ -]?(?:\\(\\d{1,4}\\)|\\d{1,4})[ -]?\\d{3,4}${NUM_END}`,
  'g',
);
// + country code and groups; a separator between groups keeps the split unambiguous.
const INTERNATIONAL_PHONE = /(?<![0-9+])\+[1-9]\d{0,14}(?:(?:[ .-]|[ ]?\(|\)[ ]?)\d{1,14}){0,6}(?!\d)/g;
// (415) 555-0100, 1-800-555-0199: separators required, so a bare 10-digit id is not a phone.
const NORTH_AMERICAN_PHONE = new RegExp(
  `${NUM_START}(?:1[-. ])?(?:\\([2-9]\\d{2}\\) ?|[2-9]\\d{2}[-. ])\\d{3}[-. ]\\d{4}${NUM_END}`,
  'g',
);

// A 7–8 digit account number right after a word that says it is one, optionally with
// bank and branch codes before it (0001-123-1234567, ゆうちょ 10100-12345671).
const BANK_ACCOUNT =
  /(?:口座番号|口座|普通預金|当座預金|貯蓄預金|普通|当座|支店番号|店番号|店番|(?<![A-Za-z])(?:(?:bank\s)?account\s?(?:number|no\.?|#)|acct\.?(?:\s?(?:number|no\.?|#))?|a\/c(?:\s?(?:number|no\.?|#))?|bank\saccount)(?![A-Za-z]))[\s:#.、,]{0,3}(?:は|が)?[\s:#、,]{0,2}(?:No\.?\s?)?((?:\d{3,5}[- ]){0,2}\d{7,8})(?!\d)(?![-./]\d)/gi;

const POSTAL_CODE = /〒\s?\d{3}-?\d{4}(?!\d)|郵便番号[\s:は、]{0,3}\d{3}-\d{4}(?!\d)/g;
const PREFECTURE =
  /北海道|東京都|(?:京都|大阪)府|(?:青森|岩手|宮城|秋田|山形|福島|茨城|栃木|群馬|埼玉|千葉|神奈川|新潟|富山|石川|福井|山梨|長野|岐阜|静岡|愛知|三重|滋賀|兵庫|奈良|和歌山|鳥取|島根|岡山|広島|山口|徳島|香川|愛媛|高知|福岡|佐賀|長崎|熊本|大分|宮崎|鹿児島|沖縄)県/;
// The block numbers that end a Japanese address: 1-2-3, 1丁目2番3号, 一丁目2-3, 5番地.
// A unit right after (1-2日, 3-5営業日) makes it a range, not an address.
const JAPANESE_ADDRESS_BLOCK =
  /(?<![\d-])(?:(?:\d{1,4}|[一二三四五六七八九十]{1,3})丁目(?:\s?\d{1,4}(?:番地?|-)(?:\d{1,4}号?)?)?|\d{1,4}番地(?:\d{1,4}号?)?|\d{1,4}番\d{1,4}号?|\d{1,4}-\d{1,4}(?:-\d{1,4})?)(?!\d)(?!-\d)(?![日時分秒年月週個件回人名本枚円%ヶか営]| ?(?:days?|hours?|weeks?|months?|items?)\b)/g;
// A block is an address only when a municipality (市区町村郡) or prefecture precedes it.
const PLACE_BEFORE_BLOCK = /[都道府県市区町村郡][\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}ー]{0,12} ?$/u;
const PLACE_NAME_TAIL = /[\p{sc=Han}\p{sc=Katakana}ー]+ ?$/u;
const ADDRESS_LOOKBEHIND = 24;

const STREET_SUFFIXES = [
  'Street', 'St', 'Avenue', 'Ave', 'Road', 'Rd', 'Boulevard', 'Blvd', 'Lane', 'Ln', 'Drive', 'Dr',
  'Way', 'Court', 'Ct', 'Place', 'Pl', 'Terrace', 'Highway', 'Hwy', 'Parkway', 'Pkwy', 'Square', 'Sq',
];
const streetSuffix = STREET_SUFFIXES.flatMap((s) => [s, s.toLowerCase(), s.toUpperCase()]).join('|');
// 123 Main St, 4500 W Sunset Blvd: a house number and one to four capitalised words.
const STREET_ADDRESS = new RegExp(
  `(?<![\\d.,$¥£€#-])\\b\\d{1,5}[A-Za-z]? (?:[A-Z0-9][A-Za-z0-9'.-]* ){1,4}(?:${streetSuffix})\\b\\.?`,
  'g',
);

/** Finds private data in `folded`; numbers that are safe or allowed are skipped. */
export function findPrivateData(
  folded: string,
  enabled: Readonly<Record<PrivateDataKind, boolean>>,
  allowedNumbers: readonly string[],
): PrivateDataMatch[] {
  const found: PrivateDataMatch[] = [];
  // E-mail spans are claimed even when e-mail is not checked: the digits of
  // 09012345678@example.jp are part of an address, not a separate phone number.
  const claimed: Span[] = [];
  let safe: Span[] | undefined;
  let allowedDigits: Set<string> | undefined;

  const isExcused = (start: number, end: number, digits: string): boolean => {
    if (overlapsAny(claimed, start, end)) return true;
    safe ??= findSafeNumberSpans(folded, allowedNumbers);
    allowedDigits ??= allowedDigitStrings(allowedNumbers);
    return overlapsAny(safe, start, end) || allowedDigits.has(digits);
  };
  const report = (kind: PrivateDataKind, start: number, end: number): void => {
    found.push({ kind, start, end });
    claimed.push({ start, end });
  };

  for (const match of folded.matchAll(EMAIL)) {
    const end = match.index + match[0].length;
    claimed.push({ start: match.index, end });
    if (enabled.email && !isWhereToWrite(folded, match.index, end)) found.push({ kind: 'email', start: match.index, end });
  }

  if (enabled.card) {
    for (const match of folded.matchAll(CARD)) {
      let text = match[0];
      // A trailing group of three may be a security code typed after the number.
      if (!passesLuhn(digitsOf(text)) && match[1] && digitsOf(text).length === 19) text = text.slice(0, -4);
      const digits = digitsOf(text);
      if (!CARD_PREFIX.test(digits) || !passesLuhn(digits)) continue;
      const end = match.index + text.length;
      if (!isExcused(match.index, end, digits)) report('card', match.index, end);
    }
  }

  if (enabled.myNumber) {
    for (const match of folded.matchAll(MY_NUMBER)) {
      const digits = digitsOf(match[0]);
      if (!isValidMyNumber(digits)) continue;
      const end = match.index + match[0].length;
      if (!isExcused(match.index, end, digits)) report('myNumber', match.index, end);
    }
  }

  if (enabled.bankAccount) {
    for (const match of folded.matchAll(BANK_ACCOUNT)) {
      const { start, end } = trailingGroupSpan(match, 1);
      if (!isExcused(start, end, digitsOf(match[1] ?? ''))) report('bankAccount', start, end);
    }
  }

  if (enabled.phone) {
    for (const pattern of [INTERNATIONAL_PHONE, JAPANESE_PHONE, NORTH_AMERICAN_PHONE]) {
      for (const match of folded.matchAll(pattern)) {
        if (!isPhoneShaped(pattern, match[0])) continue;
        const end = match.index + match[0].length;
        if (!isExcused(match.index, end, digitsOf(match[0]))) report('phone', match.index, end);
      }
    }
  }

  if (enabled.address) {
    const addresses: Span[] = [];
    for (const match of folded.matchAll(POSTAL_CODE)) addresses.push({ start: match.index, end: match.index + match[0].length });
    for (const match of folded.matchAll(JAPANESE_ADDRESS_BLOCK)) {
      const start = japaneseAddressStart(folded, match.index);
      if (start !== undefined) addresses.push({ start, end: match.index + match[0].length });
    }
    for (const match of folded.matchAll(STREET_ADDRESS)) addresses.push({ start: match.index, end: match.index + match[0].length });
    for (const span of mergeAdjacent(addresses)) {
      if (!isExcused(span.start, span.end, '')) report('address', span.start, span.end);
    }
  }

  return found.sort((a, b) => a.start - b.start || a.end - b.end);
}

function isPhoneShaped(pattern: RegExp, text: string): boolean {
  const digits = digitsOf(text);
  if (pattern === INTERNATIONAL_PHONE) return digits.length >= 8 && digits.length <= 15;
  if (pattern === JAPANESE_PHONE) {
    // Landlines and toll-free are 10 digits; mobile, IP phones and 0800 are 11 (0X0).
    if (digits.length === 10) return /^0[1-9]/.test(digits);
    if (digits.length === 11) return /^0[2-9]0/.test(digits);
    return false;
  }
  return true;
}

// "E-mail us at support@shop.jp", 「support@shop.jp までご連絡ください」: the company's
// own address, given so the conversation moves to e-mail. That is the advice, not a leak.
const WRITE_TO_BEFORE = /(?:e-?mail|write|contact|reach|send\s(?:it|them|this|us\s[\w\s]{1,30}?))\s(?:us\s)?(?:at|to|on)\s?$/i;
const WRITE_TO_AFTER = /^\s?(?:まで|宛|あて|へ|にて)/;

function isWhereToWrite(folded: string, start: number, end: number): boolean {
  return WRITE_TO_BEFORE.test(folded.slice(Math.max(0, start - 48), start)) || WRITE_TO_AFTER.test(folded.slice(end, end + 3));
}

/** Where the address ending in the block at `blockStart` begins, or undefined when no place precedes it. */
function japaneseAddressStart(folded: string, blockStart: number): number | undefined {
  const windowStart = Math.max(0, blockStart - ADDRESS_LOOKBEHIND);
  const before = folded.slice(windowStart, blockStart);
  if (!PLACE_BEFORE_BLOCK.test(before)) return undefined;
  const prefecture = PREFECTURE.exec(before);
  if (prefecture) return windowStart + prefecture.index;
  const tail = PLACE_NAME_TAIL.exec(before);
  return tail ? windowStart + tail.index : blockStart;
}

/** Joins a postal code and the address right after it into one span. */
function mergeAdjacent(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end + 2) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}
