/**
 * A real team server for tests: HTTP on 127.0.0.1 (a free port) over a PGlite in a
 * temporary folder, or over PostgreSQL when a URL is given. Used by the server's
 * own tests and by the extension's sync tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import type { Invite, Role, Session } from '@/utils/sync/wire';
import { createApp, type App } from './app';
import { bootstrapTeam, createInvite, createTeam } from './auth';
import { openDatabase, type Db, type OpenDatabase } from './db/open';
import { readEnv, type Env } from './env';
import { createLocalHub, createPostgresHub, type LiveHub } from './live';
import { listen, type Listening } from './serve';

export interface TestServerOptions {
  /** PostgreSQL instead of a fresh PGlite; each server gets a team of its own there. */
  databaseUrl?: string;
  now?: () => Date;
  /** Settings to change (rate limits are high by default so tests do not trip them). */
  env?: Partial<Env>;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>`, the same after restart(). */
  url: string;
  /** A one-time admin invite for this server's team. */
  adminCode: string;
  teamId: string;
  app: App;
  db: Db;
  close(): Promise<void>;
  /** Stops the server and its database and starts both again on the same data and port. */
  restart(): Promise<void>;
  /** Joins with an invite code: the session with its bearer token. */
  join(code: string, name?: string): Promise<Session>;
  /** A new member with a role, signed in. */
  member(role: Role, name?: string): Promise<Session>;
  /** Another team on the same database (not reachable over HTTP): its id and an admin invite. */
  createTeam(name?: string): Promise<{ teamId: string; adminCode: string }>;
  /** An invite for any team, made directly in the database. */
  invite(teamId: string, role: Role): Promise<Invite>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const env: Env = { ...readEnv({}), JOIN_RATE_PER_MINUTE: 100_000, SYNC_RATE_PER_MINUTE: 1_000_000, ...options.env };
  const now = options.now ?? (() => new Date());
  const dataDir = options.databaseUrl ? undefined : joinPath(mkdtempSync(joinPath(tmpdir(), 'kotae-server-')), 'data');

  let database: OpenDatabase;
  let hub: LiveHub;
  let app: App;
  let server: Listening | null = null;
  let port = 0;

  async function start() {
    database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir });
    hub = options.databaseUrl ? await createPostgresHub(options.databaseUrl) : createLocalHub();
    app = createApp({ db: database.db, env, live: hub, now });
    server = await listen(app, { port, hostname: '127.0.0.1' });
    port = server.port;
  }
  async function stop() {
    await server?.close();
    server = null;
    await hub.close();
    await database.close();
  }

  await start();
  const setup = options.databaseUrl
    ? await createTeam(database!.db, { name: 'Test team', now: now(), ttlHours: env.INVITE_TTL_HOURS }).then((r) => ({ team: r.team, adminInvite: r.adminInvite }))
    : await bootstrapTeam(database!.db, { name: env.TEAM_NAME, now: now(), ttlHours: env.INVITE_TTL_HOURS });
  if (!setup.adminInvite) throw new Error('a fresh test database has no admin invite');
  const teamId = setup.team.id;
  const url = `http://127.0.0.1:${port}`;

  const testServer: TestServer = {
    url,
    adminCode: setup.adminInvite.code,
    teamId,
    get app() {
      return app;
    },
    get db() {
      return database.db;
    },
    async close() {
      await stop();
      if (dataDir) rmSync(joinPath(dataDir, '..'), { recursive: true, force: true });
    },
    async restart() {
      await stop();
      await start();
    },
    async join(code, name = 'Test member') {
      const response = await fetch(`${url}/v1/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, name }),
      });
      if (!response.ok) throw new Error(`join failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as Session;
    },
    async member(role, name = `Test ${role}`) {
      const invite = await testServer.invite(teamId, role);
      return testServer.join(invite.code, name);
    },
    async createTeam(name = 'Other team') {
      const created = await createTeam(database.db, { name, now: now(), ttlHours: env.INVITE_TTL_HOURS });
      return { teamId: created.team.id, adminCode: created.adminInvite.code };
    },
    invite: (forTeam, role) => createInvite(database.db, { teamId: forTeam, role, createdBy: null, now: now(), ttlHours: env.INVITE_TTL_HOURS }),
  };
  return testServer;
}
