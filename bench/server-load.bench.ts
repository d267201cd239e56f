/*
 * Team server under 50 concurrent agents: each agent is a member with its own token and
 * client id, looping "push 10 new notes, then pull one page (up to 500) above its own
 * cursor", the sync engine's round, for BENCH_SECONDS. The server runs in this process
 * (server/testing.ts, rate limits raised); the agents' HTTP clients run in a child process
 * so they do not share the server's event loop. Prints requests/s and p50/p95/p99 latency
 * per kind, on PGlite and, when BENCH_DATABASE_URL is set, on PostgreSQL.
 *
 *   npx tsx bench/server-load.bench.ts
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/server-load.bench.ts
 *
 * Environment: BENCH_AGENTS (default 50), BENCH_SECONDS (default 20), BENCH_DATABASE_URL
 * (an existing PostgreSQL; each run makes a team of its own there). Targets on PostgreSQL:
 * at least 1,000 requests/s and p95 at most 100 ms. Prints figures and exits 0, also when
 * a target is missed.
 */
import { startTestServer } from '../server/testing';
import { runLoadInChild } from './lib/load-process';
import { machineLine } from './lib/machine';
import { percentile } from './lib/stats';
import { loadTable, type LoadAgent } from './lib/team-load';

const agentCount = Number(process.env.BENCH_AGENTS ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;

async function measure(kind: 'PGlite' | 'PostgreSQL', url: string | undefined) {
  const server = await startTestServer({ databaseUrl: url, env: { SYNC_RATE_PER_MINUTE: 100_000_000, JOIN_RATE_PER_MINUTE: 1_000_000 } });
  try {
    const agents: LoadAgent[] = [];
    for (let i = 0; i < agentCount; i++) {
      const session = await server.member('agent', `Load agent ${i + 1}`);
      agents.push({ token: session.token, clientId: `load-client-${i}-${Math.random().toString(36).slice(2, 10)}` });
    }
    const cpuBefore = process.cpuUsage();
    const result = await runLoadInChild({ url: server.url, agents, seconds });
    const cpu = process.cpuUsage(cpuBefore);
    const all = [...result.push.latencies, ...result.pull.latencies];
    const rate = (result.push.count + result.pull.count) / result.seconds;
    const p95 = percentile(all, 95);
    console.log(`\n${kind}: ${agentCount} agents for ${result.seconds.toFixed(1)} s (push 10 notes, then pull ≤ 500 above own cursor)`);
    console.log(loadTable(result));
    console.log(`  notes pushed: ${result.pushedNotes}; changes pulled: ${result.pulledChanges} (${(result.pulledChanges / Math.max(1, result.pull.count)).toFixed(0)} per pull on average)`);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    // The server process only (the database and the agents' clients use the same CPUs besides).
    console.log(`  server process CPU: ${(cpuMs / Math.max(1, result.push.count + result.pull.count)).toFixed(2)} ms per request, ${((cpuMs / (result.seconds * 1000)) * 100).toFixed(0)}% of one core`);
    for (const sample of result.errorSamples) console.log(`  error: ${sample}`);
    if (kind === 'PostgreSQL') {
      console.log(`  target ≥ 1,000 requests/s: ${rate >= 1000 ? 'met' : 'MISSED'} (${rate.toFixed(0)}); target p95 ≤ 100 ms: ${p95 <= 100 ? 'met' : 'MISSED'} (${p95.toFixed(1)} ms)`);
    }
  } finally {
    await server.close();
  }
}

async function main() {
  console.log(`Team server load: ${agentCount} agents, ${seconds} s per database, loopback (server and agents share the CPUs)`);
  console.log(`  ${machineLine()}`);
  await measure('PGlite', undefined);
  if (databaseUrl) await measure('PostgreSQL', databaseUrl);
  else console.log('\nPostgreSQL: not measured. Set BENCH_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to measure it; the targets are for PostgreSQL.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
