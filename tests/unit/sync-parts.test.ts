/** The sync engine's parts without a server: the event stream, error words, applying pages, one round at a time. */
import { describe, expect, it } from 'vitest';
import { parseLiveEvent, readLiveStream, SseParser } from '@/utils/sync/live';
import { errorOf, isAllowedServerUrl, normaliseServerUrl } from '@/utils/sync/http';
import { applyPage } from '@/utils/sync/apply';
import { SyncEngine } from '@/utils/sync/engine';
import { queueTeamSettings } from '@/utils/sync/settings';
import { DEFAULT_TIMER_SETTINGS } from '@/utils/timer/settings';
import type { Change, LiveEvent } from '@/utils/sync/wire';
import { freshDb, joinedSession } from '../helpers/db';

const session = joinedSession;

const customer = (id: string, status = 'open') => ({
  id,
  displayName: id,
  status,
  createdAt: '2026-05-01T00:00:00.000Z',
  updatedAt: '2026-05-01T00:00:00.000Z',
  mergedInto: null,
});
const change = (seq: number, data: unknown, entity: Change['entity'] = 'customer'): Change => ({
  seq,
  entity,
  id: (data as { id: string }).id,
  op: 'put',
  data,
  authorId: 'm-2',
  authorName: 'Suzuki',
  at: '2026-05-01T00:00:00.000Z',
});

describe('live event stream', () => {
  it('reads events split anywhere, with comments, CRLF and multi-line data', () => {
    const parser = new SseParser();
    const stream = ': keep-alive\r\n\r\nevent: changed\r\ndata: {"type":"changed",\r\ndata: "seq":7}\r\n\r\nid: 3\ndata: {"type":"changed","seq":8}\n\n';
    const out: string[] = [];
    for (const char of stream) out.push(...parser.push(char));
    expect(out.map(parseLiveEvent)).toEqual([
      { type: 'changed', seq: 7 },
      { type: 'changed', seq: 8 },
    ]);
  });

  it('ignores what is not a live event', () => {
    expect(parseLiveEvent('not json')).toBeNull();
    expect(parseLiveEvent('{"type":"changed","seq":-1}')).toBeNull();
    expect(parseLiveEvent('{"type":"other"}')).toBeNull();
  });

  it('reads a fetch body until the signal aborts', async () => {
    const encoder = new TextEncoder();
    let push: (text: string) => void = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) => controller.enqueue(encoder.encode(text));
      },
    });
    const controller = new AbortController();
    const events: LiveEvent[] = [];
    const reading = readLiveStream(body, controller.signal, (event) => {
      events.push(event);
      if (events.length === 2) controller.abort();
    });
    push('data: {"type":"changed","seq":1}\n\n');
    push('data: {"type":"changed","seq":2}\n\ndata: {"type":"changed","seq":3}\n\n');
    await reading;
    expect(events.map((e) => (e.type === 'changed' ? e.seq : null))).toEqual([1, 2]);
  });
});

describe('server answers', () => {
  it('maps error answers to codes a person can be told, with the wait when rate limited', async () => {
    const json = (status: number, code: string, headers: Record<string, string> = {}) =>
      new Response(JSON.stringify({ error: { code, message: 'm' } }), { status, headers: { 'content-type': 'application/json', ...headers } });
    expect((await errorOf(json(401, 'unauthorized'))).code).toBe('unauthorized');
    expect((await errorOf(json(403, 'disabled'))).code).toBe('disabled');
    expect((await errorOf(json(410, 'inviteUsed'))).code).toBe('inviteUsed');
    expect((await errorOf(json(500, 'internal'))).code).toBe('server');
    const limited = await errorOf(json(429, 'rateLimited', { 'retry-after': '17' }));
    expect([limited.code, limited.retryAfterSeconds]).toEqual(['rateLimited', 17]);
    expect((await errorOf(new Response('<html>bad gateway</html>', { status: 502 }))).code).toBe('server');
    expect((await errorOf(new Response('nope', { status: 404 }))).code).toBe('badAnswer');
  });

  it('accepts https servers, and plain http only on this machine', () => {
    expect(normaliseServerUrl(' https://kotae.example.com/team/ ')).toBe('https://kotae.example.com/team');
    expect(normaliseServerUrl('javascript:alert(1)')).toBeNull();
    expect(normaliseServerUrl('https://user:pw@kotae.example.com')).toBeNull();
    expect(isAllowedServerUrl('http://127.0.0.1:8787')).toBe(true);
    expect(isAllowedServerUrl('http://localhost:8787')).toBe(true);
    expect(isAllowedServerUrl('http://kotae.example.com')).toBe(false);
  });
});

describe('applying pulled pages', () => {
  it('moves the cursor with the page, skips what it already has, and queues nothing', async () => {
    const db = freshDb();
    await db.syncState.put(session);
    await applyPage(db, [change(1, customer('c-1')), change(2, customer('c-2'))], 2);
    expect(await db.syncState.get('cursor')).toEqual({ key: 'cursor', value: 2 });
    // The same page again (an answer that raced a restart) changes nothing.
    await db.customers.update('c-1', { status: 'resolved' });
    const again = await applyPage(db, [change(1, customer('c-1')), change(2, customer('c-2'))], 2);
    expect(again.applied).toBe(0);
    expect((await db.customers.get('c-1'))?.status).toBe('resolved');
    const next = await applyPage(db, [change(2, customer('c-2', 'new')), change(3, customer('c-3')), change(4, { id: 'broken' })], 4);
    expect(next).toMatchObject({ applied: 1, skipped: 1, customerIds: ['c-3'] });
    expect((await db.customers.get('c-2'))?.status).toBe('open');
    expect(await db.syncState.get('cursor')).toEqual({ key: 'cursor', value: 4 });
    expect(await db.outbox.count()).toBe(0);
  });

  it('applies nothing and keeps the cursor when the page fails halfway', async () => {
    const db = freshDb();
    await db.syncState.put(session);
    // A change that cannot be stored aborts the whole page: no row and no cursor.
    const bad = { ...change(2, customer('c-2')), data: { ...customer('c-2'), id: undefined } };
    const broken = change(3, customer('c-3'));
    Object.defineProperty(broken, 'data', {
      get() {
        throw new Error('stopped');
      },
    });
    await expect(applyPage(db, [change(1, customer('c-1')), bad as Change, broken], 3)).rejects.toThrow('stopped');
    expect(await db.customers.count()).toBe(0);
    expect(await db.syncState.get('cursor')).toBeUndefined();
  });

  it('keeps the team settings pulled', async () => {
    const db = freshDb();
    await db.syncState.put(session);
    const settings = { id: 'team', timer: { targetMinutes: 30, warningRatio: 0.5 }, teamIdentities: ['x:shop'], updatedAt: '2026-05-01T00:00:00.000Z' };
    const page = await applyPage(db, [change(1, settings, 'settings')], 1);
    expect(page.settings).toMatchObject({ timer: { targetMinutes: 30 }, teamIdentities: ['x:shop'] });
    expect(await db.syncState.get('teamSettings')).toMatchObject({ record: { teamIdentities: ['x:shop'] } });
  });
});

describe('team settings', () => {
  it('queues a supervisor’s or admin’s settings once, never an agent’s, and never echoes pulled ones', async () => {
    const db = freshDb();
    const input = { timer: DEFAULT_TIMER_SETTINGS, teamIdentities: ['x:shop'] };
    await db.syncState.put(session);
    expect(await queueTeamSettings(db, input, new Date())).toBe(false);
    await db.syncState.put({ ...session, member: { ...session.member, role: 'admin' } });
    expect(await queueTeamSettings(db, input, new Date())).toBe(true);
    expect(await queueTeamSettings(db, input, new Date())).toBe(false);
    expect((await db.outbox.toArray()).map((e) => `${e.entity}:${e.id}`)).toEqual(['settings:team']);
    const pulled = { id: 'team', timer: { ...DEFAULT_TIMER_SETTINGS, targetMinutes: 15 }, teamIdentities: ['x:shop'], updatedAt: '2026-05-01T00:00:00.000Z' };
    await applyPage(db, [change(1, pulled, 'settings')], 1);
    // Writing the pulled settings to storage calls this again: nothing goes back up.
    expect(await queueTeamSettings(db, { timer: pulled.timer, teamIdentities: ['x:shop'] }, new Date())).toBe(false);
    expect(await db.outbox.count()).toBe(1);
  });
});

describe('one round at a time', () => {
  it('runs a single push-and-pull however often it is started, and one more round for calls during it', async () => {
    const db = freshDb();
    await db.syncState.bulkPut([session, { key: 'client', clientId: 'client-000001' }]);
    let inFlight = 0;
    let most = 0;
    let pulls = 0;
    const engine = new SyncEngine({
      db,
      live: false,
      fetch: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 20));
        inFlight -= 1;
        pulls += 1;
        return new Response(JSON.stringify({ changes: [], cursor: 0, hasMore: false }), { headers: { 'content-type': 'application/json' } });
      },
    });
    await Promise.all(Array.from({ length: 10 }, () => engine.start()));
    expect(most).toBe(1);
    expect(pulls).toBe(2); // the first round, and one more for everything asked during it
    expect((await engine.status()).state).toBe('online');
  });
});
