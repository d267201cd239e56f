/*
 * Reports: how long one report takes over a busy team's records. The same synthetic
 * records are computed in memory (what the options page does after reading Dexie)
 * and by the team server on PGlite (reading the team's records from the database,
 * then the same computation). A year of 100 posts a day is about 36,500 posts.
 *
 *   npx tsx bench/reports.bench.ts
 *
 * Environment: BENCH_REPORT_POSTS (default 40,000), BENCH_RUNS (default 5).
 */
import { sql } from 'drizzle-orm';
import { records } from '../server/db/schema';
import type { Caller } from '../server/auth';
import { teamReport } from '../server/reports';
import { startTestServer } from '../server/testing';
import type { Interaction } from '../utils/model';
import { computeReport } from '../utils/reports/compute';
import type { ReportRange } from '../utils/reports/schema';
import { DEFAULT_TIMER_SETTINGS } from '../utils/timer/settings';
import { machineLine } from './lib/machine';
import { percentile } from './lib/stats';

const postCount = Number(process.env.BENCH_REPORT_POSTS ?? 40_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const START = Date.parse('2026-01-01T00:00:00.000Z');
const NOW = new Date('2027-01-01T00:00:00.000Z');
const YEAR: ReportRange = { from: '2026-01-01', to: '2026-12-31', timeZone: 'Asia/Tokyo' };
const MONTH: ReportRange = { from: '2026-06-01', to: '2026-06-30', timeZone: 'Asia/Tokyo' };
const AGENTS = ['agent-1', 'agent-2', 'agent-3', 'agent-4', 'agent-5'];

/** A year of posts from 2,000 customers; four in five answered, some acknowledged first. */
function syntheticInteractions(count: number): Interaction[] {
  const rows: Interaction[] = [];
  const spacing = (365 * 86_400_000) / count;
  for (let i = 0; i < count; i++) {
    const handle = `customer${i % 2000}`;
    const postKey = `x:${1_800_000_000_000_000_000n + BigInt(i)}`;
    const postedAt = new Date(START + i * spacing).toISOString();
    const seen: Interaction = {
      id: `seen:${postKey}`,
      customerId: `c:x:${handle}`,
      identityId: `x:${handle}`,
      kind: 'seen',
      postKey,
      postUrl: `https://x.com/${handle}/status/${postKey.slice(2)}`,
      postText: 'My order has not arrived yet, can you check?',
      postedAt,
      recordedAt: new Date(Date.parse(postedAt) + 60_000).toISOString(),
      byAgentId: null,
    };
    rows.push(seen);
    if (i % 5 === 4) continue;
    const after = ((i * 7919) % 240) * 60_000 + 120_000;
    const kind = i % 7 === 0 ? 'acknowledged' : 'replied';
    rows.push({
      ...seen,
      id: `${kind}:${postKey}:r`,
      kind,
      postText: 'Sorry for the wait!',
      recordedAt: new Date(Date.parse(postedAt) + after).toISOString(),
      byAgentId: AGENTS[i % AGENTS.length]!,
    });
  }
  return rows;
}

async function timed(label: string, run: () => Promise<unknown> | unknown) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  console.log(`  ${label.padEnd(44)} median ${percentile(samples, 50).toFixed(0).padStart(6)} ms   max ${Math.max(...samples).toFixed(0).padStart(6)} ms`);
}

async function main() {
  console.log(`Reports over ${postCount.toLocaleString('en')} customer posts in a year (${runs} runs each)`);
  console.log(`  ${machineLine()}`);
  const interactions = syntheticInteractions(postCount);
  const agentNames = new Map(AGENTS.map((id, i) => [id, `Agent ${i + 1}`]));
  const input = {
    now: NOW,
    source: 'local' as const,
    settings: DEFAULT_TIMER_SETTINGS,
    teamIdentities: new Set<string>(),
    interactions,
    tags: [],
    feedback: [],
    agentNames,
    onlyAgent: null,
  };

  console.log('\nIn the extension (records already read from Dexie):');
  await timed('a year', () => computeReport({ ...input, range: YEAR }));
  await timed('a month', () => computeReport({ ...input, range: MONTH }));

  const server = await startTestServer();
  try {
    const member = await server.member('supervisor', 'Bench');
    // A report reads only who asks and their team.
    const caller = { member: { id: member.member.id, role: 'supervisor' }, team: { id: server.teamId } } as unknown as Caller;
    for (let i = 0; i < interactions.length; i += 2000) {
      const batch = interactions.slice(i, i + 2000);
      await server.db.insert(records).values(
        batch.map((row, j) => ({
          teamId: server.teamId,
          entity: 'interaction',
          id: row.id,
          seq: i + j + 1,
          op: 'put' as const,
          data: row,
          authorId: member.member.id,
          authorName: 'Bench',
          at: NOW,
        })),
      );
    }
    await server.db.execute(sql`analyze records`);
    console.log(`\nOn the team server (PGlite; ${interactions.length.toLocaleString('en')} interaction records of the team):`);
    await timed('a year', () => teamReport(server.db, caller, YEAR, NOW));
    await timed('a month', () => teamReport(server.db, caller, MONTH, NOW));
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
