// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mountOverlay } from '@/components/overlay/mount-overlay';
import type { SiteAdapter } from '@/utils/sites/types';
import type { KotaeDB } from '@/utils/db/kotae-db';
import { freshDb } from '../helpers/db';
import { testClient } from '../helpers/client';

/**
 * A minimal site: `<div class="post" data-id data-author>`. The overlay engine is
 * site-independent; the real adapters are tested on real markup elsewhere.
 */
const testSite: SiteAdapter = {
  platform: 'x',
  postSelector: 'div.post',
  closestPost: (node) => (node instanceof Element ? node : node.parentElement)?.closest('div.post') ?? null,
  findPosts: (root) => [...(root instanceof Element && root.matches('div.post') ? [root] : []), ...root.querySelectorAll('div.post')],
  parsePost(post) {
    const id = post.getAttribute('data-id');
    const author = post.getAttribute('data-author');
    if (!id || !author) return null;
    return {
      platform: 'x',
      kind: 'post',
      postId: id,
      parentPostId: null,
      authorHandle: author,
      authorName: author.toUpperCase(),
      postedAt: null,
      text: post.querySelector('p')?.textContent ?? '',
      permalink: `https://x.com/${author}/status/${id}`,
      promoted: post.hasAttribute('data-ad'),
      repostedBy: null,
      quoted: null,
    };
  },
  readPost(post) {
    const parsed = testSite.parsePost(post);
    const header = post.querySelector('header');
    return parsed && { post: parsed, anchor: () => (header ? { parent: header, before: null } : null) };
  },
  findReplyComposer: () => null,
  containsComposer: () => false,
  focusedPost: (root) => root.querySelector('div.post[data-focused]'),
  isSendAction: () => false,
  isSendKey: () => false,
};

function post(id: string, author: string, extra = ''): HTMLElement {
  const el = document.createElement('div');
  el.className = 'post';
  el.setAttribute('data-id', id);
  el.setAttribute('data-author', author);
  if (extra) el.setAttribute(extra, '');
  el.append(document.createElement('header'), Object.assign(document.createElement('p'), { textContent: `text ${id}` }));
  return el;
}

const hosts = () =>
  [...document.querySelectorAll('[data-kotae-post]')].map((h) => [h.getAttribute('data-kotae-post'), h.getAttribute('data-kotae-customer')]);
const flush = () => new Promise((resolve) => setTimeout(resolve, 150));

let db: KotaeDB;
let controller: AbortController;
let timeline: HTMLElement;

beforeEach(() => {
  fakeBrowser.reset();
  db = freshDb();
  controller = new AbortController();
  timeline = document.createElement('main');
  document.body.append(timeline);
});
afterEach(() => {
  controller.abort();
  timeline.remove();
});

function start() {
  const { client } = testClient(db, { kind: 'page', tabId: 1 });
  const send = vi.spyOn(client, 'send');
  const overlay = mountOverlay({ adapter: testSite, client, lang: 'en', signal: controller.signal, root: timeline });
  return { overlay, send };
}

describe('overlay', () => {
  it('gives every post on the page exactly one host, ads and broken posts none', async () => {
    timeline.append(post('1', 'alice'), post('2', 'Bob'), post('3', 'ad', 'data-ad'), post('', 'nobody'));
    start();
    expect(hosts()).toEqual([
      ['x:1', 'x:alice'],
      ['x:2', 'x:bob'],
    ]);
    await flush();
    expect(hosts()).toHaveLength(2);
  });

  it('follows infinite scroll and records each post as seen once, in batches', async () => {
    const { send } = start();
    for (let i = 0; i < 30; i += 1) timeline.append(post(String(100 + i), i % 2 ? 'alice' : 'bob'));
    await flush();
    expect(hosts()).toHaveLength(30);
    expect(send.mock.calls.filter(([type]) => type === 'posts.seen')).toHaveLength(1);
    timeline.append(post('100', 'bob'));
    await flush();
    expect(await db.interactions.count()).toBe(30);
  });

  it('sends what was seen but not yet sent when the page is left', async () => {
    const { send } = start();
    timeline.append(post('1', 'alice'), post('2', 'bob'));
    await Promise.resolve(); // the mutation observer has run; the batch is still gathering
    expect(send.mock.calls.filter(([type]) => type === 'posts.seen')).toHaveLength(0);
    window.dispatchEvent(new Event('pagehide'));
    const sent = send.mock.calls.filter(([type]) => type === 'posts.seen');
    expect(sent.map(([, input]) => (input as { posts: { postId: string }[] }).posts.map((p) => p.postId))).toEqual([['1', '2']]);
  });

  it('asks for badge data only for authors the page does not know yet', async () => {
    const { send } = start();
    timeline.append(post('1', 'alice'), post('2', 'alice'), post('3', 'bob'));
    await flush();
    timeline.append(post('4', 'alice'), post('5', 'carol'));
    await flush();
    const asked = send.mock.calls.filter(([type]) => type === 'posts.seen').map(([, input]) => (input as { summariesFor?: string[] }).summariesFor);
    expect(asked).toEqual([['x:alice', 'x:bob'], ['x:carol']]);
    // Every sighting is still recorded.
    expect(await db.interactions.count()).toBe(5);
  });

  it('follows a recycled node to the post it shows now', async () => {
    const node = post('1', 'alice');
    timeline.append(node);
    start();
    node.setAttribute('data-author', 'carol');
    node.setAttribute('data-id', '2');
    // X swaps the permalink when it reuses a node; the overlay listens for that.
    node.querySelector('header')!.append(Object.assign(document.createElement('a'), { href: '/carol/status/2' }));
    await flush();
    expect(hosts()).toEqual([['x:2', 'x:carol']]);
  });

  it('puts the host back when the site re-renders the header, never twice', async () => {
    const node = post('1', 'alice');
    timeline.append(node);
    start();
    node.querySelector('header')!.replaceWith(document.createElement('header'));
    await flush();
    expect(hosts()).toEqual([['x:1', 'x:alice']]);
    expect(node.querySelectorAll('[data-kotae-post]')).toHaveLength(1);
  });

  it('refreshes badges when the background says a customer changed', async () => {
    timeline.append(post('1', 'alice'));
    const { overlay, send } = start();
    await vi.waitFor(() => expect(overlay.store.get('x:alice')?.seenCount).toBe(1));
    await db.notes.add({
      id: 'n1',
      customerId: overlay.store.get('x:alice')!.customerId,
      body: 'hi',
      authorId: 'a',
      authorName: 'A',
      postKey: null,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      deletedAt: null,
    });
    await fakeBrowser.runtime.onMessage.trigger({ event: 'customers.changed', identityIds: ['x:alice', 'x:zed'] }, { id: fakeBrowser.runtime.id });
    await vi.waitFor(() => expect(overlay.store.get('x:alice')?.noteCount).toBe(1));
    expect(send).toHaveBeenCalledWith('customers.summaries', { identityIds: ['x:alice'] });
    expect(send).toHaveBeenLastCalledWith('posts.timers', { postKeys: ['x:1'] });
  });

  it('shows each post’s wait from its own time, and its response time once answered', async () => {
    const node = post('1', 'alice');
    timeline.append(node);
    const postedAt = new Date(Date.now() - 70 * 60_000).toISOString();
    const site = { ...testSite, parsePost: (el: Element) => ({ ...testSite.parsePost(el)!, postedAt }) };
    const { client } = testClient(db, { kind: 'page', tabId: 1 });
    const overlay = mountOverlay({ adapter: site, client, lang: 'en', signal: controller.signal, root: timeline });
    const host = overlay.hosts.get(node)!;
    await vi.waitFor(() => expect(overlay.store.get('x:alice')).toBeDefined());
    // Seen just now and nothing since: the background has nothing to tell the badge yet.
    expect(host.element.getAttribute('data-kotae-post')).toBe('x:1');
    expect(overlay.timers.get('x:1')).toBeUndefined();
    await client.send('reply.sent', {
      post: { platform: 'x', postId: '1', authorHandle: 'alice', authorName: 'A', postedAt, text: 't', permalink: 'https://x.com/alice/status/1' },
      text: 'On it!',
      templateId: null,
    });
    await fakeBrowser.runtime.onMessage.trigger({ event: 'customers.changed', identityIds: ['x:alice'] }, { id: fakeBrowser.runtime.id });
    await vi.waitFor(() => expect(overlay.timers.get('x:1')?.events.map((e) => e.kind)).toEqual(['replied']));
  });

  it('counts a reply from the team’s own account in the thread as the answer', async () => {
    await fakeBrowser.storage.local.set({ teamIdentities: ['x:support'] });
    const question = post('10', 'alice');
    question.setAttribute('data-focused', '');
    timeline.append(question);
    const { send } = start();
    await flush();
    timeline.append(post('11', 'support'));
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith('post.teamReply', expect.objectContaining({ post: expect.objectContaining({ postId: '10' }) })));
    const replies = await db.interactions.filter((i) => i.kind === 'teamReplied').toArray();
    expect(replies.map((r) => r.postKey)).toEqual(['x:10']);
  });

  it('moves only the timers on screen', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const visible = post('1', 'alice');
      const hidden = post('2', 'bob');
      timeline.append(visible, hidden);
      const { overlay } = start();
      await vi.advanceTimersByTimeAsync(50); // settings loaded (that redraws every timer once)
      const ticks = new Map<string, number>();
      for (const [element, host] of overlay.hosts) {
        // Far below the window for the hidden post.
        const top = element === hidden ? 10_000 : 10;
        host.element.getBoundingClientRect = () => ({ top, bottom: top + 20 }) as DOMRect;
        const tick = host.tick.bind(host);
        host.tick = (now) => {
          // Only the shared ticker's moves count: it passes its time, fresh timer facts do not.
          if (now) ticks.set(host.target.postKey, (ticks.get(host.target.postKey) ?? 0) + 1);
          tick(now);
        };
      }
      await vi.advanceTimersByTimeAsync(60_000);
      expect(ticks.get('x:1')).toBe(2);
      expect(ticks.get('x:2')).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('ignores events that do not come from the background', async () => {
    timeline.append(post('1', 'alice'));
    const { send } = start();
    await flush();
    send.mockClear();
    await fakeBrowser.runtime.onMessage.trigger({ event: 'customers.changed', identityIds: ['x:alice'] }, { id: fakeBrowser.runtime.id, tab: { id: 3 } as never });
    await fakeBrowser.runtime.onMessage.trigger({ event: 'customers.changed', identityIds: ['x:alice'] }, { id: 'other' });
    await fakeBrowser.runtime.onMessage.trigger({ event: 'customers.changed', identityIds: 'x:alice' }, { id: fakeBrowser.runtime.id });
    expect(send).not.toHaveBeenCalled();
  });

  it('cleans up when the page is left', async () => {
    timeline.append(post('1', 'alice'));
    start();
    controller.abort();
    expect(hosts()).toEqual([]);
    timeline.append(post('2', 'bob'));
    await flush();
    expect(hosts()).toEqual([]);
  });
});
