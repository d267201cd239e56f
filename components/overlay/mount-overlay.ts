/**
 * The overlay on one site: finds posts as they appear (first load, infinite
 * scroll, single-page navigation, recycled nodes), gives each exactly one badge,
 * records each post as seen, and keeps the badges' data current.
 */
import { browser } from 'wxt/browser';
import { identityKey, postKey, type SeenPost } from '@/utils/model';
import type { PostWatch } from '@/utils/watch/state';
import { seenPostOf } from './seen-post';
import type { OverlayAnchor, SiteAdapter, ParsedPost } from '@/utils/sites/types';
import type { KotaeClient } from '@/utils/messaging/client';
import { eventSchema } from '@/utils/messaging/protocol';
import { t, type Lang } from '@/utils/i18n';
import { readTeamIdentities, readTimerSettings, teamIdentitiesItem, timerSettingsItem } from '@/utils/storage';
import { DEFAULT_TIMER_SETTINGS, type TimerSettings } from '@/utils/timer';
import { createBadgeBoard, createBadgeHost, type BadgeDeps, type BadgeHost, type BadgeTarget } from './badge-host';
import { ExtensionFrame } from './extension-frame';

export interface OverlayOptions {
  adapter: SiteAdapter;
  client: KotaeClient;
  lang: Lang;
  signal: AbortSignal;
  /** The subtree to watch; the page's body in production. */
  root: HTMLElement;
}

const HOST_ATTRIBUTE = 'data-kotae-post';
/** How often hosts whose posts left the page are let go. */
const SWEEP_MS = 5_000;
/**
 * Seen posts are gathered for a tenth of a second: each message costs the background a
 * database transaction and a read-back, and at a message per frame a fast scroll kept it
 * busy enough to slow the page. A badge is drawn at once regardless; only a new
 * customer's counts and the timer's stored facts follow a moment later.
 */
const SEEN_BATCH_MS = 100;
const SEEN_BATCH_MAX = 100;
/** Keyword watch states are asked for within a frame: a search page is waiting to show them. */
const WATCH_BATCH_MS = 16;
/** One shared ticker moves every timer on the page; a minute is the finest unit shown. */
const TICK_MS = 30_000;

export function mountOverlay({ adapter, client, lang, signal, root }: OverlayOptions) {
  const board = createBadgeBoard();
  const { store, timers, presence, watch } = board;
  let timerSettings: TimerSettings = DEFAULT_TIMER_SETTINGS;
  let teamIdentities = new Set<string>();
  const tickAll = () => {
    const now = new Date();
    for (const host of hosts.values()) host.tick(now);
  };
  // The shared ticker moves only the timers on screen (one scrolling back in is
  // caught up by the next tick). Where each badge is, is read once per tick: an
  // IntersectionObserver would instead do work for every badge on every frame.
  const tickOnScreen = () => {
    const now = new Date();
    const bottom = window.innerHeight;
    for (const host of hosts.values()) {
      const box = host.element.getBoundingClientRect();
      if (box.bottom >= 0 && box.top <= bottom) host.tick(now);
    }
  };
  const forget = (element: Element, host: BadgeHost) => {
    host.unmount();
    hosts.delete(element);
  };
  const loadSettings = () =>
    void Promise.all([readTimerSettings(), readTeamIdentities()]).then(([settings, team]) => {
      timerSettings = settings;
      teamIdentities = team;
      tickAll();
      for (const [element, host] of hosts) {
        if (!team.has(host.target.identityId)) continue;
        const reply = adapter.parsePost(element);
        if (reply) noticeTeamReply(reply, element);
      }
    });
  loadSettings();
  const stopWatching = [timerSettingsItem.watch(loadSettings), teamIdentitiesItem.watch(loadSettings)];
  // One set of dependencies shared by every badge, not one per post.
  const badgeDeps: BadgeDeps = {
    board,
    showsWatch: false,
    timerSettings: () => timerSettings,
    firstSeenHere: (key) => seenThisPage.get(key),
    isTeamIdentity: (id) => teamIdentities.has(id),
    lang,
    onOpen: openPanel,
  };
  const watchBadgeDeps: BadgeDeps = { ...badgeDeps, showsWatch: true };
  const panel = new ExtensionFrame(
    '/panel.html',
    t(lang, 'panelFrameTitle'),
    { top: '0', right: '0', width: 'min(420px, 100vw)', height: '100vh', borderLeft: '1px solid #cfd9de' },
    'data-kotae-panel',
  );
  const hosts = new Map<Element, BadgeHost>();
  const revealed = new WeakSet<Element>();
  /** The posts this page has recorded as seen, with when it first saw each (epoch ms). */
  const seenThisPage = new Map<string, number>();
  const teamRepliesSent = new Set<string>();
  let pendingSeen: SeenPost[] = [];
  let seenTimer: ReturnType<typeof setTimeout> | null = null;

  // Keyword watch: on a search page, each view of a search (a load, or arriving at it
  // in X's single-page app) has its start; a post the team first saw after it is new.
  let watchView: { key: string; since: string } | null = null;
  let lastHref = '';
  /** Posts whose watch state this view has asked for. */
  const watchAsked = new Set<string>();
  let pendingWatch = new Set<string>();
  let watchTimer: ReturnType<typeof setTimeout> | null = null;

  /** Notices a move to or from a search page; costs one string comparison elsewhere. */
  function checkView() {
    const href = location.href;
    if (href === lastHref) return;
    lastHref = href;
    let url: URL | null = null;
    try {
      url = new URL(href);
    } catch {
      url = null;
    }
    if (!url || !adapter.isWatchPage?.(url)) {
      watchView = null;
      return;
    }
    // The same search with other tabs or tracking parameters is the same view.
    const key = `${url.pathname}?${url.searchParams.get('q') ?? ''}`;
    if (watchView?.key === key) return;
    watchView = { key, since: new Date().toISOString() };
    watchAsked.clear();
    // Posts already on screen are judged again for this view.
    askWatch([...hosts].filter(([element]) => element.isConnected).map(([, host]) => host.target.postKey));
  }

  function askWatch(keys: readonly string[]) {
    if (!watchView) return;
    for (const key of keys) {
      if (watchAsked.has(key)) continue;
      watchAsked.add(key);
      pendingWatch.add(key);
    }
    if (pendingWatch.size > 0) watchTimer ??= setTimeout(flushWatch, WATCH_BATCH_MS);
  }

  function flushWatch() {
    watchTimer = null;
    const view = watchView;
    const keys = [...pendingWatch].slice(0, 500);
    pendingWatch = new Set([...pendingWatch].slice(500));
    if (pendingWatch.size > 0) watchTimer = setTimeout(flushWatch, WATCH_BATCH_MS);
    if (!view || keys.length === 0 || signal.aborted) return;
    client.send('posts.timers', { postKeys: keys, watchSince: view.since }).then(
      (answer) => {
        timers.set(answer.timers.map((f) => [f.postKey, f] as const));
        showWatch(view, answer.watch);
      },
      (error: unknown) => {
        for (const key of keys) watchAsked.delete(key);
        console.warn('[kotae] could not load keyword watch states', error);
      },
    );
  }

  /** Watch states answered for `view`; an answer for a view left meanwhile is stale. */
  function showWatch(view: { since: string } | null, states: PostWatch[] | undefined) {
    if (view && view === watchView && states) watch.set(states.map((w) => [w.postKey, w] as const));
  }

  function targetOf(post: ParsedPost): BadgeTarget {
    return {
      postKey: postKey(post.platform, post.postId),
      identityId: identityKey(post.platform, post.authorHandle),
      who: post.platform === 'x' ? `@${post.authorHandle}` : post.authorName || post.authorHandle,
      postedAt: post.postedAt,
    };
  }

  function openPanel(host: BadgeHost) {
    panel.open({
      params: { customer: host.target.identityId, post: host.target.postKey },
      returnFocus: () => host.focus(),
    });
  }

  /** Brings one post element in line with what it shows now. */
  function syncPost(element: Element) {
    const existing = hosts.get(element);
    const reading = adapter.readPost(element);
    if (!reading || reading.post.promoted) {
      if (existing) forget(element, existing);
      // Once per element: a post drawn without its link is asked for it.
      if (!reading && adapter.revealPermalink && !revealed.has(element)) {
        revealed.add(element);
        adapter.revealPermalink(element);
      }
      return;
    }
    const post = reading.post;
    const target = targetOf(post);
    if (existing) {
      if (existing.target.postKey !== target.postKey || existing.target.identityId !== target.identityId) {
        existing.retarget(target); // a recycled node now shows another post
      }
      if (!element.contains(existing.element)) place(element, existing, reading.anchor());
    } else {
      // Only search pages pay for keyword watch.
      const host = createBadgeHost(target, watchView !== null ? watchBadgeDeps : badgeDeps);
      if (!place(element, host, reading.anchor())) {
        host.unmount();
        return;
      }
      hosts.set(element, host);
    }
    queueSeen(post, target.postKey);
    if (teamIdentities.has(target.identityId)) noticeTeamReply(post, element);
  }

  /**
   * A reply by the team's own account answers what it sits under: the post or comment
   * around it (Facebook nests comments), else the post a conversation page is about (X).
   * Rare, so the page-wide look for the conversation's own post is affordable here.
   */
  function noticeTeamReply(reply: ParsedPost, element: Element) {
    const answered = (element.parentElement && adapter.closestPost(element.parentElement)) ?? adapter.focusedPost(root);
    if (!answered) return;
    const question = seenPostOf(adapter.parsePost(answered));
    const answer = seenPostOf(reply);
    if (!question || !answer || question.postId === answer.postId) return;
    if (teamIdentities.has(identityKey(question.platform, question.authorHandle))) return;
    // Only what came after the question answers it.
    if (question.postedAt && answer.postedAt && answer.postedAt < question.postedAt) return;
    const key = `${question.postId}>${answer.postId}`;
    if (teamRepliesSent.has(key)) return;
    teamRepliesSent.add(key);
    client.send('post.teamReply', { post: question, reply: answer }).catch((error: unknown) => {
      teamRepliesSent.delete(key);
      console.warn('[kotae] could not record the team reply', error);
    });
  }

  function place(element: Element, host: BadgeHost, anchor: OverlayAnchor | null): boolean {
    if (!anchor) return false;
    // Never two hosts in one post, whatever the site did to the old one. Hosts of posts
    // nested inside this one (Facebook's comments) are theirs, not strays.
    for (const stray of element.querySelectorAll(`[${HOST_ATTRIBUTE}]`)) {
      if (stray !== host.element && adapter.closestPost(stray) === element) stray.remove();
    }
    anchor.parent.insertBefore(host.element, anchor.before);
    return true;
  }

  function queueSeen(post: ParsedPost, key: string) {
    if (seenThisPage.has(key)) {
      // Seen on another page of this tab before this search: its watch state is still wanted.
      if (watchView && !watchAsked.has(key)) askWatch([key]);
      return;
    }
    const seen = seenPostOf(post);
    if (!seen) return; // the page gave something we cannot record; the badge still shows
    seenThisPage.set(key, Date.now());
    if (watchView) watchAsked.add(key);
    pendingSeen.push(seen);
    if (pendingSeen.length >= SEEN_BATCH_MAX) flushSeen();
    else seenTimer ??= setTimeout(flushSeen, SEEN_BATCH_MS);
  }

  function flushSeen() {
    if (seenTimer) clearTimeout(seenTimer);
    seenTimer = null;
    const posts = pendingSeen;
    pendingSeen = [];
    if (posts.length === 0 || signal.aborted) return;
    const view = watchView;
    // Badge data only for authors the page has none of: known badges keep theirs until a change event.
    const summariesFor = [...new Set(posts.map((p) => identityKey(p.platform, p.authorHandle)))].filter((id) => store.get(id) === undefined);
    client.send('posts.seen', { posts, summariesFor, ...(view ? { watchSince: view.since } : {}) }).then(
      ({ summaries, timers: facts, watch: states }) => {
        store.fill(summaries.map((s) => [s.identityId, s] as const));
        timers.set(facts.map((f) => [f.postKey, f] as const));
        showWatch(view, states);
      },
      (error: unknown) => {
        console.warn('[kotae] could not record seen posts', error);
        // Let a later sighting try again, and tell the badges why they are empty.
        for (const post of posts) {
          seenThisPage.delete(postKey(post.platform, post.postId));
          watchAsked.delete(postKey(post.platform, post.postId));
        }
        store.fail(posts.map((p) => identityKey(p.platform, p.authorHandle)));
      },
    );
  }

  function refresh(identityIds: string[]) {
    const watched = new Set(board.shown.customers());
    const wanted = identityIds.filter((id) => watched.has(id));
    if (wanted.length === 0) return;
    client.send('customers.summaries', { identityIds: wanted }).then(
      ({ summaries }) => store.set(summaries.map((s) => [s.identityId, s] as const)),
      (error: unknown) => console.warn('[kotae] could not refresh badges', error),
    );
    // A change to a customer (a reply sent) can change their posts' timers.
    const postKeys = [...new Set(wanted.flatMap((id) => board.shown.ofCustomer(id).map((h) => h.target.postKey)))];
    if (postKeys.length === 0) return;
    const view = watchView;
    client.send('posts.timers', { postKeys: postKeys.slice(0, 500), ...(view ? { watchSince: view.since } : {}) }).then(
      ({ timers: facts, watch: states }) => {
        timers.set(facts.map((f) => [f.postKey, f] as const));
        showWatch(view, states);
      },
      (error: unknown) => console.warn('[kotae] could not refresh timers', error),
    );
  }

  const isOwnHost = (node: Node) => node.nodeType === Node.ELEMENT_NODE && (node as Element).hasAttribute(HOST_ATTRIBUTE);

  const observer = new MutationObserver((records) => {
    checkView(); // X moves between pages without loading one
    const touched = new Set<Element>();
    for (const record of records) {
      if (record.type === 'childList') {
        // Our own insertions and removals need no second look.
        const nodes = [...record.addedNodes, ...record.removedNodes];
        if (nodes.length > 0 && nodes.every(isOwnHost)) continue;
        for (const node of record.addedNodes) {
          if (node.nodeType === Node.ELEMENT_NODE) for (const post of adapter.findPosts(node as Element)) touched.add(post);
        }
      }
      // A change inside a post means: read it again. X reuses the node for another post;
      // Facebook gives a post's permalink its href only when it is hovered or focused.
      const post = adapter.closestPost(record.target);
      if (post) touched.add(post);
    }
    for (const post of touched) syncPost(post);
  });
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['href', 'datetime'] });
  checkView();
  for (const post of adapter.findPosts(root)) syncPost(post);

  const ticker = setInterval(tickOnScreen, TICK_MS);
  const sweep = setInterval(() => {
    for (const [element, host] of hosts) {
      if (!element.isConnected) forget(element, host);
    }
  }, SWEEP_MS);

  const onEvent = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== browser.runtime.id || sender.tab) return; // only the background speaks to us
    const event = eventSchema.safeParse(message);
    if (!event.success) return;
    if (event.data.event === 'customers.changed') refresh(event.data.identityIds);
    else if (event.data.event === 'presence.changed') presence.set([[event.data.postKey, event.data.names]]);
    else if (event.data.event === 'panel.close') panel.close();
  };
  browser.runtime.onMessage.addListener(onEvent);
  // Colleagues already replying when this page opened.
  client.send('presence.list', {}).then(
    ({ posts }) => presence.set(posts.map((p) => [p.postKey, p.names] as const)),
    () => {}, // alone, or the background is busy: the next change will tell
  );

  // Keyboard: Alt+K opens the panel for the focused post (X's j/k moves focus
  // between posts), or the first post on screen.
  const onKeyDown = (event: KeyboardEvent) => {
    if (!event.isTrusted || !event.altKey || event.ctrlKey || event.metaKey || event.code !== 'KeyK') return;
    const focused = document.activeElement ? adapter.closestPost(document.activeElement) : null;
    const host = (focused && hosts.get(focused)) ?? firstVisibleHost();
    if (!host) return;
    event.preventDefault();
    openPanel(host);
  };
  function firstVisibleHost(): BadgeHost | undefined {
    for (const [element, host] of hosts) {
      const box = element.getBoundingClientRect();
      if (box.bottom > 0 && box.top < window.innerHeight) return host;
    }
    return undefined;
  }
  document.addEventListener('keydown', onKeyDown, true);
  // Leaving the page sends what was seen but not yet sent.
  window.addEventListener('pagehide', flushSeen);

  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearInterval(sweep);
      clearInterval(ticker);
      for (const stop of stopWatching) stop();
      if (seenTimer) clearTimeout(seenTimer);
      if (watchTimer) clearTimeout(watchTimer);
      browser.runtime.onMessage.removeListener(onEvent);
      document.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('pagehide', flushSeen);
      panel.close({ restoreFocus: false });
      for (const host of hosts.values()) host.unmount();
      hosts.clear();
    },
    { once: true },
  );

  return { store, timers, presence, watch, hosts };
}
