/**
 * What the agent reads next to a highlighted finding, in each UI language. Both
 * tables are typed against every language and every finding kind, so a missing
 * translation is a type error.
 */
import type { Lang } from '@/utils/i18n';
import type { DraftFinding, DraftFindingKind } from './checks';
import { PRIVATE_DATA_KINDS, type PrivateDataKind } from './rules';

const DATA_NAMES: Record<Lang, Record<PrivateDataKind, string>> = {
  en: {
    phone: 'a phone number',
    email: 'an e-mail address',
    card: 'a card number',
    myNumber: 'a My Number',
    bankAccount: 'a bank account number',
    address: 'a home or postal address',
  },
  ja: {
    phone: '電話番号',
    email: 'メールアドレス',
    card: 'カード番号',
    myNumber: 'マイナンバー',
    bankAccount: '口座番号',
    address: '住所',
  },
};

const GENERIC_DATA_NAME: Record<Lang, string> = { en: 'private data', ja: '個人情報' };

type MessageBuilder = (detail: string, lang: Lang) => string;

const MESSAGES: Record<Lang, Record<DraftFindingKind, MessageBuilder>> = {
  en: {
    privateData: (detail, lang) => `This reply shows ${dataName(lang, detail)} publicly. Move it to DM or e-mail.`,
    privateDataRequest: (detail, lang) =>
      `This reply asks for ${dataName(lang, detail)} in public. Ask the customer to send it by DM or e-mail instead.`,
    brushOff: (detail) =>
      `"${detail}" with nothing else reads as a brush-off. Add the answer, what happens next, or a question.`,
    blame: (detail) => `"${detail}" can read as blaming the customer, and everyone can see it. Explain; don't argue.`,
    length: (detail) => {
      const [count, max] = detail.split('/');
      return `Too long for one post: ${count} of ${max} characters as X counts them.`;
    },
    placeholder: (detail) => `${detail} is still a template placeholder. Fill it in before posting.`,
  },
  ja: {
    privateData: (detail, lang) =>
      `${dataName(lang, detail)}が公開の返信に含まれています。DMかメールでのやり取りに切り替えてください。`,
    privateDataRequest: (detail, lang) =>
      `公開の返信で${dataName(lang, detail)}を尋ねています。DMかメールで送っていただくようご案内ください。`,
    brushOff: (detail) =>
      `「${detail}」だけでは突き放した印象になります。回答か今後の対応、または確認したいことを書き添えてください。`,
    blame: (detail) =>
      `「${detail}」はお客様を責めているように読めます。返信は誰でも見られます。反論せず、説明してください。`,
    length: (detail) => {
      const [count, max] = detail.split('/');
      return `1件の投稿には長すぎます（X の数え方で ${count}／${max} 文字）。`;
    },
    placeholder: (detail) => `${detail} がテンプレートのまま残っています。投稿する前に書き換えてください。`,
  },
};

function dataName(lang: Lang, detail: string): string {
  const kind = PRIVATE_DATA_KINDS.find((k) => k === detail);
  return kind ? DATA_NAMES[lang][kind] : GENERIC_DATA_NAME[lang];
}

export function findingMessage(lang: Lang, finding: DraftFinding): string {
  return MESSAGES[lang][finding.kind](finding.detail, lang);
}
