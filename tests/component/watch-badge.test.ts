// @vitest-environment happy-dom
/** Keyword watch on a page: each post's badge says new, seen, handled by whom or recorded, on search pages only. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/dom';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBadgeContent } from '@/components/overlay/badge-content';
import { mountOverlay } from '@/components/overlay/mount-overlay';
import { markPost, recordSeenPosts } from '@/utils/db/posts';
import type { KotaeDB } from '@/utils/db/kotae-db';
import type { SiteAdapter } from '@/utils/sites/types';
import type { Lang } from '@/utils/i18n';
import { actor, freshDb, seenPost } from '../helpers/db';
import { testClient } from '../helpers/client';

describe('the watch state in a badge', () => {
  afterEach(() => document.body.replaceChildren());
  const render = (lang: Lang) => {
    const content = createBadgeContent(lang, vi.fn());
    content.setWho('@alice');
    content.show(undefined, false);
    document.body.append(...content.nodes);
    return content;
  };

  it('says each state in words, in English and Japanese', () => {
    const cases = [
      [{ state: 'new', handledBy: null }, 'New', '新着'],
      [{ state: 'seen', handledBy: null }, 'Seen', '既読'],
      [{ state: 'handled', handledBy: { kind: 'agent', name: 'Suzuki' } }, 'Handled by Suzuki', 'Suzukiが対応済み'],
      [{ state: 'handled', handledBy: { kind: 'teamAccount' } }, 'Handled by the team account', 'チームのアカウントが対応済み'],
      [{ state: 'handled', handledBy: { kind: 'agent', name: '' } }, 'Handled by a colleague', '同僚が対応済み'],
      [{ state: 'recorded', handledBy: null }, 'Recorded', '記録済み'],
    ] as const;
    for (const [watch, en, ja] of cases) {
      for (const [lang, words] of [['en', en], ['ja', ja]] as const) {
        const content = render(lang);
        content.showWatch({ postKey: 'x:1', ...watch });
        const button = content.button;
        expect(button.textContent?.startsWith(words), `${lang}: ${button.textContent}`).toBe(true);
        expect(button.dataset.watch).toBe(watch.state);
        expect(screen.getByRole('button', { description: new RegExp(`^(Keyword watch|キーワード監視)：?:? ?${words}`) })).toBe(button);
        document.body.replaceChildren();
      }
    }
  });

  it('shows a name from the team as text', () => {
    const content = render('en');
    content.showWatch({ postKey: 'x:1', state: 'handled', handledBy: { kind: 'agent', name: '<img src=x onerror=alert(1)>' } });
    expect(document.querySelector('img')).toBeNull();
    expect(content.button.textContent).toContain('Handled by <img src=x onerror=alert(1)>');
  });

  it('adds nothing to a badge that is not on a search page', () => {
    const content = render('en');
    expect(content.button.querySelector('.watch')).toBeNull();
    expect(content.button.dataset.watch).toBeUndefined();
  });
});

/** A minimal site whose search page is `/search`. */
const site: SiteAdapter = {
  platform: 'x',
  postSelector: 'div.post',
  closestPost: (node) => (node instanceof Element ? node : node.parentElement)?.closest('div.post') ?? null,
  findPosts: (root) => [...(root instanceof Element && root.matches('div.post') ? [root] : []), ...root.querySelectorAll('div.post')],
  parsePost(post) {
    const id = post.getAttribute('data-id')!;
    const author = post.getAttribute('data-author')!;
    return {
      platform: 'x',
      kind: 'post',
      postId: id,
      parentPostId: null,
      authorHandle: author,
      authorName: author,
      postedAt: null,
      text: '',
      permalink: `https://x.com/${author}/status/${id}`,
      promoted: false,
      repostedBy: null,
      quoted: null,
    };
  },
  readPost: (post) => ({ post: site.parsePost(post)!, anchor: () => ({ parent: post, before: null }) }),
  findReplyComposer: () => null,
  containsComposer: () => false,
  focusedPost: () => null,
  isSendAction: () => false,
  isSendKey: () => false,
  isWatchPage: (url) => url.pathname === '/search',
};

function post(id: string, author: string): HTMLElement {
  const el = document.createElement('div');
  el.className = 'post';
  el.setAttribute('data-id', id);
  el.setAttribute('data-author', author);
  return el;
}

describe('keyword watch in the overlay', () => {
  let db: KotaeDB;
  let controller: AbortController;
  let root: HTMLElement;
  beforeEach(() => {
    fakeBrowser.reset();
    db = freshDb();
    controller = new AbortController();
    root = document.createElement('main');
    document.body.append(root);
  });
  afterEach(() => {
    controller.abort();
    root.remove();
    history.replaceState(null, '', '/');
  });

  const start = () => {
    const { client } = testClient(db, { kind: 'page', tabId: 1 });
    const send = vi.spyOn(client, 'send');
    const overlay = mountOverlay({ adapter: site, client, lang: 'en', signal: controller.signal, root });
    return { overlay, send };
  };

  it('marks posts new to the team, seen before, and handled once someone answers', async () => {
    await recordSeenPosts(db, [seenPost({ postId: '1', authorHandle: 'alice' })], new Date(Date.now() - 60_000));
    history.replaceState(null, '', '/search?q=kotae&f=live');
    const known = post('1', 'alice');
    const fresh = post('2', 'bob');
    root.append(known, fresh);
    const { overlay, send } = start();
    await vi.waitFor(() => expect(overlay.watch.get('x:2')?.state).toBe('new'));
    expect(overlay.watch.get('x:1')?.state).toBe('seen');
    expect(send.mock.calls.find(([type]) => type === 'posts.seen')?.[1]).toMatchObject({ watchSince: expect.any(String) });
    // Wider on search pages, so the name fits.
    expect(overlay.hosts.get(known)?.element.style.width).toBe('260px');

    await markPost(db, { postKey: 'x:2', mark: 'markedAnswered' }, actor(new Date()));
    await fakeBrowser.runtime.onMessage.trigger({ event: 'customers.changed', identityIds: ['x:bob'] }, { id: fakeBrowser.runtime.id });
    await vi.waitFor(() => expect(overlay.watch.get('x:2')).toMatchObject({ state: 'handled', handledBy: { kind: 'agent', name: 'Sato' } }));
  });

  it('asks nothing more on other pages, and their badges keep their size', async () => {
    history.replaceState(null, '', '/home');
    const node = post('3', 'carol');
    root.append(node);
    const { overlay, send } = start();
    await vi.waitFor(() => expect(overlay.store.get('x:carol')).toBeDefined());
    for (const [, payload] of send.mock.calls) expect(payload).not.toHaveProperty('watchSince');
    expect(overlay.hosts.get(node)?.element.style.width).toBe('180px');
  });

  it('judges posts again when X moves to another search without loading a page', async () => {
    history.replaceState(null, '', '/search?q=kotae');
    root.append(post('4', 'dave'));
    const { overlay } = start();
    await vi.waitFor(() => expect(overlay.watch.get('x:4')?.state).toBe('new'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    history.pushState(null, '', '/search?q=%E3%82%B3%E3%82%BF%E3%82%A8');
    root.append(post('5', 'erin'));
    // In the new search, the post from the first one was seen before it began.
    await vi.waitFor(() => expect(overlay.watch.get('x:4')?.state).toBe('seen'));
    await vi.waitFor(() => expect(overlay.watch.get('x:5')?.state).toBe('new'));
  });
});
