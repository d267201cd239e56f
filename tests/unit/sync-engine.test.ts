/**
 * The sync engine against the real team server (server/testing.ts: HTTP on
 * 127.0.0.1 over PGlite), with two or three browsers as separate Dexie databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@/server/testing';
import { addNote, addTag, setStatus, updateNote, type Actor } from '@/utils/db/customers';
import { recordSeenPosts } from '@/utils/db/posts';
import type { KotaeDB } from '@/utils/db/kotae-db';
import { SyncEngine } from '@/utils/sync/engine';
import type { Fetch } from '@/utils/sync/http';
import type { SessionRow } from '@/utils/sync/outbox';
import { ROUTES, type PushResponse } from '@/utils/sync/wire';
import { freshDb, seenPost } from '../helpers/db';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

let handles = 0;
/** A customer handle no other test uses (records are shared by the one team). */
const uniqueHandle = () => `cust_${(handles += 1)}_${Math.random().toString(36).slice(2, 8)}`;

interface Browser {
  db: KotaeDB;
  engine: SyncEngine;
  session: SessionRow;
  actor: (now?: Date) => Actor;
  changed: string[][];
}

/** A browser joined to the test team, with its own database and (optionally) its own fetch and clock. */
async function browser(options: { name?: string; role?: 'agent' | 'supervisor' | 'admin'; fetch?: Fetch; now?: () => Date; pullPageSize?: number; live?: boolean } = {}) {
  const db = freshDb();
  const changed: string[][] = [];
  const make = () =>
    new SyncEngine({
      db,
      fetch: options.fetch,
      now: options.now,
      live: options.live ?? false,
      pullPageSize: options.pullPageSize,
      onCustomersChanged: (ids) => void changed.push(ids),
    });
  const engine = make();
  const invite = await server.invite(server.teamId, options.role ?? 'agent');
  await engine.join({ serverUrl: server.url, code: invite.code, name: options.name ?? 'Agent' });
  await engine.stop();
  const session = (await db.syncState.get('session')) as SessionRow;
  const actor = (now = new Date()): Actor => ({ agentId: session.member.id, agentName: session.member.name, now });
  return { db, engine, session, actor, changed, make } satisfies Browser & { make: () => SyncEngine };
}

async function withCustomer(b: Browser, handle: string) {
  await recordSeenPosts(b.db, [seenPost({ authorHandle: handle, postId: String(Date.now()) })], new Date());
  return `x:${handle}`;
}

/** A fetch that fails like a network that is down. */
const offline: Fetch = async () => {
  throw new TypeError('fetch failed');
};

describe('sync engine against the team server', () => {
  it('carries a note from one browser to another with its author and time', async () => {
    const a = await browser({ name: 'Sato' });
    const b = await browser({ name: 'Suzuki' });
    const identity = await withCustomer(a, uniqueHandle());
    const note = await addNote(a.db, { identityId: identity, body: 'Refund sent', postKey: null }, a.actor(new Date('2026-05-01T09:00:00Z')));
    await a.engine.sync();
    expect((await a.engine.status()).pending).toBe(0);
    await b.engine.sync();
    const pulled = await b.db.notes.get(note.id);
    expect(pulled).toMatchObject({ body: 'Refund sent', authorId: a.session.member.id, authorName: 'Sato', createdAt: '2026-05-01T09:00:00.000Z' });
    expect(await b.db.identities.get(identity)).toBeDefined();
    // Pulled changes write no outbox entries, and the customer's badges are told.
    expect(await b.db.outbox.count()).toBe(0);
    expect(b.changed.flat()).toContain(pulled!.customerId);
    const status = await b.engine.status();
    expect(status).toMatchObject({ state: 'online', memberName: 'Suzuki', role: 'agent', teamName: expect.any(String), pending: 0, error: null });
    expect(status.lastSyncAt).not.toBeNull();
    expect(JSON.stringify(status)).not.toContain(b.session.token);
  });

  it('resends a push whose answer was lost: the server says duplicate and keeps one note', async () => {
    let dropNextPushAnswer = true;
    const results: PushResponse['results'][] = [];
    const lossy: Fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith(ROUTES.push)) {
        if (dropNextPushAnswer) {
          dropNextPushAnswer = false;
          await response.text(); // the server committed; the answer never arrives
          throw new TypeError('connection reset');
        }
        results.push(((await response.clone().json()) as PushResponse).results);
      }
      return response;
    };
    const a = await browser({ fetch: lossy });
    const b = await browser();
    const identity = await withCustomer(a, uniqueHandle());
    const note = await addNote(a.db, { identityId: identity, body: 'once', postKey: null }, a.actor());
    await a.engine.sync();
    expect((await a.engine.status()).error?.code).toBe('unreachable');
    expect((await a.engine.status()).state).toBe('offline');
    const waiting = await a.db.outbox.toArray();
    expect(waiting.length).toBeGreaterThan(0);
    await a.engine.sync();
    expect(results.flat().map((r) => r.status)).toContain('duplicate');
    expect(results.flat().filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await a.db.outbox.count()).toBe(0);
    await b.engine.sync();
    expect(await b.db.notes.where('customerId').equals(note.customerId).count()).toBe(1);
  });

  it('answers the same push twice with duplicate, applying it once', async () => {
    const results: PushResponse['results'][] = [];
    const recording: Fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith(ROUTES.push)) results.push(((await response.clone().json()) as PushResponse).results);
      return response;
    };
    const a = await browser({ fetch: recording });
    await a.engine.sync();
    results.length = 0;
    const identity = await withCustomer(a, uniqueHandle());
    await addTag(a.db, { identityId: identity, label: 'VIP' }, a.actor());
    const sent = await a.db.outbox.toArray();
    await a.engine.sync();
    await a.db.outbox.bulkAdd(sent.map(({ seq: _seq, ...entry }) => entry));
    await a.engine.sync();
    const [first, second] = results;
    expect(first!.every((r) => r.status === 'applied')).toBe(true);
    expect(second!.map((r) => r.status)).toEqual(first!.map(() => 'duplicate'));
    expect(second!.map((r) => r.seq)).toEqual(first!.map((r) => r.seq));
  });

  it('orders by the server, not by clocks a day off either way', async () => {
    const day = 24 * 60 * 60 * 1000;
    const ahead = () => new Date(Date.now() + day);
    const behind = () => new Date(Date.now() - day);
    const a = await browser({ now: ahead });
    const b = await browser({ now: behind });
    const identity = await withCustomer(a, uniqueHandle());
    await setStatus(a.db, identity, 'waiting', a.actor(ahead()));
    await a.engine.sync();
    await b.engine.sync();
    expect((await b.db.customers.get(`c:${identity}`))?.status).toBe('waiting');
    // B changes it later in real time but with a clock a day behind: its change still wins.
    await setStatus(b.db, identity, 'resolved', b.actor(behind()));
    await b.engine.sync();
    await a.engine.sync();
    expect((await a.db.customers.get(`c:${identity}`))?.status).toBe('resolved');
    expect((await b.db.customers.get(`c:${identity}`))?.status).toBe('resolved');
  });

  it('converges after a long time offline with changes on both sides', async () => {
    let aOnline = true;
    const a = await browser({ fetch: (input, init) => (aOnline ? fetch(input, init) : offline(input, init)) });
    // A supervisor may edit a colleague's note.
    const b = await browser({ role: 'supervisor' });
    const shared = await withCustomer(a, uniqueHandle());
    const note = await addNote(a.db, { identityId: shared, body: 'before', postKey: null }, a.actor());
    await a.engine.sync();
    await b.engine.sync();

    aOnline = false;
    const onlyA = await withCustomer(a, uniqueHandle());
    for (let i = 0; i < 30; i += 1) await addNote(a.db, { identityId: onlyA, body: `offline ${i}`, postKey: null }, a.actor());
    await addTag(a.db, { identityId: shared, label: 'from A' }, a.actor());
    await updateNote(a.db, { noteId: note.id, body: 'A offline edit' }, a.actor());
    await a.engine.sync();
    expect((await a.engine.status()).state).toBe('offline');
    expect((await a.engine.status()).pending).toBeGreaterThan(30);

    await addTag(b.db, { identityId: shared, label: 'from B' }, b.actor());
    await setStatus(b.db, shared, 'waiting', b.actor());
    await updateNote(b.db, { noteId: note.id, body: 'B edit' }, b.actor());
    await b.engine.sync();

    aOnline = true;
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.sync();
    const snapshot = async (db: KotaeDB) => ({
      notes: (await db.notes.toArray()).map(({ id, body, deletedAt, customerId }) => ({ id, body, deletedAt, customerId })).sort((x, y) => x.id.localeCompare(y.id)),
      tags: (await db.tags.toArray()).map(({ id, deletedAt }) => ({ id, deletedAt })).sort((x, y) => x.id.localeCompare(y.id)),
      customers: (await db.customers.toArray()).map(({ id, status }) => ({ id, status })).sort((x, y) => x.id.localeCompare(y.id)),
    });
    const [sa, sb] = [await snapshot(a.db), await snapshot(b.db)];
    expect(sa).toEqual(sb);
    expect(sa.notes.filter((n) => n.body.startsWith('offline'))).toHaveLength(30);
    // A's offline edit reached the server after B's, so it wins; B's body is kept as a revision.
    expect((await b.db.notes.get(note.id))?.body).toBe('A offline edit');
    expect((await b.db.notes.get(note.id))?.revisions?.map((r) => r.body)).toContain('B edit');
    expect(sb.tags.map((t) => t.id)).toEqual(expect.arrayContaining([`c:${shared}:from a`, `c:${shared}:from b`]));
    expect((await a.engine.status()).error).toBeNull();
  });

  it('resumes pulling at the stored cursor after a stop between pages: nothing lost, nothing twice', async () => {
    const a = await browser();
    const identity = await withCustomer(a, uniqueHandle());
    for (let i = 0; i < 7; i += 1) await addNote(a.db, { identityId: identity, body: `note ${i}`, postKey: null }, a.actor());
    await a.engine.sync();

    let armed = false;
    let pulls = 0;
    const pulledSeqs: number[] = [];
    const afters: number[] = [];
    const stoppable: Fetch = async (input, init) => {
      const url = new URL(String(input));
      if (armed && url.pathname === ROUTES.pull) {
        afters.push(Number(url.searchParams.get('after')));
        pulls += 1;
        if (pulls === 3) throw new TypeError('worker stopped');
      }
      const response = await fetch(input, init);
      if (armed && url.pathname === ROUTES.pull) {
        const page = (await response.clone().json()) as { changes: { seq: number }[] };
        pulledSeqs.push(...page.changes.map((c) => c.seq));
      }
      return response;
    };
    const b = await browser({ fetch: stoppable, pullPageSize: 3 });
    // Start from nothing, as a browser that just joined.
    await b.db.syncState.put({ key: 'cursor', value: 0 });
    await b.db.notes.clear();
    armed = true;
    await b.engine.sync();
    expect((await b.engine.status()).error?.code).toBe('unreachable');
    const cursorAtStop = (await b.db.syncState.get('cursor')) as { value: number };
    expect(cursorAtStop.value).toBeGreaterThan(0);
    // A new engine, as after the worker was stopped and woken again.
    await b.engine.stop();
    const restarted = b.make();
    await restarted.sync();
    expect(afters[2]).toBe(cursorAtStop.value);
    expect(afters.slice(3)[0]).toBe(cursorAtStop.value);
    expect(new Set(pulledSeqs).size).toBe(pulledSeqs.length);
    expect(await b.db.notes.where('customerId').equals(`c:${identity}`).count()).toBe(7);
    expect((await restarted.status()).error).toBeNull();
  });

  it('brings back the team’s state of a change the server refused, and counts it', async () => {
    const a = await browser({ name: 'Owner' });
    const b = await browser({ name: 'Colleague' });
    const identity = await withCustomer(a, uniqueHandle());
    const note = await addNote(a.db, { identityId: identity, body: 'mine', postKey: null }, a.actor());
    await a.engine.sync();
    await b.engine.sync();
    // An agent may not rewrite a colleague's note: refused for good, and undone here.
    await updateNote(b.db, { noteId: note.id, body: 'not yours' }, b.actor());
    await b.engine.sync();
    const status = await b.engine.status();
    expect(status).toMatchObject({ pending: 0, rejected: 1, lastRejected: { entity: 'note', id: note.id, reason: 'forbidden' }, error: null });
    expect((await b.db.notes.get(note.id))?.body).toBe('mine');
  });

  it('says so when an admin disabled the member, and stops trying', async () => {
    const admin = await browser({ role: 'admin', name: 'Boss' });
    const b = await browser({ name: 'Leaver' });
    const response = await fetch(`${server.url}${ROUTES.member.replace(':memberId', b.session.member.id)}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${admin.session.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    expect(response.ok).toBe(true);
    await withCustomer(b, uniqueHandle());
    await b.engine.sync();
    const status = await b.engine.status();
    expect(status.state).toBe('error');
    expect(status.error?.code).toBe('disabled');
    // Nothing was lost: the change waits, and an alarm does not hammer the server.
    expect(status.pending).toBeGreaterThan(0);
    await b.engine.start();
    expect((await b.engine.status()).error?.code).toBe('disabled');
  });

  it('refuses a used invite code in words the popup can show', async () => {
    const invite = await server.invite(server.teamId, 'agent');
    await server.join(invite.code, 'First');
    const engine = new SyncEngine({ db: freshDb(), live: false });
    await expect(engine.join({ serverUrl: server.url, code: invite.code, name: 'Second' })).rejects.toMatchObject({ code: 'inviteUsed' });
    await expect(engine.join({ serverUrl: 'http://127.0.0.1:9', code: invite.code, name: 'x' })).rejects.toMatchObject({ code: 'unreachable' });
    expect((await engine.status()).state).toBe('signedOut');
  });

  it('queues what this browser held before joining, so it goes up to the team', async () => {
    const db = freshDb();
    const handle = uniqueHandle();
    await recordSeenPosts(db, [seenPost({ authorHandle: handle })], new Date());
    await addNote(db, { identityId: `x:${handle}`, body: 'from my solo days', postKey: null }, { agentId: 'local', agentName: 'Me', now: new Date() });
    const engine = new SyncEngine({ db, live: false });
    const invite = await server.invite(server.teamId, 'agent');
    await engine.join({ serverUrl: server.url, code: invite.code, name: 'Solo' });
    await engine.sync();
    expect((await engine.status()).pending).toBe(0);
    const b = await browser();
    await b.engine.sync();
    expect((await b.db.notes.where('customerId').equals(`c:x:${handle}`).first())?.body).toBe('from my solo days');
  });

  it('signs out keeping local data, or removing it when asked', async () => {
    const a = await browser();
    const identity = await withCustomer(a, uniqueHandle());
    await addNote(a.db, { identityId: identity, body: 'kept', postKey: null }, a.actor());
    await a.engine.sync();
    await a.engine.signOut(false);
    expect(await a.db.syncState.get('session')).toBeUndefined();
    expect(await a.db.syncState.get('cursor')).toBeUndefined();
    expect(await a.db.notes.where('customerId').equals(`c:${identity}`).count()).toBe(1);
    expect((await a.engine.status()).state).toBe('signedOut');
    // The token no longer works on the server.
    const me = await fetch(`${server.url}${ROUTES.me}`, { headers: { authorization: `Bearer ${a.session.token}` } });
    expect(me.status).toBe(401);

    const b = await browser();
    await b.engine.sync();
    expect(await b.db.notes.count()).toBeGreaterThan(0);
    const personal = await b.db.templates.count();
    expect(await b.db.changeLog.count()).toBeGreaterThan(0);
    await b.engine.signOut(true);
    expect(await b.db.notes.count()).toBe(0);
    expect(await b.db.customers.count()).toBe(0);
    expect(await b.db.changeLog.count()).toBe(0);
    expect(await b.db.feedback.count()).toBe(0);
    // Personal templates (the defaults) stay.
    expect(await b.db.templates.count()).toBe(personal);
  });

  it('hears a colleague’s note within a second over the live signal', async () => {
    const a = await browser();
    const b = await browser({ live: true });
    await b.engine.start();
    const identity = await withCustomer(a, uniqueHandle());
    const started = Date.now();
    const note = await addNote(a.db, { identityId: identity, body: 'live!', postKey: null }, a.actor());
    await a.engine.sync();
    const deadline = Date.now() + 3000;
    while (!(await b.db.notes.get(note.id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await b.db.notes.get(note.id)).toBeDefined();
    expect(Date.now() - started).toBeLessThan(1500);
    expect((await b.engine.status()).live).toBe(true);
    await b.engine.stop();
  });

  it('reconnects the live signal after the server restarts, and catches up', async () => {
    const a = await browser();
    const b = await browser({ live: true });
    await b.engine.start();
    await server.restart();
    const identity = await withCustomer(a, uniqueHandle());
    const note = await addNote(a.db, { identityId: identity, body: 'after the restart', postKey: null }, a.actor());
    await a.engine.sync();
    expect((await a.engine.status()).error).toBeNull();
    const deadline = Date.now() + 10_000;
    while (!(await b.db.notes.get(note.id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((await b.db.notes.get(note.id))?.body).toBe('after the restart');
    await b.engine.stop();
  }, 20_000);
});
