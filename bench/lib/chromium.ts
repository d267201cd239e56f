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
}

/** Launches headless Chromium with a fresh profile that is deleted on close. */
export async function launchChromium(options: LaunchOptions): Promise<LaunchedBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'kotae-bench-'));
  const args = [...COMMON_ARGS];
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
    try {
      const worker =
        context.serviceWorkers()[0] ??
        (await context.waitForEvent('serviceworker', { timeout: options.serviceWorkerTimeoutMs ?? 10_000 }));
      extensionId = new URL(worker.url()).host;
    } catch {
      await close();
      throw new BenchSetupError(`The extension at ${options.extensionDir} did not start its service worker.`);
    }
  }
  return { context, extensionId, close };
}
