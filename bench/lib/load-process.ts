/** Runs the team load (bench/lib/team-load.ts) in a child process and returns its result. */
import { fork } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadOptions, LoadResult } from './team-load';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function runLoadInChild(options: Omit<LoadOptions, 'onProgress'>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(REPO_ROOT, 'bench', 'lib', 'load-client.ts'), [], { cwd: REPO_ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    // Bounded: the load itself plus a minute for requests in flight.
    const timer = setTimeout(() => child.kill('SIGKILL'), (options.seconds + 60) * 1000);
    let answered = false;
    child.once('message', (message) => {
      answered = true;
      const answer = message as { ok: true; result: LoadResult } | { ok: false; error: string };
      if (answer.ok) resolve(answer.result);
      else reject(new Error(answer.error));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!answered) reject(new Error(`the load process ended without a result (exit ${code})`));
    });
    child.send(options);
  });
}
