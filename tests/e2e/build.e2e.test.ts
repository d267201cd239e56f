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
