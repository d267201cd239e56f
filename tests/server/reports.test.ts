// Reports: the same definitions computed from a browser's records and by the team server from the team's.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '@/server/testing';
import { addTag, type Actor } from '@/utils/db/customers';
import { recordFeedback } from '@/utils/db/feedback';
import { markPost, recordReply, recordSeenPosts, recordTeamReply } from '@/utils/db/posts';
import { localReport } from '@/utils/db/reports';
import type { SeenPost } from '@/utils/model';
import { reportSchema, type ReportRange } from '@/utils/reports/schema';
import { SyncEngine } from '@/utils/sync/engine';
import type { SessionRow } from '@/utils/sync/outbox';
import { DEFAULT_TIMER_SETTINGS } from '@/utils/timer';
import { freshDb, seenPost } from '../helpers/db';
import { BACKENDS, call, shaped, uid } from './helpers';

// Ten past midnight on 8 May in Tokyo.
const NOW = new Date('2026-05-07T15:10:00.000Z');
const MIN = 60_000;
const RANGE: ReportRange = { from: '2026-05-01', to: '2026-05-07', timeZone: 'Asia/Tokyo' };

describe.each(BACKENDS)('reports on $name', ({ databaseUrl }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ databaseUrl, now: () => NOW });
  });
  afterAll(() => server?.close());

  async function browser(name: string, role: 'agent' | 'supervisor') {
    const db = freshDb();
    const engine = new SyncEngine({ db, live: false });
    const invite = await server.invite(server.teamId, role);
    await engine.join({ serverUrl: server.url, code: invite.code, name });
    await engine.stop();
    const session = (await db.syncState.get('session')) as SessionRow;
    const actor = (now: Date): Actor => ({ agentId: session.member.id, agentName: name, now, role });
    return { db, engine, session, actor, name };
  }

  const handle = (name: string) => `${name}_${uid().slice(-8)}`.toLowerCase();
  const post = (author: string, id: string, postedAt: string | null): SeenPost =>
    seenPost({ authorHandle: author, postId: `${Date.now()}${id}`, postedAt, text: `Post ${id}` });
  const after = (iso: string, ms: number) => new Date(Date.parse(iso) + ms);

  test("a team's report from the server equals the one computed from a browser holding the same records", async () => {
    const sato = await browser('Sato', 'agent');
    const suzuki = await browser('Suzuki', 'agent');
    const tanaka = await browser('Tanaka', 'supervisor');
    const alice = handle('alice');
    const bob = handle('bob');
    const carol = handle('carol');

    // Answered in 10 minutes by Sato, in 3 hours by Suzuki (who saw it later), by the team account, recorded, waiting.
    const quick = post(alice, '1', '2026-05-01T00:00:00.000Z');
    const slow = post(bob, '2', '2026-05-02T15:30:00.000Z');
    const byAccount = post(alice, '3', '2026-05-04T23:00:00.000Z');
    const recorded = post(carol, '4', '2026-05-06T05:00:00.000Z');
    const waiting = post(carol, '5', '2026-05-07T14:50:00.000Z');
    const noTime = post(bob, '6', null);
    // Outside the range in Tokyo, though inside it in UTC.
    const outside = post(bob, '7', '2026-05-07T15:05:00.000Z');

    // Each post is seen a minute after it was posted.
    for (const seen of [quick, byAccount, recorded, waiting, outside]) await recordSeenPosts(sato.db, [seen], after(seen.postedAt!, MIN));
    await recordReply(sato.db, { post: quick, text: 'Sorry!', templateId: null }, sato.actor(after(quick.postedAt!, 10 * MIN)));
    await recordTeamReply(sato.db, { post: byAccount, reply: { ...post('kotae', '8', after(byAccount.postedAt!, 40 * MIN).toISOString()) } }, NOW);
    await markPost(sato.db, { postKey: `x:${recorded.postId}`, mark: 'recordedWithoutReply' }, sato.actor(after(recorded.postedAt!, 5 * MIN)));
    await addTag(sato.db, { identityId: `x:${alice}`, label: 'VIP' }, sato.actor(NOW));
    await addTag(sato.db, { identityId: `x:${carol}`, label: '配送' }, sato.actor(NOW));
    await recordFeedback(sato.db, { postKey: `x:${recorded.postId}`, kind: 'complaint', area: 'Delivery', comment: '' }, sato.actor(NOW));
    await sato.engine.sync();

    await recordSeenPosts(suzuki.db, [slow], after(slow.postedAt!, MIN));
    await recordSeenPosts(suzuki.db, [noTime], new Date('2026-05-03T02:00:00.000Z'));
    await recordReply(suzuki.db, { post: slow, text: 'Here to help', templateId: null }, suzuki.actor(after(slow.postedAt!, 180 * MIN)));
    await suzuki.engine.sync();
    for (const member of [sato, suzuki, tanaka]) {
      await member.engine.sync();
      expect((await member.engine.status()).error).toBeNull();
    }

    const viewer = { agentId: tanaka.session.member.id, name: 'Tanaka' };
    const options = { now: NOW, settings: DEFAULT_TIMER_SETTINGS, teamIdentities: new Set<string>(), viewer, ownRowOnly: false };
    const local = await localReport(tanaka.db, RANGE, options);
    const fromServer = await tanaka.engine.teamReport(RANGE);
    expect(fromServer).toEqual({ ...local, source: 'team' });

    // The figures are the ones the records mean, not merely the same on both sides.
    expect(local.totals).toEqual({
      posts: 6,
      answered: 3,
      withinTarget: 2,
      medianResponseMs: 40 * MIN,
      p90ResponseMs: 180 * MIN,
      open: 1,
      overdue: 1,
      recorded: 1,
    });
    expect(local.agents).toEqual([
      { agentId: null, name: '', answered: 1, withinTarget: 1, medianResponseMs: 40 * MIN },
      { agentId: sato.session.member.id, name: 'Sato', answered: 1, withinTarget: 1, medianResponseMs: 10 * MIN },
      { agentId: suzuki.session.member.id, name: 'Suzuki', answered: 1, withinTarget: 0, medianResponseMs: 180 * MIN },
    ]);
    expect(local.topTags).toEqual([
      { label: 'VIP', customers: 1 },
      { label: '配送', customers: 1 },
    ]);
    expect(local.topAreas).toEqual([{ area: 'Delivery', count: 1, praise: 0, complaint: 1, bug: 0, request: 0 }]);
    // 2 May 15:30 UTC is 3 May 00:30 in Tokyo.
    expect(local.days.find((d) => d.day === '2026-05-02')?.posts).toBe(0);
    expect(local.days.find((d) => d.day === '2026-05-03')).toMatchObject({ posts: 2, answered: 1 });

    // An agent sees the team's totals and only their own row.
    const forSato = await sato.engine.teamReport(RANGE);
    expect(forSato.totals).toEqual(fromServer.totals);
    expect(forSato.agents.map((a) => a.name)).toEqual(['Sato']);
  });

  test("another team's records never reach this team's report", async () => {
    const other = await server.createTeam('Other shop');
    const invite = await server.invite(other.teamId, 'admin');
    const db = freshDb();
    const engine = new SyncEngine({ db, live: false });
    await engine.join({ serverUrl: server.url, code: invite.code, name: 'Other' });
    const before = await engine.teamReport(RANGE);
    expect(before.totals.posts).toBe(0);
    await recordSeenPosts(db, [post(handle('dave'), '9', '2026-05-05T00:00:00.000Z')], NOW);
    await engine.sync();
    await engine.stop();
    expect((await engine.teamReport(RANGE)).totals.posts).toBe(1);

    const member = await server.member('supervisor', 'Watcher');
    const ours = shaped(reportSchema, (await call(server.url, 'GET', `/v1/reports?from=2026-05-01&to=2026-05-07&timeZone=Asia%2FTokyo`, { token: member.token })).json);
    expect(ours.totals.posts).toBe(6);
  });

  test('a wrong range is refused with a typed error; no token, no report', async () => {
    const member = await server.member('agent', 'Asker');
    const wrong = await call(server.url, 'GET', '/v1/reports?from=2026-05-07&to=2026-05-01&timeZone=UTC', { token: member.token });
    expect(wrong.status).toBe(422);
    expect(wrong.json).toMatchObject({ error: { code: 'invalid' } });
    const zone = await call(server.url, 'GET', '/v1/reports?from=2026-05-01&to=2026-05-02&timeZone=Nowhere%2FLand', { token: member.token });
    expect(zone.status).toBe(422);
    const anonymous = await call(server.url, 'GET', '/v1/reports?from=2026-05-01&to=2026-05-02&timeZone=UTC');
    expect(anonymous.status).toBe(401);
  });
});
