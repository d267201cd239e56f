// `npm test`: everything, one verdict. Type-check, lint, unit and component tests,
// team server tests (PGlite, and PostgreSQL where installed), both browser builds,
// then end-to-end tests in real Chromium.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, findChromium, findPostgresBin, root, run, startPostgres } from './lib.mjs';

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

vitest('unit', []);

// TEST_DATABASE_URL: an existing PostgreSQL to test on; DATABASE_URL (a real server's) is never used.
const postgresBin = findPostgresBin();
let databaseUrl = process.env.TEST_DATABASE_URL;
if (!databaseUrl && postgresBin) {
  // Tests need no durability: without fsync they run faster and prove the same.
  databaseUrl = await startPostgres(postgresBin, { fsync: false });
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
