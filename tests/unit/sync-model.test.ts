/**
 * The seeded model of team sync (tests/support/sync-model.ts) against the real team
 * server: three browsers, random changes, syncs and faults, checked after every round.
 *
 *   SYNC_MODEL_SEED=<seed>    replay a run (a failure prints its seed and round)
 *   SYNC_MODEL_ROUNDS=<n>     rounds to run (200 by default)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@/server/testing';
import { addNote, addTag, removeTag, setStatus, type Actor } from '@/utils/db/customers';
import { KotaeDB } from '@/utils/db/kotae-db';
import { recordSeenPosts } from '@/utils/db/posts';
import { SyncEngine } from '@/utils/sync/engine';
import type { SessionRow } from '@/utils/sync/outbox';
import { seenPost } from '../helpers/db';
import { describeStats, runSyncModel, seedFromEnv } from '../support/sync-model';

const seed = seedFromEnv(process.env.SYNC_MODEL_SEED);
const rounds = Number(process.env.SYNC_MODEL_ROUNDS ?? 200);

it(`converges with nothing lost or doubled over ${rounds} seeded rounds (seed ${seed})`, async () => {
  const stats = await runSyncModel({ seed, rounds, stopOnFailure: true });
  console.log(describeStats(stats));
  expect(stats.rounds).toBe(rounds);
  expect({ lost: stats.lost, duplicated: stats.duplicated, diverged: stats.diverged, other: stats.other }).toEqual({ lost: 0, duplicated: 0, diverged: 0, other: 0 });
  // The faults did happen.
  if (rounds >= 100) {
    expect(stats.faults.lostPushAnswer + stats.faults.doublePush + stats.faults.offline + stats.faults.stopBetweenPullPages).toBeGreaterThan(0);
    expect(stats.duplicateAnswers).toBeGreaterThan(0);
    expect(stats.refusedLocally.forbidden).toBeGreaterThan(0);
  }
}, 180_000);

describe('a change to one field of a customer, against a colleague’s stale copy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  async function browser(name: string) {
    const db = new KotaeDB(`kotae-stale-${name}-${Math.random().toString(36).slice(2)}`);
    const engine = new SyncEngine({ db, live: false });
    const join = async () => {
      const invite = await server.invite(server.teamId, 'agent');
      await engine.join({ serverUrl: server.url, code: invite.code, name });
      await engine.stop();
    };
    await join();
    const actor = async (): Promise<Actor> => {
      const session = (await db.syncState.get('session')) as SessionRow;
      return { agentId: session.member.id, agentName: name, role: 'agent', now: new Date() };
    };
    return { db, engine, actor, join };
  }

  // A note or tag change sends only that note or tag: the customer record goes to the
  // team only when one of its own fields changes, so a colleague's copy that has not
  // pulled yet never puts back a status someone else set.
  it('keeps a status set by one agent when another, not yet synced, tags the customer', async () => {
    const a = await browser('Agent A');
    const b = await browser('Agent B');
    for (const x of [a, b]) await recordSeenPosts(x.db, [seenPost({ authorHandle: 'stale_status' })], new Date());
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.sync();
    expect((await b.db.customers.get('c:x:stale_status'))?.status).toBe('new');

    await setStatus(a.db, 'x:stale_status', 'resolved', await a.actor());
    await a.engine.sync();
    await addTag(b.db, { identityId: 'x:stale_status', label: 'vip' }, await b.actor());
    await b.engine.sync();
    await a.engine.sync();

    expect((await a.db.tags.get('c:x:stale_status:vip'))?.deletedAt).toBeNull();
    expect((await a.db.customers.get('c:x:stale_status'))?.status).toBe('resolved');
  });

  // Joining offers the team only what it does not have yet: a browser that signed out
  // keeping its data and joins again does not put back what colleagues changed meanwhile.
  it('keeps what colleagues changed while a browser was signed out, when it joins again', async () => {
    const a = await browser('Agent C');
    const b = await browser('Agent D');
    await recordSeenPosts(a.db, [seenPost({ authorHandle: 'rejoiner' })], new Date());
    await addTag(a.db, { identityId: 'x:rejoiner', label: 'vip' }, await a.actor());
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.signOut(false);

    await removeTag(b.db, 'c:x:rejoiner:vip', await b.actor());
    await setStatus(b.db, 'x:rejoiner', 'resolved', await b.actor());
    await b.engine.sync();
    await a.join();
    await a.engine.sync();
    await b.engine.sync();

    expect((await b.db.tags.get('c:x:rejoiner:vip'))?.deletedAt).not.toBeNull();
    expect((await b.db.customers.get('c:x:rejoiner'))?.status).toBe('resolved');
  });

  it('sends up a note written while signed out, which the team has never seen', async () => {
    const a = await browser('Agent E');
    const b = await browser('Agent F');
    await recordSeenPosts(a.db, [seenPost({ authorHandle: 'offline_edit' })], new Date());
    const note = await addNote(a.db, { identityId: 'x:offline_edit', body: 'first words', postKey: null }, await a.actor());
    await a.engine.sync();
    const me = await a.actor();
    await a.engine.signOut(false);
    const fresh = await addNote(a.db, { identityId: 'x:offline_edit', body: 'a new note', postKey: null }, me);
    await a.join();
    await a.engine.sync();
    await b.engine.sync();

    expect((await b.db.notes.get(fresh.id))?.body).toBe('a new note');
    expect((await b.db.notes.get(note.id))?.body).toBe('first words');
    expect((await a.db.syncState.get('status')) as { rejectedCount: number }).toMatchObject({ rejectedCount: 0 });
  });
});
