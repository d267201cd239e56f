import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from '../support/chromium';

const contentScripts = readdirSync(join(EXTENSION_DIR, 'content-scripts')).filter((f) => f.endsWith('.js'));

describe('the built content scripts', () => {
  it.each(contentScripts)('%s never opens IndexedDB (it would be the site’s) and ships no database code', (file) => {
    const code = readFileSync(join(EXTENSION_DIR, 'content-scripts', file), 'utf8');
    expect(code).not.toMatch(/indexedDB|Dexie/);
  });

  it.each(contentScripts)('%s holds no Unicode non-characters, which make Chromium refuse to load it', (file) => {
    const code = readFileSync(join(EXTENSION_DIR, 'content-scripts', file), 'utf8');
    expect(code).not.toMatch(/[\uFFFE\uFFFF]/);
  });
});

describe('the built manifests', () => {
  const manifest = (dir: string) => JSON.parse(readFileSync(join(EXTENSION_DIR, '..', dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;

  it('let both browsers ask for a team server’s https origin, and reach a local one without asking', () => {
    const chrome = manifest('chrome-mv3');
    expect(chrome.host_permissions).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
    expect(chrome.optional_host_permissions).toEqual(['https://*/*']);
    const firefox = manifest('firefox-mv2');
    expect(firefox.permissions).toEqual(expect.arrayContaining(['http://127.0.0.1/*', 'http://localhost/*']));
    expect(firefox.optional_permissions).toEqual(['https://*/*']);
  });

  it('inject content scripts into x.com and facebook.com only', () => {
    const scripts = (manifest('chrome-mv3').content_scripts as Array<{ matches: string[] }>).flatMap((entry) => entry.matches);
    expect(scripts.sort()).toEqual(
      ['https://facebook.com/*', 'https://mobile.twitter.com/*', 'https://twitter.com/*', 'https://web.facebook.com/*', 'https://www.facebook.com/*', 'https://x.com/*'].sort(),
    );
  });
});
