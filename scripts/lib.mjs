// Shared by the npm start / test / bench scripts: run commands, install what is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function run(command, args, options = {}) {
  const shown = [command, ...args].join(' ');
  console.log(`\n▶ ${shown}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`✖ ${shown} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

/** Installs the npm packages when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const lock = join(root, 'package-lock.json');
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

/** Debian's Chromium, which the end-to-end tests and benchmarks drive. */
export function findChromium() {
  for (const path of [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium']) {
    if (path && existsSync(path)) return path;
  }
  return null;
}

/** Debian's PostgreSQL server programs (`apt-get install postgresql`), newest version first. */
export function findPostgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(base, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A throw-away PostgreSQL in a temporary folder, stopped and removed when this script
 * exits; its URL. `fsync: false` for tests; benchmarks keep the durable default.
 */
export async function startPostgres(bin, { fsync = true } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kotae-pg-'));
  const port = await freePort();
  // PostgreSQL refuses to run as root: as root, the folder and the server belong to `postgres`.
  const asRoot = process.getuid?.() === 0;
  const sh = (command) => {
    const result = asRoot ? spawnSync('su', ['postgres', '-c', command], { stdio: 'inherit' }) : spawnSync('sh', ['-c', command], { stdio: 'inherit' });
    return result.status === 0;
  };
  if (asRoot) spawnSync('chown', ['postgres:', dataDir]);
  const stop = () => {
    sh(`${bin}/pg_ctl -D ${dataDir} -m immediate stop >/dev/null 2>&1`);
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.on('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
  console.log(`\n▶ starting a throw-away PostgreSQL (${bin}) on port ${port}`);
  const started =
    sh(`${bin}/initdb -D ${dataDir} -U postgres --auth=trust -E UTF8 --no-locale >/dev/null`) &&
    sh(`${bin}/pg_ctl -D ${dataDir} -l ${dataDir}/log -w -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${dataDir}${fsync ? '' : ' -c fsync=off'}" start >/dev/null`);
  if (!started) {
    console.error('✖ PostgreSQL did not start; its log:');
    if (existsSync(join(dataDir, 'log'))) console.error(readFileSync(join(dataDir, 'log'), 'utf8'));
    process.exit(1);
  }
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}
