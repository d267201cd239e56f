/**
 * Asking the customer to post private data in public. Per language, a table of words
 * that name private data and verbs that ask for something; both in one sentence is a
 * request. Asking for it by DM or e-mail is what a reply should do, so a private
 * channel close by clears it, as does a negation ("please don't post your address
 * here"). Patterns run on width-folded text.
 */
import type { PrivateDataKind } from './rules';
import type { Span } from './spans';

export interface DataRequestMatch extends Span {
  kind: PrivateDataKind;
}

interface RequestLanguage {
  /** Words naming private data, as regex sources, per kind. */
  dataWords: Readonly<Record<PrivateDataKind, readonly string[]>>;
  /** Verbs asking the customer to tell, post or send something. */
  requestVerbs: readonly string[];
  /** Before a data word: it names where something goes, not what is asked for ("to your address"). */
  notDataAfter?: string;
  /** Before a verb: the company does it, nobody is asked ("we'll send"). */
  notRequestBefore?: string;
  /** After a verb, the same for languages that say it at the end (「お送りします」). */
  notRequestAfter?: string;
  /** ASCII words need word boundaries; Japanese has none. */
  wordBoundaries: boolean;
}

const ENGLISH: RequestLanguage = {
  dataWords: {
    phone: [String.raw`(?:your\s)?(?:phone|mobile|cell|telephone|contact)\s?(?:number|no\.?|#)`, String.raw`your\s(?:phone|mobile|cell)`],
    email: [String.raw`e-?mail\s?address(?:es)?`, String.raw`your\se-?mail(?:\s?address)?`],
    card: [
      String.raw`(?:credit|debit)\s?card(?:\s(?:number|no\.?|details|info(?:rmation)?))?`,
      String.raw`card\s(?:number|no\.?|details)`,
      String.raw`cvv2?|cvc|security\scode|expir(?:y|ation)\sdate|pin\s(?:number|code)|your\spin`,
    ],
    myNumber: [String.raw`my\s?number(?:\scard)?|individual\snumber|social\ssecurity\snumber|ssn`],
    bankAccount: [
      String.raw`(?:bank\s)?account\s(?:number|no\.?)`,
      String.raw`bank\s(?:details|account(?:\sdetails)?)|sort\scode|routing\snumber|iban`,
    ],
    address: [
      String.raw`(?:home|postal|mailing|shipping|street|delivery|billing|full|physical)\saddress`,
      String.raw`your\saddress|(?:name|number)\s(?:and|&)\s(?:your\s)?address|zip\s?code|post\s?code|where\syou\slive`,
    ],
  },
  requestVerbs: [
    String.raw`reply(?:\s(?:below|here))?(?:\swith)?|respond\swith|comment(?:\sbelow)?(?:\swith)?`,
    String.raw`post|share|include|confirm|leave|drop|type|write|provide`,
    String.raw`send(?:\s(?:us|me|over|in))|tell\s(?:us|me)|give\s(?:us|me)|let\s(?:us|me)\sknow`,
    String.raw`what(?:'s|\sis|\sare)|(?:can|could|may)\s(?:we|i)\s(?:have|get|ask\sfor)|(?:we|i)(?:'ll|\swill)?\sneed`,
  ],
  notDataAfter: String.raw`(?<!(?<![A-Za-z])(?:to|at|from|on)\s)`,
  notRequestBefore: String.raw`(?<!(?<![A-Za-z])(?:we|i|we'll|i'll|we\swill|i\swill|we\scan|we\swould|we've|we\shave)\s)`,
  wordBoundaries: true,
};

const JAPANESE: RequestLanguage = {
  dataWords: {
    phone: ['(?:お|ご)?(?:電話|携帯|連絡先)(?:の)?番号', '(?:お|ご)?連絡先'],
    email: ['(?:E|e)?メールアドレス', 'メアド'],
    card: ['(?:クレジット)?カード(?:の)?(?:番号|情報)', 'クレジットカード', 'クレカ', 'セキュリティコード', '有効期限', '暗証番号'],
    myNumber: ['マイナンバー', '個人番号'],
    bankAccount: ['(?:銀行)?口座(?:番号|情報)?', '振込先', '支店番号'],
    address: ['(?:ご|お)?住所', '郵便番号', 'お届け先', '配送先', '送付先', 'お住まい'],
  },
  requestVerbs: [
    '教えて|お教え|お知らせ|知らせて|お聞かせ|伺(?:え|い|わせ)|書いて|お書き|載せて|お載せ|貼って|添えて|お添え|送って|お送り',
    // Nouns that act as verbs only count when asked for: 「返信で」「記入してください」, not 「記載に誤り」.
    '(?:リプライ|リプ|返信|コメント|投稿|記載|記入|入力|ご提示|提示|送信|共有|ご連絡)(?=で|にて|して|し(?:て)?(?:ください|下さい|いただ|頂)|ください|下さい|の上|いただ|頂|願|$|[。!?！？\\s、])',
  ],
  // 「ご連絡いたします」「お送りします」「記載しています」: the company acts, nothing is asked.
  notRequestAfter: '(?!(?:を|に)?(?:いた|致)?し(?:ま|て(?:い|お))|差し上げ|させていただ)',
  wordBoundaries: false,
};

// Any language's private channel (DM, e-mail, a form, the customer's own account page) in
// the sentence or the next ("What is your address? Please DM us.") clears it, and so does
// a negation in the sentence. DM is DM in both languages.
const PRIVATE_CHANNEL = new RegExp(
  [
    String.raw`(?<![A-Za-z])(?:DMs?|direct\s?messages?|private\s?messages?|inbox|privately|in\sprivate|messenger|securely)(?![A-Za-z])`,
    String.raw`(?<![A-Za-z])(?:by|via|over|through|in\san?)\se-?mail`,
    String.raw`(?<![A-Za-z])e-?mail\s(?:us|me)(?![A-Za-z])`,
    String.raw`(?:contact|support|secure|web|online|enquiry|inquiry)\sform`,
    String.raw`(?<![A-Za-z])(?:(?:on|in|through|via)\s(?:our|the|your)\s(?:website|site|app|account\s(?:page|settings)|settings)|my\spage)(?![A-Za-z])`,
    String.raw`(?<![A-Za-z])(?:to|at)\s[\w.+-]+@`,
    'ダイレクトメッセージ|非公開|フォーム|個別|マイページ|会員ページ|設定画面|(?:メッセージ|メール|お?電話|アプリ|サイト)(?:で|にて|から|宛|まで|内|上)',
  ].join('|'),
  'i',
);
const NEGATION = new RegExp(
  [
    String.raw`(?<![A-Za-z])(?:don't|do\snot|never|avoid|not\sto|no\sneed|shouldn't|should\snot|won't|will\snot|mustn't|must\snot)(?![A-Za-z])`,
    'ないで|ないよう|ずに|お控え|控えて|ご遠慮|不要|必要(?:は)?(?:ありません|ございません)|おやめ|やめて',
  ].join('|'),
  'i',
);

// The verb and the data word must be close: far apart they rarely form one request.
const MAX_GAP = 40;

interface CompiledLanguage {
  data: RegExp;
  kinds: readonly PrivateDataKind[];
  verbs: RegExp;
}

function compile(language: RequestLanguage): CompiledLanguage {
  const bounded = (source: string): string =>
    language.wordBoundaries ? `(?<![A-Za-z0-9])(?:${source})(?![A-Za-z0-9])` : `(?:${source})`;
  const kinds = Object.keys(language.dataWords) as PrivateDataKind[];
  const data = kinds.map((kind, i) => `(?<k${i}>${bounded(language.dataWords[kind].join('|'))})`).join('|');
  const verbs = bounded(language.requestVerbs.join('|'));
  return {
    data: new RegExp(`${language.notDataAfter ?? ''}(?:${data})`, 'gi'),
    kinds,
    verbs: new RegExp(`${language.notRequestBefore ?? ''}${verbs}${language.notRequestAfter ?? ''}`, 'gi'),
  };
}

const LANGUAGES: readonly CompiledLanguage[] = [compile(ENGLISH), compile(JAPANESE)];

/** Requests for private data that would be answered in public. */
export function findDataRequests(folded: string): DataRequestMatch[] {
  const found: DataRequestMatch[] = [];
  let sentences: Sentences | undefined;
  for (const language of LANGUAGES) {
    for (const match of folded.matchAll(language.data)) {
      const groups = match.groups ?? {};
      const kind = language.kinds.find((_, i) => groups[`k${i}`] !== undefined);
      if (!kind) continue;
      const dataStart = match.index;
      const dataEnd = dataStart + match[0].length;
      sentences ??= new Sentences(folded);
      const sentence = sentences.numberAt(dataStart);
      if (sentences.isCleared(sentence)) continue;
      const verb = nearestVerb(language.verbs, folded, sentences.span(sentence), dataStart, dataEnd);
      if (verb) found.push({ kind, start: Math.min(dataStart, verb.start), end: Math.max(dataEnd, verb.end) });
    }
  }
  return found.sort((a, b) => a.start - b.start || a.end - b.end);
}

// Longer than any request verb, and than what its look-arounds need to see.
const VERB_MAX_CHARS = 30;

/** The request verb in `sentence` closest to the data word, within MAX_GAP. */
function nearestVerb(verbs: RegExp, text: string, sentence: Span, dataStart: number, dataEnd: number): Span | undefined {
  // Only the stretch around the data word is searched, so a long sentence full of data
  // words costs no more than a short one each.
  const from = Math.max(sentence.start, dataStart - MAX_GAP - VERB_MAX_CHARS);
  const to = Math.min(sentence.end, dataEnd + MAX_GAP + VERB_MAX_CHARS);
  const contextStart = Math.max(0, from - VERB_MAX_CHARS);
  const stretch = text.slice(contextStart, Math.min(text.length, to + VERB_MAX_CHARS));
  let best: Span | undefined;
  let bestGap = MAX_GAP + 1;
  for (const match of stretch.matchAll(verbs)) {
    const start = contextStart + match.index;
    const end = start + match[0].length;
    if (start < from) continue;
    if (end > to) break;
    // 「ご連絡先」 holds 「ご連絡」: a verb inside the data word asks for nothing.
    if (start < dataEnd && dataStart < end) continue;
    const gap = end <= dataStart ? dataStart - end : start - dataEnd;
    if (gap < bestGap) {
      best = { start, end };
      bestGap = gap;
    }
  }
  return best;
}

/** The sentences of a text, split at 。！？!? and line breaks, and at a full stop before a space. */
class Sentences {
  /** Offset of each sentence's terminator; the last sentence ends at the text's end. */
  private readonly ends: number[] = [];
  private readonly cleared = new Map<number, boolean>();

  constructor(private readonly text: string) {
    for (let at = 0; at < text.length; at++) if (endsSentence(text, at)) this.ends.push(at);
    this.ends.push(text.length);
  }

  /** The number of the sentence holding offset `at`. */
  numberAt(at: number): number {
    let low = 0;
    let high = this.ends.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.ends[middle] ?? 0) < at) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  span(sentence: number): Span {
    const start = sentence === 0 ? 0 : (this.ends[sentence - 1] ?? 0) + 1;
    return { start, end: this.ends[sentence] ?? this.text.length };
  }

  /** A negation in the sentence, or a private channel in it or the next, clears its requests. */
  isCleared(sentence: number): boolean {
    let cleared = this.cleared.get(sentence);
    if (cleared === undefined) {
      const { start, end } = this.span(sentence);
      const nextEnd = sentence + 1 < this.ends.length ? this.span(sentence + 1).end : end;
      cleared = NEGATION.test(this.text.slice(start, end)) || PRIVATE_CHANNEL.test(this.text.slice(start, nextEnd));
      this.cleared.set(sentence, cleared);
    }
    return cleared;
  }
}

function endsSentence(text: string, at: number): boolean {
  const char = text.charAt(at);
  if (char === '。' || char === '!' || char === '?' || char === '\n' || char === '！' || char === '？') return true;
  // "support@shop.jp" and "e.g." keep their dots; a dot before a space or the end ends a sentence.
  return char === '.' && (at + 1 >= text.length || /\s/.test(text.charAt(at + 1)));
}
