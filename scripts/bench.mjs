// `npm run bench`: builds the extension, then runs every benchmark in bench/, each printing its figures.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, findPostgresBin, root, run, startPostgres } from './lib.mjs';

ensureDependencies();
run('npx', ['wxt', 'build']);
// The server benchmarks measure PostgreSQL too: on BENCH_DATABASE_URL, else on a
// throw-away one with PostgreSQL's durable defaults, where it is installed.
const env = { ...process.env };
const postgresBin = findPostgresBin();
if (!env.BENCH_DATABASE_URL && postgresBin) env.BENCH_DATABASE_URL = await startPostgres(postgresBin);
for (const file of readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts')).sort()) {
  run('npx', ['tsx', join('bench', file)], { env });
}
