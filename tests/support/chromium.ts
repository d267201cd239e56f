/**
 * Debian's Chromium with the built extension, driven by playwright-core. Shared by
 * the end-to-end tests and the benchmarks, so both run the browser the same way.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

// A path, not `new URL(...)`: DOM test environments replace the global URL.
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXTENSION_DIR = join(REPO_ROOT, '.output', 'chrome-mv3');

export function chromiumPath(): string | null {
  for (const path of [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium']) {
    if (path && existsSync(path)) return path;
  }
  return null;
}

// Without the networking flags Chromium keeps trying to reach Google from a closed network.
const COMMON_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--lang=en-US',
];

export interface LaunchOptions {
  /** Absolute path of an unpacked extension, or null for a browser without it. */
  extensionDir?: string | null;
  /** Reuse a profile (to test what survives a browser restart); a fresh one otherwise. */
  userDataDir?: string;
  /** The browser's UI language, e.g. `ja`. */
  lang?: string;
  /** Chromium's own log, read for the reason when the extension does not load. */
  logFile?: string;
}

const EXTENSION_ERROR = /Extension error: (.*)/;

/** The reasons Chromium logged for refusing an extension (a bad manifest, a non-UTF-8 script…). */
export function extensionErrors(logFile: string | undefined): string[] {
  if (logFile === undefined || !existsSync(logFile)) return [];
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .map((line) => EXTENSION_ERROR.exec(line)?.[1])
    .filter((reason): reason is string => reason !== undefined);
}

export interface LaunchedBrowser {
  context: BrowserContext;
  extensionId: string | null;
  userDataDir: string;
  /** Closes the browser; deletes the profile unless it was passed in. */
  close(): Promise<void>;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("Chromium is not installed: `apt-get install chromium` (Debian's package).");
  const extensionDir = options.extensionDir === undefined ? EXTENSION_DIR : options.extensionDir;
  if (extensionDir && !existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npm run build\` first.`);
  }
  const ownProfile = !options.userDataDir;
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'kotae-chromium-'));
  const args = [...COMMON_ARGS];
  if (options.lang) args[args.length - 1] = `--lang=${options.lang}`;
  if (options.logFile) args.push('--enable-logging', `--log-file=${options.logFile}`);
  // Playwright passes --disable-extensions; this flag is what lets ours load anyway.
  if (extensionDir) args.unshift(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args,
    locale: options.lang ?? 'en-US',
    viewport: { width: 1280, height: 900 },
  });
  const close = async () => {
    await context.close().catch(() => undefined);
    if (ownProfile) rmSync(userDataDir, { recursive: true, force: true });
  };
  let extensionId: string | null = null;
  if (extensionDir) {
    try {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
      extensionId = new URL(worker.url()).host;
    } catch {
      const reasons = extensionErrors(options.logFile);
      await close();
      throw new Error(
        reasons.length > 0
          ? `Chromium could not load the extension: ${reasons.join(' ')}`
          : `The extension at ${extensionDir} did not start its service worker.`,
      );
    }
  }
  return { context, extensionId, userDataDir, close };
}
