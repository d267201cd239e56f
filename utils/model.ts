/**
 * The data model: one zod schema per record, the single source of types for the
 * extension (Dexie, messages, UI) and for the team server. Schemas describe
 * stored records; `*InputSchema`s describe what a person may submit.
 */
// zod/mini: the same schemas, tree-shaken. The content script ships with a
// fraction of full zod's size, which keeps every x.com tab light.
import * as z from 'zod/mini';
import { timerEventSchema } from '@/utils/timer/events';

export const platformSchema = z.enum(['x', 'facebook']);
export type Platform = z.infer<typeof platformSchema>;

/** Where an identity lives: a social site, or an e-mail address linked by hand. */
export const identityKindSchema = z.enum(['x', 'facebook', 'email']);
export type IdentityKind = z.infer<typeof identityKindSchema>;

export const customerStatusSchema = z.enum(['new', 'open', 'waiting', 'resolved']);
export type CustomerStatus = z.infer<typeof customerStatusSchema>;

const isoDate = z.iso.datetime({ offset: true });
const id = z.string().check(z.minLength(1), z.maxLength(200));
/** Post links are only ever https pages of the sites: never `javascript:` or `data:`. */
const postUrl = z.url({ protocol: /^https$/ }).check(z.maxLength(2000));

/** X post ids are 64-bit snowflakes: always strings, never numbers. */
export const postIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'not a post id'));

// X handles are [A-Za-z0-9_]{1,15}; some legacy ones are longer. Facebook uses
// numeric ids or vanity names (letters, digits, dots).
const X_HANDLE = /^[a-z0-9_]{1,50}$/;
const FACEBOOK_ID = /^[a-z0-9.]{1,100}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

/** Normalises what someone typed or what a page shows into an identity handle. */
export function normaliseHandle(kind: IdentityKind, raw: string): string {
  const trimmed = raw.trim();
  if (kind === 'x') return trimmed.replace(/^@/, '').toLowerCase();
  return trimmed.toLowerCase();
}

export function isValidHandle(kind: IdentityKind, handle: string): boolean {
  if (kind === 'x') return X_HANDLE.test(handle);
  if (kind === 'facebook') return FACEBOOK_ID.test(handle);
  return EMAIL.test(handle);
}

/** `x:alice`, `facebook:1000123`, `email:a@b.jp`: the key the DOM contract and Dexie use. */
export const identityKeySchema = z.string().check(
  z.maxLength(400),
  z.refine((key: string) => {
    const sep = key.indexOf(':');
    if (sep < 0) return false;
    const kind = identityKindSchema.safeParse(key.slice(0, sep));
    return kind.success && isValidHandle(kind.data, key.slice(sep + 1));
  }, 'not an identity key such as x:handle'),
);

export function identityKey(kind: IdentityKind, handle: string): string {
  return `${kind}:${normaliseHandle(kind, handle)}`;
}

/** `x:1790000000000000000`: a post as the DOM contract names it. */
export const postKeySchema = z
  .string()
  .check(z.maxLength(200), z.regex(/^(x|facebook):[A-Za-z0-9_.:-]{1,180}$/, 'not a post key such as x:123'));

export function postKey(platform: Platform, postId: string): string {
  return `${platform}:${postId}`;
}

// Control characters other than tab and newline are invisible, break CSV and
// terminals, and are never what a person meant to type. Line endings become \n.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '');
}

export const NOTE_MAX_CHARS = 50_000;
export const TAG_MAX_CHARS = 40;
export const DISPLAY_NAME_MAX_CHARS = 200;
export const POST_TEXT_MAX_CHARS = 10_000;
/** A reply: far above any site's limit, below anything that could hurt. */
export const REPLY_MAX_CHARS = 25_000;

const displayName = z.string().check(z.maxLength(DISPLAY_NAME_MAX_CHARS));

export const customerSchema = z.object({
  id,
  displayName,
  status: customerStatusSchema,
  createdAt: isoDate,
  updatedAt: isoDate,
  /** Set when this record was merged into another by linking identities. */
  mergedInto: z.nullable(id),
});
export type Customer = z.infer<typeof customerSchema>;

export const identitySchema = z.object({
  /** The identity key, e.g. `x:alice`. */
  id: identityKeySchema,
  kind: identityKindSchema,
  handle: z.string().check(z.minLength(1), z.maxLength(300)),
  displayName,
  customerId: id,
  createdAt: isoDate,
  updatedAt: isoDate,
  /** true when an agent linked it by hand, false when it was seen on a post. */
  linkedByHand: z.boolean(),
});
export type Identity = z.infer<typeof identitySchema>;

export const interactionKindSchema = z.enum([
  'seen',
  'replied',
  // What happened to a post besides a plain reply; each also moves its response timer.
  'acknowledged',
  'movedToPrivate',
  'followedUp',
  'recordedWithoutReply',
  'markedAnswered',
  'reopened',
  // A reply from one of the team's own accounts, seen in the post's thread.
  'teamReplied',
]);
/** Marks an agent sets by hand on a post. */
export const postMarkSchema = z.enum(['markedAnswered', 'acknowledged', 'movedToPrivate', 'followedUp', 'recordedWithoutReply', 'reopened']);
export type PostMark = z.infer<typeof postMarkSchema>;
export type InteractionKind = z.infer<typeof interactionKindSchema>;

export const interactionSchema = z.object({
  /** `seen:x:<postId>`: one record per post and kind, so seeing twice records once. */
  id,
  customerId: id,
  identityId: identityKeySchema,
  kind: interactionKindSchema,
  postKey: postKeySchema,
  postUrl,
  postText: z.string().check(z.maxLength(POST_TEXT_MAX_CHARS)),
  /** The post's own timestamp, from the page. */
  postedAt: z.nullable(isoDate),
  recordedAt: isoDate,
  byAgentId: z.nullable(id),
  /** For replies: the template the agent started from, if any. */
  templateId: z.optional(z.nullable(id)),
});
export type Interaction = z.infer<typeof interactionSchema>;

export function interactionId(kind: InteractionKind, key: string): string {
  return `${kind}:${key}`;
}

export const noteBodySchema = z.pipe(
  z.pipe(z.string(), z.transform(cleanText)),
  z.string().check(
    z.refine((s: string) => s.trim().length > 0, 'empty'),
    z.refine((s: string) => s.length <= NOTE_MAX_CHARS, 'tooLong'),
  ),
);

/** A body a note had before someone saved over it: edits never lose text. */
export const noteRevisionSchema = z.object({
  body: z.string().check(z.maxLength(NOTE_MAX_CHARS)),
  /** Who wrote this body, and when it was replaced. */
  authorName: displayName,
  replacedAt: isoDate,
});
export type NoteRevision = z.infer<typeof noteRevisionSchema>;
export const NOTE_REVISIONS_MAX = 50;

export const noteSchema = z.object({
  id,
  customerId: id,
  body: z.string().check(z.minLength(1), z.maxLength(NOTE_MAX_CHARS)),
  /** Seen only by its author (and the team's supervisors and admins on a server). */
  private: z.optional(z.boolean()),
  /** Earlier bodies, oldest first; filled in by the team server when edits cross. */
  revisions: z.optional(z.array(noteRevisionSchema).check(z.maxLength(NOTE_REVISIONS_MAX))),
  authorId: id,
  authorName: displayName,
  /** The post the note was written on, when there was one. */
  postKey: z.nullable(postKeySchema),
  createdAt: isoDate,
  updatedAt: isoDate,
  /** Tombstone: deleted notes keep their row so a delete can sync. */
  deletedAt: z.nullable(isoDate),
});
export type Note = z.infer<typeof noteSchema>;

export const tagLabelSchema = z.pipe(
  z.pipe(
    z.string(),
    z.transform((s: string) => cleanText(s).replace(/\s+/g, ' ').trim()),
  ),
  z.string().check(z.minLength(1, 'empty'), z.maxLength(TAG_MAX_CHARS, 'tooLong')),
);

export const tagSchema = z.object({
  /** `<customerId>:<label lower-cased>`: two devices adding the same tag make one record. */
  id,
  customerId: id,
  label: z.string().check(z.minLength(1), z.maxLength(TAG_MAX_CHARS)),
  createdAt: isoDate,
  createdBy: id,
  deletedAt: z.nullable(isoDate),
});
export type Tag = z.infer<typeof tagSchema>;

export function tagId(customerId: string, label: string): string {
  return `${customerId}:${label.toLowerCase()}`;
}

/** A post as a site adapter read it from the page; crosses the content-script boundary. */
export const seenPostSchema = z.object({
  platform: platformSchema,
  postId: postIdSchema,
  authorHandle: z.string().check(z.minLength(1), z.maxLength(100)),
  authorName: displayName,
  postedAt: z.nullable(isoDate),
  text: z.pipe(
    z.string(),
    z.transform((s: string) => s.slice(0, POST_TEXT_MAX_CHARS)),
  ),
  permalink: postUrl,
});
export type SeenPost = z.infer<typeof seenPostSchema>;

const count = z.int().check(z.nonnegative());

/** What a badge shows: counts and status, never note text. */
export const customerSummarySchema = z.object({
  identityId: identityKeySchema,
  customerId: id,
  seenCount: count,
  repliedCount: count,
  noteCount: count,
  tags: z.array(z.string()),
  status: customerStatusSchema,
});
export type CustomerSummary = z.infer<typeof customerSummarySchema>;

/** What a post's response timer is computed from (with the page's own post time). */
export const postTimerSchema = z.object({
  postKey: postKeySchema,
  /** When Kotae first saw the post: the start when the page gives no time. */
  firstSeenAt: isoDate,
  events: z.array(timerEventSchema).check(z.maxLength(200)),
});
export type PostTimer = z.infer<typeof postTimerSchema>;

/** Everything the panel shows for one customer. */
export const customerDetailSchema = z.object({
  customer: customerSchema,
  identities: z.array(identitySchema),
  notes: z.array(noteSchema),
  tags: z.array(tagSchema),
  interactions: z.array(interactionSchema),
});
export type CustomerDetail = z.infer<typeof customerDetailSchema>;

// ─── Reply templates ────────────────────────────────────────────────────────

export const templateLangSchema = z.enum(['ja', 'en']);
export type TemplateLang = z.infer<typeof templateLangSchema>;

/** Personal templates belong to one agent; team templates are shared through the team server. */
export const templateScopeSchema = z.enum(['personal', 'team']);

export const TEMPLATE_BODY_MAX_CHARS = 5_000;
export const TEMPLATE_TITLE_MAX_CHARS = 120;

export const templateVariantSchema = z.object({
  lang: templateLangSchema,
  body: z.string().check(
    z.minLength(1, 'empty'),
    z.maxLength(TEMPLATE_BODY_MAX_CHARS, 'tooLong'),
    z.refine((s: string) => s.trim().length > 0, 'empty'),
  ),
});
export type TemplateVariant = z.infer<typeof templateVariantSchema>;

export const templateSchema = z.object({
  id,
  title: z.string().check(
    z.maxLength(TEMPLATE_TITLE_MAX_CHARS, 'tooLong'),
    z.refine((s: string) => s.trim().length > 0, 'empty'),
  ),
  /** A well-known category (acknowledge, apology, …) or the team's own word. */
  category: z.string().check(z.minLength(1, 'empty'), z.maxLength(60, 'tooLong')),
  /** Typed as `/code` in the reply guide to pick the template at once. */
  code: z.nullable(z.string().check(z.regex(/^[a-z0-9_-]{1,20}$/, 'not a code such as ack or dm-order'))),
  /** One body per language, at most one each. */
  variants: z
    .array(templateVariantSchema)
    .check(
      z.minLength(1, 'empty'),
      z.maxLength(2),
      z.refine((variants: TemplateVariant[]) => new Set(variants.map((v) => v.lang)).size === variants.length, 'one variant per language'),
    ),
  scope: templateScopeSchema,
  createdAt: isoDate,
  updatedAt: isoDate,
  deletedAt: z.nullable(isoDate),
});
export type Template = z.infer<typeof templateSchema>;

// ─── Voice of the customer ──────────────────────────────────────────────────

/** What a customer's post says about the product: praise, complaint, bug or request. */
export const feedbackKindSchema = z.enum(['praise', 'complaint', 'bug', 'request']);
export type FeedbackKind = z.infer<typeof feedbackKindSchema>;

export const FEEDBACK_AREA_MAX_CHARS = 60;
export const FEEDBACK_COMMENT_MAX_CHARS = 2_000;

/** A product area as an agent typed it: one line, trimmed, spaces collapsed. */
export const feedbackAreaSchema = z.pipe(
  z.pipe(
    z.string(),
    z.transform((s: string) => cleanText(s).replace(/\s+/g, ' ').trim()),
  ),
  z.string().check(z.minLength(1, 'empty'), z.maxLength(FEEDBACK_AREA_MAX_CHARS, 'tooLong')),
);

export const feedbackCommentSchema = z.pipe(
  z.pipe(
    z.string(),
    z.transform((s: string) => cleanText(s).trim()),
  ),
  z.string().check(z.maxLength(FEEDBACK_COMMENT_MAX_CHARS, 'tooLong')),
);

/**
 * A customer's post recorded as feedback for the product team. Kept whether or not
 * anyone replied; never deleted, only withdrawn (a tombstone, `deletedAt`).
 */
export const feedbackSchema = z.object({
  /** Random, made by the recording browser. */
  id,
  customerId: id,
  identityId: identityKeySchema,
  postKey: postKeySchema,
  postUrl,
  postText: z.string().check(z.maxLength(POST_TEXT_MAX_CHARS)),
  /** The post's own timestamp, from the page. */
  postedAt: z.nullable(isoDate),
  kind: feedbackKindSchema,
  area: z.string().check(z.minLength(1), z.maxLength(FEEDBACK_AREA_MAX_CHARS)),
  comment: z.string().check(z.maxLength(FEEDBACK_COMMENT_MAX_CHARS)),
  recordedAt: isoDate,
  /** Who recorded it; on a team the server sets both from the token. */
  recordedBy: id,
  recordedByName: displayName,
  deletedAt: z.nullable(isoDate),
});
export type Feedback = z.infer<typeof feedbackSchema>;

// ─── Audit trail ────────────────────────────────────────────────────────────

/** The kinds of record a customer's change log speaks of. */
export const changeEntitySchema = z.enum(['customer', 'identity', 'note', 'tag', 'interaction', 'feedback']);
export type ChangeEntity = z.infer<typeof changeEntitySchema>;

export const changeActionSchema = z.enum(['status', 'merged', 'added', 'edited', 'deleted', 'linked', 'unlinked', 'recorded', 'withdrawn']);
export type ChangeAction = z.infer<typeof changeActionSchema>;

export const CHANGE_SUMMARY_MAX_CHARS = 120;

/**
 * One line of a customer's audit trail: who changed what and when. `summary` is a
 * short, language-neutral detail (a tag's label, `open>waiting`, an identity key);
 * it never holds a private note's body.
 */
export const changeLogEntrySchema = z.object({
  id,
  customerId: id,
  at: isoDate,
  actorId: id,
  actorName: displayName,
  entity: changeEntitySchema,
  recordId: z.string().check(z.minLength(1), z.maxLength(400)),
  action: changeActionSchema,
  summary: z.string().check(z.maxLength(CHANGE_SUMMARY_MAX_CHARS)),
});
export type ChangeLogEntry = z.infer<typeof changeLogEntrySchema>;
