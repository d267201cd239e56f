// `npm test`: everything, one verdict. Type-check, lint, unit and component tests,
// team server tests (PGlite, and PostgreSQL where installed), both browser builds,
// then end-to-end tests in real Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDependencies, findChromium, root, run } from './lib.mjs';

ensureDependencies();
run('npx', ['wxt', 'prepare']);
run('npx', ['tsc', '--noEmit']);
run('npx', ['eslint', '.', '--max-warnings', '0']);

const reports = [];
function vitest(name, args, options = {}) {
  const outputFile = join(root, '.output', `vitest-${name}.json`);
  rmSync(outputFile, { force: true });
  reports.push(outputFile);
  run('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile=${outputFile}`], options);
}

/** Debian's PostgreSQL server programs (`apt-get install postgresql`), newest version first. */
function findPostgresBin() {
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

/** A throw-away PostgreSQL in a temporary folder, stopped and removed when this script exits. */
async function startPostgres(bin) {
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
    sh(`${bin}/pg_ctl -D ${dataDir} -l ${dataDir}/log -w -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${dataDir} -c fsync=off" start >/dev/null`);
  if (!started) {
    console.error('✖ PostgreSQL did not start; its log:');
    if (existsSync(join(dataDir, 'log'))) console.error(readFileSync(join(dataDir, 'log'), 'utf8'));
    process.exit(1);
  }
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

vitest('unit', []);

// TEST_DATABASE_URL: an existing PostgreSQL to test on; DATABASE_URL (a real server's) is never used.
const postgresBin = findPostgresBin();
let databaseUrl = process.env.TEST_DATABASE_URL;
if (!databaseUrl && postgresBin) {
  databaseUrl = await startPostgres(postgresBin);
} else if (!databaseUrl && process.env.CI) {
  console.error('✖ PostgreSQL is not installed: `apt-get install postgresql` (the CI script does this).');
  process.exit(1);
} else if (!databaseUrl) {
  console.warn('\n⚠ The server tests run on PGlite only: PostgreSQL is not installed (`apt-get install postgresql`).');
}
const serverEnv = { ...process.env };
delete serverEnv.DATABASE_URL;
if (databaseUrl) serverEnv.DATABASE_URL = databaseUrl;
vitest('server', ['--config', 'vitest.server.config.ts'], { env: serverEnv });
run('npx', ['wxt', 'build', '-b', 'firefox']);
run('npx', ['wxt', 'build']);

if (findChromium()) {
  vitest('e2e', ['--config', 'vitest.e2e.config.ts']);
} else if (process.env.CI) {
  console.error('✖ Chromium is not installed: `apt-get install chromium` (the CI script does this).');
  process.exit(1);
} else {
  console.warn('\n⚠ Skipping the end-to-end tests: Chromium is not installed (`apt-get install chromium`).');
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of reports) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
