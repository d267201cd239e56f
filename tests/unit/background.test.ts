import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { db } from '@/utils/db';
import { recordSeenPosts } from '@/utils/db/posts';
import { seenPost } from '../helpers/db';

const EXTENSION_PAGE = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/panel.html', tab: { id: 7 }, frameId: 3 };
const CONTENT_SCRIPT = { id: 'test-extension-id', url: 'https://x.com/home', tab: { id: 7 }, frameId: 0 };
const OTHER_EXTENSION = { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' };
// A content script in a sandboxed or opaque frame: its URL has no origin either.
const OPAQUE_FRAME = { id: 'test-extension-id', url: 'data:text/html,<p>hi</p>', tab: { id: 7 }, frameId: 9 };
const LOOKALIKE = { id: 'test-extension-id', url: 'https://chrome-extension.test-extension-id.evil/panel.html', tab: { id: 7 } };

/** Sends a message as the given sender and returns the background's answer. */
async function send(message: unknown, sender: object = EXTENSION_PAGE) {
  const answers = await fakeBrowser.runtime.onMessage.trigger(message, sender);
  return (await answers[0]) as { ok: boolean; data?: unknown; error?: { code: string; message: string } };
}

const sentToTabs: unknown[] = [];

beforeAll(() => {
  fakeBrowser.reset();
  fakeBrowser.tabs.sendMessage = vi.fn(async (_tabId: number, message: unknown) => {
    sentToTabs.push(message);
  }) as never;
  background.main();
});

beforeEach(async () => {
  sentToTabs.length = 0;
  await Promise.all(db.tables.map((table) => table.clear()));
});

describe('background messages', () => {
  it('records seen posts from a content script and answers badge data', async () => {
    const answer = await send({ type: 'posts.seen', payload: { posts: [seenPost()] } }, CONTENT_SCRIPT);
    expect(answer).toMatchObject({ ok: true, data: { summaries: [{ identityId: 'x:alice', seenCount: 1 }] } });
  });

  it('summarises only the authors the page asks for, and still records every sighting', async () => {
    const posts = [seenPost(), seenPost({ postId: '1790000000000000002', authorHandle: 'bob' })];
    const answer = await send({ type: 'posts.seen', payload: { posts, summariesFor: ['x:bob', 'x:not-here', 'x:not a handle!'] } }, CONTENT_SCRIPT);
    expect(answer).toMatchObject({ ok: true, data: { summaries: [{ identityId: 'x:bob', seenCount: 1 }] } });
    expect((answer.data as { summaries: unknown[]; timers: unknown[] }).summaries).toHaveLength(1);
    // Both posts were first seen by this sighting, and nothing has happened since: the page assumes as much.
    expect((answer.data as { timers: unknown[] }).timers).toEqual([]);
    expect(await db.interactions.count()).toBe(2);
    const none = await send({ type: 'posts.seen', payload: { posts: [seenPost({ postId: '1790000000000000003' })], summariesFor: [] } }, CONTENT_SCRIPT);
    expect(none).toMatchObject({ ok: true, data: { summaries: [] } });
    expect(await db.interactions.count()).toBe(3);
  });

  it('answers timer facts only for posts that were seen before or have been answered', async () => {
    const earlier = seenPost({ postId: '1790000000000000001' });
    const answered = seenPost({ postId: '1790000000000000002' });
    const fresh = seenPost({ postId: '1790000000000000003' });
    await recordSeenPosts(db, [earlier], new Date(Date.now() - 60_000));
    await send({ type: 'reply.sent', payload: { post: answered, text: 'On it.', templateId: null } }, CONTENT_SCRIPT);
    const answer = await send({ type: 'posts.seen', payload: { posts: [earlier, answered, fresh] } }, CONTENT_SCRIPT);
    const timers = (answer.data as { timers: { postKey: string; events: { kind: string }[] }[] }).timers;
    expect(timers.map((t) => [t.postKey, t.events.map((e) => e.kind)])).toEqual([
      ['x:1790000000000000001', []],
      ['x:1790000000000000002', ['replied']],
    ]);
  });

  it('refuses notes from content scripts: only Kotae pages may change records', async () => {
    await send({ type: 'posts.seen', payload: { posts: [seenPost()] } }, CONTENT_SCRIPT);
    const answer = await send(
      { type: 'note.add', payload: { identityId: 'x:alice', body: 'planted by the page', postKey: null } },
      CONTENT_SCRIPT,
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await db.notes.count()).toBe(0);
  });

  it.each([
    ['an opaque frame', OPAQUE_FRAME],
    ['a look-alike address', LOOKALIKE],
  ])('treats a content script in %s as a page, not as Kotae', async (_what, sender) => {
    await send({ type: 'posts.seen', payload: { posts: [seenPost()] } }, CONTENT_SCRIPT);
    const answer = await send({ type: 'customer.detail', payload: { identityId: 'x:alice' } }, sender);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('ignores other extensions and senders without a tab or page', async () => {
    expect(await send({ type: 'posts.seen', payload: { posts: [seenPost()] } }, OTHER_EXTENSION)).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(await send({ type: 'posts.seen', payload: { posts: [seenPost()] } }, { id: 'test-extension-id' })).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(await db.interactions.count()).toBe(0);
  });

  it.each([
    ['not an object', 'hello'],
    ['no type', { payload: {} }],
    ['unknown type', { type: 'customers.dropAll', payload: {} }],
    ['wrong payload', { type: 'posts.seen', payload: { posts: [{ postId: 42 }] } }],
    ['too many posts', { type: 'posts.seen', payload: { posts: Array.from({ length: 101 }, () => seenPost()) } }],
    ['prototype keys', { type: '__proto__', payload: {} }],
  ])('answers a clear error to a wrong shape (%s)', async (_what, message) => {
    const answer = await send(message, CONTENT_SCRIPT);
    expect(answer.ok).toBe(false);
    expect(['invalidMessage', 'unknownMessage', 'tooLong']).toContain(answer.error?.code);
    expect(answer.error?.message.length).toBeGreaterThan(5);
  });

  it('keeps a 100 KB note out with a reason and keeps earlier notes', async () => {
    await send({ type: 'posts.seen', payload: { posts: [seenPost()] } }, CONTENT_SCRIPT);
    await send({ type: 'note.add', payload: { identityId: 'x:alice', body: 'first', postKey: null } });
    const answer = await send({ type: 'note.add', payload: { identityId: 'x:alice', body: 'x'.repeat(100_000), postKey: null } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'tooLong' } });
    expect((await db.notes.toArray()).map((n) => n.body)).toEqual(['first']);
  });

  it('stores HTML and control characters in notes as plain text', async () => {
    await send({ type: 'posts.seen', payload: { posts: [seenPost()] } }, CONTENT_SCRIPT);
    const answer = await send({
      type: 'note.add',
      payload: { identityId: 'x:alice', body: '<img src=x onerror=alert(1)>\u0000 ok', postKey: 'x:1790000000000000001' },
    });
    expect(answer).toMatchObject({ ok: true, data: { body: '<img src=x onerror=alert(1)> ok' } });
  });

  it('records a reply sent from a content script, with its template', async () => {
    const answer = await send(
      { type: 'reply.sent', payload: { post: seenPost(), text: 'Sorry, we are on it.', templateId: 'default:apology' } },
      CONTENT_SCRIPT,
    );
    expect(answer).toMatchObject({ ok: true });
    const [reply] = await db.interactions.filter((i) => i.kind === 'replied').toArray();
    expect(reply).toMatchObject({ postKey: 'x:1790000000000000001', postText: 'Sorry, we are on it.', templateId: 'default:apology' });
    expect((await db.customers.toArray())[0]?.status).toBe('open');
  });

  it('lists templates and relays insertions only for Kotae pages', async () => {
    const list = await send({ type: 'templates.list', payload: {} });
    expect(list).toMatchObject({ ok: true });
    expect(await send({ type: 'templates.list', payload: {} }, CONTENT_SCRIPT)).toMatchObject({ error: { code: 'forbidden' } });
    vi.mocked(fakeBrowser.tabs.sendMessage).mockResolvedValueOnce({ ok: true, method: 'paste' } as never);
    expect(await send({ type: 'composer.insert', payload: { text: 'Hi', replace: false, templateId: null } })).toEqual({
      ok: true,
      data: { ok: true, method: 'paste' },
    });
    // A tab that answers nonsense (or nothing) is a composer that is not there.
    vi.mocked(fakeBrowser.tabs.sendMessage).mockResolvedValueOnce({ ok: 'yes' } as never);
    expect(await send({ type: 'composer.insert', payload: { text: 'Hi', replace: false, templateId: null } })).toEqual({
      ok: true,
      data: { ok: false, reason: 'noComposer' },
    });
  });

  it('tells every tab which customers changed, and closes the panel in its own tab', async () => {
    await send({ type: 'posts.seen', payload: { posts: [seenPost()] } }, CONTENT_SCRIPT);
    await fakeBrowser.tabs.create({ url: 'https://x.com/home' });
    await send({ type: 'tag.add', payload: { identityId: 'x:alice', label: 'VIP' } });
    await vi.waitFor(() => expect(sentToTabs).toContainEqual({ event: 'customers.changed', identityIds: ['x:alice'] }));
    await send({ type: 'panel.close', payload: {} });
    expect(fakeBrowser.tabs.sendMessage).toHaveBeenCalledWith(7, { event: 'panel.close' }, { frameId: 0 });
  });
});
