/** The background's sync messages: privileged, token-free answers, joining the real test server. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { db } from '@/utils/db';
import { readAgentProfile } from '@/utils/storage';
import { startTestServer, type TestServer } from '@/server/testing';
import type { SessionRow } from '@/utils/sync/outbox';
import type { SyncStatus } from '@/utils/sync/state';

const sentToTabs: unknown[] = [];
const RANGE = { from: '2026-05-01', to: '2026-05-07', timeZone: 'Asia/Tokyo' };
const EXTENSION_PAGE = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/popup.html' };
const CONTENT_SCRIPT = { id: 'test-extension-id', url: 'https://x.com/home', tab: { id: 7 }, frameId: 0 };

async function send(message: unknown, sender: object = EXTENSION_PAGE) {
  const answers = await fakeBrowser.runtime.onMessage.trigger(message, sender);
  return (await answers[0]) as { ok: boolean; data?: SyncStatus & Record<string, unknown>; error?: { code: string } };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  fakeBrowser.reset();
  fakeBrowser.tabs.sendMessage = vi.fn(async (_tab: number, message: unknown) => {
    sentToTabs.push(message);
  }) as never;
  background.main();
  await fakeBrowser.tabs.create({ url: 'https://x.com/home' });
}, 60_000);
afterAll(async () => {
  await send({ type: 'sync.signOut', payload: { removeLocalData: true } });
  await server?.close();
});

describe('sync messages in the background', () => {
  it('refuses every sync message from a content script', async () => {
    for (const message of [
      { type: 'sync.status', payload: {} },
      { type: 'sync.join', payload: { serverUrl: server.url, code: server.adminCode, name: 'Page' } },
      { type: 'sync.signOut', payload: { removeLocalData: true } },
      { type: 'sync.retry', payload: {} },
      { type: 'report.team', payload: RANGE },
    ]) {
      expect(await send(message, CONTENT_SCRIPT), message.type).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect((await send({ type: 'sync.status', payload: {} })).data?.state).toBe('signedOut');
    // Alone there is no team report, and the answer says why in words the page knows.
    expect((await send({ type: 'report.team', payload: RANGE })).data).toMatchObject({ report: null, error: { code: 'unauthorized' } });
  });

  it('asks for the browser’s permission before reaching a server on the internet', async () => {
    const answer = await send({ type: 'sync.join', payload: { serverUrl: 'https://kotae.example.com', code: 'ABCDEFGH12', name: 'Me' } });
    expect(answer.data).toMatchObject({ state: 'signedOut', error: { code: 'permission' } });
    const plain = await send({ type: 'sync.join', payload: { serverUrl: 'http://kotae.example.com', code: 'ABCDEFGH12', name: 'Me' } });
    expect(plain.data).toMatchObject({ state: 'signedOut', error: { code: 'address' } });
  });

  it('joins: the member becomes the author, and the token stays in the background’s database', async () => {
    const answer = await send({ type: 'sync.join', payload: { serverUrl: `${server.url}/`, code: server.adminCode, name: 'Tanaka' } });
    expect(answer).toMatchObject({ ok: true, data: { memberName: 'Tanaka', role: 'admin', serverUrl: server.url, error: null } });
    const session = (await db.syncState.get('session')) as SessionRow;
    expect(session.token.length).toBeGreaterThan(19);
    expect(JSON.stringify(answer)).not.toContain(session.token);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(session.token);
    expect(await readAgentProfile()).toEqual({ id: session.member.id, name: 'Tanaka' });

    const status = await send({ type: 'sync.retry', payload: {} });
    expect(status.data).toMatchObject({ state: 'online', pending: 0, teamName: expect.any(String) });
    expect(status.data?.lastSyncAt).not.toBeNull();

    // The team's report comes from the server through the background, which holds the token.
    const report = await send({ type: 'report.team', payload: RANGE });
    expect(report.data).toMatchObject({ report: { source: 'team', range: RANGE }, error: null });
    expect(JSON.stringify(report)).not.toContain(session.token);
    const wrong = await send({ type: 'report.team', payload: { ...RANGE, to: '2020-01-01' } });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalidMessage' } });
  });

  it('tells the tabs within a second when a colleague’s note arrives, so badges update', async () => {
    const colleague = await server.member('agent', 'Colleague');
    const stamp = new Date().toISOString();
    const handle = `live_${Date.now()}`;
    const customer = { id: `c:x:${handle}`, displayName: handle, status: 'open', createdAt: stamp, updatedAt: stamp, mergedInto: null };
    const identity = { id: `x:${handle}`, kind: 'x', handle, displayName: handle, customerId: customer.id, createdAt: stamp, updatedAt: stamp, linkedByHand: false };
    const note = { id: `n-${handle}`, customerId: customer.id, body: 'from a colleague', authorId: colleague.member.id, authorName: 'Colleague', postKey: null, createdAt: stamp, updatedAt: stamp, deletedAt: null };
    sentToTabs.length = 0;
    const started = Date.now();
    const pushed = await fetch(`${server.url}/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${colleague.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId: 'colleague-client',
        mutations: [
          { mutationId: `m1-${handle}`, entity: 'customer', id: customer.id, op: 'put', data: customer },
          { mutationId: `m2-${handle}`, entity: 'identity', id: identity.id, op: 'put', data: identity },
          { mutationId: `m3-${handle}`, entity: 'note', id: note.id, op: 'put', data: note },
        ],
      }),
    });
    expect(pushed.ok).toBe(true);
    const told = () => sentToTabs.some((m) => (m as { event?: string; identityIds?: string[] }).identityIds?.includes(identity.id));
    while (!told() && Date.now() - started < 3000) await new Promise((r) => setTimeout(r, 20));
    expect(told()).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await db.notes.get(note.id))?.body).toBe('from a colleague');
    // The alarm that resumes sync after the worker slept runs without harm.
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'kotae:sync', scheduledTime: Date.now() });
    expect((await send({ type: 'sync.status', payload: {} })).data).toMatchObject({ state: expect.stringMatching(/online|syncing/), error: null });
  });

  it('refuses a malformed invite code before asking anyone', async () => {
    const answer = await send({ type: 'sync.join', payload: { serverUrl: server.url, code: 'bad code!', name: 'X' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalidMessage' } });
  });
});
