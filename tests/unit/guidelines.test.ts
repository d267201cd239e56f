import { describe, expect, it } from 'vitest';
import {
  checkDraft,
  DEFAULT_GUIDELINE_RULES,
  type DraftFinding,
  type DraftFindingKind,
  findingMessage,
  type GuidelineRules,
  guidelineRulesSchema,
  PRIVATE_DATA_KINDS,
  type PrivateDataKind,
  weightedLength,
} from '@/utils/guidelines';
import { isValidMyNumber, passesLuhn } from '@/utils/guidelines/check-digits';
import { foldWidth } from '@/utils/guidelines/fold';
import { DEFAULT_TEMPLATES } from '@/utils/templates/defaults';
import { fillTemplate, promptedVariables } from '@/utils/templates/variables';

const rules = DEFAULT_GUIDELINE_RULES;

/** The findings of one kind, each as [detail, the text its offsets point at]. */
function found(draft: string, kind: DraftFindingKind, options?: { rules?: GuidelineRules; allowedNumbers?: string[] }) {
  return checkDraft(draft, options?.rules ?? rules, { allowedNumbers: options?.allowedNumbers })
    .filter((finding) => finding.kind === kind)
    .map((finding) => [finding.detail, draft.slice(finding.start, finding.end)]);
}

function withRules(change: (draft: GuidelineRules) => GuidelineRules): GuidelineRules {
  return change(structuredClone(DEFAULT_GUIDELINE_RULES));
}

describe('rules', () => {
  it('the defaults are valid rules with every private data check on', () => {
    expect(guidelineRulesSchema.parse(DEFAULT_GUIDELINE_RULES)).toEqual(DEFAULT_GUIDELINE_RULES);
    expect(DEFAULT_GUIDELINE_RULES.maxWeightedLength).toBe(280);
    for (const kind of PRIVATE_DATA_KINDS) expect(DEFAULT_GUIDELINE_RULES.privateData[kind]).toBe(true);
    expect(DEFAULT_GUIDELINE_RULES.brushOffPhrases).toEqual(
      expect.arrayContaining(['貴重なご意見は今後の参考にさせていただきます', 'ご意見ありがとうございます', 'we appreciate your feedback']),
    );
    expect(DEFAULT_GUIDELINE_RULES.blamePhrases).toEqual(
      expect.arrayContaining(['you should have', 'calm down', 'お客様の勘違い', '説明した通り', 'ご確認不足', '何度も申し上げている']),
    );
  });

  it('the defaults cannot be changed in place, so cached patterns stay right', () => {
    expect(Object.isFrozen(DEFAULT_GUIDELINE_RULES.blamePhrases)).toBe(true);
    expect(() => DEFAULT_GUIDELINE_RULES.blamePhrases.push('x')).toThrow(TypeError);
  });

  it.each([
    ['a zero length limit', { ...DEFAULT_GUIDELINE_RULES, maxWeightedLength: 0 }],
    ['a fractional length limit', { ...DEFAULT_GUIDELINE_RULES, maxWeightedLength: 280.5 }],
    ['an empty phrase', { ...DEFAULT_GUIDELINE_RULES, blamePhrases: [''] }],
    ['a phrase longer than 200 characters', { ...DEFAULT_GUIDELINE_RULES, brushOffPhrases: ['a'.repeat(201)] }],
    ['a missing private data switch', { ...DEFAULT_GUIDELINE_RULES, privateData: { phone: true } }],
  ])('rejects %s', (_, value) => {
    expect(guidelineRulesSchema.safeParse(value).success).toBe(false);
  });
});

describe('check digits', () => {
  it.each(['4111111111111111', '5555555555554444', '378282246310005', '3530111333300000'])('%s passes Luhn', (digits) => {
    expect(passesLuhn(digits)).toBe(true);
  });

  it('a changed digit fails Luhn', () => {
    expect(passesLuhn('4111111111111112')).toBe(false);
  });

  it('accepts a My Number with the right check digit and no other', () => {
    expect(isValidMyNumber('123456789018')).toBe(true);
    for (let check = 0; check <= 9; check++) {
      if (check !== 8) expect(isValidMyNumber(`12345678901${check}`)).toBe(false);
    }
  });
});

describe('width folding', () => {
  it('keeps offsets when every folded character is one for one', () => {
    const folded = foldWidth('０９０－１２３４　ＤＭ｛ｎａｍｅ｝');
    expect(folded.text).toBe('090-1234 DM{name}');
    expect(folded.toOriginal(5)).toBe(5);
  });

  it('maps back through half-width kana with a voicing mark', () => {
    const folded = foldWidth('ﾃﾞﾝﾜ 090');
    expect(folded.text).toBe('デンワ 090');
    expect(folded.toOriginal(4)).toBe(5);
    expect(folded.toOriginal(folded.text.length)).toBe(8);
  });
});

describe('private data in the draft', () => {
  it.each<[string, string, PrivateDataKind, string]>([
    ['ja mobile', 'お電話は090-1234-5678までお願いします', 'phone', '090-1234-5678'],
    ['ja landline', '東京本社（03-1234-5678）にご連絡ください', 'phone', '03-1234-5678'],
    ['ja toll-free', 'フリーダイヤル 0120-123-456 まで', 'phone', '0120-123-456'],
    ['ja with country code', 'Call +81 90 1234 5678 anytime', 'phone', '+81 90 1234 5678'],
    ['ja full-width digits', '携帯は０９０－１２３４－５６７８です', 'phone', '０９０－１２３４－５６７８'],
    ['ja long-vowel mark as dash', '０９０ー１２３４ー５６７８にお電話を', 'phone', '０９０ー１２３４ー５６７８'],
    ['ja without dashes', '番号は09012345678です', 'phone', '09012345678'],
    ['ja with brackets', '(03) 1234-5678', 'phone', '(03) 1234-5678'],
    ['US', 'Call me on +1 415 555 0100.', 'phone', '+1 415 555 0100'],
    ['UK', 'Our London desk: +44 20 7946 0958', 'phone', '+44 20 7946 0958'],
    ['US without country code', 'Reach Sam at (415) 555-0100 today', 'phone', '(415) 555-0100'],
    ['US toll-free', 'Call 1-800-555-0199 for help', 'phone', '1-800-555-0199'],
    ['e-mail', 'I found taro.yamada@example.co.jp on the order', 'email', 'taro.yamada@example.co.jp'],
    ['full-width e-mail', 'ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ に送りました', 'email', 'ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ'],
    ['card in fours', 'The card 4111 1111 1111 1111 was declined', 'card', '4111 1111 1111 1111'],
    ['card with dashes', 'カード 4111-1111-1111-1111 は無効です', 'card', '4111-1111-1111-1111'],
    ['card unbroken', 'Mastercard 5555555555554444', 'card', '5555555555554444'],
    ['Amex 4-6-5', 'Amex 3782 822463 10005 on file', 'card', '3782 822463 10005'],
    ['card and security code', 'カード番号 4111 1111 1111 1111 123 で決済', 'card', '4111 1111 1111 1111'],
    ['full-width card', '４１１１　１１１１　１１１１　１１１１', 'card', '４１１１　１１１１　１１１１　１１１１'],
    ['My Number', 'マイナンバー 123456789018 を確認しました', 'myNumber', '123456789018'],
    ['My Number in fours', 'マイナンバーは 1234 5678 9018 です', 'myNumber', '1234 5678 9018'],
    ['My Number with dashes', 'Individual number 1234-5678-9018', 'myNumber', '1234-5678-9018'],
    ['account number', '口座番号：1234567 にお振込みします', 'bankAccount', '1234567'],
    ['ordinary account', 'みずほ銀行 渋谷支店 普通 7654321', 'bankAccount', '7654321'],
    ['account after は', '返金先の口座番号は、1234567です', 'bankAccount', '1234567'],
    ['branch and account', '店番 123-1234567 宛に返金します', 'bankAccount', '123-1234567'],
    ['English account number', 'Refund to account number 12345678.', 'bankAccount', '12345678'],
    ['acct', 'acct #1234567', 'bankAccount', '1234567'],
    ['postal code and address', 'お届け先 〒150-0041 東京都渋谷区神南1-2-3 宛', 'address', '〒150-0041 東京都渋谷区神南1-2-3'],
    ['ward and block', 'お客様の渋谷区神南1-2-3に伺います', 'address', '渋谷区神南1-2-3'],
    ['chome ban go', '大阪府大阪市北区梅田3丁目1番1号', 'address', '大阪府大阪市北区梅田3丁目1番1号'],
    ['kanji chome', '渋谷区神南一丁目2番3号', 'address', '渋谷区神南一丁目2番3号'],
    ['full-width block', '横浜市港北区新横浜２－３－４', 'address', '横浜市港北区新横浜２－３－４'],
    ['English street', 'We will ship to 123 Main Street tomorrow', 'address', '123 Main Street'],
    ['English boulevard', 'Sent to 4500 W Sunset Blvd, LA', 'address', '4500 W Sunset Blvd'],
    ['English avenue', 'Our store at 350 5th Ave is open', 'address', '350 5th Ave'],
  ])('%s', (_, draft, kind, text) => {
    expect(found(draft, 'privateData')).toEqual([[kind, text]]);
  });

  it('offers the DM template with every private data finding', () => {
    const findings = checkDraft('090-1234-5678 / taro@example.jp', rules);
    expect(findings.map((f) => [f.kind, f.detail, f.suggestDmTemplate])).toEqual([
      ['privateData', 'phone', true],
      ['privateData', 'email', true],
    ]);
  });

  it('reports offsets in the original draft after emoji and half-width kana', () => {
    const draft = '🙏ﾃﾞﾝﾜ ０９０-1234-5678';
    const [finding] = checkDraft(draft, rules);
    // 🙏 is two UTF-16 units; ﾃﾞ is two characters that fold into one.
    expect(finding).toMatchObject({ kind: 'privateData', detail: 'phone', start: 7, end: 20 });
  });

  it('does not flag the company address given to continue by e-mail', () => {
    expect(found('Please e-mail us at support@kotae.example with the details.', 'privateData')).toEqual([]);
    expect(found('詳細は support@kotae.example までメールでお送りください。', 'privateData')).toEqual([]);
  });

  it('does not read the digits of an e-mail address as a phone number', () => {
    expect(found('09012345678@docomo.example.jp', 'privateData')).toEqual([['email', '09012345678@docomo.example.jp']]);
  });
});

describe('numbers that are not private data', () => {
  it.each([
    ['ISO date', '2026-11-24 に発送しました'],
    ['slashed date', 'Shipped on 2026/11/24.'],
    ['month and day', '11/24 までにお届けします'],
    ['day first', 'Delivered 24.11.2026'],
    ['Japanese date', '2026年11月24日にお届け予定です'],
    ['time', '10:30 から 18:00 まで営業しています'],
    ['Japanese time', '10時30分ごろ再開しました'],
    ['yen sign', '¥1,980 の商品'],
    ['yen suffix', '1,980円でご購入いただけます'],
    ['full-width price', '￥１，９８０（税込）'],
    ['dollars', 'It is $19.99 now'],
    ['tax included', '税込3,300円です'],
    ['order id the agent quotes', 'ご注文 A-123456789 を確認しました'],
    ['hash order id', 'Order #4821 has shipped'],
    ['labelled order number', '注文番号 12345678 の件ですね'],
    ['labelled number shaped like a phone', 'ご注文番号：0312345678 を承りました'],
    ['labelled number with a valid My Number check digit', '注文番号 123456789018 をお調べします'],
    ['order number shaped like a phone', 'Your order 09012345678 is on its way'],
    ['tracking number failing Luhn', 'Tracking: 4111111111111112'],
    ['unlabelled number failing Luhn', '1234 5678 9012 3456 で登録済みです'],
    ['Luhn-valid number no card starts with', 'Parcel 1234567890128'],
    ['twelve digits failing the My Number check', '123456789012'],
    ['version', 'Fixed in v2.3.1'],
    ['bare version', 'Update to 14.2.1 please'],
    ['years', 'Since 2019, and again in 2026'],
    ['percentage', '15% off, or 2.5% cashback'],
    ['full-width percentage', '５０％オフ'],
    ['URL with digits', 'https://example.com/orders/09012345678'],
    ['post link', 'See https://x.com/kotae/status/1790000000000000000'],
    ['post id', '1790000000000000000'],
    ['ranges of days', '1-2日でお届けします。渋谷区の店舗からは3-5営業日です'],
    ['quantity', 'Qty 2 x 1,980円'],
    ['everyday 普通', '普通は3営業日で、ご注文番号1234567です'],
    ['JAN product code', '品番 4901234567894 の在庫はございます'],
    ['unlabelled JAN code', 'Barcode 4901234567894'],
    ['member id shaped like a phone', '会員ID 0312345678 でログインできます'],
    ['IP address', 'IP 192.168.0.1'],
  ])('%s', (_, draft) => {
    expect(found(draft, 'privateData', { allowedNumbers: ['A-123456789'] })).toEqual([]);
  });

  it('excuses only the numbers the agent was asked to quote', () => {
    const draft = 'Ref 4111 1111 1111 1111';
    expect(found(draft, 'privateData')).toEqual([['card', '4111 1111 1111 1111']]);
    expect(found(draft, 'privateData', { allowedNumbers: ['4111111111111111'] })).toEqual([]);
    expect(found('Ticket 090-1234-5678', 'privateData', { allowedNumbers: ['090-1234-5678'] })).toEqual([]);
  });
});

describe('requests for private data in public', () => {
  it.each<[string, string, PrivateDataKind, string]>([
    ['en card', 'Please reply with your card number.', 'card', 'reply with your card number'],
    ['en phone', 'Please send us your phone number.', 'phone', 'send us your phone number'],
    ['en address', 'What is your address?', 'address', 'What is your address'],
    ['en e-mail', 'Could you share your email address below?', 'email', 'share your email address'],
    ['en account', 'Reply here with your account number so we can refund you', 'bankAccount', 'Reply here with your account number'],
    ['en My Number', 'Please post your My Number', 'myNumber', 'post your My Number'],
    ['ja phone', '電話番号を教えてください', 'phone', '電話番号を教えて'],
    ['ja card', 'カード番号をリプライでお送りください', 'card', 'カード番号をリプライ'],
    ['ja card, short', 'カード番号をリプライで', 'card', 'カード番号をリプライ'],
    ['ja address', '住所を返信してください', 'address', '住所を返信'],
    ['ja account', '口座番号をお知らせください', 'bankAccount', '口座番号をお知らせ'],
    ['ja My Number', 'マイナンバーを記載してください', 'myNumber', 'マイナンバーを記載'],
    ['ja e-mail', 'メールアドレスをコメントで教えてください', 'email', 'メールアドレスをコメント'],
    ['ja contact', 'ご連絡先を教えてください', 'phone', 'ご連絡先を教えて'],
    ['ja full-width', 'ご住所をリプライでお知らせください', 'address', 'ご住所をリプライ'],
    ['en name and address', 'Please tell us your name and address', 'address', 'tell us your name and address'],
    ['en with a detail', 'Please reply with your card number without spaces.', 'card', 'reply with your card number'],
    ['ja noun verb', '郵便番号を記入してください', 'address', '郵便番号を記入'],
  ])('%s', (_, draft, kind, text) => {
    expect(found(draft, 'privateDataRequest')).toEqual([[kind, text]]);
    expect(checkDraft(draft, rules).find((f) => f.kind === 'privateDataRequest')?.suggestDmTemplate).toBe(true);
  });

  it.each([
    ['asking by DM', 'DM us your email.'],
    ['asking by DM, as a question', 'Could you DM us your address?'],
    ['asking by e-mail', 'Please e-mail us your phone number.'],
    ['DM in the next sentence', 'What is your address? Please send it by DM.'],
    ['via a form', 'Please share your card details through our secure form.'],
    ['ja DM', 'DMでご住所をお知らせください'],
    ['ja direct message', 'ダイレクトメッセージで電話番号を教えてください'],
    ['ja e-mail', 'メールにて口座番号をお知らせください'],
    ['ja order number by DM', 'DMで注文番号をお知らせください'],
    ['not private data', 'Please reply with your order number.'],
    ['warning not to post', "Please don't post your card number here."],
    ['ja warning not to post', 'カード番号はリプライに書かないでください'],
    ['the company acts', 'We will send the replacement to your address.'],
    ['ja the company acts', 'ご登録の電話番号にご連絡いたします'],
    ['ja the company sends', 'ご住所宛にお送りします'],
    ['ja the company states where', 'ご連絡先はプロフィールに記載しています'],
    ['ja a statement about the address', 'ご住所の記載に誤りがございました。'],
    ['on their own account page', 'Please update your address in your account settings.'],
    ['ja on their own account page', 'ご住所をマイページで入力してください'],
  ])('%s', (_, draft) => {
    expect(found(draft, 'privateDataRequest')).toEqual([]);
  });
});

describe('brush-offs', () => {
  it.each([
    ['en alone', 'Thank you for your feedback!', 'thank you for your feedback'],
    ['en with handle and emoji', 'Hi @sam_k, thanks for your feedback 🙏', 'thanks for your feedback'],
    ['en with a closing', 'We appreciate your feedback. Have a great day!', 'we appreciate your feedback'],
    ['en with a name', 'Thanks so much for your feedback, Sarah!', 'for your feedback'],
    ['en signed', 'Your feedback has been noted.\n— Ken', 'your feedback has been noted'],
    ['ja alone', 'ご意見ありがとうございます。', 'ご意見ありがとうございます'],
    ['ja with name and emoji', '田中様、貴重なご意見ありがとうございます！今後の参考にさせていただきます🙇‍♀️', 'ご意見ありがとうございます'],
    ['ja with a closing', '貴重なご意見は今後の参考にさせていただきます。今後ともよろしくお願いいたします。', '貴重なご意見は今後の参考にさせていただきます'],
    ['ja with handle and signature', '@taro ご意見ありがとうございます（担当：山田）', 'ご意見ありがとうございます'],
    ['ja full-width', 'ＴＨＡＮＫ ＹＯＵ ＦＯＲ ＹＯＵＲ ＦＥＥＤＢＡＣＫ', 'thank you for your feedback'],
  ])('%s', (_, draft, phrase) => {
    const findings = checkDraft(draft, rules).filter((f) => f.kind === 'brushOff');
    expect(findings.map((f) => f.detail)).toEqual([phrase]);
    const [finding] = findings as [DraftFinding];
    expect(foldWidth(draft.slice(finding.start, finding.end)).text.toLowerCase()).toBe(phrase);
  });

  it.each([
    ['en with an answer', 'Thank you for your feedback. We fixed this in version 2.3.1, please update.'],
    ['en with a question', 'Thanks for your feedback! Which screen were you on when it crashed?'],
    ['en with information', 'We appreciate your feedback. The dark mode switch is now under Settings, Display.'],
    ['en without a stock phrase', 'Thanks for reaching out!'],
    ['ja with a next step', 'ご意見ありがとうございます。明日のアップデートで修正いたします。'],
    ['ja with a question', 'ご意見ありがとうございます。どの画面で発生しましたか？'],
    ['ja short next step', 'ご意見ありがとうございます。確認します。'],
  ])('%s', (_, draft) => {
    expect(found(draft, 'brushOff')).toEqual([]);
  });
});

describe('blame', () => {
  it.each([
    ['en', 'You should have read the FAQ.', 'you should have', 'You should have'],
    ['en mid-sentence', 'Sorry, but as we already said, the store is closed.', 'as we already said', 'as we already said'],
    ['en contraction', "You didn't read the e-mail.", "you didn't read", "You didn't read"],
    ['en curly apostrophe', 'That’s your fault.', "that's your fault", 'That’s your fault'],
    ['en full-width', 'ＣＡＬＭ ＤＯＷＮ', 'calm down', 'ＣＡＬＭ ＤＯＷＮ'],
    ['ja', 'お客様の勘違いかと存じます', 'お客様の勘違い', 'お客様の勘違い'],
    ['ja inside politeness', '以前ご説明した通り、返品はできません', '説明した通り', '説明した通り'],
    ['ja confirmation', 'ご確認不足かと思われます', 'ご確認不足', 'ご確認不足'],
    ['ja repeated', '何度も申し上げている通り', '何度も申し上げている', '何度も申し上げている'],
  ])('%s', (_, draft, phrase, text) => {
    expect(found(draft, 'blame')).toEqual([[phrase, text]]);
  });

  it('finds every blame phrase in a draft', () => {
    expect(found('As we already said, you should have checked. Calm down.', 'blame').map(([phrase]) => phrase)).toEqual([
      'as we already said',
      'you should have',
      'calm down',
    ]);
  });

  it.each([
    ['kindness', "It's not your fault at all."],
    ['a longer word', 'The calm downstairs lounge is open.'],
    ['agreement', "You're not wrong to ask."],
    ['an expectation', 'You should have received a confirmation e-mail.'],
    ['a delivery promise', 'You should have it by Friday.'],
    ['calm as a state', "We'll sort it once things calm down."],
  ])('does not flag %s', (_, draft) => {
    expect(found(draft, 'blame')).toEqual([]);
  });

  it('matches configured phrases whatever their width, with original offsets', () => {
    const custom = withRules((r) => ({ ...r, blamePhrases: ['ダメ'] }));
    const draft = 'それはﾀﾞﾒです';
    expect(found(draft, 'blame', { rules: custom })).toEqual([['ダメ', 'ﾀﾞﾒ']]);
  });

  it('compiles each rules object on its own', () => {
    const first = withRules((r) => ({ ...r, blamePhrases: ['alpha'] }));
    const second = withRules((r) => ({ ...r, blamePhrases: ['beta'] }));
    expect(found('alpha beta', 'blame', { rules: first })).toEqual([['alpha', 'alpha']]);
    expect(found('alpha beta', 'blame', { rules: second })).toEqual([['beta', 'beta']]);
  });
});

describe('placeholders', () => {
  it('finds template variables left unfilled, ASCII and full-width', () => {
    const draft = 'Hi {name}, your order {order_id} ｛お名前｝ ｛ｏｒｄｅｒ＿ｉｄ｝';
    expect(found(draft, 'placeholder')).toEqual([
      ['{name}', '{name}'],
      ['{order_id}', '{order_id}'],
      ['｛お名前｝', '｛お名前｝'],
      ['｛ｏｒｄｅｒ＿ｉｄ｝', '｛ｏｒｄｅｒ＿ｉｄ｝'],
    ]);
  });

  it('leaves ordinary braces alone', () => {
    expect(found('Use {} or { name } in JSON', 'placeholder')).toEqual([]);
  });
});

describe('length', () => {
  it('counts CJK characters double, as X does', () => {
    expect(weightedLength('あ'.repeat(140))).toEqual({ weightedLength: 280, valid: true, permillage: 1000 });
    expect(weightedLength('あ'.repeat(141))).toMatchObject({ weightedLength: 282, valid: false });
    expect(weightedLength('a'.repeat(280))).toMatchObject({ weightedLength: 280, valid: true });
  });

  it('counts every link as 23', () => {
    expect(weightedLength(`see https://example.com/${'a'.repeat(100)}`).weightedLength).toBe(4 + 23);
    expect(weightedLength('see example.com').weightedLength).toBe(4 + 23);
  });

  it('flags a draft over the limit from where it overflows', () => {
    const draft = 'あ'.repeat(141);
    expect(checkDraft(draft, rules)).toEqual([
      { kind: 'length', detail: '282/280', start: 140, end: 141, suggestDmTemplate: false },
    ]);
    expect(checkDraft('あ'.repeat(140), rules)).toEqual([]);
  });

  it('follows a configured limit', () => {
    const short = withRules((r) => ({ ...r, maxWeightedLength: 10 }));
    expect(checkDraft('abcdefghijkl', short)).toEqual([
      { kind: 'length', detail: '12/10', start: 10, end: 12, suggestDmTemplate: false },
    ]);
  });
});

describe('switching rules off', () => {
  it.each<[PrivateDataKind, string]>([
    ['phone', '090-1234-5678'],
    ['email', 'taro@example.jp'],
    ['card', '4111 1111 1111 1111'],
    ['myNumber', '123456789018'],
    ['bankAccount', '口座番号 1234567'],
    ['address', '東京都渋谷区神南1-2-3'],
  ])('%s', (kind, draft) => {
    expect(found(draft, 'privateData').map(([detail]) => detail)).toEqual([kind]);
    const off = withRules((r) => ({ ...r, privateData: { ...r.privateData, [kind]: false } }));
    expect(checkDraft(draft, off)).toEqual([]);
  });

  it('requests', () => {
    const off = withRules((r) => ({ ...r, privateDataRequests: false }));
    expect(checkDraft('電話番号を教えてください', off)).toEqual([]);
  });

  it('brush-offs and blame with empty lists', () => {
    const off = withRules((r) => ({ ...r, brushOffPhrases: [], blamePhrases: [] }));
    expect(checkDraft('Thank you for your feedback!', off)).toEqual([]);
    expect(checkDraft('Calm down, as we already said.', off)).toEqual([]);
  });
});

describe('default templates', () => {
  const values: Record<string, string> = {
    name: 'Sato',
    agent: 'Ken',
    issue: 'the app update',
    detail: 'your order number',
    next_step: 'we will reply here by tomorrow',
    team: 'the product team',
    result: 'the refund was sent today',
  };

  it.each(DEFAULT_TEMPLATES.flatMap((template) => template.variants.map((variant) => [template.id, variant.lang, variant.body])))(
    '%s (%s) passes the checks once filled, and shows its gaps when not',
    (_, __, body) => {
      expect(checkDraft(fillTemplate(body, values).text, rules)).toEqual([]);
      expect(found(body, 'placeholder').map(([token]) => token)).toEqual(
        [...body.matchAll(/\{[A-Za-z0-9_]+\}/g)].map((m) => m[0]),
      );
      expect(promptedVariables(body).every((name) => body.includes(`{${name}}`))).toBe(true);
    },
  );
});

describe('messages', () => {
  const sample: Record<DraftFindingKind, DraftFinding> = {
    privateData: { kind: 'privateData', detail: 'phone', start: 0, end: 1, suggestDmTemplate: true },
    privateDataRequest: { kind: 'privateDataRequest', detail: 'address', start: 0, end: 1, suggestDmTemplate: true },
    brushOff: { kind: 'brushOff', detail: 'thank you for your feedback', start: 0, end: 1, suggestDmTemplate: false },
    blame: { kind: 'blame', detail: '説明した通り', start: 0, end: 1, suggestDmTemplate: false },
    length: { kind: 'length', detail: '312/280', start: 0, end: 1, suggestDmTemplate: false },
    placeholder: { kind: 'placeholder', detail: '{order_id}', start: 0, end: 1, suggestDmTemplate: false },
  };

  it('explains a phone number in each language', () => {
    expect(findingMessage('en', sample.privateData)).toBe('This reply shows a phone number publicly. Move it to DM or e-mail.');
    expect(findingMessage('ja', sample.privateData)).toBe(
      '電話番号が公開の返信に含まれています。DMかメールでのやり取りに切り替えてください。',
    );
  });

  it.each(Object.values(sample))('explains $kind in English and Japanese', (finding) => {
    const en = findingMessage('en', finding);
    const ja = findingMessage('ja', finding);
    expect(en.replace(finding.detail, '')).not.toMatch(/[\p{sc=Hiragana}\p{sc=Katakana}]/u);
    expect(ja).toMatch(/[\p{sc=Hiragana}\p{sc=Katakana}]/u);
    if (finding.kind !== 'privateData' && finding.kind !== 'privateDataRequest') {
      const shown = finding.kind === 'length' ? '312' : finding.detail;
      expect(en).toContain(shown);
      expect(ja).toContain(shown);
    }
  });

  it('names each kind of private data', () => {
    const names = PRIVATE_DATA_KINDS.map((kind) => findingMessage('en', { ...sample.privateData, detail: kind }));
    expect(new Set(names).size).toBe(PRIVATE_DATA_KINDS.length);
    expect(findingMessage('ja', { ...sample.privateDataRequest, detail: 'address' })).toContain('住所');
  });
});

describe('speed on hostile input', () => {
  it.each([
    ['letters without an @', 'a'.repeat(5000)],
    ['digits', '1'.repeat(5000)],
    ['dashed digits', '1-'.repeat(2500)],
    ['spaced digits', '1 '.repeat(2500)],
    ['kanji', '東京都渋谷区'.repeat(800)],
    ['dotted labels', `a@${'b.'.repeat(2500)}`],
    ['capitalised words', `1 ${'Main '.repeat(1000)}`],
    ['one long sentence of requests', '住所を教えて'.repeat(800)],
    ['account words', '口座 '.repeat(1600)],
  ])('%s stays fast', (_, draft) => {
    checkDraft(draft, rules);
    const started = performance.now();
    checkDraft(draft, rules);
    expect(performance.now() - started).toBeLessThan(100);
  });
});
