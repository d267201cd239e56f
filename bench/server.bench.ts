/*
 * Team server benchmark: a real server over HTTP on this machine. Prints push throughput
 * (mutations per second in batches of 100), pull throughput (changes per second in pages of
 * 500) and the time from sending a push to the `changed` live event at a colleague's stream.
 *
 *   npx tsx bench/server.bench.ts
 *
 * Environment: BENCH_MUTATIONS (default 3000), BENCH_DATABASE_URL (PostgreSQL instead of
 * the embedded PGlite). It prints figures and exits 0.
 */
import { startTestServer } from '../server/testing';
import { median, percentile } from './lib/stats';

const total = Number(process.env.BENCH_MUTATIONS ?? 3000);
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;

function note(id: string, body: string) {
  const at = new Date().toISOString();
  return { id, customerId: 'c1', body, authorId: 'x', authorName: 'x', postKey: null, createdAt: at, updatedAt: at, deletedAt: null };
}

async function main() {
  const server = await startTestServer({ databaseUrl });
  try {
    const admin = await server.join(server.adminCode, 'Bench admin');
    const agent = await server.member('agent', 'Bench agent');
    const headers = { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' };
    const run = Date.now().toString(36);

    let started = performance.now();
    for (let i = 0; i < total; i += 100) {
      const mutations = Array.from({ length: Math.min(100, total - i) }, (_, j) => {
        const id = `bench-${run}-${i + j}`;
        return { mutationId: `m-${run}-${i + j}`, entity: 'note', id, op: 'put', data: note(id, `Note ${i + j} `.repeat(20)) };
      });
      const response = await fetch(`${server.url}/v1/sync/push`, { method: 'POST', headers, body: JSON.stringify({ clientId: `bench-${run}`, mutations }) });
      if (!response.ok) throw new Error(`push failed: ${response.status}`);
      await response.json();
    }
    const pushSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    let cursor = 0;
    let pulled = 0;
    for (;;) {
      const response = await fetch(`${server.url}/v1/sync/pull?after=${cursor}&limit=500`, { headers });
      const page = (await response.json()) as { changes: unknown[]; cursor: number; hasMore: boolean };
      pulled += page.changes.length;
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const pullSeconds = (performance.now() - started) / 1000;

    // Live latency: from sending a one-note push to the event at a colleague's stream.
    const controller = new AbortController();
    const live = await fetch(`${server.url}/v1/sync/live`, { headers: { authorization: `Bearer ${admin.token}` }, signal: controller.signal });
    const reader = live.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const waitFor = async (seq: number) => {
      for (;;) {
        if (buffer.includes(`"seq":${seq}}`)) return;
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    const latencies: number[] = [];
    for (let i = 0; i < 30; i++) {
      const id = `live-${run}-${i}`;
      const sent = performance.now();
      const response = await fetch(`${server.url}/v1/sync/push`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ clientId: `bench-${run}`, mutations: [{ mutationId: `l-${run}-${i}`, entity: 'note', id, op: 'put', data: note(id, 'Live') }] }),
      });
      const seq = ((await response.json()) as { results: { seq: number }[] }).results[0]!.seq;
      await waitFor(seq);
      latencies.push(performance.now() - sent);
    }
    controller.abort();

    console.log(`Team server on ${databaseUrl ? 'PostgreSQL' : 'PGlite'}`);
    console.log(`  push: ${total} notes in ${pushSeconds.toFixed(2)} s = ${Math.round(total / pushSeconds)} mutations/s (batches of 100)`);
    console.log(`  pull: ${pulled} changes in ${pullSeconds.toFixed(2)} s = ${Math.round(pulled / pullSeconds)} changes/s (pages of 500)`);
    console.log(`  live: one-note push sent → colleague's "changed" event: median ${median(latencies).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms`);
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
