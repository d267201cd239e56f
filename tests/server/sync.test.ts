// Push and pull: exactly once, server order, the conflict rule, roles on records, private notes, bounds.
import { request } from 'node:http';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NOTE_REVISIONS_MAX, type Note } from '@/utils/model';
import { apiErrorSchema, MAX_BODY_BYTES, MAX_PUSH_MUTATIONS, pullResponseSchema, type Change, type Mutation, type Session } from '@/utils/sync/wire';
import { changes } from '@/server/db/schema';
import { startTestServer, type TestServer } from '@/server/testing';
import { BACKENDS, call, customerRecord, noteRecord, pullAll as pullFrom, pushAs, put, shaped, uid } from './helpers';

describe.each(BACKENDS)('sync on $name', ({ databaseUrl }) => {
  let server: TestServer;
  let clock = new Date('2026-05-01T09:00:00.000Z');
  let admin: Session;
  let agent: Session;
  let agent2: Session;
  let supervisor: Session;

  beforeAll(async () => {
    server = await startTestServer({ databaseUrl, now: () => clock });
    admin = await server.join(server.adminCode, 'Ada Admin');
    agent = await server.member('agent', 'Aki Agent');
    agent2 = await server.member('agent', 'Ben Agent');
    supervisor = await server.member('supervisor', 'Sue Supervisor');
  });
  afterAll(() => server?.close());

  const tick = () => {
    clock = new Date(clock.getTime() + 1000);
  };

  const push = (session: Session, mutations: Mutation[], clientId?: string) => {
    tick();
    return pushAs(server.url, session, mutations, clientId);
  };

  const pullAll = (session: Session, after = 0, limit?: number) => pullFrom(server.url, session, after, limit);

  /** A device's copy: what applying pulled changes in order leaves. */
  function replica(start: Map<string, unknown>, pulled: Change[]) {
    const copy = new Map(start);
    for (const change of pulled) {
      const key = `${change.entity}:${change.id}`;
      if (change.op === 'delete') copy.delete(key);
      else copy.set(key, change.data);
    }
    return copy;
  }

  const latest = async (session: Session, entity: string, id: string) =>
    (await pullAll(session)).changes.filter((c) => c.entity === entity && c.id === id).at(-1);

  test('a push is applied once; the same push again answers duplicate with the original seq', async () => {
    const mutations = [put('customer', customerRecord(uid('c'))), put('customer', customerRecord(uid('c')))];
    const first = await push(agent, mutations);
    expect(first.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(first[1]!.seq).toBe(first[0]!.seq! + 1);
    const again = await push(agent, mutations);
    expect(again).toEqual(first.map((r) => ({ ...r, status: 'duplicate' })));
    // The same mutation id from another client is another mutation.
    const other = await push(agent, mutations.slice(0, 1), 'client-another');
    expect(other[0]!.status).toBe('applied');
  });

  test('an acknowledgment lost after the commit: the retry is a duplicate and the log holds one change', async () => {
    const mutation = put('customer', customerRecord(uid('c')));
    const clientId = 'client-lossy';
    // The answer is dropped (as if the connection broke after the commit); then two retries race.
    await fetch(`${server.url}/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId, mutations: [mutation] }),
    }).then((r) => r.body?.cancel());
    const retries = await Promise.all([push(agent, [mutation], clientId), push(agent, [mutation], clientId)]);
    expect(retries.map((r) => r[0]!.status)).toEqual(['duplicate', 'duplicate']);
    const logged = await server.db
      .select()
      .from(changes)
      .where(and(eq(changes.teamId, server.teamId), eq(changes.clientId, clientId), eq(changes.mutationId, mutation.mutationId)));
    expect(logged).toHaveLength(1);
    expect(retries[0]![0]!.seq).toBe(logged[0]!.seq);
  });

  test('two identical pushes at once apply once', async () => {
    const mutation = put('customer', customerRecord(uid('c')));
    const answers = await Promise.all([push(agent, [mutation], 'client-twin'), push(agent, [mutation], 'client-twin')]);
    expect(answers.map((r) => r[0]!.status).sort()).toEqual(['applied', 'duplicate']);
    expect(answers[0]![0]!.seq).toBe(answers[1]![0]!.seq);
  });

  test('device clocks a day off change nothing: the later push wins and changes carry server time', async () => {
    const id = uid('c');
    const ahead = new Date(clock.getTime() + 24 * 3_600_000).toISOString();
    const behind = new Date(clock.getTime() - 24 * 3_600_000).toISOString();
    await push(agent, [put('customer', customerRecord(id, 'From the future', ahead))]);
    await push(agent2, [put('customer', customerRecord(id, 'From the past', behind))]);
    const change = await latest(admin, 'customer', id);
    expect(change?.data).toMatchObject({ displayName: 'From the past' });
    expect(change?.at).toBe(clock.toISOString());
    expect(change?.authorId).toBe(agent2.member.id);
  });

  test('a long offline period with edits on both sides converges; no note text is lost', async () => {
    const noteId = uid('n');
    const customerId = uid('c');
    await push(agent, [put('customer', customerRecord(customerId, 'Start')), put('note', noteRecord(noteId, 'Original'))]);
    const deviceA = await pullAll(agent);
    const deviceB = await pullAll(supervisor);
    let localA = replica(new Map(), deviceA.changes);
    let localB = replica(new Map(), deviceB.changes);
    // Offline, both edit the same note and customer; each also adds its own records.
    clock = new Date(clock.getTime() + 3 * 24 * 3_600_000);
    const aOnly = uid('c');
    const bOnly = uid('n');
    const aEdits = [put('note', noteRecord(noteId, 'Edited on A')), put('customer', customerRecord(customerId, 'A says')), put('customer', customerRecord(aOnly, 'A new'))];
    const bEdits = [
      put('note', noteRecord(noteId, 'Edited on B, later')),
      put('customer', customerRecord(customerId, 'B says')),
      put('note', noteRecord(bOnly, 'B new note')),
    ];
    await push(agent, aEdits);
    await push(supervisor, bEdits);
    localA = replica(localA, (await pullAll(agent, deviceA.cursor)).changes);
    localB = replica(localB, (await pullAll(supervisor, deviceB.cursor)).changes);
    const fresh = replica(new Map(), (await pullAll(admin)).changes);
    expect(localA).toEqual(fresh);
    expect(localB).toEqual(fresh);
    const note = fresh.get(`note:${noteId}`) as Note;
    expect(note.body).toBe('Edited on B, later');
    expect(note.revisions?.map((r) => r.body)).toEqual(['Original', 'Edited on A']);
    expect(note.revisions?.map((r) => r.authorName)).toEqual(['Aki Agent', 'Aki Agent']);
    expect(note.authorId).toBe(agent.member.id);
    expect(fresh.get(`customer:${customerId}`)).toMatchObject({ displayName: 'B says' });
    expect(fresh.has(`customer:${aOnly}`) && fresh.has(`note:${bOnly}`)).toBe(true);
  });

  test('revisions keep the newest NOTE_REVISIONS_MAX bodies; the same body again adds none; clients cannot write them', async () => {
    const id = uid('n');
    const bodies = Array.from({ length: NOTE_REVISIONS_MAX + 5 }, (_, i) => `Body ${i}`);
    for (let i = 0; i < bodies.length; i += MAX_PUSH_MUTATIONS) {
      await push(agent, bodies.slice(i, i + MAX_PUSH_MUTATIONS).map((body) => put('note', noteRecord(id, body))));
    }
    await push(agent, [put('note', noteRecord(id, bodies.at(-1)!, { revisions: [{ body: 'forged', authorName: 'x', replacedAt: clock.toISOString() }] }))]);
    const note = (await latest(agent, 'note', id))?.data as Note;
    expect(note.revisions).toHaveLength(NOTE_REVISIONS_MAX);
    expect(note.revisions?.[0]?.body).toBe(`Body ${bodies.length - 1 - NOTE_REVISIONS_MAX}`);
    expect(note.revisions?.at(-1)?.body).toBe(`Body ${bodies.length - 2}`);
    expect(JSON.stringify(note)).not.toContain('forged');
  });

  test("a note's author comes from the token and stays with it; agents edit only their own notes", async () => {
    const id = uid('n');
    await push(agent, [put('note', noteRecord(id, 'Mine', { authorId: agent2.member.id, authorName: 'Forged' }))]);
    let note = (await latest(agent, 'note', id))?.data as Note;
    expect([note.authorId, note.authorName]).toEqual([agent.member.id, 'Aki Agent']);
    const byOther = await push(agent2, [put('note', noteRecord(id, 'Overwritten')), { ...put('note', noteRecord(id, 'x')), op: 'delete', data: null }]);
    expect(byOther.map((r) => [r.status, r.reason])).toEqual([
      ['rejected', 'forbidden'],
      ['rejected', 'forbidden'],
    ]);
    const bySupervisor = await push(supervisor, [put('note', noteRecord(id, 'Corrected by a supervisor'))]);
    expect(bySupervisor[0]!.status).toBe('applied');
    note = (await latest(agent, 'note', id))?.data as Note;
    expect([note.authorId, note.body]).toEqual([agent.member.id, 'Corrected by a supervisor']);
    // A delete keeps the note as a tombstone, text included.
    const deleted = await push(agent, [{ ...put('note', noteRecord(id, 'x')), op: 'delete', data: null }]);
    expect(deleted[0]!.status).toBe('applied');
    const tombstone = await latest(agent, 'note', id);
    expect(tombstone?.op).toBe('put');
    expect(tombstone?.data).toMatchObject({ body: 'Corrected by a supervisor', deletedAt: clock.toISOString() });
  });

  test("a tag's creator comes from the token and stays with it", async () => {
    const tag = { id: uid('tag'), customerId: 'c1', label: 'vip', createdAt: clock.toISOString(), createdBy: 'forged', deletedAt: null };
    await push(agent, [put('tag', tag)]);
    expect((await latest(admin, 'tag', tag.id))?.data).toMatchObject({ createdBy: agent.member.id });
    const deletedAt = clock.toISOString();
    await push(agent2, [put('tag', { ...tag, deletedAt, createdBy: agent2.member.id })]);
    expect((await latest(admin, 'tag', tag.id))?.data).toMatchObject({ createdBy: agent.member.id, deletedAt });
  });

  test('team templates and settings: supervisors and admins only; personal templates do not sync', async () => {
    const template = {
      id: uid('t'),
      title: 'Thanks',
      category: 'acknowledge',
      code: 'ack',
      variants: [{ lang: 'en', body: 'Thank you!' }],
      scope: 'team',
      createdAt: clock.toISOString(),
      updatedAt: clock.toISOString(),
      deletedAt: null,
    };
    const settings = {
      id: 'team',
      timer: { targetMinutes: 30, warningRatio: 0.5, followUpHours: 24, privateFollowUpHours: 24 },
      teamIdentities: ['x:kotae'],
      updatedAt: clock.toISOString(),
    };
    const seen = {
      id: `seen:x:${uid('')}`,
      customerId: 'c1',
      identityId: 'x:alice',
      kind: 'seen',
      postKey: 'x:1',
      postUrl: 'https://x.com/alice/status/1',
      postText: 'hi',
      postedAt: null,
      recordedAt: clock.toISOString(),
      byAgentId: null,
    };
    const byAgent = await push(agent, [put('template', template), put('settings', settings), { ...put('settings', settings), op: 'delete', data: null }]);
    expect(byAgent.map((r) => r.reason)).toEqual(['forbidden', 'forbidden', 'forbidden']);
    const bySupervisor = await push(supervisor, [put('template', template), put('settings', settings)]);
    expect(bySupervisor.map((r) => r.status)).toEqual(['applied', 'applied']);
    const byAdmin = await push(admin, [put('template', { ...template, title: 'Thank you' })]);
    expect(byAdmin[0]!.status).toBe('applied');
    const refused = await push(supervisor, [
      put('template', { ...template, id: uid('t'), scope: 'personal' }),
      put('interaction', { ...seen, kind: 'replied', id: `replied:${uid('')}` }),
      put('customer', { ...customerRecord(uid('c')), status: 'bogus' }),
      { ...put('customer', customerRecord(uid('c'))), id: 'not-the-records-id' },
    ]);
    expect(refused.map((r) => [r.status, r.reason])).toEqual([
      ['rejected', 'invalid'],
      ['applied', null],
      ['rejected', 'invalid'],
      ['rejected', 'invalid'],
    ]);
  });

  test("the team's first sighting of a post stands; a colleague's later sighting is a duplicate and adds no change", async () => {
    const id = `seen:x:${uid('')}`;
    const first = {
      id,
      customerId: 'c1',
      identityId: 'x:alice',
      kind: 'seen',
      postKey: id.slice('seen:'.length),
      postUrl: 'https://x.com/alice/status/1',
      postText: 'hi',
      postedAt: null,
      recordedAt: '2026-05-01T09:00:00.000Z',
      byAgentId: null,
    };
    const [applied] = await push(agent, [put('interaction', first)]);
    expect(applied!.status).toBe('applied');
    const before = await pullAll(agent);
    const [later] = await push(agent2, [put('interaction', { ...first, recordedAt: '2026-05-01T10:00:00.000Z' })]);
    expect([later!.status, later!.seq]).toEqual(['duplicate', applied!.seq]);
    expect((await pullAll(agent, before.cursor)).changes).toEqual([]);
    expect((await latest(admin, 'interaction', id))?.data).toMatchObject({ recordedAt: '2026-05-01T09:00:00.000Z' });
  });

  test('private notes reach only their author, supervisors and admins; a note turning private leaves other agents', async () => {
    const id = uid('n');
    const secret = `Secret ${uid('s')}`;
    await push(agent, [put('note', noteRecord(id, 'Public at first'))]);
    const before = await pullAll(agent2);
    expect(before.changes.find((c) => c.id === id)?.data).toMatchObject({ body: 'Public at first' });
    await push(agent, [put('note', noteRecord(id, secret, { private: true }))]);
    const afterForOther = await pullAll(agent2, before.cursor);
    expect(afterForOther.changes.find((c) => c.id === id)).toMatchObject({ op: 'delete', data: null });
    const everythingForOther = JSON.stringify((await pullAll(agent2)).changes);
    expect(everythingForOther).not.toContain(secret);
    expect(everythingForOther).not.toContain('Public at first');
    for (const session of [agent, supervisor, admin]) {
      expect((await latest(session, 'note', id))?.data).toMatchObject({ body: secret, private: true });
    }
  });

  test('deletes of records without a tombstone field are stored as deletes', async () => {
    const customer = customerRecord(uid('c'));
    await push(agent, [put('customer', customer)]);
    const results = await push(agent, [{ ...put('customer', customer), op: 'delete', data: null }]);
    expect(results[0]!.status).toBe('applied');
    expect(await latest(admin, 'customer', customer.id)).toMatchObject({ op: 'delete', data: null });
  });

  test('pull pages are bounded and clamped; paging in small steps misses nothing', async () => {
    await push(agent, Array.from({ length: 12 }, () => put('customer', customerRecord(uid('c')))));
    const everything = await pullAll(admin);
    const paged = await pullAll(admin, 0, 5);
    expect(paged.changes).toEqual(everything.changes);
    expect(paged.cursor).toBe(everything.cursor);
    const seqs = everything.changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const one = shaped(pullResponseSchema, (await call(server.url, 'GET', '/v1/sync/pull?after=0&limit=0', { token: admin.token })).json);
    expect(one.changes).toHaveLength(1);
    expect(one.hasMore).toBe(true);
    const big = shaped(pullResponseSchema, (await call(server.url, 'GET', '/v1/sync/pull?after=0&limit=9999', { token: admin.token })).json);
    expect(big.changes.length).toBe(everything.changes.length);
    const end = shaped(pullResponseSchema, (await call(server.url, 'GET', `/v1/sync/pull?after=${everything.cursor}`, { token: admin.token })).json);
    expect(end).toEqual({ changes: [], cursor: everything.cursor, hasMore: false });
    for (const query of ['', '?after=-1', '?after=abc', '?after=0&limit=12345', '?after=1e3']) {
      const bad = await call(server.url, 'GET', `/v1/sync/pull${query}`, { token: admin.token });
      expect(bad.status, query).toBe(422);
      expect(shaped(apiErrorSchema, bad.json).error.code).toBe('invalid');
    }
  });

  test('bodies beyond MAX_BODY_BYTES are 413; too many mutations and wrong shapes are 422', async () => {
    const huge = { clientId: 'client-huge', mutations: [put('note', noteRecord(uid('n'), 'x'.repeat(MAX_BODY_BYTES)))] };
    const tooLarge = await sendEarlyAnswered(`${server.url}/v1/sync/push`, agent.token, JSON.stringify(huge));
    expect(tooLarge.status).toBe(413);
    expect(shaped(apiErrorSchema, JSON.parse(tooLarge.text)).error.code).toBe('tooLarge');
    const many = Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, () => put('customer', customerRecord(uid('c'))));
    for (const body of [
      { clientId: 'client-many', mutations: many },
      { clientId: 'client-none', mutations: [] },
      { clientId: 'x', mutations: many.slice(0, 1) },
      { clientId: 'client-bad', mutations: [{ ...many[0], entity: 'secrets' }] },
      [],
      'text',
    ]) {
      const answer = await call(server.url, 'POST', '/v1/sync/push', { token: agent.token, body });
      expect(answer.status).toBe(422);
      const error = shaped(apiErrorSchema, answer.json).error;
      expect(error.code).toBe('invalid');
      expect(error.message).not.toMatch(/\bat .+:\d+/);
    }
    const notJson = await call(server.url, 'POST', '/v1/sync/push', { token: agent.token, rawBody: '{"clientId":', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(422);
  });
});

/** The server answers 413 before reading the body; node:http (unlike fetch) reports that answer. */
function sendEarlyAnswered(url: string, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    // Writing the rest of the body may fail once the server has answered and closed: that is expected.
    req.on('error', (error) => setTimeout(() => reject(error), 2000));
    req.end(body);
  });
}
