// `npm run bench`: builds the extension, then runs every benchmark in bench/, each printing its figures.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, root, run } from './lib.mjs';

ensureDependencies();
run('npx', ['wxt', 'build']);
for (const file of readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts')).sort()) {
  run('npx', ['tsx', join('bench', file)]);
}
