// Pushes applied together and pulls answered from encoded changes: the same answers as one at a time.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Mutation, Session } from '@/utils/sync/wire';
import { ChangeCache } from '@/server/sync';
import { startTestServer, type TestServer } from '@/server/testing';
import { readPullPage } from '../../bench/lib/team-load';
import { BACKENDS, customerRecord, noteRecord, pullAll as pullFrom, pushAs, put, uid } from './helpers';

describe.each(BACKENDS)('batched sync on $name', ({ databaseUrl }) => {
  let server: TestServer;
  let admin: Session;
  let agent: Session;
  let agent2: Session;
  let supervisor: Session;

  beforeAll(async () => {
    server = await startTestServer({ databaseUrl });
    admin = await server.join(server.adminCode, 'Ada Admin');
    agent = await server.member('agent', 'Aki Agent');
    agent2 = await server.member('agent', 'Ben Agent');
    supervisor = await server.member('supervisor', 'Sue Supervisor');
  });
  afterAll(() => server?.close());

  const push = (session: Session, mutations: Mutation[], clientId?: string) => pushAs(server.url, session, mutations, clientId);

  const pullAll = (session: Session, after = 0, limit?: number) => pullFrom(server.url, session, after, limit);

  test("the load benchmark's byte reader of pull pages agrees with the parsed page", async () => {
    // Bodies that mention the encoding's own markers must not be counted as changes.
    await push(agent, [put('note', noteRecord(uid('n'), 'Body with {"seq":1} and ],"cursor":9,"hasMore":true} in it'))]);
    await push(agent, [put('customer', customerRecord(uid('c')))]);
    for (const [after, limit] of [[0, 2], [0, 500], [1_000_000, 10]] as const) {
      const response = await fetch(`${server.url}/v1/sync/pull?after=${after}&limit=${limit}`, { headers: { authorization: `Bearer ${agent.token}` } });
      const body = Buffer.from(await response.arrayBuffer());
      const page = JSON.parse(body.toString()) as { changes: unknown[]; cursor: number };
      expect(readPullPage(body)).toEqual({ changes: page.changes.length, cursor: page.cursor });
    }
    expect(() => readPullPage(Buffer.from('{"error":"nope"}'))).toThrow(/not a pull page/);
  });

  test('one push writing a record twice: each write has its seq, the log keeps both, pull answers the latest once', async () => {
    const id = uid('n');
    const before = await pullAll(agent);
    const results = await push(agent, [put('note', noteRecord(id, 'First')), put('note', noteRecord(id, 'Second'))]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(results[1]!.seq).toBe(results[0]!.seq! + 1);
    const after = await pullAll(agent, before.cursor);
    const mine = after.changes.filter((c) => c.id === id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.seq).toBe(results[1]!.seq);
    expect(mine[0]!.data).toMatchObject({ body: 'Second', revisions: [{ body: 'First', authorName: 'Aki Agent' }] });
    const logged = await server.db.execute(sql`select count(*)::int as n from changes where record_id = ${id}`);
    expect((logged as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(2);
  });

  test('a mutation id repeated in one push, and one already applied, answer duplicate with the original seq', async () => {
    const applied = put('customer', customerRecord(uid('c')));
    const [first] = await push(agent, [applied], 'client-repeats');
    const fresh = put('customer', customerRecord(uid('c')));
    const results = await push(agent, [applied, fresh, fresh], 'client-repeats');
    expect(results).toEqual([
      { mutationId: applied.mutationId, status: 'duplicate', seq: first!.seq, reason: null },
      { mutationId: fresh.mutationId, status: 'applied', seq: results[1]!.seq, reason: null },
      { mutationId: fresh.mutationId, status: 'duplicate', seq: results[1]!.seq, reason: null },
    ]);
  });

  test('pushes at once from many clients: each applied once, in one unbroken run of seqs; sent again, all duplicates', async () => {
    const pushes = Array.from({ length: 12 }, (_, i) => ({
      session: i % 2 === 0 ? agent : agent2,
      clientId: `client-crowd-${i}-${uid('')}`.slice(0, 60),
      mutations: Array.from({ length: 3 }, () => put('customer', customerRecord(uid('c')))),
    }));
    const answers = await Promise.all(pushes.map((p) => push(p.session, p.mutations, p.clientId)));
    const seqs = answers.flat().map((r) => (expect(r.status).toBe('applied'), r.seq!));
    const sorted = [...seqs].sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(36);
    expect(sorted.at(-1)! - sorted[0]!).toBe(35);
    // Within a push, its own order.
    for (const results of answers) expect(results.map((r) => r.seq)).toEqual([...results.map((r) => r.seq!)].sort((a, b) => a - b));
    const again = await Promise.all(pushes.map((p) => push(p.session, p.mutations, p.clientId)));
    expect(again).toEqual(answers.map((results) => results.map((r) => ({ ...r, status: 'duplicate' }))));
  });

  test('a refused mutation among others pushed at once is refused alone', async () => {
    const theirs = uid('n');
    await push(agent2, [put('note', noteRecord(theirs, 'Ben wrote this'))]);
    const ok = put('customer', customerRecord(uid('c')));
    const [mixed, other] = await Promise.all([
      push(agent, [ok, put('note', noteRecord(theirs, 'Aki overwrites')), put('settings', { id: 'team' } as never)]),
      push(agent2, [put('customer', customerRecord(uid('c')))]),
    ]);
    expect(mixed!.map((r) => [r.status, r.reason])).toEqual([
      ['applied', null],
      ['rejected', 'forbidden'],
      ['rejected', 'forbidden'],
    ]);
    expect(other![0]!.status).toBe('applied');
    expect((await pullAll(admin)).changes.find((c) => c.id === theirs)?.data).toMatchObject({ body: 'Ben wrote this' });
  });

  test('when writing a push fails, it is applied mutation by mutation: only the failing one is refused', async () => {
    // A trigger stands in for another team taking an id at the same moment: a unique violation on write.
    await server.db.execute(
      sql.raw(`create or replace function refuse_boom() returns trigger language plpgsql as $$
        begin
          if new.mutation_id like 'boom%' then raise exception 'taken' using errcode = 'unique_violation'; end if;
          return new;
        end $$`),
    );
    await server.db.execute(sql.raw('create trigger refuse_boom before insert on changes for each row execute function refuse_boom()'));
    try {
      const boom = { ...put('customer', customerRecord(uid('c'))), mutationId: `boom${uid('')}`.slice(0, 60) };
      const before = put('customer', customerRecord(uid('c')));
      const after = put('customer', customerRecord(uid('c')));
      const alongside = put('customer', customerRecord(uid('c')));
      const [results, others] = await Promise.all([push(agent, [before, boom, after], 'client-boom'), push(agent2, [alongside], 'client-beside')]);
      expect(results!.map((r) => [r.status, r.reason])).toEqual([
        ['applied', null],
        ['rejected', 'otherTeam'],
        ['applied', null],
      ]);
      expect(results![2]!.seq).toBe(results![0]!.seq! + 1);
      expect(others![0]!.status).toBe('applied');
      const pulled = (await pullAll(admin)).changes.map((c) => c.id);
      expect(pulled).toEqual(expect.arrayContaining([before.id, after.id, alongside.id]));
      expect(pulled).not.toContain(boom.id);
      expect((await push(agent, [before, after], 'client-boom')).map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    } finally {
      await server.db.execute(sql.raw('drop trigger refuse_boom on changes'));
    }
  });

  test('pages from encoded changes equal pages read from the database; private text never reaches other agents', async () => {
    const secret = `Secret ${uid('s')}`;
    const turning = uid('n');
    const customer = customerRecord(uid('c'), 'Quote " and \\ and 日本語');
    await push(agent, [put('customer', customer), put('note', noteRecord(turning, 'Public at first')), put('note', noteRecord(uid('n'), secret, { private: true }))]);
    await push(agent, [put('note', noteRecord(turning, `${secret} now`, { private: true })), { ...put('customer', customer), op: 'delete', data: null }]);
    await push(supervisor, [put('note', noteRecord(uid('n'), 'Supervisor public'))]);

    const sessions = [agent, agent2, supervisor, admin];
    // Written by this process: encoded when pushed.
    const warm = await Promise.all(sessions.map((s) => pullAll(s, 0, 7)));
    // A new process on the same data has nothing encoded yet: everything is read from the database.
    await server.restart();
    const cold = await Promise.all(sessions.map((s) => pullAll(s, 0, 7)));
    expect(cold).toEqual(warm);
    // Read once, then answered again from what was read.
    expect(await Promise.all(sessions.map((s) => pullAll(s, 0, 7)))).toEqual(warm);

    const other = JSON.stringify(warm[1]!.changes);
    expect(other).not.toContain(secret);
    expect(warm[1]!.changes.find((c) => c.id === turning)).toMatchObject({ op: 'delete', data: null });
    for (const index of [0, 2, 3]) {
      expect(warm[index]!.changes.find((c) => c.id === turning)?.data).toMatchObject({ body: `${secret} now`, private: true });
    }
    expect(warm[0]!.changes.find((c) => c.id === customer.id)).toMatchObject({ op: 'delete', data: null });
  });
});

test('the change cache keeps a bounded number of changes per team, the latest', () => {
  const cache = new ChangeCache();
  const at = new Date('2026-05-01T00:00:00.000Z');
  const written = Array.from({ length: 20_010 }, (_, i) => ({
    seq: i + 1,
    entity: 'customer' as const,
    id: `c${i}`,
    op: 'put' as const,
    data: { id: `c${i}` },
    ownerId: null,
    private: false,
    authorId: 'm_1',
    authorName: 'A',
    at,
  }));
  cache.add('t1', written);
  expect(cache.size('t1')).toBe(20_000);
  expect(cache.get('t1', 1)).toBeUndefined();
  expect(JSON.parse(cache.get('t1', 20_010)!.full.toString())).toEqual({
    seq: 20_010,
    entity: 'customer',
    id: 'c20009',
    op: 'put',
    data: { id: 'c20009' },
    authorId: 'm_1',
    authorName: 'A',
    at: at.toISOString(),
  });
  expect(cache.size('t2')).toBe(0);
});
