/**
 * The live signal: `changed` after anything is applied for a team, and colleagues'
 * "replying" presence. In-process with PGlite; with PostgreSQL every event goes
 * through NOTIFY and comes back through LISTEN, so the SSE clients of every
 * instance on that database hear it. Presence is kept in memory only, and only
 * until PRESENCE_IDLE_MS passes without news.
 */
import pg from 'pg';
import { PRESENCE_IDLE_MS, type LiveEvent } from '@/utils/sync/wire';

type PresenceEvent = Extract<LiveEvent, { type: 'presence' }>;
export type LiveListener = (event: LiveEvent) => void;

export interface LiveHub {
  publish(teamId: string, event: LiveEvent): Promise<void>;
  subscribe(teamId: string, listener: LiveListener): () => void;
  /** Colleagues still replying (heard within PRESENCE_IDLE_MS), for a stream that just opened. */
  presence(teamId: string, now: Date): PresenceEvent[];
  close(): Promise<void>;
}

const CHANNEL = 'kotae_live';
/** Remembered "replying" entries per team; far above what a team has open at once. */
const PRESENCE_PER_TEAM_MAX = 500;

class Dispatcher {
  private listeners = new Map<string, Set<LiveListener>>();
  private replying = new Map<string, Map<string, PresenceEvent>>();

  dispatch(teamId: string, event: LiveEvent) {
    if (event.type === 'presence') {
      const team = this.replying.get(teamId) ?? new Map<string, PresenceEvent>();
      const key = `${event.memberId}\u0000${event.postKey}`;
      team.delete(key);
      if (event.replying) {
        team.set(key, event);
        // Oldest first (Map order): a member flooding post keys cannot grow this without bound.
        for (const stale of team.keys()) {
          if (team.size <= PRESENCE_PER_TEAM_MAX) break;
          team.delete(stale);
        }
      }
      if (team.size > 0) this.replying.set(teamId, team);
      else this.replying.delete(teamId);
    }
    for (const listener of this.listeners.get(teamId) ?? []) {
      try {
        listener(event);
      } catch (error) {
        console.error('live listener failed:', error);
      }
    }
  }

  subscribe(teamId: string, listener: LiveListener) {
    const set = this.listeners.get(teamId) ?? new Set<LiveListener>();
    set.add(listener);
    this.listeners.set(teamId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(teamId);
    };
  }

  presence(teamId: string, now: Date): PresenceEvent[] {
    const team = this.replying.get(teamId);
    if (!team) return [];
    const out: PresenceEvent[] = [];
    for (const [key, event] of team) {
      if (now.getTime() - Date.parse(event.at) > PRESENCE_IDLE_MS) team.delete(key);
      else out.push(event);
    }
    return out;
  }
}

export function createLocalHub(): LiveHub {
  const dispatcher = new Dispatcher();
  return {
    async publish(teamId, event) {
      dispatcher.dispatch(teamId, event);
    },
    subscribe: (teamId, listener) => dispatcher.subscribe(teamId, listener),
    presence: (teamId, now) => dispatcher.presence(teamId, now),
    async close() {},
  };
}

/** LISTEN on one dedicated connection (reconnecting when it drops); NOTIFY through the same one. */
export async function createPostgresHub(databaseUrl: string): Promise<LiveHub> {
  const dispatcher = new Dispatcher();
  let closed = false;
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;

  async function connect(): Promise<pg.Client> {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        const { teamId, event } = JSON.parse(message.payload) as { teamId: string; event: LiveEvent };
        dispatcher.dispatch(teamId, event);
      } catch {
        // Not ours: ignore.
      }
    });
    next.on('error', (error) => {
      console.error('live connection lost:', error.message);
      if (client === next) client = null;
      next.end().catch(() => undefined);
      if (!closed) setTimeout(() => void ensure().catch(() => undefined), 1000).unref();
    });
    await next.connect();
    await next.query(`LISTEN ${CHANNEL}`);
    client = next;
    return next;
  }

  function ensure(): Promise<pg.Client> {
    if (client) return Promise.resolve(client);
    connecting ??= connect().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  // One NOTIFY at a time on the connection. `changed` events of a team waiting to go
  // out are merged into one carrying the highest seq: colleagues pull above their cursor
  // anyway, so one signal says all that several would.
  let sending: Promise<unknown> = Promise.resolve();
  type Waiting = { event: Extract<LiveEvent, { type: 'changed' }>; sent: Promise<void> };
  const waitingChanged = new Map<string, Waiting>();
  const notify = (teamId: string, event: LiveEvent) =>
    ensure().then((connection) => connection.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ teamId, event })]));
  const enqueue = (send: () => Promise<unknown>): Promise<void> => {
    const sent = sending.then(send).then(() => undefined);
    sending = sent.catch(() => undefined);
    return sent;
  };

  await ensure();
  return {
    publish(teamId, event) {
      if (event.type !== 'changed') return enqueue(() => notify(teamId, event));
      const waiting = waitingChanged.get(teamId);
      if (waiting) {
        if (event.seq > waiting.event.seq) waiting.event = event;
        return waiting.sent;
      }
      const entry: Waiting = { event, sent: Promise.resolve() };
      entry.sent = enqueue(() => {
        waitingChanged.delete(teamId);
        return notify(teamId, entry.event);
      });
      waitingChanged.set(teamId, entry);
      return entry.sent;
    },
    subscribe: (teamId, listener) => dispatcher.subscribe(teamId, listener),
    presence: (teamId, now) => dispatcher.presence(teamId, now),
    async close() {
      closed = true;
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}
