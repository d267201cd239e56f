// Feedback between two members' browsers through the real team server, and feedback ids owned by one team.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '@/server/testing';
import { customerChanges } from '@/utils/db/change-log';
import { listFeedback, recordFeedback, withdrawFeedback } from '@/utils/db/feedback';
import { recordSeenPosts } from '@/utils/db/posts';
import type { Actor } from '@/utils/db/customers';
import type { Feedback } from '@/utils/model';
import { SyncEngine } from '@/utils/sync/engine';
import type { SessionRow } from '@/utils/sync/outbox';
import { pullResponseSchema, pushResponseSchema, sessionSchema, type Session } from '@/utils/sync/wire';
import { freshDb, seenPost } from '../helpers/db';
import { BACKENDS, call, put, shaped, uid } from './helpers';

describe.each(BACKENDS)('feedback on $name', ({ databaseUrl }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ databaseUrl });
  });
  afterAll(() => server?.close());

  /** A browser joined to the team as a new member, with its own database. */
  async function browser(name: string, role: 'agent' | 'supervisor' = 'agent') {
    const db = freshDb();
    const engine = new SyncEngine({ db, live: false });
    const invite = await server.invite(server.teamId, role);
    await engine.join({ serverUrl: server.url, code: invite.code, name });
    await engine.stop();
    const session = (await db.syncState.get('session')) as SessionRow;
    // The background's actor: the member id once joined (a stale one must not matter).
    const actor = (agentId = session.member.id): Actor => ({ agentId, agentName: name, now: new Date(), role });
    return { db, engine, session, actor };
  }

  test('a feedback record goes from one member to another, recorder named by the server; so does its withdrawal', async () => {
    const sato = await browser('Sato');
    const suzuki = await browser('Suzuki');
    const handle = `fb_${uid().slice(-10)}`.toLowerCase();
    const post = seenPost({ authorHandle: handle, postId: String(Date.now()), text: 'The app crashes when I pay' });
    await recordSeenPosts(sato.db, [post], new Date());
    const postKey = `x:${post.postId}`;
    // Written with a local id the server does not know: the token decides who recorded it.
    const saved = await recordFeedback(sato.db, { postKey, kind: 'bug', area: 'Checkout', comment: 'iOS only' }, sato.actor('someone-else'));
    await sato.engine.sync();
    expect((await sato.engine.status()).pending).toBe(0);
    expect((await sato.engine.status()).error).toBeNull();

    await suzuki.engine.sync();
    const pulled = await suzuki.db.feedback.get(saved.id);
    expect(pulled).toEqual({ ...saved, recordedBy: sato.session.member.id, recordedByName: 'Sato' });
    expect((await listFeedback(suzuki.db, { kind: 'bug', area: 'checkout' })).map((f) => f.id)).toEqual([saved.id]);
    // Suzuki's browser knows the customer now, and its trail says who recorded the feedback, at the server's time.
    const trail = await customerChanges(suzuki.db, saved.customerId, 100);
    expect(trail.entries).toEqual([
      expect.objectContaining({ entity: 'feedback', action: 'recorded', recordId: saved.id, summary: 'bug:Checkout', actorId: sato.session.member.id, actorName: 'Sato' }),
    ]);
    expect(Date.parse(trail.entries[0]!.at)).toBeGreaterThanOrEqual(Date.parse(saved.recordedAt) - 60_000);
    expect(await suzuki.db.outbox.count()).toBe(0);
    // Sato's own change came back as the echo: nothing new in Sato's trail, and the server's naming is kept.
    expect((await customerChanges(sato.db, saved.customerId, 100)).entries.map((e) => e.action)).toEqual(['recorded']);
    expect((await sato.db.feedback.get(saved.id))?.recordedBy).toBe(sato.session.member.id);

    // An agent cannot withdraw a colleague's record: the server refuses it and the record stays.
    await withdrawFeedback(suzuki.db, saved.id, { ...suzuki.actor(), role: null });
    await suzuki.engine.sync();
    expect((await suzuki.engine.status()).lastRejected).toEqual({ entity: 'feedback', id: saved.id, reason: 'forbidden' });
    await suzuki.engine.sync();
    await sato.engine.sync();
    expect((await sato.db.feedback.get(saved.id))?.deletedAt).toBeNull();
    // The refused browser gets the team's state of it back.
    expect((await suzuki.db.feedback.get(saved.id))?.deletedAt).toBeNull();

    // Its recorder can; the tombstone reaches the colleague, with the record kept.
    await withdrawFeedback(sato.db, saved.id, sato.actor());
    await sato.engine.sync();
    await suzuki.engine.sync();
    const withdrawn = await suzuki.db.feedback.get(saved.id);
    expect(withdrawn?.deletedAt).not.toBeNull();
    expect(withdrawn).toMatchObject({ kind: 'bug', area: 'Checkout', comment: 'iOS only', recordedByName: 'Sato' });
    expect(await listFeedback(suzuki.db)).not.toContainEqual(expect.objectContaining({ id: saved.id }));
    expect((await customerChanges(suzuki.db, saved.customerId, 100)).entries.map((e) => [e.action, e.actorName])).toContainEqual(['withdrawn', 'Sato']);
  });

  test('a feedback id another team uses is refused; the first team’s record is untouched', async () => {
    const mine = await server.member('agent', 'Aki');
    // Another team on the same database.
    const other = await server.createTeam('Other shop');
    const stranger = shaped(sessionSchema, (await call(server.url, 'POST', '/v1/join', { body: { code: other.adminCode, name: 'Stranger' } })).json);
    const id = uid('feedback-');
    const record = (area: string): Feedback => ({
      id,
      customerId: 'c:x:alice',
      identityId: 'x:alice',
      postKey: 'x:1790000000000000001',
      postUrl: 'https://x.com/alice/status/1790000000000000001',
      postText: 'hello',
      postedAt: null,
      kind: 'request',
      area,
      comment: '',
      recordedAt: '2026-05-01T00:00:00.000Z',
      recordedBy: 'forged',
      recordedByName: 'Forged',
      deletedAt: null,
    });
    const push = async (session: Session, area: string) =>
      shaped(pushResponseSchema, (await call(server.url, 'POST', '/v1/sync/push', { token: session.token, body: { clientId: `client-${uid()}`, mutations: [put('feedback', record(area))] } })).json)
        .results[0]!;
    expect(await push(mine, 'Ours')).toMatchObject({ status: 'applied', reason: null });
    expect(await push(stranger, 'Theirs')).toMatchObject({ status: 'rejected', reason: 'otherTeam' });
    const pulled = shaped(pullResponseSchema, (await call(server.url, 'GET', '/v1/sync/pull?after=0&limit=1000', { token: mine.token })).json);
    const ours = pulled.changes.filter((c) => c.entity === 'feedback' && c.id === id);
    expect(ours).toHaveLength(1);
    expect(ours[0]!.data).toMatchObject({ area: 'Ours', recordedBy: mine.member.id, recordedByName: 'Aki' });
    const theirs = shaped(pullResponseSchema, (await call(server.url, 'GET', '/v1/sync/pull?after=0', { token: stranger.token })).json);
    expect(theirs.changes.filter((c) => c.entity === 'feedback')).toEqual([]);
  });
});
