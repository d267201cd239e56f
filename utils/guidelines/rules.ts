/**
 * The configurable side of the draft checks: which kinds of private data to look for,
 * the length limit, and the phrases that read as a brush-off or as blaming the
 * customer. Teams edit the phrase lists; the defaults cover Japanese and English.
 */
import * as z from 'zod/mini';

export const PRIVATE_DATA_KINDS = ['phone', 'email', 'card', 'myNumber', 'bankAccount', 'address'] as const;
export const privateDataKindSchema = z.enum(PRIVATE_DATA_KINDS);
export type PrivateDataKind = z.infer<typeof privateDataKindSchema>;

// Bounded so a pasted novel cannot turn into a regex that slows every keystroke.
export const GUIDELINE_PHRASE_MAX_CHARS = 200;
export const GUIDELINE_PHRASES_MAX = 300;
const phraseList = z.array(z.string().check(z.minLength(1), z.maxLength(GUIDELINE_PHRASE_MAX_CHARS))).check(
  z.maxLength(GUIDELINE_PHRASES_MAX),
);

export const guidelineRulesSchema = z.object({
  /** X's weighted length (CJK counts double, links 23); 280 for a standard account. */
  maxWeightedLength: z.int().check(z.positive(), z.maximum(25_000)),
  privateData: z.object({
    phone: z.boolean(),
    email: z.boolean(),
    card: z.boolean(),
    myNumber: z.boolean(),
    bankAccount: z.boolean(),
    address: z.boolean(),
  }),
  /** Warn when the draft asks the customer to post private data publicly. */
  privateDataRequests: z.boolean(),
  /** Phrases that, with nothing else of substance, dismiss the customer. */
  brushOffPhrases: phraseList,
  /** Phrases that argue with or blame the customer, wherever they appear. */
  blamePhrases: phraseList,
});
/** Treated as immutable: compiled patterns are cached per rules object. */
export type GuidelineRules = z.infer<typeof guidelineRulesSchema>;

// Frozen: the compiled patterns are cached per rules object, so it must not change in place.
function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (inner !== null && typeof inner === 'object') deepFreeze(inner);
  return Object.freeze(value);
}

export const DEFAULT_GUIDELINE_RULES: GuidelineRules = deepFreeze({
  maxWeightedLength: 280,
  privateData: { phone: true, email: true, card: true, myNumber: true, bankAccount: true, address: true },
  privateDataRequests: true,
  brushOffPhrases: [
    '貴重なご意見は今後の参考にさせていただきます',
    '今後の参考にさせていただきます',
    '今後の参考にいたします',
    'ご意見として承ります',
    'ご意見ありがとうございます',
    'ご意見をいただきありがとうございます',
    '貴重なご意見をありがとうございます',
    '関係部署に共有いたします',
    '担当部署に共有いたします',
    '社内で共有いたします',
    '関係部署に申し伝えます',
    '担当部署に申し伝えます',
    '社内で共有させていただきます',
    'we appreciate your feedback',
    // Catch "thanks so much for your feedback" and the like; alone they still say nothing.
    'for your feedback',
    'for the feedback',
    'thank you for your feedback',
    'thanks for your feedback',
    'thanks for the feedback',
    'we value your feedback',
    'your feedback has been noted',
    'we have noted your feedback',
    "we'll take your feedback into consideration",
    "we'll pass this on to the team",
    "we'll pass it on to the team",
    'we have passed your feedback on',
    "we'll share this with the team",
    "we'll share it with the team",
    'we have shared this with the team',
  ],
  blamePhrases: [
    'お客様の勘違い',
    '勘違いされている',
    '説明した通り',
    '説明したとおり',
    'ご確認不足',
    '確認不足',
    '何度も申し上げている',
    '何度も申し上げております',
    '既にお伝えした通り',
    '先ほども申し上げた通り',
    'お客様の責任',
    'お客様側の問題',
    '弊社に非はございません',
    '落ち着いてください',
    'you should have',
    "you should've",
    'as we already said',
    'as I already said',
    'as previously stated',
    "you didn't read",
    'you did not read',
    'if you had read',
    "that's your fault",
    'that is your fault',
    'calm down',
    'you misunderstood',
    "you're wrong",
    'you are wrong',
    'user error',
    "we've already told you",
    "it's not our fault",
  ],
});
