import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

export const REPO_ROOT: string = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DEFAULT_EXTENSION_DIR: string = join(REPO_ROOT, '.output', 'chrome-mv3');

// Debian's wrapper script; CHROMIUM_PATH may point elsewhere (e.g. /usr/lib/chromium/chromium).
export const CHROMIUM_PATH: string = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Flags shared by both configurations, so the only difference is the extension.
const COMMON_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  // Without these Chromium keeps trying to reach Google, which adds noise.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

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

export interface LaunchedBrowser {
  context: BrowserContext;
  extensionId: string | null;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Absolute path of an unpacked extension, or null for a browser without it. */
  extensionDir: string | null;
  serviceWorkerTimeoutMs?: number;
  /** Chromium's log file, for reading extension load errors; off for measured runs. */
  logFile?: string;
}

const EXTENSION_ERROR = /Extension error: (.*)/;

function extensionErrors(logFile: string | undefined): string[] {
  if (logFile === undefined || !existsSync(logFile)) return [];
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .map((line) => EXTENSION_ERROR.exec(line)?.[1])
    .filter((m): m is string => m !== undefined);
}

/** Launches headless Chromium with a fresh profile that is deleted on close. */
export async function launchChromium(options: LaunchOptions): Promise<LaunchedBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'kotae-bench-'));
  const args = [...COMMON_ARGS];
  if (options.logFile !== undefined) args.push('--enable-logging', `--log-file=${options.logFile}`);
  if (options.extensionDir !== null) {
    // Playwright passes --disable-extensions; this flag is what lets ours load anyway.
    args.unshift(`--disable-extensions-except=${options.extensionDir}`, `--load-extension=${options.extensionDir}`);
  }
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args,
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const close = async (): Promise<void> => {
    await context.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true });
  };

  let extensionId: string | null = null;
  if (options.extensionDir !== null && readManifest(options.extensionDir).background?.service_worker) {
    let poll: NodeJS.Timeout | undefined;
    try {
      // When the log is on, a load error ends the wait at once instead of at the timeout.
      const loadFailed = new Promise<never>((_, reject) => {
        poll = setInterval(() => {
          if (extensionErrors(options.logFile).length > 0) reject(new Error('extension load error'));
        }, 250);
      });
      const worker =
        context.serviceWorkers()[0] ??
        (await Promise.race([
          context.waitForEvent('serviceworker', { timeout: options.serviceWorkerTimeoutMs ?? 10_000 }),
          loadFailed,
        ]));
      extensionId = new URL(worker.url()).host;
    } catch {
      const errors = extensionErrors(options.logFile);
      await close();
      throw new BenchSetupError(
        errors.length > 0
          ? `Chromium could not load the extension: ${errors.join(' ')}`
          : `The extension at ${options.extensionDir} did not start its service worker.`,
      );
    } finally {
      clearInterval(poll);
    }
  }
  return { context, extensionId, close };
}

/**
 * Launches once with the extension and Chromium's log on, so that an extension Chromium
 * refuses (bad manifest, a script it rejects) stops the benchmark with Chromium's reason.
 */
export async function checkExtensionLoads(extensionDir: string): Promise<void> {
  const logDir = mkdtempSync(join(tmpdir(), 'kotae-bench-log-'));
  const logFile = join(logDir, 'chromium.log');
  try {
    const browser = await launchChromium({ extensionDir, logFile });
    // Without a service worker to wait for, give the load a moment to report errors.
    if (browser.extensionId === null) await new Promise((done) => setTimeout(done, 1500));
    const errors = extensionErrors(logFile);
    await browser.close();
    if (errors.length > 0) throw new BenchSetupError(`Chromium could not load the extension: ${errors.join(' ')}`);
  } finally {
    rmSync(logDir, { recursive: true, force: true });
  }
}
