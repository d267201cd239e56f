/**
 * Every message between Kotae's contexts, in one map. Each entry names who may
 * send it and the zod schemas of its payload and answer. The background parses
 * every payload; callers parse every answer.
 *
 * `from: 'page'` messages may come from a content script running in a site's tab;
 * everything else only from an extension page (popup, options, the panel iframe).
 */
import * as z from 'zod/mini';
import {
  changeLogEntrySchema,
  customerDetailSchema,
  feedbackAreaSchema,
  feedbackCommentSchema,
  feedbackKindSchema,
  feedbackSchema,
  customerStatusSchema,
  customerSummarySchema,
  identityKeySchema,
  identityKindSchema,
  noteBodySchema,
  noteSchema,
  postKeySchema,
  postMarkSchema,
  postTimerSchema,
  seenPostSchema,
  tagLabelSchema,
  tagSchema,
  templateSchema,
  DISPLAY_NAME_MAX_CHARS,
  REPLY_MAX_CHARS,
} from '@/utils/model';
import { errorPayloadSchema } from '@/utils/errors';
import { inviteCodeSchema, joinRequestSchema, roleSchema } from '@/utils/sync/wire';
import { syncErrorInfoSchema, syncStatusSchema } from '@/utils/sync/state';
import { reportRangeSchema, reportSchema } from '@/utils/reports/schema';
import { postWatchSchema } from '@/utils/watch/state';

export type SenderKind = 'page' | 'extension';

interface Entry<I extends z.ZodMiniType, O extends z.ZodMiniType> {
  from: SenderKind;
  input: I;
  output: O;
}
const entry = <I extends z.ZodMiniType, O extends z.ZodMiniType>(from: SenderKind, input: I, output: O): Entry<I, O> => ({
  from,
  input,
  output,
});

const done = z.object({ done: z.literal(true) });
const postPresenceSchema = z.object({
  postKey: postKeySchema,
  names: z.array(z.string().check(z.maxLength(DISPLAY_NAME_MAX_CHARS))).check(z.maxLength(50)),
});
const summaries = z.object({ summaries: z.array(customerSummarySchema) });
const timers = z.object({ timers: z.array(postTimerSchema) });
/**
 * Keyword watch: sent only from search pages, with when that page view began; the
 * answer then carries each post's watch state (new, seen, handled by whom, recorded).
 */
const watchSince = z.optional(z.iso.datetime({ offset: true }));
const watch = z.optional(z.array(postWatchSchema).check(z.maxLength(500)));
const noteId = z.string().check(z.minLength(1), z.maxLength(200));
const templateIdSchema = z.string().check(z.minLength(1), z.maxLength(200));
const replyTextSchema = z.string().check(z.minLength(1, 'empty'), z.maxLength(REPLY_MAX_CHARS, 'tooLong'));

/** What happened to text sent to the composer: taken by the editor, or not (and why). */
export const insertResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), method: z.enum(['paste', 'beforeinput']) }),
  z.object({ ok: z.literal(false), reason: z.enum(['notEditable', 'notTaken', 'noComposer']) }),
]);
export type InsertOutcome = z.infer<typeof insertResultSchema>;

export const protocol = {
  /** The overlay saw these posts: record "seen" once per post, answer the authors' badges. */
  'posts.seen': entry(
    'page',
    z.object({
      posts: z.array(seenPostSchema).check(z.minLength(1), z.maxLength(100)),
      /**
       * The authors whose badge data the page does not hold yet: only they are
       * summarised (every author of the posts when absent). A page keeps what it was
       * told until a `customers.changed` event, so summarising the others is wasted.
       * Only a filter: a key naming no author (an invalid handle) matches nothing.
       */
      summariesFor: z.optional(z.array(z.string().check(z.maxLength(400))).check(z.maxLength(100))),
      watchSince,
    }),
    /**
     * `timers` leaves out the posts this sighting saw first and nothing has happened to
     * since: the page counts those from when it saw them itself.
     */
    z.object({ ...summaries.shape, ...timers.shape, watch }),
  ),
  /** An agent marks what happened to a post (answered elsewhere, moved to DM, recorded, …). */
  'post.mark': entry('extension', z.object({ postKey: postKeySchema, mark: postMarkSchema }), done),
  /** A reply from the team's own account is visible in a customer post's thread. */
  'post.teamReply': entry('page', z.object({ post: seenPostSchema, reply: seenPostSchema }), done),
  /** Fresh response-timer facts for posts already on screen. */
  'posts.timers': entry(
    'page',
    z.object({ postKeys: z.array(postKeySchema).check(z.maxLength(500)), watchSince }),
    z.object({ ...timers.shape, watch }),
  ),
  /** Fresh badge data for customers already on screen. */
  'customers.summaries': entry('page', z.object({ identityIds: z.array(identityKeySchema).check(z.maxLength(500)) }), summaries),

  'customer.detail': entry('extension', z.object({ identityId: identityKeySchema }), customerDetailSchema),
  'customer.setStatus': entry('extension', z.object({ identityId: identityKeySchema, status: customerStatusSchema }), done),
  'note.add': entry(
    'extension',
    z.object({
      identityId: identityKeySchema,
      body: noteBodySchema,
      postKey: z.nullable(postKeySchema),
      private: z.optional(z.boolean()),
    }),
    noteSchema,
  ),
  'note.update': entry('extension', z.object({ noteId, body: noteBodySchema }), noteSchema),
  'note.delete': entry('extension', z.object({ noteId }), done),
  'tag.add': entry('extension', z.object({ identityId: identityKeySchema, label: tagLabelSchema }), tagSchema),
  'tag.remove': entry('extension', z.object({ tagId: z.string().check(z.minLength(1), z.maxLength(300)) }), done),
  'identity.link': entry(
    'extension',
    z.object({
      identityId: identityKeySchema,
      kind: identityKindSchema,
      handle: z.string().check(z.minLength(1), z.maxLength(300)),
    }),
    done,
  ),
  'identity.unlink': entry('extension', z.object({ identityId: identityKeySchema }), done),
  /** Records the post the panel was opened from as feedback for the product team; no timer changes. */
  'feedback.record': entry(
    'extension',
    z.object({ postKey: postKeySchema, kind: feedbackKindSchema, area: feedbackAreaSchema, comment: feedbackCommentSchema }),
    feedbackSchema,
  ),
  /** Withdraws a feedback record on purpose; it stays as a tombstone. */
  'feedback.withdraw': entry('extension', z.object({ feedbackId: noteId }), done),
  /** The feedback recorded on one post, and the product areas used before (suggestions). */
  'feedback.forPost': entry(
    'extension',
    z.object({ postKey: postKeySchema }),
    z.object({ feedback: z.array(feedbackSchema), areas: z.array(z.string()).check(z.maxLength(1000)) }),
  ),
  /** A customer's change log, newest first: the latest `limit` entries. */
  'customer.changes': entry(
    'extension',
    z.object({ identityId: identityKeySchema, limit: z.int().check(z.minimum(1), z.maximum(5000)) }),
    z.object({ entries: z.array(changeLogEntrySchema), hasMore: z.boolean() }),
  ),
  /** The panel asks to be closed; the background relays it to the panel's own tab. */
  'panel.close': entry('extension', z.object({}), done),
  /** Who is using this browser, so the panel offers only what they may do. */
  'viewer.get': entry(
    'extension',
    z.object({}),
    z.object({ agentId: noteId, role: z.nullable(roleSchema) }),
  ),

  /** The content script saw the agent send a reply through the site's composer. */
  'reply.sent': entry(
    'page',
    z.object({ post: seenPostSchema, text: replyTextSchema, templateId: z.nullable(templateIdSchema) }),
    done,
  ),
  /** The agent has a reply open on a post (or closed it): colleagues see "… is replying". */
  'presence.set': entry('page', z.object({ postKey: postKeySchema, replying: z.boolean() }), done),
  /** Who on the team is replying where, for a page that just opened. */
  'presence.list': entry('page', z.object({}), z.object({ posts: z.array(postPresenceSchema).check(z.maxLength(1000)) })),
  /** The reply guide's template list. */
  'templates.list': entry('extension', z.object({}), z.object({ templates: z.array(templateSchema) })),
  /** The reply guide asks for text to go into the composer of its own tab. */
  'composer.insert': entry(
    'extension',
    z.object({ text: replyTextSchema, replace: z.boolean(), templateId: z.nullable(templateIdSchema) }),
    insertResultSchema,
  ),
  /** The reply guide asks to be closed; relayed to its own tab. */
  'guide.close': entry('extension', z.object({}), done),

  // Team sync. Only Kotae's own pages may ask; answers never carry the server token.
  /** Connection, who this browser is on the team, what waits to go up, the last failure. */
  'sync.status': entry('extension', z.object({}), syncStatusSchema),
  /** Join a team with an invite code; a failure is in the answer's `error`. */
  'sync.join': entry(
    'extension',
    z.object({ serverUrl: z.string().check(z.minLength(1), z.maxLength(2000)), code: inviteCodeSchema, name: joinRequestSchema.shape.name }),
    syncStatusSchema,
  ),
  /** Leave the team; local records stay unless `removeLocalData`. */
  'sync.signOut': entry('extension', z.object({ removeLocalData: z.boolean() }), syncStatusSchema),
  /** Try again now, after a failure. */
  'sync.retry': entry('extension', z.object({}), syncStatusSchema),
  /** The team's report, computed by the server (this browser's own report is read from Dexie by the page). */
  'report.team': entry(
    'extension',
    reportRangeSchema,
    z.object({ report: z.nullable(reportSchema), error: z.nullable(syncErrorInfoSchema) }),
  ),
} as const;

export type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
export type MessageInput<T extends MessageType> = z.input<Protocol[T]['input']>;
export type ParsedInput<T extends MessageType> = z.output<Protocol[T]['input']>;
export type MessageOutput<T extends MessageType> = z.output<Protocol[T]['output']>;

/** The wire shape of a request. */
export const requestSchema = z.object({ type: z.string().check(z.maxLength(100)), payload: z.unknown() });

/** The wire shape of an answer: data, or a typed error. */
export const responseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: errorPayloadSchema }),
]);
export type Response = z.infer<typeof responseSchema>;

/**
 * Events the background sends out (to content scripts with tabs.sendMessage,
 * to extension pages with runtime.sendMessage). Receivers parse them too.
 */
export const eventSchema = z.discriminatedUnion('event', [
  /** Colleagues replying to a post now (empty: nobody any more). */
  z.object({ event: z.literal('presence.changed'), postKey: postKeySchema, names: postPresenceSchema.shape.names }),
  z.object({ event: z.literal('customers.changed'), identityIds: z.array(identityKeySchema).check(z.maxLength(1000)) }),
  z.object({ event: z.literal('panel.close') }),
  z.object({ event: z.literal('guide.close') }),
  /** Answered by the content script with an InsertOutcome. */
  z.object({
    event: z.literal('composer.insert'),
    text: replyTextSchema,
    replace: z.boolean(),
    templateId: z.nullable(templateIdSchema),
  }),
]);
export type KotaeEvent = z.infer<typeof eventSchema>;
