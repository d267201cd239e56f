/*
 * Team server memory under a long load: the server runs as its own process, exactly as
 * deployed (`node --import tsx server/main.ts`, a fresh PGlite in a temporary DATA_DIR,
 * port chosen by the system, rate limits raised through its environment). This process
 * reads the one-time admin code the server prints, signs in 50 agents through the admin
 * API (POST /v1/invites as the admin, then POST /v1/join), and runs the 50-agent load of
 * bench/server-load.bench.ts (push 10 notes, then pull up to 500 above the agent's
 * cursor, in a loop) for BENCH_SOAK_SECONDS (default 300).
 *
 * Every 10 s it samples the server process: VmRSS from /proc/<pid>/status, and rss and
 * heapUsed from `process.memoryUsage()` inside the server (a small probe loaded with
 * `--import` that answers over the IPC channel; no server code changes). Prints the series
 * and the least-squares slope of each over the run (target: flat). PGlite runs inside the
 * server's process, so its memory is part of the figure; the data grows during the run
 * (every push adds notes), which a flat figure must absorb.
 *
 *   npx tsx bench/server-soak.bench.ts
 *   BENCH_SOAK_SECONDS=60 npx tsx bench/server-soak.bench.ts
 *
 * Everything stays on 127.0.0.1 and stops by itself; the server is stopped and its data
 * removed at the end. Exits 1 only when the server cannot be started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineLine } from './lib/machine';
import { joinAgents, joinWithCode, loadTable, runLoad } from './lib/team-load';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
const agentCount = Number(process.env.BENCH_AGENTS ?? 50);
const SAMPLE_EVERY_MS = 10_000;
const MB = 1024 * 1024;

interface Sample {
  t: number;
  vmRss: number;
  rss: number;
  heapUsed: number;
  requests: number;
}

interface RunningServer {
  child: ChildProcess;
  url: string;
  adminCode: string;
}

/** Starts the server and waits for its address and admin code on its output. */
function startServer(dataDir: string): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    TEAM_NAME: 'Soak team',
    SYNC_RATE_PER_MINUTE: '100000000',
    JOIN_RATE_PER_MINUTE: '1000000',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', join(REPO_ROOT, 'bench', 'lib', 'memory-probe.ts'), join(REPO_ROOT, 'server', 'main.ts')], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`the server did not start within 60 s:\n${output}`)), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      // In the box the server prints: the first line after "one-time code" that is only a code.
      const lines = output.split('\n');
      const from = lines.findIndex((line) => line.includes('one-time code'));
      const code = from < 0 ? undefined : lines.slice(from + 1).map((line) => line.replace(/│/g, '').trim()).find((line) => /^[A-Za-z0-9-]{8,64}$/.test(line));
      if (url && code) {
        clearTimeout(timer);
        child.stdout!.off('data', read);
        child.stdout!.resume();
        resolvePromise({ child, url, adminCode: code });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => fail(new Error(`the server exited (${code}) before it was ready:\n${output}`)));
  });
}

function vmRssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

function memoryOf(child: ChildProcess): Promise<NodeJS.MemoryUsage> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not report its memory')), 10_000);
    const onMessage = (message: unknown) => {
      const memory = (message as { memory?: NodeJS.MemoryUsage }).memory;
      if (!memory) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolvePromise(memory);
    };
    child.on('message', onMessage);
    child.send('memory');
  });
}

/** Least-squares slope, in MB per minute. */
function slope(samples: readonly Sample[], pick: (s: Sample) => number): number {
  const n = samples.length;
  if (n < 2) return Number.NaN;
  const xs = samples.map((s) => s.t / 60);
  const ys = samples.map((s) => pick(s) / MB);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return num / den;
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function main() {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'kotae-soak-')), 'data');
  let server: RunningServer;
  try {
    server = await startServer(dataDir);
  } catch (error) {
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
    throw error;
  }
  const { child, url } = server;
  try {
    const adminToken = await joinWithCode(url, server.adminCode, 'Soak admin');
    const agents = await joinAgents(url, adminToken, agentCount);

    const samples: Sample[] = [];
    let requests = 0;
    const started = performance.now();
    const sample = async () => {
      const memory = await memoryOf(child);
      samples.push({ t: (performance.now() - started) / 1000, vmRss: vmRssBytes(child.pid!), rss: memory.rss, heapUsed: memory.heapUsed, requests });
    };
    console.log(`Team server soak: ${agentCount} agents for ${seconds} s against a separate server process (pid ${child.pid}, PGlite), sampled every ${SAMPLE_EVERY_MS / 1000} s`);
    console.log(`  ${machineLine()}`);
    await sample();
    let sampling = Promise.resolve();
    const timer = setInterval(() => {
      sampling = sampling.then(sample, () => undefined);
    }, SAMPLE_EVERY_MS);
    const result = await runLoad({
      url,
      agents,
      seconds,
      onProgress: (done) => {
        requests = done;
      },
    });
    clearInterval(timer);
    await sampling;
    requests = result.push.count + result.pull.count;
    // The closing sample, unless the last periodic one was just taken.
    if ((performance.now() - started) / 1000 - samples[samples.length - 1]!.t > 2) await sample();

    console.log(`  ${'t s'.padStart(6)} ${'VmRSS MB'.padStart(9)} ${'rss MB'.padStart(8)} ${'heapUsed MB'.padStart(12)} ${'requests'.padStart(9)}`);
    for (const s of samples) {
      console.log(
        `  ${s.t.toFixed(0).padStart(6)} ${(s.vmRss / MB).toFixed(1).padStart(9)} ${(s.rss / MB).toFixed(1).padStart(8)} ${(s.heapUsed / MB).toFixed(1).padStart(12)} ${String(s.requests).padStart(9)}`,
      );
    }
    const fmt = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(2)}`;
    const slopes = (label: string, from: number) => {
      const part = samples.filter((s) => s.t >= from);
      console.log(`  slope ${label.padEnd(26)} VmRSS ${fmt(slope(part, (s) => s.vmRss))} MB/min, heapUsed ${fmt(slope(part, (s) => s.heapUsed))} MB/min (${part.length} samples)`);
    };
    // The first samples hold what the start-up (migrations, PGlite's own start) let go of.
    slopes('over the whole run:', 0);
    slopes('after the first minute:', Math.min(60, seconds / 2));
    slopes('over the second half:', seconds / 2);
    console.log('  load during the soak:');
    console.log(loadTable(result));
    console.log(`  notes pushed: ${result.pushedNotes} (the database grows by these); changes pulled: ${result.pulledChanges}`);
    for (const error of result.errorSamples) console.log(`  error: ${error}`);
  } finally {
    await stopServer(child);
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('The soak benchmark could not run:', error);
  process.exit(1);
});
