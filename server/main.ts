/**
 * `npx tsx server/main.ts`: opens the database (PGlite folder or PostgreSQL), creates
 * the team on first start and prints a one-time admin invite, then serves.
 */
import { resolve } from 'node:path';
import { createApp } from './app';
import { bootstrapTeam } from './auth';
import { openDatabase } from './db/open';
import { readEnv } from './env';
import { createLocalHub, createPostgresHub } from './live';
import { listen } from './serve';

function box(lines: string[]): string {
  const width = Math.max(...lines.map((line) => line.length));
  const bar = '─'.repeat(width + 2);
  return [`┌${bar}┐`, ...lines.map((line) => `│ ${line.padEnd(width)} │`), `└${bar}┘`].join('\n');
}

async function main() {
  const env = readEnv();
  const dataDir = resolve(env.DATA_DIR);
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
  const live = database.databaseUrl ? await createPostgresHub(database.databaseUrl) : createLocalHub();
  const { team, adminInvite, created } = await bootstrapTeam(database.db, { name: env.TEAM_NAME, now: new Date(), ttlHours: env.INVITE_TTL_HOURS });
  const app = createApp({ db: database.db, env, live });
  const server = await listen(app, { port: env.PORT, hostname: env.HOST });
  const url = `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${server.port}`;

  console.log(`Kotae team server for "${team.name}" on ${url}`);
  console.log(database.kind === 'postgres' ? 'Data: PostgreSQL (DATABASE_URL)' : `Data: ${dataDir}`);
  if (adminInvite) {
    console.log(
      '\n' +
        box([
          created ? 'The team was created. Its first admin joins with this one-time code:' : 'The team has no admin yet. A new one-time admin code:',
          '',
          `    ${adminInvite.code}`,
          '',
          `Server URL: ${url}`,
          `Expires:    ${adminInvite.expiresAt}`,
          'It is shown only now and works once. Keep it private.',
        ]) +
        '\n',
    );
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await live.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
