/**
 * The templates a new installation starts with, in Japanese and English. They follow
 * the practice of answering fast and as a person: acknowledge at once (and follow up
 * with a real answer), apologise, move private matters to DM or e-mail, thank for
 * feedback saying what happens next, follow up with the result, close when resolved.
 */
import type { Template } from '@/utils/model';

/** Well-known categories; teams may add their own words. */
export const TEMPLATE_CATEGORIES = ['acknowledge', 'apology', 'moveToPrivate', 'feedback', 'followUp', 'resolved'] as const;

/** The template the reply guide offers when a draft shows or asks for private data. */
export const MOVE_TO_PRIVATE_TEMPLATE_ID = 'default:move-to-private';

type DefaultTemplate = Pick<Template, 'id' | 'title' | 'category' | 'code' | 'variants'>;

export const DEFAULT_TEMPLATES: readonly DefaultTemplate[] = [
  {
    id: 'default:acknowledge',
    title: '受付・確認中 / Acknowledge',
    category: 'acknowledge',
    code: 'ack',
    variants: [
      {
        lang: 'ja',
        body: '{name}様、ご連絡ありがとうございます。担当の{agent}です。ただいま確認しておりますので、少々お待ちください。分かり次第こちらでご連絡いたします。',
      },
      {
        lang: 'en',
        body: "Hi {name}, thanks for reaching out. This is {agent}. We're looking into it now and will reply here as soon as we know more.",
      },
    ],
  },
  {
    id: 'default:apology',
    title: 'お詫び / Apology',
    category: 'apology',
    code: 'sorry',
    variants: [
      {
        lang: 'ja',
        body: '{name}様、{issue}の件でご不便をおかけし、申し訳ございません。すぐに確認し、{next_step}。',
      },
      {
        lang: 'en',
        body: "{name}, we're sorry for the trouble with {issue}. We're checking it right away and {next_step}.",
      },
    ],
  },
  {
    id: MOVE_TO_PRIVATE_TEMPLATE_ID,
    title: 'DM・メールへのご案内 / Continue in DM or e-mail',
    category: 'moveToPrivate',
    code: 'dm',
    variants: [
      {
        lang: 'ja',
        body: '{name}様、詳しくお調べするため、お手数ですが{detail}をDMでお知らせいただけますでしょうか。お名前やご住所などの個人情報は、この公開の返信には書かないようお願いいたします。',
      },
      {
        lang: 'en',
        body: "{name}, so we can look into this properly, could you send us {detail} by DM? Please don't post personal details such as your address in a public reply.",
      },
    ],
  },
  {
    id: 'default:feedback',
    title: 'ご意見へのお礼 / Thanks for feedback',
    category: 'feedback',
    code: 'thanks',
    variants: [
      {
        lang: 'ja',
        body: '{name}様、ご意見ありがとうございます。いただいた内容は{team}に共有しました。{next_step}。',
      },
      {
        lang: 'en',
        body: 'Thank you, {name}. We have shared this with {team}. {next_step}.',
      },
    ],
  },
  {
    id: 'default:follow-up',
    title: '結果のご報告 / Follow-up with the result',
    category: 'followUp',
    code: 'result',
    variants: [
      {
        lang: 'ja',
        body: '{name}様、お待たせいたしました。{result}。ほかにご不明な点があれば、お気軽にお知らせください。',
      },
      {
        lang: 'en',
        body: 'Thanks for waiting, {name}. {result}. Let us know if anything else comes up.',
      },
    ],
  },
  {
    id: 'default:resolved',
    title: '解決のご確認 / Resolved',
    category: 'resolved',
    code: 'done',
    variants: [
      {
        lang: 'ja',
        body: '{name}様、解決したとのことで安心いたしました。またいつでもご連絡ください。',
      },
      {
        lang: 'en',
        body: "Glad to hear it's sorted, {name}! Reach out any time.",
      },
    ],
  },
];

/** The default templates as stored records. */
export function defaultTemplateRecords(now: Date): Template[] {
  const stamp = now.toISOString();
  return DEFAULT_TEMPLATES.map((template) => ({
    ...template,
    scope: 'personal',
    createdAt: stamp,
    updatedAt: stamp,
    deletedAt: null,
  }));
}
