// Booting the real server: the first start creates the team and prints a one-time admin code.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { sessionSchema } from '@/utils/sync/wire';
import { call, shaped } from './helpers';

const dataDir = join(mkdtempSync(join(tmpdir(), 'kotae-main-')), 'data');
afterAll(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

/** Starts `server/main.ts` and waits until it says where it listens. */
async function boot(expectBox: boolean): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', TEAM_NAME: 'Boot team' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 30 s:\n${output}`)), 30_000);
    const check = () => {
      const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1] && output.includes('Data:') && (!expectBox || output.includes('└'))) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

test('first start creates the team and prints an admin code once; later starts print none', async () => {
  const first = await boot(true);
  let code: string;
  try {
    expect(first.output()).toContain('Boot team');
    const match = /│\s+([A-Z2-9]{4}(?:-[A-Z2-9]{4}){3})\s+│/.exec(first.output());
    expect(match, first.output()).not.toBeNull();
    code = match![1]!;
    const session = shaped(sessionSchema, (await call(first.url, 'POST', '/v1/join', { body: { code, name: 'First admin' } })).json);
    expect(session.member.role).toBe('admin');
    expect(session.team.name).toBe('Boot team');
  } finally {
    await stop(first.child);
  }
  const second = await boot(false);
  try {
    expect(second.output()).not.toContain('┌');
    expect((await call(second.url, 'POST', '/v1/join', { body: { code, name: 'Again' } })).status).toBe(410);
  } finally {
    await stop(second.child);
  }
});
