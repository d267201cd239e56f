/**
 * The sync engine the background runs: push the outbox, pull above the cursor,
 * listen to the live signal, and join or leave a team.
 *
 * Everything it needs to resume is in Dexie (session, cursor, outbox), so an MV3
 * worker stopped at any await starts again from the stored state; `start()` is
 * safe to call any number of times (on wake, on an alarm, on a retry): one sync
 * runs at a time, a call during a sync asks for one more round after it, and at
 * most one live stream is open.
 *
 * A round pushes before it pulls, so local changes get their sequence numbers
 * before the pull that could carry older remote versions of the same records
 * (see the convergence rule in apply.ts).
 */
import type { KotaeDB } from '@/utils/db/kotae-db';
import type { Note } from '@/utils/model';
import { reportSchema, type Report, type ReportRange } from '@/utils/reports/schema';
import { applyPage } from './apply';
import { isAllowedServerUrl, serverClient, normaliseServerUrl, SyncError, type Fetch, type ServerClient } from './http';
import { readLiveStream } from './live';
import {
  enqueueSnapshot,
  SYNCED_TABLES,
  type OutboxEntry,
  type SessionRow,
  type StatusRow,
} from './outbox';
import type { SyncErrorInfo, SyncStatus } from './state';
import {
  MAX_BODY_BYTES,
  MAX_PUSH_MUTATIONS,
  PULL_PAGE_DEFAULT,
  PULL_PAGE_MAX,
  pullResponseSchema,
  pushResponseSchema,
  ROUTES,
  sessionSchema,
  type LiveEvent,
  type Session,
  type SyncEntity,
  type TeamSettings,
} from './wire';
import * as z from 'zod/mini';

export interface SyncEngineOptions {
  db: KotaeDB;
  fetch?: Fetch;
  now?: () => Date;
  /** Open the live stream (off in tests that drive sync by hand). */
  live?: boolean;
  pullPageSize?: number;
  /** Pulled changes touched these customers: refresh their badges. */
  onCustomersChanged?: (customerIds: string[]) => void | Promise<void>;
  /** The team's settings arrived: copy them where the extension reads them. */
  onTeamSettings?: (settings: TeamSettings) => void | Promise<void>;
  /** Joined: the member is now the author of this browser's changes. */
  onJoined?: (session: Session) => void | Promise<void>;
  /** A colleague started or stopped replying to a post (from the live stream). */
  onPresence?: (event: Extract<LiveEvent, { type: 'presence' }>) => void;
  /** The live stream closed: presence heard on it may be stale. */
  onLiveClosed?: () => void;
  /** Whether the browser lets Kotae reach this server (host permission granted). */
  canReach?: (serverUrl: string) => Promise<boolean>;
}

/** Bodies stay below the server's limit with room for the envelope. */
const PUSH_BODY_BUDGET = Math.floor(MAX_BODY_BYTES * 0.9);
const LIVE_BACKOFF_MAX_MS = 60_000;

/** The server's answer to a presence call carries nothing Kotae needs. */
const presenceAnswerSchema = z.unknown();

const emptyStatus = (): StatusRow => ({ key: 'status', lastSyncAt: null, lastError: null, rejectedCount: 0, lastRejected: null });

export class SyncEngine {
  private readonly db: KotaeDB;
  private readonly fetch: Fetch;
  private readonly now: () => Date;
  private running: Promise<void> | null = null;
  private again = false;
  private liveController: AbortController | null = null;
  private liveConnected = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: SyncEngineOptions) {
    this.db = options.db;
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.now = options.now ?? (() => new Date());
  }

  // ─── State ──────────────────────────────────────────────────────────────

  private async session(): Promise<SessionRow | null> {
    const row = await this.db.syncState.get('session');
    return row?.key === 'session' ? row : null;
  }

  private async statusRow(): Promise<StatusRow> {
    const row = await this.db.syncState.get('status');
    return row?.key === 'status' ? row : emptyStatus();
  }

  private async updateStatus(change: (row: StatusRow) => StatusRow): Promise<void> {
    await this.db.transaction('rw', this.db.syncState, async () => {
      await this.db.syncState.put(change(await this.statusRow()));
    });
  }

  private async recordError(error: SyncError): Promise<void> {
    const info: SyncErrorInfo = error.info(this.now());
    await this.updateStatus((row) => ({ ...row, lastError: info }));
  }

  /** What the popup shows. Never the token. */
  async status(): Promise<SyncStatus> {
    const [session, row, pending] = await Promise.all([this.session(), this.statusRow(), this.db.outbox.count()]);
    const error = row.lastError;
    const state = !session
      ? 'signedOut'
      : this.running
        ? 'syncing'
        : error
          ? error.code === 'unreachable'
            ? 'offline'
            : 'error'
          : 'online';
    return {
      state,
      serverUrl: session?.serverUrl ?? null,
      memberName: session?.member.name ?? null,
      role: session?.member.role ?? null,
      teamName: session?.team.name ?? null,
      lastSyncAt: row.lastSyncAt,
      pending: session ? pending : 0,
      rejected: row.rejectedCount,
      lastRejected: row.lastRejected,
      live: this.liveConnected,
      error: error ? { ...error, retryAfterSeconds: error.retryAfterSeconds } : null,
    };
  }

  // ─── Running ────────────────────────────────────────────────────────────

  /**
   * Resumes sync if this browser is joined: opens the live stream (once) and runs a
   * round. Does nothing after a failure only a person can fix (signed out, disabled)
   * until `retry()`.
   */
  async start(): Promise<void> {
    const session = await this.session();
    if (!session) return;
    const { lastError } = await this.statusRow();
    if (lastError && (lastError.code === 'unauthorized' || lastError.code === 'disabled')) return;
    this.openLive(session);
    await this.sync();
  }

  /** The person asked to try again: forget the last failure and start. */
  async retry(): Promise<void> {
    await this.updateStatus((row) => ({ ...row, lastError: null }));
    await this.start();
  }

  /** One push-and-pull round at a time; a call during a round asks for one more. Never throws. */
  sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.round();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Stops the live stream and any scheduled retry, and waits for a round under way. */
  async stop(): Promise<void> {
    this.liveController?.abort();
    this.liveController = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.running?.catch(() => {});
  }

  private async round(): Promise<void> {
    const session = await this.session();
    if (!session) return;
    const client = serverClient(this.fetch, session.serverUrl, session.token);
    try {
      await this.offerSnapshot(client);
      await this.push(client);
      await this.pull(client);
      await this.updateStatus((row) => ({ ...row, lastSyncAt: this.now().toISOString(), lastError: null }));
    } catch (caught) {
      const error = caught instanceof SyncError ? caught : new SyncError('server', `Sync failed: ${String(caught)}`.slice(0, 300));
      if (!(caught instanceof SyncError)) console.warn('[kotae] sync failed', caught);
      await this.recordError(error);
      if (error.final) {
        this.liveController?.abort();
        this.liveController = null;
      } else if (error.code === 'rateLimited' && error.retryAfterSeconds !== null) {
        this.scheduleRetry(error.retryAfterSeconds * 1000);
      }
    }
  }

  private scheduleRetry(ms: number) {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.sync();
    }, ms);
  }

  /**
   * After joining, queues what this browser holds that the team does not have yet, so a
   * shop owner's records go up. A record the team already has is the team's: a browser
   * joining again after signing out must not put back what colleagues changed meanwhile.
   * The one exception is a note whose text the team has never seen (edited here while
   * signed out): it goes up too, and the team's body stays in the note's revisions, so no
   * text is lost. Done once; a worker stopped halfway does it again from the start.
   */
  private async offerSnapshot(client: ServerClient): Promise<void> {
    if (!(await this.db.syncState.get('snapshotPending'))) return;
    const team = new Map<string, unknown>();
    for (let after = 0; ; ) {
      const page = await client.call('GET', ROUTES.pull, {
        schema: pullResponseSchema,
        query: { after: String(after), limit: String(PULL_PAGE_MAX) },
      });
      for (const change of page.changes) team.set(`${change.entity}:${change.id}`, change.op === 'put' ? change.data : null);
      if (!page.hasMore || page.cursor <= after) break;
      after = page.cursor;
    }
    const wanted = (entity: SyncEntity, row: { id: string }) => {
      const key = `${entity}:${row.id}`;
      if (!team.has(key)) return true;
      if (entity !== 'note') return false;
      const mine = row as Note;
      const theirs = team.get(key) as Note | null;
      if (!theirs) return false;
      return mine.body !== theirs.body && !(theirs.revisions ?? []).some((revision) => revision.body === mine.body);
    };
    await this.db.transaction('rw', [...SYNCED_TABLES.map((name) => this.db.table(name)), this.db.outbox, this.db.syncState], async () => {
      if (!(await this.db.syncState.get('snapshotPending'))) return;
      await enqueueSnapshot(this.db, wanted);
      await this.db.syncState.delete('snapshotPending');
    });
  }

  /** Pushes the outbox oldest first; each entry leaves only once the server answered for it. */
  private async push(client: ServerClient): Promise<void> {
    const clientRow = await this.db.syncState.get('client');
    if (clientRow?.key !== 'client') throw new SyncError('invalid', 'This browser has no client id');
    for (;;) {
      const entries = await this.db.outbox.orderBy('seq').limit(MAX_PUSH_MUTATIONS).toArray();
      if (entries.length === 0) return;
      const batch: OutboxEntry[] = [];
      let bytes = 200;
      for (const entry of entries) {
        const size = JSON.stringify(entry).length * 3; // worst case: every character three UTF-8 bytes
        if (batch.length > 0 && bytes + size > PUSH_BODY_BUDGET) break;
        batch.push(entry);
        bytes += size;
      }
      const answer = await client.call('POST', ROUTES.push, {
        schema: pushResponseSchema,
        body: {
          clientId: clientRow.clientId,
          mutations: batch.map(({ mutationId, entity, id, op, data }) => ({ mutationId, entity, id, op, data })),
        },
      });
      const results = new Map(answer.results.map((r) => [r.mutationId, r]));
      let answered = 0;
      await this.db.transaction('rw', this.db.outbox, this.db.syncState, async () => {
        const status = await this.statusRow();
        let rejected = false;
        for (const entry of batch) {
          const result = results.get(entry.mutationId);
          if (!result) continue;
          answered += 1;
          await this.db.outbox.delete(entry.seq!);
          if (result.status === 'rejected') {
            rejected = true;
            status.rejectedCount += 1;
            status.lastRejected = { entity: entry.entity, id: entry.id, reason: result.reason ?? 'invalid' };
          }
        }
        await this.db.syncState.put(status);
        // A refused change left this browser with a state the team does not have, and
        // no later change will carry the team's: pull everything again to converge.
        if (rejected) await this.db.syncState.put({ key: 'cursor', value: 0 });
      });
      if (answered === 0) throw new SyncError('badAnswer', 'The server answered for none of the pushed changes');
    }
  }

  /** Pulls above the stored cursor page by page; each page and its cursor in one transaction. */
  private async pull(client: ServerClient): Promise<void> {
    for (;;) {
      const stored = await this.db.syncState.get('cursor');
      const after = stored?.key === 'cursor' ? stored.value : 0;
      const page = await client.call('GET', ROUTES.pull, {
        schema: pullResponseSchema,
        query: { after: String(after), limit: String(this.options.pullPageSize ?? PULL_PAGE_DEFAULT) },
      });
      const applied = await applyPage(this.db, page.changes, page.cursor);
      if (applied.customerIds.length > 0) await this.options.onCustomersChanged?.(applied.customerIds);
      if (applied.settings) await this.options.onTeamSettings?.(applied.settings);
      if (!page.hasMore || page.cursor <= after) return;
    }
  }

  // ─── Live signal ────────────────────────────────────────────────────────

  private openLive(session: SessionRow) {
    if (this.liveController || this.options.live === false) return;
    const controller = new AbortController();
    this.liveController = controller;
    void this.listen(session, controller.signal).finally(() => {
      if (this.liveController === controller) this.liveController = null;
    });
  }

  private async listen(session: SessionRow, signal: AbortSignal): Promise<void> {
    const client = serverClient(this.fetch, session.serverUrl, session.token);
    for (let attempt = 0; !signal.aborted; attempt += 1) {
      try {
        const response = await client.stream(ROUTES.live, signal);
        if (!response.body) throw new SyncError('badAnswer', 'The live stream has no body');
        this.liveConnected = true;
        attempt = 0;
        // Catch up on whatever happened while the stream was closed.
        void this.sync();
        await readLiveStream(response.body, signal, (event) => {
          if (event.type === 'changed') void this.sync();
          else this.options.onPresence?.(event);
        });
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof SyncError && error.final) {
          await this.recordError(error);
          break;
        }
      } finally {
        this.liveConnected = false;
        this.options.onLiveClosed?.();
      }
      // Back off when the server is away, up to a minute; the alarm also restarts sync.
      const wait = Math.min(LIVE_BACKOFF_MAX_MS, 1000 * 2 ** Math.min(attempt, 6)) * (0.75 + Math.random() / 2);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        }, { once: true });
      });
    }
  }

  /**
   * Tells the team this agent has a reply open on a post (or no longer). Best effort:
   * presence is a courtesy, so a failure is not an error anyone needs to see.
   */
  async setPresence(postKey: string, replying: boolean): Promise<void> {
    const session = await this.session();
    if (!session) return;
    try {
      await serverClient(this.fetch, session.serverUrl, session.token).call('POST', ROUTES.presence, {
        schema: presenceAnswerSchema,
        body: { postKey, replying },
      });
    } catch {
      // Not reachable now; the next presence call or the idle timeout sets it right.
    }
  }

  /** This browser's member on the team, if joined. */
  async memberId(): Promise<string | null> {
    return (await this.session())?.member.id ?? null;
  }

  // ─── Joining and leaving ────────────────────────────────────────────────

  /**
   * The team's report for a range, computed by the server from the team's records.
   * Throws a SyncError the options page words.
   */
  async teamReport(range: ReportRange): Promise<Report> {
    const session = await this.session();
    if (!session) throw new SyncError('unauthorized', 'This browser is not joined to a team');
    return serverClient(this.fetch, session.serverUrl, session.token).call('GET', ROUTES.reports, {
      schema: reportSchema,
      query: { from: range.from, to: range.to, timeZone: range.timeZone },
    });
  }

  /**
   * Signs in with an invite code. Every shared record already on this browser is
   * queued, so a solo shop owner's data goes up to the team; the first round pulls
   * the team's records. Throws a SyncError the popup words.
   */
  async join(input: { serverUrl: string; code: string; name: string }): Promise<Session> {
    try {
      return await this.joinOnce(input);
    } catch (caught) {
      const error = caught instanceof SyncError ? caught : new SyncError('server', `Joining failed: ${String(caught)}`.slice(0, 300));
      // Kept (with no session) so the popup can say why, even if it was closed meanwhile.
      await this.recordError(error);
      throw error;
    }
  }

  private async joinOnce(input: { serverUrl: string; code: string; name: string }): Promise<Session> {
    const serverUrl = normaliseServerUrl(input.serverUrl);
    if (!serverUrl || !isAllowedServerUrl(serverUrl)) throw new SyncError('address', 'That is not a server address Kotae can use');
    if (this.options.canReach && !(await this.options.canReach(serverUrl))) {
      throw new SyncError('permission', `The browser did not allow Kotae to reach ${serverUrl}`);
    }
    await this.stop();
    const session = await serverClient(this.fetch, serverUrl, null).call('POST', ROUTES.join, {
      schema: sessionSchema,
      body: { code: input.code, name: input.name },
    });
    const tables = [...SYNCED_TABLES.map((name) => this.db.table(name)), this.db.outbox, this.db.syncState];
    await this.db.transaction('rw', tables, async () => {
      await this.db.outbox.clear();
      await this.db.syncState.bulkPut([
        { key: 'session', token: session.token, serverUrl, member: session.member, team: session.team, joinedAt: this.now().toISOString() },
        { key: 'cursor', value: 0 },
        emptyStatus(),
      ]);
      if (!(await this.db.syncState.get('client'))) await this.db.syncState.put({ key: 'client', clientId: crypto.randomUUID() });
      // What this browser holds is offered to the team by the first round, once it knows
      // what the team already has (see offerSnapshot).
      await this.db.syncState.put({ key: 'snapshotPending' });
    });
    await this.options.onJoined?.(session);
    const stored = await this.session();
    if (stored) {
      // Started here, not through start(), so a stop() right after sees the round under way.
      this.openLive(stored);
      void this.sync();
    }
    return session;
  }

  /**
   * Signs out: tells the server (when it can be reached), forgets the token, cursor
   * and unsent changes. Local records stay unless `removeLocalData`; then the shared
   * records (customers and all they hold, team templates) are removed from this browser.
   */
  async signOut(removeLocalData: boolean): Promise<void> {
    await this.stop();
    const session = await this.session();
    if (session) {
      await serverClient(this.fetch, session.serverUrl, session.token)
        .call('POST', ROUTES.signOut, { schema: z.unknown() })
        .catch(() => {
          // Unreachable or already signed out: the token is forgotten here either way.
        });
    }
    const tables = [...SYNCED_TABLES.map((name) => this.db.table(name)), this.db.changeLog, this.db.outbox, this.db.syncState];
    await this.db.transaction('rw', tables, async () => {
      await this.db.syncState.bulkDelete(['session', 'cursor', 'teamSettings', 'snapshotPending']);
      await this.db.syncState.put(emptyStatus());
      await this.db.outbox.clear();
      if (removeLocalData) {
        // Customer data of every kind; the browser's own templates and settings stay.
        await Promise.all([
          this.db.customers.clear(),
          this.db.identities.clear(),
          this.db.interactions.clear(),
          this.db.notes.clear(),
          this.db.tags.clear(),
          this.db.feedback.clear(),
          this.db.changeLog.clear(),
        ]);
        await this.db.templates.where('id').above('').filter((t) => t.scope === 'team').delete();
      }
    });
  }
}
