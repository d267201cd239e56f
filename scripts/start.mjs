// `npm start`: installs what is missing, builds the extension and says how to load it.
// Where a display and Chromium are available it also opens Chromium with Kotae loaded.
// Then it runs the team server in the foreground (Ctrl-C stops it).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDependencies, findChromium, root, run } from './lib.mjs';

ensureDependencies();
run('npx', ['wxt', 'build']);
run('npx', ['wxt', 'build', '-b', 'firefox']);

const chrome = join(root, '.output', 'chrome-mv3');
const firefox = join(root, '.output', 'firefox-mv2');
console.log(`
Kotae is built.
  Chrome / Edge: open chrome://extensions, turn on Developer mode, "Load unpacked": ${chrome}
  Firefox:       open about:debugging#/runtime/this-firefox, "Load Temporary Add-on": ${join(firefox, 'manifest.json')}
Then open https://x.com/ or https://www.facebook.com/ : every customer post gets a Kotae badge. Everything is stored in this
browser; no server or account is needed.`);

const chromium = findChromium();
if (chromium && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) {
  const profile = mkdtempSync(join(tmpdir(), 'kotae-profile-'));
  console.log(`\nOpening Chromium with Kotae loaded (profile ${profile}).`);
  spawn(chromium, [`--user-data-dir=${profile}`, `--disable-extensions-except=${chrome}`, `--load-extension=${chrome}`, 'https://x.com/'], {
    stdio: 'ignore',
    detached: true,
  }).unref();
}

// The team server (optional: the extension works alone). Its settings come from the
// environment; see the README's "Team server" section.
console.log('\nStarting the team server for colleagues to share notes (optional; Ctrl-C stops it).');
const server = spawnSync('npx', ['tsx', 'server/main.ts'], { cwd: root, stdio: 'inherit' });
process.exit(server.status ?? 0);
