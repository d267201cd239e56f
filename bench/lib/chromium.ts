/** Benchmark-only browser helpers; launching itself is shared with the e2e tests. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath, EXTENSION_DIR, extensionErrors, launchChromium, REPO_ROOT } from '../../tests/support/chromium';

export { REPO_ROOT };
export const DEFAULT_EXTENSION_DIR: string = EXTENSION_DIR;
export const CHROMIUM_PATH: string = chromiumPath() ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A setup problem that stops the benchmark before it measures anything. */
export class BenchSetupError extends Error {}

export interface ExtensionManifest {
  manifest_version: number;
  background?: { service_worker?: string };
  content_scripts?: { matches?: string[]; js?: string[]; css?: string[] }[];
}

export function readManifest(extensionDir: string): ExtensionManifest {
  const path = join(extensionDir, 'manifest.json');
  if (!existsSync(path)) {
    throw new BenchSetupError(`No built extension at ${extensionDir}: run \`npm run build\` first.`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as ExtensionManifest;
}

export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new BenchSetupError(
      `Chromium not found at ${CHROMIUM_PATH}: install Debian's \`chromium\` package or set CHROMIUM_PATH.`,
    );
  }
}

/** Newest modification time of the sources the extension is built from (0 when none). */
export function newestSourceMtime(): number {
  let newest = 0;
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of ['entrypoints', 'components', 'utils', 'stores', 'public', 'assets']) {
    walk(join(REPO_ROOT, dir));
  }
  return newest;
}

/**
 * Launches once with the extension and Chromium's log on, so that an extension Chromium
 * refuses (bad manifest, a script it rejects) stops the benchmark with Chromium's reason.
 */
export async function checkExtensionLoads(extensionDir: string): Promise<void> {
  const logDir = mkdtempSync(join(tmpdir(), 'kotae-bench-log-'));
  const logFile = join(logDir, 'chromium.log');
  try {
    let browser;
    try {
      browser = await launchChromium({ extensionDir, logFile });
    } catch (error) {
      throw new BenchSetupError(error instanceof Error ? error.message : String(error));
    }
    const errors = extensionErrors(logFile);
    await browser.close();
    if (errors.length > 0) throw new BenchSetupError(`Chromium could not load the extension: ${errors.join(' ')}`);
  } finally {
    rmSync(logDir, { recursive: true, force: true });
  }
}
