/**
 * What the extension and the team server say to each other over HTTP: one schema
 * per request and answer, shared by both sides. Records inside changes are the
 * stored shapes of utils/model.ts, unchanged.
 *
 * Sync in short: a client pushes its outbox as mutations, each with an id it made;
 * the server applies each `(clientId, mutationId)` once, in a transaction, and gives
 * it the team's next sequence number. Clients pull changes above their cursor.
 * Order is the server's sequence, never a device clock.
 */
import * as z from 'zod/mini';
import {
  customerSchema,
  DISPLAY_NAME_MAX_CHARS,
  feedbackSchema,
  identityKeySchema,
  identitySchema,
  interactionSchema,
  noteSchema,
  tagSchema,
  templateSchema,
} from '@/utils/model';
import { timerSettingsSchema } from '@/utils/timer/settings';
import { savedSearchesSchema } from '@/utils/watch/searches';

// ─── Limits (the server answers 413 or 422 beyond them) ─────────────────────

/** Largest request body the server reads. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Mutations in one push. */
export const MAX_PUSH_MUTATIONS = 100;
/** Changes in one pull page: the default, and the most a client may ask for. */
export const PULL_PAGE_DEFAULT = 500;
export const PULL_PAGE_MAX = 1000;

// ─── Routes ──────────────────────────────────────────────────────────────────

export const ROUTES = {
  health: '/health',
  openapi: '/openapi.json',
  join: '/v1/join',
  signOut: '/v1/signout',
  me: '/v1/me',
  members: '/v1/members',
  member: '/v1/members/:memberId',
  invites: '/v1/invites',
  push: '/v1/sync/push',
  pull: '/v1/sync/pull',
  live: '/v1/sync/live',
  presence: '/v1/presence',
  reports: '/v1/reports',
} as const;

// ─── Team, members, sign-in ──────────────────────────────────────────────────

const id = z.string().check(z.minLength(1), z.maxLength(200));
const isoDate = z.iso.datetime({ offset: true });
const personName = z.string().check(
  z.maxLength(DISPLAY_NAME_MAX_CHARS),
  z.refine((s: string) => s.trim().length > 0, 'empty'),
);

export const roleSchema = z.enum(['agent', 'supervisor', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const memberSchema = z.object({
  id,
  name: z.string().check(z.maxLength(DISPLAY_NAME_MAX_CHARS)),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: isoDate,
});
export type Member = z.infer<typeof memberSchema>;

export const teamSchema = z.object({ id, name: z.string().check(z.maxLength(DISPLAY_NAME_MAX_CHARS)) });
export type Team = z.infer<typeof teamSchema>;

/** One-time invite codes: letters and digits, easy to read out and type. */
export const inviteCodeSchema = z.string().check(z.regex(/^[A-Za-z0-9-]{8,64}$/, 'not an invite code'));

export const joinRequestSchema = z.object({ code: inviteCodeSchema, name: personName });
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/** What signing in gives: the bearer token (kept by the background only) and who it is. */
export const sessionSchema = z.object({
  token: z.string().check(z.minLength(20), z.maxLength(200)),
  member: memberSchema,
  team: teamSchema,
});
export type Session = z.infer<typeof sessionSchema>;

export const meSchema = z.object({ member: memberSchema, team: teamSchema });

export const inviteRequestSchema = z.object({ role: roleSchema });
export const inviteSchema = z.object({ code: inviteCodeSchema, role: roleSchema, expiresAt: isoDate });
export type Invite = z.infer<typeof inviteSchema>;

export const memberListSchema = z.object({ members: z.array(memberSchema) });
export const memberPatchSchema = z.object({ role: z.optional(roleSchema), disabled: z.optional(z.boolean()) });

// ─── Records that sync ───────────────────────────────────────────────────────

/** The team's shared settings: one record, id `team`. */
export const teamSettingsSchema = z.object({
  id: z.literal('team'),
  timer: timerSettingsSchema,
  /** The team's own accounts (identity keys): their posts get no timer. */
  teamIdentities: z.array(identityKeySchema).check(z.maxLength(100)),
  /**
   * Keyword watch: the team's saved searches. Optional: records from before it, or
   * from a browser that does not know it, say nothing about the list (not "empty").
   */
  watchSearches: z.optional(savedSearchesSchema),
  updatedAt: isoDate,
});
export type TeamSettings = z.infer<typeof teamSettingsSchema>;

/**
 * Each kind of record that syncs and its schema. Templates sync when their scope is
 * `team`. Sightings (`seen` interactions) sync too: they are the team's record of
 * which customer posts came in, what reports count and keyword watch marks as new.
 */
export const RECORD_SCHEMAS = {
  customer: customerSchema,
  identity: identitySchema,
  note: noteSchema,
  tag: tagSchema,
  interaction: interactionSchema,
  template: templateSchema,
  settings: teamSettingsSchema,
  /** A customer's post recorded as praise, complaint, bug or request; withdrawn ones are tombstones. */
  feedback: feedbackSchema,
} as const;
export type SyncEntity = keyof typeof RECORD_SCHEMAS;
export const syncEntitySchema = z.enum(Object.keys(RECORD_SCHEMAS) as [SyncEntity, ...SyncEntity[]]);
export type SyncRecord<E extends SyncEntity = SyncEntity> = z.infer<(typeof RECORD_SCHEMAS)[E]>;

/** Parses a record of one kind; the record's own `id` must be the id it travels under. */
export function parseRecord<E extends SyncEntity>(entity: E, recordId: string, data: unknown) {
  const schema: z.ZodMiniType<unknown> = RECORD_SCHEMAS[entity];
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { ok: false as const, reason: 'invalid' as const, error: parsed.error };
  if ((parsed.data as { id: string }).id !== recordId) return { ok: false as const, reason: 'invalid' as const, error: null };
  return { ok: true as const, record: parsed.data as SyncRecord<E> };
}

const recordId = z.string().check(z.minLength(1), z.maxLength(400));
const mutationId = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a mutation id'));
export const clientIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a client id'));

/**
 * One local change. `put` carries the whole record (notes and tags delete by
 * setting `deletedAt`, so their tombstones are puts); `delete` removes a record that
 * has no tombstone field of its own. `data` is checked against RECORD_SCHEMAS.
 */
export const mutationSchema = z.object({
  mutationId,
  entity: syncEntitySchema,
  id: recordId,
  op: z.enum(['put', 'delete']),
  data: z.nullable(z.unknown()),
});
export type Mutation = z.infer<typeof mutationSchema>;

export const pushRequestSchema = z.object({
  clientId: clientIdSchema,
  mutations: z.array(mutationSchema).check(z.minLength(1), z.maxLength(MAX_PUSH_MUTATIONS)),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * Why a mutation was refused. A refused mutation is final (retrying cannot help):
 * the client drops it from its outbox and keeps the reason for the person to see.
 */
export const rejectReasonSchema = z.enum(['invalid', 'forbidden', 'otherTeam']);
export type RejectReason = z.infer<typeof rejectReasonSchema>;

export const pushResultSchema = z.object({
  mutationId,
  /** `duplicate`: this mutation was applied before (a retry after a lost answer). */
  status: z.enum(['applied', 'duplicate', 'rejected']),
  seq: z.nullable(z.int().check(z.positive())),
  reason: z.nullable(rejectReasonSchema),
});
export const pushResponseSchema = z.object({ results: z.array(pushResultSchema) });
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** One applied change, as pulled. `at` is the server's clock; order is `seq`. */
export const changeSchema = z.object({
  seq: z.int().check(z.positive()),
  entity: syncEntitySchema,
  id: recordId,
  op: z.enum(['put', 'delete']),
  data: z.nullable(z.unknown()),
  authorId: id,
  authorName: z.string().check(z.maxLength(DISPLAY_NAME_MAX_CHARS)),
  at: isoDate,
});
export type Change = z.infer<typeof changeSchema>;

export const pullQuerySchema = z.object({
  after: z.pipe(z.string().check(z.regex(/^\d{1,15}$/)), z.transform(Number)),
  limit: z.optional(z.pipe(z.string().check(z.regex(/^\d{1,4}$/)), z.transform(Number))),
});

export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  /** The sequence to ask above next time; move it only once the changes are stored. */
  cursor: z.int().check(z.nonnegative()),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

// ─── Live signal and presence ────────────────────────────────────────────────

/** "I have a reply open on this post" (or no longer). Ephemeral: never stored. */
export const presenceRequestSchema = z.object({
  postKey: z.string().check(z.minLength(1), z.maxLength(200)),
  replying: z.boolean(),
});

/** What the live stream (server-sent events) carries. */
export const liveEventSchema = z.discriminatedUnion('type', [
  /** Something was applied up to `seq`: pull. */
  z.object({ type: z.literal('changed'), seq: z.int().check(z.nonnegative()) }),
  z.object({
    type: z.literal('presence'),
    memberId: id,
    memberName: z.string().check(z.maxLength(DISPLAY_NAME_MAX_CHARS)),
    postKey: z.string().check(z.maxLength(200)),
    replying: z.boolean(),
    at: isoDate,
  }),
]);
export type LiveEvent = z.infer<typeof liveEventSchema>;

/** Presence without news for this long is gone: a reply left open is not a reply. */
export const PRESENCE_IDLE_MS = 2 * 60 * 1000;

// ─── Errors ──────────────────────────────────────────────────────────────────

export const apiErrorCodeSchema = z.enum([
  'unauthorized', // no token, unknown token, signed out
  'disabled', // the member was disabled by an admin
  'forbidden', // the role may not do this
  'notFound',
  'invalid', // the body or query has the wrong shape
  'tooLarge',
  'rateLimited',
  'inviteUsed', // the code was used, expired or never existed
  'internal',
]);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

/** Every error answer: a code for programs, a sentence for people. Never a stack trace. */
export const apiErrorSchema = z.object({
  error: z.object({ code: apiErrorCodeSchema, message: z.string().check(z.maxLength(1000)) }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
