/**
 * A seeded model of team sync, shared by tests/unit/sync-model.test.ts (a few hundred
 * rounds in CI) and bench/sync-model.bench.ts (ten thousand rounds).
 *
 * One real team server (server/testing.ts: HTTP over PGlite) and three browsers, each a
 * KotaeDB of its own with a SyncEngine: two agents and a supervisor, all of whom have
 * seen the same few customers. Each round a seeded PRNG picks steps: local changes
 * through the extension's own write functions (add notes, some private; edit and delete
 * notes, an agent mostly its own and sometimes a colleague's, which the local check
 * refuses; add and remove tags; set a status), syncs of one browser, two browsers
 * syncing at once, a change made while the same browser syncs, and faults: a push
 * answer lost after the server committed, the same push sent twice, a browser offline
 * for a few steps (or for the rest of the round with enough changes for several push
 * batches), the engine stopped between two pull pages and replaced by a new one on the
 * same database, the server restarted, a browser clock a day ahead or behind. Then the
 * team heals (all online, every browser syncs until a pass starts with nothing pending
 * and ends without an error) and the round is checked:
 *
 * - the model, a small independent team server fed the mutations the real one
 *   applied, in the sequence order it answered (the later change wins per record; an
 *   agent may not change a colleague's note; a replaced note body goes into
 *   `revisions`; a note keeps its author and a tag its `createdBy`), equals what the
 *   server serves, record by record; a duplicate answer carries the first one's number;
 * - every browser holds exactly the server's records (customers, identities, notes,
 *   tags), less the colleagues' private notes for an agent;
 * - every note a browser created exists once, every body written is the note's body
 *   or one of its revisions (no text lost), and no body is the body of two notes;
 * - every outbox entry made was applied once, nothing the local check refused was
 *   queued, and nothing was refused by the server.
 *
 * The records a round changed are compared after every round, all records every
 * `fullCheckEvery` rounds and at the end, when a member who just joined also pulls
 * everything from 0. Decisions depend only on the seed (notes are picked in creation
 * order, never by their random ids), so `SYNC_MODEL_SEED=<seed>` replays a run's
 * decisions; steps where two things run at once may interleave differently.
 */
import 'fake-indexeddb/auto';
import { isDeepStrictEqual } from 'node:util';
import { startTestServer, type TestServer } from '@/server/testing';
import { addNote, addTag, deleteNote, removeTag, setStatus, updateNote, type Actor } from '@/utils/db/customers';
import { KotaeDB } from '@/utils/db/kotae-db';
import { recordSeenPosts } from '@/utils/db/posts';
import { KotaeError } from '@/utils/errors';
import { NOTE_REVISIONS_MAX, tagId, type CustomerStatus, type Note } from '@/utils/model';
import { SyncEngine } from '@/utils/sync/engine';
import type { Fetch } from '@/utils/sync/http';
import type { SessionRow } from '@/utils/sync/outbox';
import { ROUTES, type Mutation, type PullResponse, type PushRequest, type PushResponse, type Role, type Session } from '@/utils/sync/wire';

// ─── Seeded randomness ────────────────────────────────────────────────────────

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from nothing');
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** One key of a table of weights. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let r = this.next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return entries.at(-1)![0];
  }
}

/** The seed to use: `SYNC_MODEL_SEED` when set, else a fresh one (printed on failure). */
export function seedFromEnv(value: string | undefined): number {
  if (value !== undefined && value.trim() !== '') {
    const seed = Number(value);
    if (!Number.isInteger(seed)) throw new Error(`SYNC_MODEL_SEED must be an integer, not ${value}`);
    return seed >>> 0;
  }
  return Math.floor(Math.random() * 2 ** 32);
}

// ─── Configuration and figures ────────────────────────────────────────────────

export interface ModelOptions {
  seed: number;
  rounds: number;
  /** Steps (local changes, syncs, faults) per round, drawn between the two. */
  stepsPerRound?: [number, number];
  /** Compare every record everywhere this often (and after the last round); other rounds compare the records they changed. */
  fullCheckEvery?: number;
  /** Throw at the first round that fails a check (tests); otherwise count and go on (the benchmark). */
  stopOnFailure?: boolean;
  /** Weight of a server restart among the faults (the others weigh 15.5 together); restarts are slow, they reopen the database. */
  serverRestartWeight?: number;
  pullPageSize?: number;
  onProgress?: (round: number, stats: ModelStats) => void;
}

export const FAULT_KINDS = ['lostPushAnswer', 'doublePush', 'offline', 'longOffline', 'stopBetweenPullPages', 'engineReplaced', 'serverRestart', 'clockSkew'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export const OP_KINDS = ['addNote', 'editNote', 'deleteNote', 'addTag', 'removeTag', 'setStatus'] as const;
export type OpKind = (typeof OP_KINDS)[number];

export interface ModelStats {
  seed: number;
  rounds: number;
  steps: number;
  /** Local changes made, by kind. */
  operations: Record<OpKind, number>;
  /** Local changes the extension refused: a colleague's note for an agent, or a note or tag no longer there. */
  refusedLocally: { forbidden: number; notFound: number };
  syncs: number;
  /** Steps where two things ran at once. */
  concurrent: { writeDuringSync: number; syncTogether: number };
  faults: Record<FaultKind, number>;
  /** What the server answered. */
  applied: number;
  /**
   * Customer changes that set the status back to another value although the browser
   * only touched the record (a note or tag added from a copy not yet synced). The
   * per-record rule allows it, so it is not counted as lost; it is how a colleague's
   * status change disappears.
   */
  staleStatusReverts: number;
  duplicateAnswers: number;
  rejected: number;
  /** Changes a browser made that the team does not have after healing (outbox entries, notes, note text). */
  lost: number;
  /** Changes the team has more than once (a mutation applied twice, a body in two notes, a note nobody made). */
  duplicated: number;
  /** Records on which a browser, the server or the model disagree after healing. */
  diverged: number;
  /** Sync errors left after healing, and other surprises. */
  other: number;
  /** The first few problems, in words. */
  problems: string[];
  failedRound: number | null;
  ms: number;
}

const emptyStats = (seed: number): ModelStats => ({
  seed,
  rounds: 0,
  steps: 0,
  operations: Object.fromEntries(OP_KINDS.map((k) => [k, 0])) as Record<OpKind, number>,
  refusedLocally: { forbidden: 0, notFound: 0 },
  syncs: 0,
  concurrent: { writeDuringSync: 0, syncTogether: 0 },
  faults: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>,
  applied: 0,
  staleStatusReverts: 0,
  duplicateAnswers: 0,
  rejected: 0,
  lost: 0,
  duplicated: 0,
  diverged: 0,
  other: 0,
  problems: [],
  failedRound: null,
  ms: 0,
});

export class ModelFailure extends Error {
  override name = 'ModelFailure';
}

// ─── The model: the documented rule, fed the server's order ───────────────────

type Rec = Record<string, unknown>;
interface ModelRecord {
  entity: Mutation['entity'];
  id: string;
  data: Rec;
  /** A note's author: whoever created it. */
  ownerId: string | null;
  /** Who made the change that wrote this state (a replaced body's `authorName`). */
  changedByName: string;
}
interface Member {
  id: string;
  name: string;
  role: Role;
}

const keyOf = (entity: string, id: string) => `${entity}|${id}`;

/**
 * The team's records as the rule says they should be. Not the server's code: it
 * re-derives each record from the mutations in the order the server numbered them.
 */
class TeamModel {
  readonly records = new Map<string, ModelRecord>();
  /** Bodies pushed out of a note's revisions by the NOTE_REVISIONS_MAX cap. */
  readonly droppedBodies = new Set<string>();

  /** What applying this mutation by this member must do: refused, or the record after it. */
  predict(member: Member, mutation: Mutation): { status: 'rejected'; reason: 'forbidden' } | { status: 'applied'; record: ModelRecord; dropped: string[] } {
    const key = keyOf(mutation.entity, mutation.id);
    const existing = this.records.get(key);
    if (mutation.op !== 'put') throw new Error(`the model makes no ${mutation.op} mutations`);
    const data = structuredClone(mutation.data) as Rec;
    if (mutation.entity === 'note') {
      if (existing?.ownerId && existing.ownerId !== member.id && member.role === 'agent') return { status: 'rejected', reason: 'forbidden' };
      const before = existing?.data as Note | undefined;
      const ownerId = existing?.ownerId ?? member.id;
      const ownerName = before?.authorName ?? member.name;
      const revisions = [...(before?.revisions ?? [])].map((r) => ({ body: r.body, authorName: r.authorName }));
      const dropped: string[] = [];
      if (before && before.body !== data.body) {
        revisions.push({ body: before.body, authorName: existing!.changedByName });
        while (revisions.length > NOTE_REVISIONS_MAX) dropped.push(revisions.shift()!.body);
      }
      delete data.revisions;
      const record: Rec = { ...data, authorId: ownerId, authorName: ownerName };
      if (revisions.length > 0) record.revisions = revisions;
      return { status: 'applied', record: { entity: 'note', id: mutation.id, data: record, ownerId, changedByName: member.name }, dropped };
    }
    if (mutation.entity === 'tag') {
      const kept = existing?.data.createdBy;
      data.createdBy = typeof kept === 'string' ? kept : member.id;
    }
    return { status: 'applied', record: { entity: mutation.entity, id: mutation.id, data, ownerId: existing?.ownerId ?? null, changedByName: member.name }, dropped: [] };
  }

  commit(record: ModelRecord, dropped: readonly string[]) {
    this.records.set(keyOf(record.entity, record.id), record);
    for (const body of dropped) this.droppedBodies.add(body);
  }
}

/** A record as the model can know it: revisions without the server's time of replacing. */
function canonical(entity: string, data: unknown): unknown {
  if (entity !== 'note' || !data) return data;
  const note = data as Note;
  if (!note.revisions) return note;
  return { ...note, revisions: note.revisions.map((r) => ({ body: r.body, authorName: r.authorName })) };
}

// ─── Browsers ─────────────────────────────────────────────────────────────────

interface Browser {
  index: number;
  label: string;
  member: Member;
  db: KotaeDB;
  engine: SyncEngine;
  session: SessionRow;
  /** Steps left offline (every request fails as a network that is down). */
  offlineSteps: number;
  /** Lose the answer of the n-th push from now (1: the next). */
  losePushAnswerIn: number | null;
  doubleNextPush: boolean;
  /** Fail the n-th pull request of the next sync, as a worker stopped between pages. */
  stopAtPull: number | null;
  pullsThisSync: number;
  stoppedMidPull: boolean;
  skewMs: number;
  skewSteps: number;
  /** Every mutation id this browser's outbox was given. */
  made: Set<string>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HANDLES = ['alice', 'bob', 'carol', 'dave'];
const LABELS = ['vip', 'refund', 'angry', 'follow-up'];
const STATUSES: CustomerStatus[] = ['new', 'open', 'waiting', 'resolved'];
const SYNCED = ['customers', 'identities', 'notes', 'tags'] as const;
const ENTITY_OF = { customers: 'customer', identities: 'identity', notes: 'note', tags: 'tag' } as const;
const TABLE_OF_ENTITY: Record<string, (typeof SYNCED)[number]> = { customer: 'customers', identity: 'identities', note: 'notes', tag: 'tags' };

interface NoteMade {
  id: string;
  by: number;
}

// ─── The driver ───────────────────────────────────────────────────────────────

export class SyncModelRun {
  readonly stats: ModelStats;
  private readonly rng: Rng;
  private server!: TestServer;
  private browsers: Browser[] = [];
  private readonly model = new TeamModel();
  /** Server answers seen, by `clientId|mutationId`: the sequence number it was applied at. */
  private readonly appliedAt = new Map<string, number>();
  private readonly refused = new Set<string>();
  /** Outbox entries of changes meant to set a status (setStatus, and a first note opening a customer). */
  private readonly statusIntents = new Set<string>();
  private lastSeq = 0;
  /** Applied changes answered but not yet fed to the model: one with a lower number is still on its way. */
  private readonly inFlight = new Map<number, { b: Browser; mutation: Mutation; key: string }>();
  /** The server's records as served (kept current by pulling with an observer's token). */
  private readonly served = new Map<string, { entity: string; id: string; data: unknown }>();
  private observer!: Session;
  private observerCursor = 0;
  private readonly notesMade: NoteMade[] = [];
  private readonly notesMadeBy: NoteMade[][] = [[], [], []];
  /** Every body written by a change the browser accepted, with its note. */
  private readonly bodies = new Map<string, string>();
  private bodiesToCheck: string[] = [];
  private touched = new Set<string>();
  private counter = 0;
  private round = 0;
  /** Problems already counted, so the benchmark counts each once. */
  private readonly counted = new Set<string>();
  private roundProblems: string[] = [];

  constructor(private readonly options: ModelOptions) {
    this.rng = new Rng(options.seed);
    this.stats = emptyStats(options.seed);
  }

  // ─── Setup ───

  async start(): Promise<void> {
    this.server = await startTestServer();
    const roles: Role[] = ['agent', 'agent', 'supervisor'];
    const names = ['Agent A', 'Agent B', 'Supervisor S'];
    for (const [index, role] of roles.entries()) this.browsers.push(await this.browser(index, role, names[index]!));
    this.observer = await this.server.member('supervisor', 'Observer');
    const stamp = new Date();
    for (const b of this.browsers) {
      await recordSeenPosts(
        b.db,
        HANDLES.map((handle, i) => ({
          platform: 'x' as const,
          postId: `17900000000000000${i}${b.index}`,
          authorHandle: handle,
          authorName: handle[0]!.toUpperCase() + handle.slice(1),
          postedAt: '2026-05-01T08:00:00.000Z',
          text: 'Where is my order?',
          permalink: `https://x.com/${handle}/status/17900000000000000${i}${b.index}`,
        })),
        stamp,
      );
    }
    await this.heal();
    await this.check(true);
    this.failIfProblems();
  }

  async close(): Promise<void> {
    for (const b of this.browsers) {
      await b.engine.stop();
      b.db.close();
      await b.db.delete().catch(() => {});
    }
    await this.server?.close();
  }

  private async browser(index: number, role: Role, name: string): Promise<Browser> {
    const db = new KotaeDB(`kotae-model-${this.options.seed}-${index}-${Math.random().toString(36).slice(2)}`);
    const b = {
      index,
      label: name,
      db,
      offlineSteps: 0,
      losePushAnswerIn: null,
      doubleNextPush: false,
      stopAtPull: null,
      pullsThisSync: 0,
      stoppedMidPull: false,
      skewMs: 0,
      skewSteps: 0,
      made: new Set<string>(),
    } as Omit<Browser, 'member' | 'engine' | 'session'> as Browser;
    db.outbox.hook('creating', (_key, entry) => {
      b.made.add(entry.mutationId);
    });
    b.engine = this.engineFor(b);
    const invite = await this.server.invite(this.server.teamId, role);
    await b.engine.join({ serverUrl: this.server.url, code: invite.code, name });
    await b.engine.stop();
    b.session = (await db.syncState.get('session')) as SessionRow;
    b.member = { id: b.session.member.id, name, role };
    return b;
  }

  private engineFor(b: Browser): SyncEngine {
    return new SyncEngine({ db: b.db, fetch: this.fetchFor(b), now: () => new Date(Date.now() + b.skewMs), live: false, pullPageSize: this.options.pullPageSize ?? 3 });
  }

  /** The browser's network: real HTTP, with the faults armed for it, watching every push answer. */
  private fetchFor(b: Browser): Fetch {
    return async (input, init) => {
      const path = new URL(String(input)).pathname;
      if (b.offlineSteps > 0) throw new TypeError('fetch failed (offline)');
      if (path === ROUTES.pull && b.stopAtPull !== null) {
        b.pullsThisSync += 1;
        if (b.pullsThisSync >= b.stopAtPull) {
          b.stopAtPull = null;
          b.stoppedMidPull = true;
          throw new TypeError('the worker was stopped');
        }
      }
      if (path !== ROUTES.push) return fetch(input, init);
      const request = JSON.parse(String(init?.body)) as PushRequest;
      let response = await fetch(input, init);
      if (!response.ok) return response;
      this.observePush(b, request, (await response.clone().json()) as PushResponse);
      if (b.doubleNextPush) {
        // The same request again, as a proxy or network that retried it: answered `duplicate`.
        b.doubleNextPush = false;
        this.stats.faults.doublePush += 1;
        await response.body?.cancel();
        response = await fetch(input, { ...init, signal: AbortSignal.timeout(30_000) });
        if (!response.ok) return response;
        const again = (await response.clone().json()) as PushResponse;
        for (const r of again.results) {
          if (r.status !== 'duplicate') this.problem('duplicated', `double:${r.mutationId}`, `the same push sent twice was answered ${r.status} for ${r.mutationId}`);
        }
        this.observePush(b, request, again);
      }
      if (b.losePushAnswerIn !== null && (b.losePushAnswerIn -= 1) === 0) {
        // The server committed; the answer never arrives. The outbox keeps the entries and resends them.
        b.losePushAnswerIn = null;
        this.stats.faults.lostPushAnswer += 1;
        await response.text();
        throw new TypeError('connection reset');
      }
      return response;
    };
  }

  /** Checks each answer against the model and moves the model on. */
  private observePush(b: Browser, request: PushRequest, response: PushResponse) {
    const byId = new Map(request.mutations.map((m) => [m.mutationId, m]));
    for (const result of response.results) {
      const mutation = byId.get(result.mutationId);
      const key = `${request.clientId}|${result.mutationId}`;
      if (!mutation) {
        this.problem('other', `answer:${key}`, `an answer for a mutation that was not pushed: ${result.mutationId}`);
        continue;
      }
      const earlier = this.appliedAt.get(key);
      if (result.status === 'duplicate') {
        this.stats.duplicateAnswers += 1;
        if (earlier === undefined) this.problem('lost', `dup:${key}`, `${b.label}: ${mutation.entity} ${mutation.id} answered duplicate but never applied`);
        else if (earlier !== result.seq) this.problem('duplicated', `dup:${key}`, `${b.label}: a duplicate answer with seq ${result.seq}, applied at ${earlier}`);
        continue;
      }
      if (earlier !== undefined) {
        this.problem('duplicated', `twice:${key}`, `${b.label}: ${mutation.entity} ${mutation.id} (${result.mutationId}) applied twice, at ${earlier} and ${result.seq}`);
        continue;
      }
      if (result.status === 'rejected') {
        const predicted = this.model.predict(b.member, mutation);
        this.stats.rejected += 1;
        this.refused.add(key);
        if (predicted.status !== 'rejected' || result.reason !== predicted.reason) {
          this.problem('lost', `rejected:${key}`, `${b.label}: ${mutation.entity} ${mutation.id} refused (${result.reason}) where the rule applies it`);
        } else {
          // The local check refuses what the server would: nothing refused should ever be sent.
          this.problem('other', `rejected:${key}`, `${b.label}: ${mutation.entity} ${mutation.id} was sent although the local check should have refused it (${result.reason})`);
        }
        continue;
      }
      this.stats.applied += 1;
      const seq = result.seq ?? 0;
      if (seq <= this.lastSeq || this.inFlight.has(seq)) this.problem('duplicated', `seq:${seq}`, `two changes applied at seq ${seq}`);
      this.appliedAt.set(key, seq);
      this.inFlight.set(seq, { b, mutation, key });
    }
    this.drain();
  }

  /** Feeds the model the applied changes in the server's order (pushes of two browsers at once interleave). */
  private drain() {
    for (let next = this.inFlight.get(this.lastSeq + 1); next; next = this.inFlight.get(this.lastSeq + 1)) {
      this.inFlight.delete(this.lastSeq + 1);
      this.lastSeq += 1;
      const { b, mutation, key } = next;
      if (mutation.entity === 'customer') {
        const before = this.model.records.get(keyOf('customer', mutation.id))?.data.status;
        const after = (mutation.data as { status?: string } | null)?.status;
        if (before !== undefined && before !== after && !this.statusIntents.has(mutation.mutationId)) this.stats.staleStatusReverts += 1;
      }
      const predicted = this.model.predict(b.member, mutation);
      if (predicted.status === 'rejected') {
        this.problem('diverged', `applied:${key}`, `${b.label}: ${mutation.entity} ${mutation.id} applied where the rule refuses it (${predicted.reason})`);
        continue;
      }
      this.model.commit(predicted.record, predicted.dropped);
      this.touched.add(keyOf(mutation.entity, mutation.id));
    }
  }

  // ─── Problems ───

  private problem(kind: 'lost' | 'duplicated' | 'diverged' | 'other', key: string, message: string) {
    if (this.counted.has(`${kind}:${key}`)) return;
    this.counted.add(`${kind}:${key}`);
    this.stats[kind] += 1;
    const line = `round ${this.round}: ${kind}: ${message}`;
    this.roundProblems.push(line);
    if (this.stats.problems.length < 20) this.stats.problems.push(line);
    if (this.stats.failedRound === null) this.stats.failedRound = this.round;
  }

  private failIfProblems() {
    if (this.roundProblems.length === 0 || !this.options.stopOnFailure) {
      this.roundProblems = [];
      return;
    }
    const { seed } = this.options;
    throw new ModelFailure(
      `sync model failed in round ${this.round} (seed ${seed}; replay with SYNC_MODEL_SEED=${seed} SYNC_MODEL_ROUNDS=${this.round}):\n  ` +
        this.roundProblems.slice(0, 12).join('\n  '),
    );
  }

  // ─── Rounds ───

  async run(): Promise<ModelStats> {
    const started = performance.now();
    try {
      await this.start();
      const every = this.options.fullCheckEvery ?? 50;
      for (this.round = 1; this.round <= this.options.rounds; this.round += 1) {
        const [min, max] = this.options.stepsPerRound ?? [2, 10];
        const steps = this.rng.int(min, max);
        for (let i = 0; i < steps; i += 1) await this.step();
        await this.heal();
        await this.check(this.round % every === 0 || this.round === this.options.rounds);
        this.stats.rounds = this.round;
        this.failIfProblems();
        this.options.onProgress?.(this.round, this.stats);
      }
      await this.checkFromZero();
      this.failIfProblems();
    } finally {
      this.stats.ms = performance.now() - started;
      await this.close();
    }
    return this.stats;
  }

  private async step() {
    this.stats.steps += 1;
    const kind = this.rng.weighted({ op: 55, sync: 22, writeDuringSync: 6, syncTogether: 5, fault: 12 });
    if (kind === 'op') await this.operation(this.rng.pick(this.browsers), false);
    else if (kind === 'sync') await this.sync(this.rng.pick(this.browsers));
    else if (kind === 'writeDuringSync') {
      // A change made while the same browser's sync is under way (the background answers messages meanwhile).
      const b = this.rng.pick(this.browsers);
      this.stats.concurrent.writeDuringSync += 1;
      const syncing = this.sync(b);
      await this.operation(b, true);
      await syncing;
    } else if (kind === 'syncTogether') {
      // Two browsers push and pull at the same time: the server interleaves their mutations.
      const first = this.rng.int(0, this.browsers.length - 1);
      const second = (first + this.rng.int(1, this.browsers.length - 1)) % this.browsers.length;
      this.stats.concurrent.syncTogether += 1;
      await Promise.all([this.sync(this.browsers[first]!), this.sync(this.browsers[second]!)]);
    } else await this.fault();
    for (const b of this.browsers) {
      if (b.offlineSteps > 0) b.offlineSteps -= 1;
      if (b.skewSteps > 0 && (b.skewSteps -= 1) === 0) b.skewMs = 0;
    }
  }

  private async sync(b: Browser) {
    this.stats.syncs += 1;
    b.pullsThisSync = 0;
    await b.engine.sync();
    if (b.stoppedMidPull) {
      // The worker was stopped between two pull pages: a new engine starts on the same database.
      b.stoppedMidPull = false;
      this.stats.faults.stopBetweenPullPages += 1;
      await this.replaceEngine(b);
    }
  }

  private async replaceEngine(b: Browser) {
    await b.engine.stop();
    b.engine = this.engineFor(b);
  }

  private async fault() {
    const b = this.rng.pick(this.browsers);
    const kind = this.rng.weighted({ lostPushAnswer: 3, doublePush: 3, offline: 3, stopBetweenPullPages: 3, engineReplaced: 1, longOffline: 0.5, clockSkew: 2, serverRestart: this.options.serverRestartWeight ?? 1 });
    switch (kind) {
      case 'lostPushAnswer':
        b.losePushAnswerIn = 1; // counted when it happens
        break;
      case 'doublePush':
        b.doubleNextPush = true;
        break;
      case 'offline': {
        // Offline for a while: changes made meanwhile wait in the outbox, and a sync fails.
        this.stats.faults.offline += 1;
        b.offlineSteps = this.rng.int(3, 8);
        const changes = this.rng.int(1, 3);
        for (let i = 0; i < changes; i += 1) await this.operation(b, false);
        await this.sync(b);
        break;
      }
      case 'longOffline': {
        // Offline for the rest of the round with many changes: more than one push batch, perhaps with the second's answer lost.
        this.stats.faults.longOffline += 1;
        b.offlineSteps = 1_000;
        const changes = this.rng.int(50, 70);
        for (let i = 0; i < changes; i += 1) await this.operation(b, false);
        if (this.rng.chance(0.5)) b.losePushAnswerIn = 2;
        await this.sync(b);
        break;
      }
      case 'clockSkew':
        this.stats.faults.clockSkew += 1;
        b.skewMs = this.rng.chance(0.5) ? DAY_MS : -DAY_MS;
        b.skewSteps = this.rng.int(3, 10);
        break;
      case 'stopBetweenPullPages':
        // The next sync that pulls more than one page stops after the first (counted then).
        b.stopAtPull = 2;
        break;
      case 'engineReplaced':
        // The worker went to sleep and woke up: a new engine on the same database.
        this.stats.faults.engineReplaced += 1;
        await this.replaceEngine(b);
        break;
      case 'serverRestart':
        this.stats.faults.serverRestart += 1;
        await this.server.restart();
        break;
    }
  }

  private actor(b: Browser): Actor {
    return { agentId: b.member.id, agentName: b.member.name, role: b.member.role, now: new Date(Date.now() + b.skewMs) };
  }

  private newBody(b: Browser, what: string): string {
    this.counter += 1;
    return `${what} ${this.counter} by ${b.label} in round ${this.round}`;
  }

  /** A note to change: for agents mostly their own, sometimes a colleague's; recent ones, so edits cross. */
  private pickNote(b: Browser): NoteMade | null {
    const own = this.notesMadeBy[b.index]!;
    const pool = b.member.role === 'agent' && own.length > 0 && this.rng.chance(0.75) ? own : this.notesMade;
    if (pool.length === 0) return null;
    return pool[pool.length - 1 - this.rng.int(0, Math.min(pool.length, 12) - 1)]!;
  }

  /** One local change. `concurrent`: a sync of the same browser is under way, so the note may change under it. */
  private async operation(b: Browser, concurrent: boolean) {
    const op = this.rng.weighted<OpKind>({ addNote: 3, editNote: 4, deleteNote: 1, addTag: 2, removeTag: 1, setStatus: 2 });
    const handle = this.rng.pick(HANDLES);
    const identityId = `x:${handle}`;
    const customerId = `c:${identityId}`;
    this.stats.operations[op] += 1;
    switch (op) {
      case 'addNote': {
        const body = this.newBody(b, 'note');
        const before = new Set(b.made);
        const note = await addNote(b.db, { identityId, body, postKey: null, private: this.rng.chance(0.15) }, this.actor(b));
        for (const id of b.made) if (!before.has(id)) this.statusIntents.add(id);
        const made = { id: note.id, by: b.index };
        this.notesMade.push(made);
        this.notesMadeBy[b.index]!.push(made);
        this.wrote(body, note.id);
        return;
      }
      case 'editNote':
      case 'deleteNote': {
        const picked = this.pickNote(b);
        if (!picked) return;
        const local = await b.db.notes.get(picked.id);
        const expected = !local || local.deletedAt !== null ? 'notFound' : b.member.role === 'agent' && local.authorId !== b.member.id ? 'forbidden' : 'ok';
        if (local && local.authorId !== this.browsers[picked.by]!.member.id) {
          this.problem('diverged', `author:${picked.id}:${b.index}`, `${b.label} holds note ${picked.id} with author ${local.authorId}, not its creator`);
        }
        const body = this.newBody(b, 'edit');
        const queued = b.made.size;
        const outcome = await (op === 'editNote' ? updateNote(b.db, { noteId: picked.id, body }, this.actor(b)) : deleteNote(b.db, picked.id, this.actor(b))).then(
          () => 'ok' as const,
          (error: unknown) => {
            if (error instanceof KotaeError && (error.code === 'forbidden' || error.code === 'notFound')) return error.code;
            throw error;
          },
        );
        if (outcome !== 'ok') this.stats.refusedLocally[outcome] += 1;
        if (outcome !== 'ok' && b.made.size !== queued) this.problem('other', `queued:${this.counter}`, `${b.label} ${op} of ${picked.id} was refused (${outcome}) but queued for the server`);
        const raced = concurrent && (outcome === 'notFound' || expected === 'notFound');
        if (outcome !== expected && !raced) this.problem('other', `local:${this.counter}`, `${b.label} ${op} of ${picked.id}: expected ${expected}, got ${outcome}`);
        if (outcome === 'ok' && op === 'editNote') this.wrote(body, picked.id);
        return;
      }
      case 'addTag':
        await addTag(b.db, { identityId, label: this.rng.pick(LABELS) }, this.actor(b));
        return;
      case 'removeTag': {
        const id = tagId(customerId, this.rng.pick(LABELS));
        const local = await b.db.tags.get(id);
        const expected = local && local.deletedAt === null ? 'ok' : 'notFound';
        const outcome = await removeTag(b.db, id, this.actor(b)).then(
          () => 'ok' as const,
          (error: unknown) => {
            if (error instanceof KotaeError && error.code === 'notFound') return 'notFound' as const;
            throw error;
          },
        );
        if (outcome === 'notFound') this.stats.refusedLocally.notFound += 1;
        if (outcome !== expected && !concurrent) this.problem('other', `local:tag:${this.counter}:${this.stats.steps}`, `${b.label} removeTag ${id}: expected ${expected}, got ${outcome}`);
        return;
      }
      case 'setStatus': {
        const before = new Set(b.made);
        await setStatus(b.db, identityId, this.rng.pick(STATUSES), this.actor(b));
        for (const id of b.made) if (!before.has(id)) this.statusIntents.add(id);
        return;
      }
    }
  }

  private wrote(body: string, noteId: string) {
    this.bodies.set(body, noteId);
    this.bodiesToCheck.push(body);
  }

  // ─── Healing and checking ───

  /**
   * Everyone online with a true clock; sync every browser until a pass starts with
   * nothing pending and ends without an error (the last pass syncs each browser that
   * is not yet at the team's latest change). Faults armed for the next push or pull
   * still strike on the way.
   */
  private async heal() {
    for (const b of this.browsers) {
      b.offlineSteps = 0;
      b.skewMs = 0;
      b.skewSteps = 0;
    }
    for (let pass = 0; ; pass += 1) {
      let pending = 0;
      for (const b of this.browsers) pending += await b.db.outbox.count();
      let failed = false;
      for (const b of this.browsers) {
        // A browser with nothing to push, at the team's latest change and without an error, would sync nothing.
        const [waiting, cursor, status] = await Promise.all([b.db.outbox.count(), b.db.syncState.get('cursor'), b.engine.status()]);
        const current = waiting === 0 && cursor?.key === 'cursor' && cursor.value === this.lastSeq && this.inFlight.size === 0 && !status.error;
        if (!current) await this.sync(b);
        if ((await b.engine.status()).error) failed = true;
      }
      if (pending === 0 && !failed) break;
      if (pass >= 12) {
        this.problem('diverged', `heal:${this.round}`, `still ${pending} changes pending after ${pass} passes`);
        break;
      }
    }
    for (const b of this.browsers) {
      const status = await b.engine.status();
      if (status.error) this.problem('other', `error:${this.round}:${b.index}`, `${b.label} ends the round with ${status.error.code}: ${status.error.message}`);
    }
  }

  private async pullAll(token: string, after: number, into: Map<string, { entity: string; id: string; data: unknown }>): Promise<number> {
    let cursor = after;
    for (;;) {
      const response = await fetch(`${this.server.url}${ROUTES.pull}?after=${cursor}&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`pull failed: ${response.status} ${await response.text()}`);
      const page = (await response.json()) as PullResponse;
      for (const change of page.changes) {
        const key = keyOf(change.entity, change.id);
        if (change.op === 'delete') into.delete(key);
        else into.set(key, { entity: change.entity, id: change.id, data: change.data });
      }
      if (page.changes.length > 0) cursor = page.cursor;
      if (!page.hasMore) return cursor;
    }
  }

  /** After healing: model, server and browsers agree, and nothing any browser did is lost or doubled. */
  private async check(full: boolean) {
    if (this.inFlight.size > 0) {
      this.problem('other', `gap:${this.round}`, `the server applied seq ${[...this.inFlight.keys()].join(', ')} but no answer carried seq ${this.lastSeq + 1}`);
    }
    this.observerCursor = await this.pullAll(this.observer.token, this.observerCursor, this.served);
    const keys = full ? new Set([...this.model.records.keys(), ...this.served.keys()]) : this.touched;
    this.touched = new Set();

    // The model and the server.
    if (this.model.records.size !== this.served.size) {
      this.problem('diverged', `size:${this.round}`, `the server serves ${this.served.size} records, the model has ${this.model.records.size}`);
    }
    for (const key of keys) {
      const model = this.model.records.get(key);
      const served = this.served.get(key);
      if (!served) this.problem('lost', `served:${key}`, `the server does not serve ${key}`);
      else if (!model) this.problem('duplicated', `unmade:${key}`, `the server serves ${key}, which no browser pushed`);
      else if (!isDeepStrictEqual(canonical(served.entity, served.data), canonical(model.entity, model.data))) {
        this.problem('diverged', `model:${key}`, `${key}: server ${JSON.stringify(served.data)} ≠ model ${JSON.stringify(model.data)}`);
      }
    }

    // Every browser and the server: the same records, but a colleague's private note never reaches an agent.
    const agents = this.browsers.filter((b) => b.member.role === 'agent');
    const servedCount: Record<string, number> = { customer: 0, identity: 0, note: 0, tag: 0 };
    const hiddenFrom = new Map<Browser, number>(agents.map((b) => [b, 0]));
    for (const { entity, data } of this.served.values()) {
      servedCount[entity] = (servedCount[entity] ?? 0) + 1;
      if (entity === 'note' && (data as Note).private) {
        for (const b of agents) if ((data as Note).authorId !== b.member.id) hiddenFrom.set(b, hiddenFrom.get(b)! + 1);
      }
    }
    const byTable = new Map<(typeof SYNCED)[number], string[]>();
    for (const key of keys) {
      const [entity, id] = key.split('|') as [string, string];
      const table = TABLE_OF_ENTITY[entity];
      if (table) byTable.set(table, [...(byTable.get(table) ?? []), id]);
    }
    for (const b of this.browsers) {
      for (const table of SYNCED) {
        const count = await b.db.table(table).count();
        const expected = servedCount[ENTITY_OF[table]]! - (table === 'notes' ? (hiddenFrom.get(b) ?? 0) : 0);
        if (count !== expected) this.problem('diverged', `count:${this.round}:${b.index}:${table}`, `${b.label} holds ${count} ${table}, where it should hold ${expected}`);
      }
      for (const [table, ids] of byTable) {
        const rows = (await b.db.table(table).bulkGet(ids)) as unknown[];
        for (const [i, id] of ids.entries()) {
          const key = keyOf(ENTITY_OF[table], id);
          const served = this.served.get(key)?.data;
          const hidden = table === 'notes' && b.member.role === 'agent' && (served as Note | undefined)?.private === true && (served as Note).authorId !== b.member.id;
          const expected = hidden ? undefined : served;
          if (!isDeepStrictEqual(rows[i], expected)) {
            this.problem('diverged', `browser:${b.index}:${key}`, `${b.label} holds ${JSON.stringify(rows[i])} for ${key}, where it should hold ${JSON.stringify(expected)}`);
          }
        }
      }
      // Every outbox entry made since the last check was applied once, or refused.
      const { clientId } = (await b.db.syncState.get('client')) as { clientId: string };
      for (const id of b.made) {
        const key = `${clientId}|${id}`;
        if (!this.appliedAt.has(key) && !this.refused.has(key)) this.problem('lost', `outbox:${key}`, `${b.label}: outbox entry ${id} never reached the server`);
      }
      b.made.clear();
      const pending = await b.db.outbox.count();
      if (pending > 0) this.problem('lost', `pending:${this.round}:${b.index}`, `${b.label} still has ${pending} changes pending after healing`);
    }

    // Intent: notes made once, no text lost, no body in two notes.
    const noteKeys = full ? this.notesMade.map((n) => keyOf('note', n.id)) : [...keys].filter((k) => k.startsWith('note|'));
    for (const key of noteKeys) {
      if (!this.served.has(key)) this.problem('lost', `note:${key}`, `note ${key} was made but the team does not have it`);
    }
    const toCheck = full ? [...this.bodies.keys()] : this.bodiesToCheck;
    this.bodiesToCheck = [];
    for (const body of toCheck) {
      const note = this.served.get(keyOf('note', this.bodies.get(body)!))?.data as Note | undefined;
      const kept = note && (note.body === body || note.revisions?.some((r) => r.body === body));
      if (!kept && !this.model.droppedBodies.has(body)) this.problem('lost', `body:${body}`, `the text "${body}" is in no note and no revision`);
    }
    if (full) {
      const seen = new Map<string, string>();
      for (const { entity, id, data } of this.served.values()) {
        if (entity !== 'note') continue;
        const body = (data as Note).body;
        const other = seen.get(body);
        // The same text twice is a body written once but stored in two notes.
        if (other !== undefined) this.problem('duplicated', `twice:${body}`, `"${body}" is the body of notes ${other} and ${id}`);
        seen.set(body, id);
        if (this.bodies.get(body) !== undefined && this.bodies.get(body) !== id) {
          this.problem('duplicated', `moved:${body}`, `"${body}" was written in note ${this.bodies.get(body)} but is the body of ${id}`);
        }
      }
      const made = new Set(this.notesMade.map((n) => n.id));
      for (const { entity, id } of this.served.values()) {
        if (entity === 'note' && !made.has(id)) this.problem('duplicated', `extra:${id}`, `the team has note ${id}, which no browser made`);
      }
    }
  }

  /** At the end: a member who just joined pulls everything from 0 and gets exactly what the observer holds. */
  private async checkFromZero() {
    const fresh = await this.server.member('supervisor', 'Latecomer');
    const fromZero = new Map<string, { entity: string; id: string; data: unknown }>();
    await this.pullAll(fresh.token, 0, fromZero);
    if (!isDeepStrictEqual(fromZero, this.served)) {
      this.problem('diverged', 'fromZero', `a pull from 0 gives ${fromZero.size} records, pulling along gave ${this.served.size}, and they differ`);
    }
  }
}

/** Runs the model: for tests (throws with the seed at the first failing round) and the benchmark. */
export async function runSyncModel(options: ModelOptions): Promise<ModelStats> {
  return new SyncModelRun(options).run();
}

/** The figures in a few lines. */
export function describeStats(stats: ModelStats): string {
  const ops = Object.values(stats.operations).reduce((a, b) => a + b, 0);
  const faults = Object.values(stats.faults).reduce((a, b) => a + b, 0);
  return [
    `seed ${stats.seed}: ${stats.rounds} rounds, ${stats.steps} steps in ${(stats.ms / 1000).toFixed(1)} s (${(stats.ms / Math.max(1, stats.rounds)).toFixed(1)} ms a round)`,
    `  operations: ${ops} (${OP_KINDS.map((k) => `${k} ${stats.operations[k]}`).join(', ')}); refused locally: forbidden ${stats.refusedLocally.forbidden}, notFound ${stats.refusedLocally.notFound}`,
    `  syncs: ${stats.syncs} (${stats.concurrent.syncTogether} times two at once; ${stats.concurrent.writeDuringSync} changes made during a sync); server answered applied ${stats.applied}, duplicate ${stats.duplicateAnswers}, rejected ${stats.rejected}`,
    `  faults: ${faults} (${FAULT_KINDS.map((k) => `${k} ${stats.faults[k]}`).join(', ')})`,
    `  lost changes: ${stats.lost}, duplicated changes: ${stats.duplicated}, diverged records: ${stats.diverged}, other problems: ${stats.other}`,
    `  statuses set back by a colleague's stale copy of the customer (allowed by the per-record rule): ${stats.staleStatusReverts}`,
    ...stats.problems.map((p) => `  ! ${p}`),
  ].join('\n');
}
