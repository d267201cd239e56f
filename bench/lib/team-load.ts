/**
 * Load on a team server over HTTP, as many agents' sync engines make it: each agent loops
 * "push N new notes, then pull one page above its own cursor" (the engine's round: push,
 * then pull) until a deadline. Shared by the load and soak benchmarks; the server is
 * reached only on its URL, so it may run in this process or another one.
 */
import { median, percentile } from './stats';

/** One signed-in member: its bearer token and the client id its pushes carry. */
export interface LoadAgent {
  token: string;
  clientId: string;
}

export interface LoadOptions {
  url: string;
  agents: readonly LoadAgent[];
  seconds: number;
  /** Notes per push (default 10). */
  pushSize?: number;
  /** Page size each pull asks for (default 500, the extension's own). */
  pullLimit?: number;
  /** Called about once a second with the requests finished so far. */
  onProgress?: (done: number, elapsedSeconds: number) => void;
}

export interface KindFigures {
  count: number;
  errors: number;
  /** Latency of each successful request, in ms. */
  latencies: number[];
}

export interface LoadResult {
  seconds: number;
  push: KindFigures;
  pull: KindFigures;
  pushedNotes: number;
  pulledChanges: number;
  /** The first few error answers, for the report. */
  errorSamples: string[];
}

const BODY = 'お客様から配送の遅れについて問い合わせ。追跡番号を案内済み、明日再確認。 Customer asked about a late parcel; ';

/** A note as the extension stores it, for customer `x:load_<n>`. */
export function benchNote(id: string, customer: number, body: string, authorId = 'bench', at = new Date().toISOString()) {
  return { id, customerId: `x:load_${customer}`, body, authorId, authorName: 'Bench', postKey: null, createdAt: at, updatedAt: at, deletedAt: null };
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const pushSize = options.pushSize ?? 10;
  const pullLimit = options.pullLimit ?? 500;
  const push: KindFigures = { count: 0, errors: 0, latencies: [] };
  const pull: KindFigures = { count: 0, errors: 0, latencies: [] };
  const errorSamples: string[] = [];
  let pushedNotes = 0;
  let pulledChanges = 0;
  const run = Math.random().toString(36).slice(2, 10);
  const started = performance.now();
  const deadline = started + options.seconds * 1000;

  const describe = (error: unknown) => `${String(error)}${(error as { cause?: unknown }).cause ? ` (${String((error as { cause?: unknown }).cause)})` : ''}`;
  const failed = (kind: KindFigures, what: string) => {
    kind.errors += 1;
    if (errorSamples.length < 5) errorSamples.push(what);
  };

  const progress = options.onProgress
    ? setInterval(() => options.onProgress!(push.count + pull.count, (performance.now() - started) / 1000), 1000)
    : null;

  const agentLoop = async (agent: LoadAgent, index: number) => {
    const headers = { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' };
    let cursor = 0;
    let n = 0;
    while (performance.now() < deadline) {
      const mutations = Array.from({ length: pushSize }, () => {
        n += 1;
        const id = `load-${run}-${index}-${n}`;
        return { mutationId: `m-${run}-${index}-${n}`, entity: 'note', id, op: 'put', data: benchNote(id, (index * 7919 + n) % 2000, `${BODY}#${n}`) };
      });
      let sent = performance.now();
      try {
        const response = await fetch(`${options.url}/v1/sync/push`, { method: 'POST', headers, body: JSON.stringify({ clientId: agent.clientId, mutations }) });
        const text = await response.text();
        if (response.ok) {
          push.count += 1;
          push.latencies.push(performance.now() - sent);
          pushedNotes += pushSize;
        } else failed(push, `push ${response.status}: ${text.slice(0, 120)}`);
      } catch (error) {
        failed(push, `push: ${describe(error)}`);
      }
      if (performance.now() >= deadline) break;
      sent = performance.now();
      try {
        const response = await fetch(`${options.url}/v1/sync/pull?after=${cursor}&limit=${pullLimit}`, { headers: { authorization: headers.authorization } });
        if (response.ok) {
          const page = readPullPage(Buffer.from(await response.arrayBuffer()));
          pull.count += 1;
          pull.latencies.push(performance.now() - sent);
          pulledChanges += page.changes;
          cursor = page.cursor;
        } else failed(pull, `pull ${response.status}: ${(await response.text()).slice(0, 120)}`);
      } catch (error) {
        failed(pull, `pull: ${describe(error)}`);
      }
    }
  };

  try {
    await Promise.all(options.agents.map((agent, index) => agentLoop(agent, index)));
  } finally {
    if (progress) clearInterval(progress);
  }
  return { seconds: (performance.now() - started) / 1000, push, pull, pushedNotes, pulledChanges, errorSamples };
}

const CHANGE_START = Buffer.from('{"seq":');
const PAGE_END = /\],"cursor":(\d+),"hasMore":(true|false)\}$/;

/**
 * A pull page's cursor and number of changes, read from its bytes without parsing them.
 * The agents share the CPUs with the server they measure, and parsing ~500 changes per
 * pull cost them more CPU than the server spent answering: that, not the server, capped
 * the figures. Every byte is still received; the encoding is the server's own
 * (`{"changes":[{"seq":…},…],"cursor":N,"hasMore":B}`, server/sync.ts), and the sync
 * tests check the pages themselves.
 */
export function readPullPage(body: Buffer): { changes: number; cursor: number } {
  const end = PAGE_END.exec(body.subarray(Math.max(0, body.length - 64)).toString('latin1'));
  if (!body.subarray(0, 12).equals(Buffer.from('{"changes":[')) || !end) throw new Error(`not a pull page: ${body.subarray(0, 80).toString()}`);
  let changes = 0;
  for (let at = body.indexOf(CHANGE_START); at !== -1; at = body.indexOf(CHANGE_START, at + CHANGE_START.length)) changes += 1;
  return { changes, cursor: Number(end[1]) };
}

/** Rows of the load table: requests/s and latency per kind. */
export function loadTable(result: LoadResult): string {
  const row = (name: string, kind: KindFigures) =>
    [
      name.padEnd(6),
      String(kind.count).padStart(8),
      String(kind.errors).padStart(7),
      (kind.count / result.seconds).toFixed(0).padStart(8),
      median(kind.latencies).toFixed(1).padStart(8),
      percentile(kind.latencies, 95).toFixed(1).padStart(8),
      percentile(kind.latencies, 99).toFixed(1).padStart(8),
    ].join(' ');
  const all: KindFigures = {
    count: result.push.count + result.pull.count,
    errors: result.push.errors + result.pull.errors,
    latencies: [...result.push.latencies, ...result.pull.latencies],
  };
  return [
    `  ${'kind'.padEnd(6)} ${'requests'.padStart(8)} ${'errors'.padStart(7)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`,
    `  ${row('push', result.push)}`,
    `  ${row('pull', result.pull)}`,
    `  ${row('all', all)}`,
  ].join('\n');
}

/** Signs in `count` agents through the admin API: an invite each (as the admin), then a join. */
export async function joinAgents(url: string, adminToken: string, count: number, prefix = 'Load agent'): Promise<LoadAgent[]> {
  const agents: LoadAgent[] = [];
  for (let i = 0; i < count; i++) {
    const invite = await fetch(`${url}/v1/invites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'agent' }),
    });
    if (!invite.ok) throw new Error(`invite failed: ${invite.status} ${await invite.text()}`);
    const { code } = (await invite.json()) as { code: string };
    agents.push({ token: await joinWithCode(url, code, `${prefix} ${i + 1}`), clientId: `load-client-${i}-${Math.random().toString(36).slice(2, 10)}` });
  }
  return agents;
}

/** POST /v1/join: the bearer token. */
export async function joinWithCode(url: string, code: string, name: string): Promise<string> {
  const response = await fetch(`${url}/v1/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name }) });
  if (!response.ok) throw new Error(`join failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
