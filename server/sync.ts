/**
 * Push and pull. A push is applied in one transaction that first locks the team's
 * row: sequence numbers are handed out, and committed, strictly in order, so a pull
 * never sees seq n+1 before seq n.
 *
 * Conflict rule: the change later in the team's sequence wins, per record. When a
 * note's body is replaced by a different one, the replaced body goes into the
 * note's `revisions` (oldest dropped beyond NOTE_REVISIONS_MAX): no text is lost.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { NOTE_REVISIONS_MAX, type Feedback, type Note, type NoteRevision } from '@/utils/model';
import { parseRecord, PULL_PAGE_DEFAULT, PULL_PAGE_MAX, type Mutation, type RejectReason, type SyncEntity } from '@/utils/sync/wire';
import { callersStillValid, StaleCaller, type Caller } from './auth';
import { runStatement, type Db, type RunStatement, type Tx } from './db/open';
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

type RecordRow = typeof records.$inferSelect;

/** A record as written by one change: what `records` holds for it while `seq` is its latest. */
export interface WrittenRecord {
  seq: number;
  entity: SyncEntity;
  id: string;
  op: 'put' | 'delete';
  data: unknown;
  ownerId: string | null;
  private: boolean;
  authorId: string;
  authorName: string;
  at: Date;
}

// ─── Per-database state: push queues and encoded changes ────────────────────

/**
 * What one server process keeps per database: the pushes waiting for each team (so
 * they wait here, not each on a pooled connection blocked on the team lock) and the
 * encoded changes recently written or read, for pulls.
 */
export interface SyncState {
  queues: Map<string, TeamQueue>;
  cache: ChangeCache;
}

interface TeamQueue {
  waiting: PendingPush[];
  running: boolean;
}

interface PushInput {
  caller: Caller;
  clientId: string;
  mutations: readonly Mutation[];
  now: Date;
  /** The caller's token was found valid during this request. */
  callerChecked: boolean;
}

interface PendingPush extends PushInput {
  resolve(results: PushResult[]): void;
  reject(error: unknown): void;
}

const states = new WeakMap<Db, SyncState>();

export function syncState(db: Db): SyncState {
  let state = states.get(db);
  if (!state) {
    state = { queues: new Map(), cache: new ChangeCache() };
    states.set(db, state);
  }
  return state;
}

/** One change as pulled, encoded once (UTF-8 JSON). */
interface EncodedChange {
  private: boolean;
  ownerId: string | null;
  /** The change in full. */
  full: Buffer;
  /** A private note's body-less `delete`, for those who may not see it. */
  hidden: Buffer | null;
}

/** Changes kept per team; far above the pages (≤ PULL_PAGE_MAX) that colleagues pull at once. */
const CACHED_PER_TEAM = 20_000;

/**
 * Encoded changes by team and seq. What `records` holds at a given seq never changes
 * (a later write gives the record a new seq), so an entry never goes stale: which
 * seqs a pull answers is always read from the database, only their encoding comes
 * from here. Entries are added only for committed writes.
 */
export class ChangeCache {
  private teams = new Map<string, Map<number, EncodedChange>>();

  get(teamId: string, seq: number): EncodedChange | undefined {
    return this.teams.get(teamId)?.get(seq);
  }

  /** Encodes committed writes, keeps them and answers them encoded. */
  add(teamId: string, written: readonly (WrittenRecord | ReadRecord)[]): EncodedChange[] {
    if (written.length === 0) return [];
    let team = this.teams.get(teamId);
    if (!team) {
      team = new Map();
      this.teams.set(teamId, team);
    }
    const encoded = written.map((record) => {
      const change = encodeChange(record);
      team.set(record.seq, change);
      return change;
    });
    // Oldest added first (Map order): pulls mostly ask for the latest changes.
    for (const seq of team.keys()) {
      if (team.size <= CACHED_PER_TEAM) break;
      team.delete(seq);
    }
    return encoded;
  }

  size(teamId: string): number {
    return this.teams.get(teamId)?.size ?? 0;
  }
}

/** A record read back from the database, its data still as JSON text. */
type ReadRecord = Omit<WrittenRecord, 'data'> & { dataJson: string | null };

function encodeChange(record: WrittenRecord | ReadRecord): EncodedChange {
  const data = 'dataJson' in record ? (record.dataJson ?? 'null') : JSON.stringify(record.data ?? null);
  // The same key order as a Change: seq, entity, id, op, data, authorId, authorName, at.
  const head = `{"seq":${record.seq},"entity":${JSON.stringify(record.entity)},"id":${JSON.stringify(record.id)},"op":`;
  const tail = `,"authorId":${JSON.stringify(record.authorId)},"authorName":${JSON.stringify(record.authorName)},"at":${JSON.stringify(record.at.toISOString())}}`;
  return {
    private: record.private,
    ownerId: record.ownerId,
    full: Buffer.from(`${head}${JSON.stringify(record.op)},"data":${data}${tail}`),
    hidden: record.private ? Buffer.from(`${head}"delete","data":null${tail}`) : null,
  };
}

// ─── Push ────────────────────────────────────────────────────────────────────

/** Mutations applied together at most: a bound on one statement's rows. */
const GROUP_MUTATIONS_MAX = 1000;
/** Tries without a lock before a group is applied in a transaction that locks the team's row. */
const UNLOCKED_TRIES = 2;

/**
 * Applies one push: every mutation in order, all at once. A refused mutation changes
 * nothing and the others stand. Sequence numbers are handed out in order and committed
 * together.
 *
 * Pushes of one team that arrive while its previous write runs wait in this process and
 * are then applied together, in arrival order: one read and one write statement for all
 * of them. The write goes through only if the team's seq is still the one read (every
 * write of the team's records moves it), so a write from another instance in between is
 * seen, and the group read and planned again; after UNLOCKED_TRIES it is applied in a
 * transaction that first locks the team's row. Should that fail, each push is applied
 * again on its own; should a push's write fail (another team taking the same note id at
 * the same moment), it is applied once more with each mutation in a savepoint of its
 * own, so only the offending mutation is refused.
 *
 * Unless `callerChecked`, the caller's token is checked in the group's read; a push whose
 * token is no longer valid is applied not at all and fails with StaleCaller.
 */
export function applyPush(
  db: Db,
  caller: Caller,
  clientId: string,
  mutations: readonly Mutation[],
  now: Date,
  callerChecked = true,
): Promise<PushResult[]> {
  const state = syncState(db);
  const teamId = caller.team.id;
  return new Promise<PushResult[]>((resolve, reject) => {
    let queue = state.queues.get(teamId);
    if (!queue) {
      queue = { waiting: [], running: false };
      state.queues.set(teamId, queue);
    }
    queue.waiting.push({ caller, clientId, mutations, now, callerChecked, resolve, reject });
    if (!queue.running) void drain(db, state, teamId, queue);
  });
}

async function drain(db: Db, state: SyncState, teamId: string, queue: TeamQueue): Promise<void> {
  queue.running = true;
  try {
    while (queue.waiting.length > 0) {
      let count = 0;
      let take = 0;
      while (take < queue.waiting.length && (take === 0 || count + queue.waiting[take]!.mutations.length <= GROUP_MUTATIONS_MAX)) {
        count += queue.waiting[take]!.mutations.length;
        take += 1;
      }
      await applyGroup(db, state, teamId, queue.waiting.splice(0, take));
    }
  } finally {
    queue.running = false;
    if (state.queues.get(teamId) === queue && queue.waiting.length === 0) state.queues.delete(teamId);
  }
}

async function applyGroup(db: Db, state: SyncState, teamId: string, group: readonly PendingPush[]): Promise<void> {
  try {
    settle(state, teamId, group, await applyTogether(db, teamId, group));
    return;
  } catch {
    if (group.length === 1) return applyAlone(db, state, group[0]!);
  }
  for (const push of group) {
    try {
      settle(state, teamId, [push], await applyTogether(db, teamId, [push]));
    } catch {
      await applyAlone(db, state, push);
    }
  }
}

/** Committed: keeps the written changes encoded and answers each push. */
function settle(state: SyncState, teamId: string, group: readonly PendingPush[], outcome: Applied<(PushResult[] | 'stale')[]>) {
  state.cache.add(teamId, outcome.written);
  group.forEach((push, index) => {
    const results = outcome.results[index]!;
    if (results === 'stale') push.reject(new StaleCaller());
    else push.resolve(results);
  });
}

/** The last way: one mutation at a time, each in a savepoint of its own. */
async function applyAlone(db: Db, state: SyncState, push: PendingPush): Promise<void> {
  try {
    const outcome = await db.transaction((tx) => applyBySavepoints(tx, push));
    state.cache.add(push.caller.team.id, outcome.written);
    push.resolve(outcome.results);
  } catch (error) {
    push.reject(error);
  }
}

interface Applied<R> {
  results: R;
  written: WrittenRecord[];
}

const resultOf = (mutation: Mutation, status: PushResult['status'], seq: number | null, reason: RejectReason | null): PushResult => ({
  mutationId: mutation.mutationId,
  status,
  seq,
  reason,
});

async function lockTeam(tx: Tx, teamId: string): Promise<number> {
  const [team] = await tx.select({ seq: teams.seq }).from(teams).where(eq(teams.id, teamId)).for('update');
  if (!team) throw new Error('caller team missing');
  return team.seq;
}

const keyOf = (entity: string, id: string) => `${entity}\u0000${id}`;

/** What planWrite needs of a record as it stands. */
type CurrentRecord = Pick<RecordRow, 'teamId' | 'seq' | 'op' | 'data' | 'ownerId' | 'private' | 'authorName'>;

/** A group applied at once: unlocked while the team's seq holds still, then under the team's lock. */
async function applyTogether(db: Db, teamId: string, pushes: readonly PendingPush[]): Promise<Applied<(PushResult[] | 'stale')[]>> {
  for (let tries = 0; tries < UNLOCKED_TRIES; tries++) {
    const outcome = await applyOnce((name, query) => runStatement(db, name, query), teamId, pushes);
    if (outcome) return outcome;
  }
  return db.transaction(async (tx) => {
    await lockTeam(tx, teamId);
    const inTx: RunStatement = async <T>(_name: string, query: SQL) => rowsOf<T>(await tx.execute(query));
    const outcome = await applyOnce(inTx, teamId, pushes);
    if (!outcome) throw new Error("the team's seq moved while its row was locked");
    return outcome;
  });
}

/** Rows of a raw query's JSON column, from either driver (pg parses JSON, so does PGlite; text is parsed here). */
function jsonOf<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/**
 * One read and one write statement for a group: null when the team's seq moved between
 * the two (another instance wrote), and nothing was written.
 */
async function applyOnce(run: RunStatement, teamId: string, pushes: readonly PendingPush[]): Promise<Applied<(PushResult[] | 'stale')[]> | null> {
  const all = pushes.flatMap((push) => push.mutations);
  const asked = pushes.flatMap((push) => push.mutations.map((mutation) => [push.clientId, mutation.mutationId] as const));
  // Ids of owned kinds are looked up in every team (to refuse another team's), other ids in this team only.
  const keys = new Map<string, readonly [string, string]>();
  for (const mutation of all) keys.set(keyOf(mutation.entity, mutation.id), [mutation.entity, mutation.id]);
  const owned = [...keys.values()].filter(([entity]) => OWNED_IDS.has(entity as SyncEntity));
  const world = [...keys.values()].filter(([entity]) => !OWNED_IDS.has(entity as SyncEntity));
  const unchecked = pushes.filter((push) => !push.callerChecked);
  const text = (values: readonly string[]) => sql`${sql.param(values)}::text[]`;
  // `(select $team)`: a value the planner does not see, so a new team's few rows in the
  // statistics never make it scan the team's rows for each key; every lookup is one index probe.
  const [read] = await run<{ seq: number | string; done: unknown; current: unknown; valid: unknown }>(
    'kotae_push_read',
    sql`select
      (select seq from teams where id = ${teamId}) as seq,
      (select json_agg(json_build_array(k.client_id, k.mutation_id, c.seq)) from unnest(${text(asked.map((a) => a[0]))}, ${text(asked.map((a) => a[1]))}) as k(client_id, mutation_id)
        cross join lateral (select seq from changes c where c.team_id = (select ${teamId}::text) and c.client_id = k.client_id and c.mutation_id = k.mutation_id limit 1) c) as done,
      (select json_agg(json_build_array(r.entity, r.id, r.team_id, r.seq, r.op, r.data, r.owner_id, r."private", r.author_name)) from (
        select r.* from unnest(${text(owned.map((k) => k[0]))}, ${text(owned.map((k) => k[1]))}) as k(entity, id)
          cross join lateral (select * from records r where r.entity in ('note', 'template', 'feedback') and r.entity = k.entity and r.id = k.id limit 1) r
        union all
        select r.* from unnest(${text(world.map((k) => k[0]))}, ${text(world.map((k) => k[1]))}) as k(entity, id)
          cross join lateral (select * from records r where r.team_id = (select ${teamId}::text) and r.entity = k.entity and r.id = k.id limit 1) r
      ) r) as current,
      ${callersStillValid(unchecked.map((push) => push.caller))} as valid`,
  );
  if (!read) throw new Error('caller team missing');
  const base = Number(read.seq);
  const done = new Map<string, number>();
  for (const [clientId, mutationId, seq] of jsonOf<[string, string, number][] | null>(read.done) ?? []) done.set(keyOf(clientId, mutationId), seq);
  const current = new Map<string, CurrentRecord>();
  type Row = [string, string, string, number, 'put' | 'delete', unknown, string | null, boolean, string];
  for (const [entity, id, rowTeam, seq, op, data, ownerId, isPrivate, authorName] of jsonOf<Row[] | null>(read.current) ?? []) {
    current.set(keyOf(entity, id), { teamId: rowTeam, seq, op, data, ownerId, private: isPrivate, authorName });
  }
  const valid = jsonOf<boolean[]>(read.valid);
  unchecked.forEach((push, index) => {
    if (valid[index]) push.callerChecked = true;
  });

  let seq = base;
  const results: (PushResult[] | 'stale')[] = [];
  const written: WrittenRecord[] = [];
  /** Which client and mutation made each write. */
  const writtenBy: (readonly [string, string])[] = [];
  for (const { caller, clientId, mutations, now, callerChecked } of pushes) {
    if (!callerChecked) {
      results.push('stale');
      continue;
    }
    const answers: PushResult[] = [];
    results.push(answers);
    for (const mutation of mutations) {
      const once = keyOf(clientId, mutation.mutationId);
      const before = done.get(once);
      if (before !== undefined) {
        answers.push(resultOf(mutation, 'duplicate', before, null));
        continue;
      }
      const key = keyOf(mutation.entity, mutation.id);
      let write: Write;
      try {
        write = planWrite(caller, mutation, current.get(key) ?? null, now);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        answers.push(resultOf(mutation, 'rejected', null, error.reason));
        continue;
      }
      if ('unchanged' in write) {
        answers.push(resultOf(mutation, 'duplicate', write.unchanged, null));
        continue;
      }
      seq += 1;
      const record: WrittenRecord = { seq, entity: mutation.entity, id: mutation.id, ...write, authorId: caller.member.id, authorName: caller.member.name, at: now };
      written.push(record);
      writtenBy.push([clientId, mutation.mutationId]);
      current.set(key, { teamId, ...record });
      done.set(once, seq);
      answers.push(resultOf(mutation, 'applied', seq, null));
    }
  }
  // Nothing to write: the answers hold as of the read.
  if (written.length === 0) return { results, written };

  // One row per record (its last write here); arrays, not a parameter per value.
  const latest = [...new Map(written.map((record) => [keyOf(record.entity, record.id), record])).values()];
  const column = <T>(list: readonly WrittenRecord[], value: (record: WrittenRecord) => T) => sql.param(list.map(value));
  const json = (record: WrittenRecord) => (record.data === null || record.data === undefined ? null : JSON.stringify(record.data));
  // One statement moves the team's seq on from the one read, and writes the records and the log
  // only if it could: a single statement commits all of it or nothing.
  const [wrote] = await run<{ moved: boolean }>(
    'kotae_push_write',
    sql`with bumped as (
    update teams set seq = ${seq} where id = ${teamId} and seq = ${base} returning id
  ), written as (
    insert into records (team_id, entity, id, seq, op, data, owner_id, "private", author_id, author_name, at)
    select ${teamId}, entity, id, seq, op, data::jsonb, owner_id, "private", author_id, author_name, at
    from unnest(${column(latest, (r) => r.entity)}::text[], ${column(latest, (r) => r.id)}::text[], ${column(latest, (r) => r.seq)}::bigint[],
      ${column(latest, (r) => r.op)}::text[], ${column(latest, json)}::text[], ${column(latest, (r) => r.ownerId)}::text[],
      ${column(latest, (r) => r.private)}::boolean[], ${column(latest, (r) => r.authorId)}::text[], ${column(latest, (r) => r.authorName)}::text[],
      ${column(latest, (r) => r.at.toISOString())}::timestamptz[])
      as row(entity, id, seq, op, data, owner_id, "private", author_id, author_name, at)
    where exists (select 1 from bumped)
    on conflict (team_id, entity, id) do update set seq = excluded.seq, op = excluded.op, data = excluded.data, owner_id = excluded.owner_id,
      "private" = excluded."private", author_id = excluded.author_id, author_name = excluded.author_name, at = excluded.at
  ), logged as (
    insert into changes (team_id, seq, client_id, mutation_id, entity, record_id, op, data, author_id, author_name, at)
    select ${teamId}, seq, client_id, mutation_id, entity, record_id, op, data::jsonb, author_id, author_name, at
    from unnest(${column(written, (r) => r.seq)}::bigint[], ${sql.param(writtenBy.map((w) => w[0]))}::text[], ${sql.param(writtenBy.map((w) => w[1]))}::text[],
      ${column(written, (r) => r.entity)}::text[], ${column(written, (r) => r.id)}::text[], ${column(written, (r) => r.op)}::text[],
      ${column(written, json)}::text[], ${column(written, (r) => r.authorId)}::text[], ${column(written, (r) => r.authorName)}::text[],
      ${column(written, (r) => r.at.toISOString())}::timestamptz[])
      as row(seq, client_id, mutation_id, entity, record_id, op, data, author_id, author_name, at)
    where exists (select 1 from bumped)
  )
  select not exists (select 1 from bumped) as moved`,
  );
  return wrote?.moved ? null : { results, written };
}

/** The same push, one mutation at a time, each in a savepoint of its own. */
async function applyBySavepoints(tx: Tx, { caller, clientId, mutations, now, callerChecked }: PushInput): Promise<Applied<PushResult[]>> {
  const base = await lockTeam(tx, caller.team.id);
  if (!callerChecked) {
    const [check] = rowsOf<{ valid: unknown }>(await tx.execute(sql`select ${callersStillValid([caller])} as valid`));
    if (!jsonOf<boolean[]>(check?.valid)[0]) throw new StaleCaller();
  }
  let seq = base;
  const results: PushResult[] = [];
  const written: WrittenRecord[] = [];
  for (const mutation of mutations) {
    const result = await applyOne(tx, caller, clientId, mutation, now, seq + 1, written);
    if (result.status === 'applied') seq += 1;
    results.push(result);
  }
  if (seq !== base) await tx.update(teams).set({ seq }).where(eq(teams.id, caller.team.id));
  return { results, written };
}

async function applyOne(tx: Tx, caller: Caller, clientId: string, mutation: Mutation, now: Date, seq: number, written: WrittenRecord[]): Promise<PushResult> {
  const [done] = await tx
    .select({ seq: changes.seq })
    .from(changes)
    .where(and(eq(changes.teamId, caller.team.id), eq(changes.clientId, clientId), eq(changes.mutationId, mutation.mutationId)));
  if (done) return resultOf(mutation, 'duplicate', done.seq, null);
  try {
    const record = await tx.transaction(async (savepoint) => {
      // A random id another team already uses is not this team's to touch. Ids named after
      // things in the world (an identity, a post, `team`) are per team.
      const owned = OWNED_IDS.has(mutation.entity);
      const [existing] = await savepoint
        .select()
        .from(records)
        .where(and(eq(records.entity, mutation.entity), eq(records.id, mutation.id), owned ? undefined : eq(records.teamId, caller.team.id)));
      const write = planWrite(caller, mutation, existing ?? null, now);
      if ('unchanged' in write) return write;
      const row: WrittenRecord = { seq, entity: mutation.entity, id: mutation.id, ...write, authorId: caller.member.id, authorName: caller.member.name, at: now };
      const { entity: _entity, id: _id, ...set } = row;
      await savepoint
        .insert(records)
        .values({ teamId: caller.team.id, ...row })
        .onConflictDoUpdate({ target: [records.teamId, records.entity, records.id], set });
      await savepoint.insert(changes).values({
        teamId: caller.team.id,
        seq,
        clientId,
        mutationId: mutation.mutationId,
        entity: mutation.entity,
        recordId: mutation.id,
        op: row.op,
        data: row.data,
        authorId: row.authorId,
        authorName: row.authorName,
        at: now,
      });
      return row;
    });
    if ('unchanged' in record) return resultOf(mutation, 'duplicate', record.unchanged, null);
    written.push(record);
    return resultOf(mutation, 'applied', seq, null);
  } catch (error) {
    if (error instanceof Refusal) return resultOf(mutation, 'rejected', null, error.reason);
    // The only unique key a team-serialised push can hit: another team took this note, template or feedback id at the same moment.
    if (isUniqueViolation(error)) return resultOf(mutation, 'rejected', null, 'otherTeam');
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

/**
 * What a mutation writes, given the record as it stands (`existing`: this team's, or
 * for an owned id any team's). Throws a Refusal.
 */
function planWrite(caller: Caller, mutation: Mutation, existing: CurrentRecord | null, now: Date): Write {
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

  // A random id another team already uses is not this team's to touch.
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

// ─── Pull ────────────────────────────────────────────────────────────────────

export function clampPageSize(limit: number | undefined): number {
  return Math.min(PULL_PAGE_MAX, Math.max(1, limit ?? PULL_PAGE_DEFAULT));
}

/** A pull page: a PullResponse as UTF-8 JSON. */
export interface EncodedPage {
  body: Buffer<ArrayBuffer>;
  count: number;
  cursor: number;
  hasMore: boolean;
}

/**
 * Changes above `after`, one per record in its latest state, in sequence order. A
 * private note reaches only its author and supervisors and admins; anyone else gets
 * a body-less `delete` in its place, so a note that turns private leaves their devices.
 *
 * Which records the page holds is always read from the database; their encoding comes
 * from the change cache, and only changes it lacks are read in full.
 *
 * Unless `callerChecked`, the caller's token is checked in the same statement: StaleCaller
 * when it is no longer valid.
 */
export async function pull(db: Db, caller: Caller, after: number, limit: number | undefined, callerChecked = true): Promise<EncodedPage> {
  const { cache } = syncState(db);
  const teamId = caller.team.id;
  const size = clampPageSize(limit);
  // One row, not one per change: the seqs are all this needs from the database.
  const [listed] = await runStatement<{ seqs: string | null; valid: unknown }>(
    db,
    callerChecked ? 'kotae_pull_seqs' : 'kotae_pull_seqs_checked',
    sql`select string_agg(seq::text, ',' order by seq) as seqs, ${callerChecked ? sql`null` : callersStillValid([caller])} as valid from (select ${records.seq} as seq from ${records} where ${records.teamId} = ${teamId} and ${records.seq} > ${after} order by ${records.seq} limit ${size + 1}) as page`,
  );
  if (!callerChecked && !jsonOf<boolean[]>(listed?.valid)[0]) throw new StaleCaller();
  const seqs = listed?.seqs ? listed.seqs.split(',').map(Number) : [];
  const hasMore = seqs.length > size;
  if (hasMore) seqs.length = size;

  const missing = seqs.filter((seq) => !cache.get(teamId, seq));
  if (missing.length > 0) cache.add(teamId, await readChanges(db, teamId, sql`${records.seq} = any(${sql.param(missing)}::bigint[])`));
  const page: EncodedChange[] = [];
  for (const seq of seqs) {
    const change = cache.get(teamId, seq);
    // Rewritten since the first read (its seq moved on): read the page again, in full.
    if (!change) return pullInFull(db, caller, after, size);
    page.push(change);
  }
  return encodePage(caller, page, seqs.at(-1) ?? after, hasMore);
}

/** The page read in one query with every column: the way when the cache cannot help. */
async function pullInFull(db: Db, caller: Caller, after: number, size: number): Promise<EncodedPage> {
  const rows = await readChanges(db, caller.team.id, sql`${records.seq} > ${after}`, size + 1);
  const page = rows.slice(0, size);
  return encodePage(caller, syncState(db).cache.add(caller.team.id, page), page.at(-1)?.seq ?? after, rows.length > size);
}

async function readChanges(db: Db, teamId: string, condition: SQL, limit?: number): Promise<ReadRecord[]> {
  const query = db
    .select({
      seq: records.seq,
      entity: records.entity,
      id: records.id,
      op: records.op,
      // The stored JSON as text: no parsing only to encode it again.
      dataJson: sql<string | null>`${records.data}::text`,
      ownerId: records.ownerId,
      private: records.private,
      authorId: records.authorId,
      authorName: records.authorName,
      at: records.at,
    })
    .from(records)
    .where(and(eq(records.teamId, teamId), condition))
    .orderBy(asc(records.seq));
  const rows = limit === undefined ? await query : await query.limit(limit);
  return rows.map((row) => ({ ...row, entity: row.entity as SyncEntity }));
}

const PAGE_OPEN = Buffer.from('{"changes":[');
const COMMA = Buffer.from(',');

function encodePage(caller: Caller, page: readonly EncodedChange[], cursor: number, hasMore: boolean): EncodedPage {
  const seesPrivate = caller.member.role !== 'agent';
  const parts: Buffer[] = [PAGE_OPEN];
  page.forEach((change, index) => {
    if (index > 0) parts.push(COMMA);
    parts.push(change.hidden && !seesPrivate && change.ownerId !== caller.member.id ? change.hidden : change.full);
  });
  parts.push(Buffer.from(`],"cursor":${cursor},"hasMore":${hasMore}}`));
  return { body: Buffer.concat(parts), count: page.length, cursor, hasMore };
}

/** Rows of a raw query, from either driver's result. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export async function teamSeq(db: Db, teamId: string): Promise<number> {
  const [team] = await db.select({ seq: teams.seq }).from(teams).where(eq(teams.id, teamId));
  return team?.seq ?? 0;
}
