/**
 * A brush-off: a stock phrase ("thank you for your feedback", 「今後の参考にさせていた
 * だきます」) and nothing else of substance. Greetings, thanks, apologies, names,
 * handles, sign-offs, emoji and punctuation are courtesy, not substance; a next step,
 * an answer, a question or any figure is. A stock phrase with a real answer is fine.
 */
import type { PhraseMatch, PhraseMatcher } from './phrases';

/** English words and phrases, whole words only, any case. */
function englishPhrases(alternatives: readonly string[]): RegExp {
  return new RegExp(`(?<![A-Za-z])(?:${alternatives.join('|')})(?![A-Za-z])`, 'gi');
}

const COURTESY: readonly RegExp[] = [
  // Handles, names and signatures: @taro_123, 田中様, 佐藤さん, (担当: 山田), 担当の山田です, ^YK, "— Ken" at the end.
  /@\w{1,50}/g,
  /[\p{sc=Han}\p{sc=Katakana}A-Za-zー]{1,12}(?:様|さま|さん)/gu,
  /[(（]担当[^)）\n]{0,12}[)）]|担当(?:者)?(?:[:：]\s?|の)[\p{sc=Han}\p{sc=Katakana}A-Za-z]{1,8}(?:です|と申します)?/gu,
  /\^[A-Za-z]{1,4}(?![A-Za-z])/g,
  /(?:^|\n)\s*[-–—/]\s*\S{1,20}\s*$/g,
  englishPhrases([
    // Greetings, with the name after them: "Hi Sarah".
    String.raw`(?:hi|hello|hey|dear)(?:\s+(?:there|all|everyone|[A-Za-z][\w.'-]*))?`,
    String.raw`good\s(?:morning|afternoon|evening)`,
    // Thanks.
    String.raw`(?:many\s)?thanks?(?:\s(?:a\slot|so\smuch|very\smuch|again))?`,
    String.raw`thank\syou(?:\s(?:so|very)\smuch|\sagain)?`,
    String.raw`for\s(?:reaching\sout|contacting\sus|getting\sin\stouch|letting\sus\sknow|sharing(?:\sthis)?)`,
    String.raw`for\syour\s(?:message|patience|understanding|support|time|kind\swords|comment|post|note|thoughts)`,
    String.raw`for\staking\sthe\stime(?:\sto\s\w+(?:\sus|\sthis)?)?`,
    String.raw`(?:we|i)\s(?:really\s|truly\s)?appreciate\s(?:it|this|that|you)`,
    // Apologies.
    String.raw`(?:we\sare|we're|i'm|i\sam)\s(?:so\s|very\s|really\s|truly\s)?sorry|sorry`,
    String.raw`(?:our\s|my\s)?(?:sincere\s)?apologies|(?:we|i)\s(?:sincerely\s)?apologi[sz]e`,
    String.raw`for\s(?:the|any)\s(?:inconvenience|trouble|frustration|confusion)(?:\s(?:this\s(?:has\s)?)?caused)?`,
    // Closings and team signatures.
    String.raw`(?:best|kind|warm)\s(?:regards|wishes)|regards|sincerely|cheers|take\scare|all\sthe\sbest`,
    String.raw`have\sa\s(?:great|nice|good|lovely)\s(?:day|week|weekend|evening)`,
    String.raw`(?:from\s)?(?:the\s)?(?:[A-Za-z]+\s)?(?:support|customer\s(?:service|care|support)|care)\steam`,
  ]),
  new RegExp(
    [
      // Thanks and apologies.
      '(?:本当に|誠に|大変|心より|重ねて)?(?:ありがとうございま(?:す|した)|ありがとう|感謝(?:いた|致)?し(?:ております|ます))',
      '(?:誠に|大変|重ねて)?(?:申し訳(?:ござい|あり)ません(?:でした)?|失礼(?:いた|致)しました|すみません(?:でした)?|お詫び申し上げます)',
      'ご(?:迷惑|不便|心配|不快な思い)を?おかけし(?:てしまい|ており|て)?',
      '(?:お問い?合わせ|ご連絡|ご指摘|ご意見|ご感想|ご報告|ご利用|ご投稿|お声|お寄せ)(?:を)?(?:いただき|頂き|くださり)?|いただき|頂き',
      '貴重な|温かい|大切な|たくさんの',
      // Greetings and closings.
      'こんにちは|こんばんは|おはようございます|お世話になっております|いつも|今後とも|引き続き',
      '(?:何卒)?よろしくお願い(?:いた|致)?(?:します|申し上げます)',
    ].join('|'),
    'g',
  ),
];
// Pictographs with their skin tones, joiners, variation selectors and keycaps.
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f|\u20e3/gu;
const LATIN_WORD = /[A-Za-z]{2,}/g;
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/gu;

// Below these, what is left is a name, a particle or an "and": not an answer.
const MIN_LATIN_WORDS = 3;
const MIN_CJK_CHARS = 4;

/** The first stock phrase, when the draft is nothing but stock phrases and courtesy. */
export function findBrushOff(folded: string, phrases: PhraseMatcher): PhraseMatch | undefined {
  const matches = phrases.findAll(folded);
  const first = matches[0];
  if (!first) return undefined;
  const parts: string[] = [];
  let at = 0;
  for (const match of matches) {
    parts.push(folded.slice(at, match.start));
    at = match.end;
  }
  parts.push(folded.slice(at));
  let rest = parts.join('\n');
  for (const pattern of COURTESY) rest = rest.replace(pattern, ' ');
  return hasSubstance(rest.replace(EMOJI, ' ')) ? undefined : first;
}

function hasSubstance(rest: string): boolean {
  if (/\d/.test(rest)) return true;
  const latinWords = rest.match(LATIN_WORD)?.length ?? 0;
  const cjkChars = rest.match(CJK)?.length ?? 0;
  if (/[?？]/.test(rest) && latinWords + cjkChars > 0) return true;
  return latinWords >= MIN_LATIN_WORDS || cjkChars >= MIN_CJK_CHARS;
}
