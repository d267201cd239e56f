/**
 * Push and pull. A push is applied in one transaction that first locks the team's
 * row: sequence numbers are handed out, and committed, strictly in order, so a pull
 * never sees seq n+1 before seq n.
 *
 * Conflict rule: the change later in the team's sequence wins, per record. When a
 * note's body is replaced by a different one, the replaced body goes into the
 * note's `revisions` (oldest dropped beyond NOTE_REVISIONS_MAX): no text is lost.
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import { NOTE_REVISIONS_MAX, type Feedback, type Note, type NoteRevision } from '@/utils/model';
import {
  parseRecord,
  PULL_PAGE_DEFAULT,
  PULL_PAGE_MAX,
  type Change,
  type Mutation,
  type PullResponse,
  type RejectReason,
  type SyncEntity,
} from '@/utils/sync/wire';
import type { Caller } from './auth';
import type { Db, Tx } from './db/open';
import { changes, records, teams } from './db/schema';

export type PushResult = { mutationId: string; status: 'applied' | 'duplicate' | 'rejected'; seq: number | null; reason: RejectReason | null };

/** Kinds whose records carry their own `deletedAt`: a `delete` of them keeps the record as a tombstone. */
const TOMBSTONED: ReadonlySet<SyncEntity> = new Set(['note', 'tag', 'template', 'feedback']);
/** Kinds whose ids are random (made by one client): such an id belongs to one team only. */
const OWNED_IDS: ReadonlySet<SyncEntity> = new Set(['note', 'template', 'feedback']);
/** Kinds only supervisors and admins may change. */
const SUPERVISED: ReadonlySet<SyncEntity> = new Set(['template', 'settings']);

class Refusal extends Error {
  constructor(readonly reason: RejectReason) {
    super(reason);
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/**
 * Applies one push: every mutation in order, in one transaction that first locks the
 * team's row, so a push costs one lock however many changes it carries. Each mutation
 * runs in a savepoint of its own: a refused one is rolled back alone and the others
 * stand. Sequence numbers are handed out in order and committed together.
 */
export async function applyPush(db: Db, caller: Caller, clientId: string, mutations: readonly Mutation[], now: Date): Promise<PushResult[]> {
  return db.transaction(async (tx) => {
    const [team] = await tx.select({ seq: teams.seq }).from(teams).where(eq(teams.id, caller.team.id)).for('update');
    if (!team) throw new Error('caller team missing');
    let seq = team.seq;
    const results: PushResult[] = [];
    for (const mutation of mutations) {
      const result = await applyOne(tx, caller, clientId, mutation, now, seq + 1);
      if (result.status === 'applied') seq += 1;
      results.push(result);
    }
    if (seq !== team.seq) await tx.update(teams).set({ seq }).where(eq(teams.id, caller.team.id));
    return results;
  });
}

async function applyOne(tx: Tx, caller: Caller, clientId: string, mutation: Mutation, now: Date, seq: number): Promise<PushResult> {
  const result = (status: PushResult['status'], at: number | null, reason: RejectReason | null): PushResult => ({
    mutationId: mutation.mutationId,
    status,
    seq: at,
    reason,
  });
  const [done] = await tx
    .select({ seq: changes.seq })
    .from(changes)
    .where(and(eq(changes.teamId, caller.team.id), eq(changes.clientId, clientId), eq(changes.mutationId, mutation.mutationId)));
  if (done) return result('duplicate', done.seq, null);
  try {
    return await tx.transaction(async (savepoint) => {
      const write = await planWrite(savepoint, caller, mutation, now);
      if ('unchanged' in write) return result('duplicate', write.unchanged, null);
      const row = {
        seq,
        op: write.op,
        data: write.data,
        ownerId: write.ownerId,
        private: write.private,
        authorId: caller.member.id,
        authorName: caller.member.name,
        at: now,
      };
      await savepoint
        .insert(records)
        .values({ teamId: caller.team.id, entity: mutation.entity, id: mutation.id, ...row })
        .onConflictDoUpdate({ target: [records.teamId, records.entity, records.id], set: row });
      await savepoint.insert(changes).values({
        teamId: caller.team.id,
        seq,
        clientId,
        mutationId: mutation.mutationId,
        entity: mutation.entity,
        recordId: mutation.id,
        op: write.op,
        data: write.data,
        authorId: caller.member.id,
        authorName: caller.member.name,
        at: now,
      });
      return result('applied', seq, null);
    });
  } catch (error) {
    if (error instanceof Refusal) return result('rejected', null, error.reason);
    // The only unique key a team-serialised push can hit: another team took this note, template or feedback id at the same moment.
    if (isUniqueViolation(error)) return result('rejected', null, 'otherTeam');
    throw error;
  }
}

type Write =
  | {
      op: 'put' | 'delete';
      data: unknown;
      ownerId: string | null;
      private: boolean;
    }
  /** Nothing to write: the record stands as it was written by change `unchanged`. */
  | { unchanged: number };

async function planWrite(tx: Tx, caller: Caller, mutation: Mutation, now: Date): Promise<Write> {
  const isAgent = caller.member.role === 'agent';
  if (SUPERVISED.has(mutation.entity) && isAgent) throw new Refusal('forbidden');

  let record: Record<string, unknown> | null = null;
  if (mutation.op === 'put') {
    const parsed = parseRecord(mutation.entity, mutation.id, mutation.data);
    if (!parsed.ok) throw new Refusal('invalid');
    record = parsed.record as Record<string, unknown>;
    // Only team templates are shared.
    if (mutation.entity === 'template' && record.scope !== 'team') throw new Refusal('invalid');
  }

  // A random id another team already uses is not this team's to touch. Ids named after
  // things in the world (an identity, a post, `team`) are per team.
  const owned = OWNED_IDS.has(mutation.entity);
  const [existing] = await tx
    .select()
    .from(records)
    .where(and(eq(records.entity, mutation.entity), eq(records.id, mutation.id), owned ? undefined : eq(records.teamId, caller.team.id)));
  if (existing && existing.teamId !== caller.team.id) throw new Refusal('otherTeam');

  // The team's first sighting of a post stands: a colleague seeing it later changes
  // nothing, and costs the team no new change to pull.
  if (mutation.entity === 'interaction' && record?.kind === 'seen' && existing?.op === 'put') return { unchanged: existing.seq };

  // Agents change (and withdraw) only their own notes and feedback.
  if ((mutation.entity === 'note' || mutation.entity === 'feedback') && existing?.ownerId && existing.ownerId !== caller.member.id && isAgent) {
    throw new Refusal('forbidden');
  }

  const previous = existing?.op === 'put' ? (existing.data as Record<string, unknown> | null) : null;

  if (mutation.op === 'delete') {
    if (TOMBSTONED.has(mutation.entity) && previous) {
      // A delete of a kind with its own tombstone keeps the record (and a note's text), marked deleted.
      return {
        op: 'put',
        data: { ...previous, deletedAt: now.toISOString() },
        ownerId: existing?.ownerId ?? null,
        private: existing?.private ?? false,
      };
    }
    return { op: 'delete', data: null, ownerId: existing?.ownerId ?? null, private: existing?.private ?? false };
  }

  if (mutation.entity === 'feedback') {
    // Who recorded it comes from the token on creation and stays with the record.
    const before = previous as Feedback | null;
    const owner = existing?.ownerId
      ? { id: existing.ownerId, name: before?.recordedByName ?? caller.member.name }
      : { id: caller.member.id, name: caller.member.name };
    const stored: Feedback = { ...(record as Feedback), recordedBy: owner.id, recordedByName: owner.name };
    return { op: 'put', data: stored, ownerId: owner.id, private: false };
  }

  if (mutation.entity !== 'note') {
    return { op: 'put', data: stampAuthor(mutation.entity, record!, previous, caller), ownerId: existing?.ownerId ?? null, private: false };
  }

  const note = record as Note;
  const before = previous as Note | null;
  const owner = existing?.ownerId ? { id: existing.ownerId, name: before?.authorName ?? caller.member.name } : { id: caller.member.id, name: caller.member.name };
  // Revisions are the server's: what a client sends in them is ignored.
  let revisions: NoteRevision[] = before?.revisions ?? [];
  if (before && before.body !== note.body) {
    revisions = [...revisions, { body: before.body, authorName: existing?.authorName ?? owner.name, replacedAt: now.toISOString() }];
    revisions = revisions.slice(-NOTE_REVISIONS_MAX);
  }
  const stored: Note = { ...note, authorId: owner.id, authorName: owner.name };
  delete stored.revisions;
  if (revisions.length > 0) stored.revisions = revisions;
  return { op: 'put', data: stored, ownerId: owner.id, private: note.private === true };
}

/**
 * Fields that name who made a record come from the token on creation and stay
 * with the record after: a tag's `createdBy`, an interaction's `byAgentId` (when set).
 */
function stampAuthor(entity: SyncEntity, record: Record<string, unknown>, previous: Record<string, unknown> | null, caller: Caller) {
  const field = entity === 'tag' ? 'createdBy' : entity === 'interaction' ? 'byAgentId' : null;
  if (!field || (entity === 'interaction' && record[field] === null)) return record;
  const kept = previous?.[field];
  return { ...record, [field]: typeof kept === 'string' ? kept : caller.member.id };
}

export function clampPageSize(limit: number | undefined): number {
  return Math.min(PULL_PAGE_MAX, Math.max(1, limit ?? PULL_PAGE_DEFAULT));
}

/**
 * Changes above `after`, one per record in its latest state, in sequence order. A
 * private note reaches only its author and supervisors and admins; anyone else gets
 * a body-less `delete` in its place, so a note that turns private leaves their devices.
 */
export async function pull(db: Db, caller: Caller, after: number, limit: number | undefined): Promise<PullResponse> {
  const size = clampPageSize(limit);
  const rows = await db
    .select()
    .from(records)
    .where(and(eq(records.teamId, caller.team.id), gt(records.seq, after)))
    .orderBy(asc(records.seq))
    .limit(size + 1);
  const page = rows.slice(0, size);
  const seesPrivate = caller.member.role !== 'agent';
  const out: Change[] = page.map((row) => {
    const hidden = row.private && !seesPrivate && row.ownerId !== caller.member.id;
    return {
      seq: row.seq,
      entity: row.entity as SyncEntity,
      id: row.id,
      op: hidden ? 'delete' : row.op,
      data: hidden ? null : (row.data ?? null),
      authorId: row.authorId,
      authorName: row.authorName,
      at: row.at.toISOString(),
    };
  });
  const last = page.at(-1);
  return { changes: out, cursor: last ? last.seq : after, hasMore: rows.length > size };
}

export async function teamSeq(db: Db, teamId: string): Promise<number> {
  const [team] = await db.select({ seq: teams.seq }).from(teams).where(eq(teams.id, teamId));
  return team?.seq ?? 0;
}
