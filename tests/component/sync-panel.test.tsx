// @vitest-environment happy-dom
/**
 * The popup's team sync panel, wired through the real message dispatch and
 * background handlers to a real sync engine and the real team server.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SyncPanel, type RequestPermission } from '@/components/popup/SyncPanel';
import { LangContext } from '@/components/i18n';
import { ClientContext } from '@/components/client-context';
import { createHandlers } from '@/entrypoints/background/handlers';
import { createClient } from '@/utils/messaging/client';
import { dispatch } from '@/utils/messaging/dispatch';
import { SyncEngine } from '@/utils/sync/engine';
import type { Fetch } from '@/utils/sync/http';
import { startTestServer, type TestServer } from '@/server/testing';
import { actor, freshDb } from '../helpers/db';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});
beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

// The server's app answers in-process: this DOM environment's fetch is the page's (with CORS).
const serverFetch: Fetch = async (input, init) => server.app.fetch(new Request(String(input), init));
let online = true;

function renderPanel(lang: 'en' | 'ja' = 'en', requestPermission: RequestPermission = async () => true) {
  online = true;
  const db = freshDb();
  const engine = new SyncEngine({
    db,
    live: false,
    fetch: (input, init) => (online ? serverFetch(input, init) : Promise.reject(new TypeError('offline'))),
    canReach: async (url) => url.startsWith('http://127.0.0.1'),
  });
  const handlers = createHandlers({
    db,
    actor: async () => actor(),
    broadcast: () => {},
    sendToTab: async () => undefined,
    now: () => new Date(),
    sync: Object.assign(engine, { presence: () => [] }),
  });
  const client = createClient(async (request) => dispatch(structuredClone(request), { kind: 'extension' }, handlers));
  render(
    <LangContext.Provider value={lang}>
      <ClientContext.Provider value={client}>
        <SyncPanel requestPermission={requestPermission} />
      </ClientContext.Provider>
    </LangContext.Provider>,
  );
  return { db, engine };
}

async function fillJoinForm(user: ReturnType<typeof userEvent.setup>, names: { server: string; code: string; name: string }, values: { server: string; code: string; name: string }) {
  await user.type(await screen.findByRole('textbox', { name: names.server }), values.server);
  await user.type(screen.getByRole('textbox', { name: names.code }), values.code);
  await user.type(screen.getByRole('textbox', { name: names.name }), values.name);
}

describe('team sync panel', () => {
  it('joins a team from the keyboard, shows who and how sync is doing, and signs out removing local data', async () => {
    const user = userEvent.setup();
    const { db, engine } = renderPanel();
    expect(await screen.findByRole('heading', { name: 'Team sync' })).toBeDefined();
    const invite = await server.invite(server.teamId, 'supervisor');
    await fillJoinForm(
      user,
      { server: 'Server address', code: 'Invite code', name: 'Your name (shown to your team)' },
      { server: server.url, code: invite.code, name: 'Kimura' },
    );
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Kimura (supervisor)')).toBeDefined();
    await engine.sync();
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Up to date'), { timeout: 4000 });
    expect(screen.getByText(server.url)).toBeDefined();
    expect(screen.queryByRole('alert')).toBeNull();
    // The token is nowhere on the page.
    const session = await db.syncState.get('session');
    expect(document.body.textContent).not.toContain((session as { token: string }).token);

    await user.click(screen.getByRole('checkbox', { name: 'Also remove customer data from this browser' }));
    await user.click(screen.getByRole('button', { name: 'Sign out of the team' }));
    expect(await screen.findByRole('button', { name: 'Join team' })).toBeDefined();
    expect(await db.syncState.get('session')).toBeUndefined();
    expect(await db.customers.count()).toBe(0);
  });

  it('says in Japanese that an invite code was already used', async () => {
    const user = userEvent.setup();
    renderPanel('ja');
    const invite = await server.invite(server.teamId, 'agent');
    const first = await serverFetch(`${server.url}/v1/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: invite.code, name: 'Someone' }),
    });
    expect(first.ok).toBe(true);
    await fillJoinForm(
      user,
      { server: 'サーバーのアドレス', code: '招待コード', name: 'あなたの名前（チームに表示されます）' },
      { server: server.url, code: invite.code, name: '佐藤' },
    );
    await user.click(screen.getByRole('button', { name: 'チームに参加' }));
    expect((await screen.findByRole('alert')).textContent).toContain('この招待コードは使用済み');
  });

  it('asks the browser for access to an https server from the submit itself, and says so when refused', async () => {
    const user = userEvent.setup();
    const requestPermission = vi.fn(async () => false);
    renderPanel('en', requestPermission);
    await fillJoinForm(
      user,
      { server: 'Server address', code: 'Invite code', name: 'Your name (shown to your team)' },
      { server: 'https://kotae.example.com/', code: 'ABCDEFGH12', name: 'Mori' },
    );
    await user.click(screen.getByRole('button', { name: 'Join team' }));
    expect(requestPermission).toHaveBeenCalledWith(['https://kotae.example.com/*']);
    expect((await screen.findByRole('alert')).textContent).toContain('did not allow Kotae to reach that server');
  });

  it('shows an unreachable server in words with a retry that recovers', async () => {
    const user = userEvent.setup();
    const { engine } = renderPanel();
    const invite = await server.invite(server.teamId, 'agent');
    await fillJoinForm(
      user,
      { server: 'Server address', code: 'Invite code', name: 'Your name (shown to your team)' },
      { server: server.url, code: invite.code, name: 'Offline Ono' },
    );
    await user.click(screen.getByRole('button', { name: 'Join team' }));
    await screen.findByText('Offline Ono (agent)');
    await engine.sync();
    online = false;
    await engine.sync();
    expect((await screen.findByRole('alert', undefined, { timeout: 4000 })).textContent).toContain('could not be reached');
    online = true;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull(), { timeout: 4000 });
    expect(screen.getByRole('status').textContent).toContain('Up to date');
  });
});
