import type { BrowserContext, CDPSession, Page, Route } from 'playwright-core';
import { launchChromium } from '../../tests/support/chromium';
import type { BenchSite } from './site';

/*
 * Measures the overlay on one synthetic feed page: posts are appended in batches, one batch
 * per animation frame, and for each post the harness notes when its overlay host (the
 * element carrying data-kotae-post, per the DOM test contract) is in the DOM with a
 * non-empty layout box at the last point before paint.
 */

/** Page-side part. Plain JavaScript, installed before the page's own scripts run. */
export const PAGE_HARNESS = `(() => {
  const ATTR = 'data-kotae-post';
  let lastRun = null;

  function run(opts) {
    const feed = window.__kotaeBenchFeed;
    if (!feed) throw new Error('The page defines no window.__kotaeBenchFeed');
    const total = opts.posts;
    const prefix = opts.platform + ':';
    const insertedAt = new Float64Array(total);
    const shownAt = new Float64Array(total).fill(NaN);
    // Callbacks of one frame share its timestamp: equal stamps mean "rendered in the same frame".
    const insertedFrame = new Float64Array(total);
    let sameFrame = 0;
    const indexByKey = new Map();
    const nodeByKey = new Map();
    const customerByKey = new Map();
    // Keyed by element: a post may have several candidate hosts (only one should render).
    const pending = new Map();
    const feedNodes = new WeakSet();
    const unknownSamples = [];
    let unknownHosts = 0;
    let shown = 0;
    let next = 0;
    let appendFrames = 0;
    let firstAppendAt = 0;
    let lastAppendAt = 0;

    const consider = (el) => {
      const key = el.getAttribute(ATTR);
      if (key === null) return;
      const i = indexByKey.get(key);
      if (i === undefined) {
        unknownHosts += 1;
        if (unknownSamples.length < 5 && !unknownSamples.includes(key)) unknownSamples.push(key);
        return;
      }
      if (Number.isNaN(shownAt[i])) pending.set(el, i);
    };
    // Only discovers hosts; whether they are rendered is decided in the frame callback.
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') { consider(r.target); continue; }
        for (const n of r.addedNodes) {
          if (n.nodeType !== 1 || feedNodes.has(n)) continue;
          consider(n);
          if (n.firstElementChild !== null) for (const h of n.querySelectorAll('[' + ATTR + ']')) consider(h);
        }
      }
    });
    observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: [ATTR] });

    return new Promise((resolve) => {
      const appendBatch = (frameTime) => {
        if (appendFrames === 0) firstAppendAt = performance.now();
        appendFrames += 1;
        for (let k = 0; k < opts.perFrame && next < total; k += 1, next += 1) {
          const post = feed.append(next);
          insertedAt[next] = performance.now();
          insertedFrame[next] = frameTime;
          const key = prefix + post.postId;
          feedNodes.add(post.node);
          indexByKey.set(key, next);
          nodeByKey.set(key, post.node);
          customerByKey.set(key, post.customerId);
        }
        feed.afterBatch(next);
        lastAppendAt = performance.now();
        if (next < total) requestAnimationFrame(appendBatch);
      };
      // Registered after appendBatch, so it runs later in the same frame, after the
      // microtasks (mutation observers) the batch triggered and just before style/layout/paint.
      const check = (frameTime) => {
        const now = performance.now();
        for (const [el, i] of pending) {
          if (!Number.isNaN(shownAt[i]) || !el.isConnected) { pending.delete(el); continue; }
          if (el.getBoundingClientRect().width > 0) {
            shownAt[i] = now;
            shown += 1;
            if (insertedFrame[i] === frameTime) sameFrame += 1;
            pending.delete(el);
          }
        }
        const appended = next >= total;
        const finished = appended && (!opts.expectBadges || shown >= total || now - lastAppendAt > opts.badgeTimeoutMs);
        if (!finished) { requestAnimationFrame(check); return; }
        observer.disconnect();
        lastRun = { nodeByKey, customerByKey, prefix, total };
        const latencies = new Array(total);
        let missing = 0;
        for (let i = 0; i < total; i += 1) {
          if (Number.isNaN(shownAt[i])) { latencies[i] = null; missing += 1; }
          else latencies[i] = shownAt[i] - insertedAt[i];
        }
        resolve({ latencies, missing, sameFrame, appendMs: lastAppendAt - firstAppendAt, appendFrames, unknownHosts, unknownSamples });
      };
      requestAnimationFrame(appendBatch);
      requestAnimationFrame(check);
    });
  }

  // Contract checks, run after the measured window so they cost nothing inside it.
  function audit() {
    if (lastRun === null) throw new Error('audit() before run()');
    const { nodeByKey, customerByKey, prefix, total } = lastRun;
    const perKey = new Map();
    let misplaced = 0;
    let wrongCustomer = 0;
    const hosts = document.querySelectorAll('[' + ATTR + ']');
    for (const h of hosts) {
      const key = h.getAttribute(ATTR);
      perKey.set(key, (perKey.get(key) || 0) + 1);
      const node = nodeByKey.get(key);
      if (node === undefined || !node.contains(h)) misplaced += 1;
      const expected = customerByKey.get(key);
      if (expected !== undefined && h.getAttribute('data-kotae-customer') !== prefix + expected) wrongCustomer += 1;
    }
    let duplicatePosts = 0;
    for (const c of perKey.values()) if (c > 1) duplicatePosts += 1;
    const feedElements = window.__kotaeBenchFeed.root.querySelectorAll('*').length;
    return { hosts: hosts.length, duplicatePosts, misplaced, wrongCustomer, elementsPerPost: feedElements / total };
  }

  window.__kotaeBench = { run, audit };
})();`;

interface PageRunResult {
  latencies: (number | null)[];
  missing: number;
  sameFrame: number;
  appendMs: number;
  appendFrames: number;
  unknownHosts: number;
  unknownSamples: string[];
}

export interface ContractAudit {
  /** Overlay hosts in the document after the run. */
  hosts: number;
  /** Posts with more than one host. */
  duplicatePosts: number;
  /** Hosts not inside the post they name. */
  misplaced: number;
  /** Hosts whose data-kotae-customer is not the post's author. */
  wrongCustomer: number;
  /** Elements in the feed per post (including any the overlay added). */
  elementsPerPost: number;
}

/** Renderer main-thread time spent during the measured window, in milliseconds. */
export interface MainThreadTime {
  /** Wall time inside tasks; includes time the thread waited for a CPU. */
  task: number;
  script: number;
  layout: number;
  recalcStyle: number;
  /** CPU time of the thread: less disturbed by other processes on a busy machine. */
  cpu: number;
}

/** Growth of the renderer's live object counts over the measured window. */
export interface LiveCounts {
  nodes: number;
  layoutObjects: number;
  eventListeners: number;
}

export interface OverlayRunResult {
  posts: number;
  withExtension: boolean;
  mainThread: MainThreadTime;
  counts: LiveCounts;
  /** Per post, insertion to rendered overlay host; Infinity when it never appeared. */
  latenciesMs: number[];
  missing: number;
  /** Posts whose host was rendered in the very frame that inserted the post. */
  sameFrame: number;
  /** Hosts naming a post id the feed never produced (e.g. an id rounded through Number). */
  unknownHosts: number;
  unknownSamples: string[];
  appendMs: number;
  appendFrames: number;
  audit: ContractAudit;
}

export interface OverlayRunOptions {
  /** Absolute path of the unpacked extension, or null to measure the page alone. */
  extensionDir: string | null;
  posts: number;
  perFrame: number;
  /** How long after the last append a missing overlay is still waited for. */
  badgeTimeoutMs: number;
  /** Idle time after the run before the closing metrics, so deferred work is counted. */
  settleMs: number;
  /** Idle time after load before the opening metrics, so start-up work is not counted. */
  startupMs: number;
}

const METRIC_NAMES = {
  task: 'TaskDuration',
  script: 'ScriptDuration',
  layout: 'LayoutDuration',
  recalcStyle: 'RecalcStyleDuration',
  cpu: 'ThreadTime',
} as const;

interface Snapshot {
  time: MainThreadTime;
  counts: LiveCounts;
}

async function readMetrics(cdp: CDPSession): Promise<Snapshot> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const raw = (name: string): number => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  const ms = (name: string): number => raw(name) * 1000;
  return {
    time: {
      task: ms(METRIC_NAMES.task),
      script: ms(METRIC_NAMES.script),
      layout: ms(METRIC_NAMES.layout),
      recalcStyle: ms(METRIC_NAMES.recalcStyle),
      cpu: ms(METRIC_NAMES.cpu),
    },
    counts: { nodes: raw('Nodes'), layoutObjects: raw('LayoutObjects'), eventListeners: raw('JSEventListeners') },
  };
}

async function serveSite(context: BrowserContext, site: BenchSite): Promise<void> {
  const html = site.pageHtml();
  const pageUrl = new URL(site.url).href;
  const handler = async (route: Route): Promise<void> => {
    const request = route.request();
    const url = new URL(request.url());
    url.hash = '';
    if (request.resourceType() === 'document' && url.href === pageUrl) {
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    } else {
      await route.fulfill({ status: 204, body: '' });
    }
  };
  for (const pattern of site.routePatterns) await context.route(pattern, handler);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** One measured run in a freshly launched browser with a fresh profile. */
export async function measureOverlayRun(site: BenchSite, options: OverlayRunOptions): Promise<OverlayRunResult> {
  const browser = await launchChromium({ extensionDir: options.extensionDir });
  try {
    await serveSite(browser.context, site);
    const page: Page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.addInitScript({ content: PAGE_HARNESS });
    await page.goto(site.url, { waitUntil: 'load' });
    await page.waitForTimeout(options.startupMs);

    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const before = await readMetrics(cdp);
    const runOptions = {
      posts: options.posts,
      perFrame: options.perFrame,
      badgeTimeoutMs: options.badgeTimeoutMs,
      expectBadges: options.extensionDir !== null,
      platform: site.platform,
    };
    // A string expression: serialised functions would carry the TypeScript loader's helpers.
    const frames = Math.ceil(options.posts / options.perFrame);
    const result = await withTimeout(
      page.evaluate(`window.__kotaeBench.run(${JSON.stringify(runOptions)})`) as Promise<PageRunResult>,
      frames * 200 + options.badgeTimeoutMs + 30_000,
      'The append run',
    );
    await page.waitForTimeout(options.settleMs);
    const after = await readMetrics(cdp);
    const audit = (await page.evaluate('window.__kotaeBench.audit()')) as ContractAudit;

    return {
      posts: options.posts,
      withExtension: options.extensionDir !== null,
      mainThread: {
        task: after.time.task - before.time.task,
        script: after.time.script - before.time.script,
        layout: after.time.layout - before.time.layout,
        recalcStyle: after.time.recalcStyle - before.time.recalcStyle,
        cpu: after.time.cpu - before.time.cpu,
      },
      counts: {
        nodes: after.counts.nodes - before.counts.nodes,
        layoutObjects: after.counts.layoutObjects - before.counts.layoutObjects,
        eventListeners: after.counts.eventListeners - before.counts.eventListeners,
      },
      latenciesMs: result.latencies.map((l) => (l === null ? Number.POSITIVE_INFINITY : l)),
      missing: result.missing,
      sameFrame: result.sameFrame,
      unknownHosts: result.unknownHosts,
      unknownSamples: result.unknownSamples,
      appendMs: result.appendMs,
      appendFrames: result.appendFrames,
      audit,
    };
  } finally {
    await browser.close();
  }
}
