// Pushes for one team through two instances on one PostgreSQL: a push is written only if
// the team's seq is still the one it read; otherwise it is read again, and in the end applied
// under the team's row lock. Each mutation is applied once, in one unbroken run of seqs.
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { pushResponseSchema } from '@/utils/sync/wire';
import { call, noteRecord, pullAll, pushAs, put, shaped, twoInstances, uid } from './helpers';

describe('pushes through two instances on one PostgreSQL', () => {
  const databaseUrl = process.env.DATABASE_URL;
  const pair = twoInstances(databaseUrl);

  test.skipIf(!databaseUrl)('pushes through both instances at once: each mutation applied once, in one unbroken run of seqs', async () => {
    const { a, bUrl, admin } = pair;
    const members = await Promise.all(Array.from({ length: 6 }, (_, i) => a.member('agent', `Racer ${i}`)));
    const start = (await pullAll(a.url, admin)).cursor;
    const batches = members.flatMap((member, m) =>
      Array.from({ length: 5 }, (_, i) => ({ member, clientId: `client-${m}`, mutations: [0, 1, 2].map((k) => put('note', noteRecord(`race-${m}-${i}-${k}-${uid()}`, 'text'), `race-m${m}-${i}-${k}`)) })),
    );
    // Every batch sent to both instances at the same moment.
    const answers = await Promise.all(
      batches.flatMap(({ member, clientId, mutations }) => [a.url, bUrl].map((base) => call(base, 'POST', '/v1/sync/push', { token: member.token, body: { clientId, mutations } }))),
    );
    const seqs = new Map<string, number>();
    // Mutation ids are unique across the batches: both answers for one carry the same seq.
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.json)).toBe(200);
      for (const result of shaped(pushResponseSchema, answer.json).results) {
        expect(['applied', 'duplicate']).toContain(result.status);
        if (seqs.has(result.mutationId)) expect(result.seq).toBe(seqs.get(result.mutationId));
        else seqs.set(result.mutationId, result.seq!);
      }
    }
    const applied = [...seqs.values()].sort((x, y) => x - y);
    expect(applied).toHaveLength(batches.length * 3);
    expect(applied).toEqual(applied.map((_, i) => start + 1 + i));
    const { changes } = await pullAll(bUrl, admin, start);
    expect(changes.map((c) => c.seq)).toEqual(applied);
  });

  test.skipIf(!databaseUrl)("a push whose team's seq moves twice before it writes is read again, then applied under the lock", async () => {
    const { a, bUrl, admin } = pair;
    const agent = await a.member('agent', 'Kai');
    await pushAs(a.url, agent, [put('note', noteRecord(uid('n'), 'first'))]);
    const start = (await pullAll(a.url, admin)).cursor;
    // Two writers, as other instances would be: each holds the team's row, then moves its seq on.
    // A third holds the log table for a moment, so the push reads again only once the second has the row.
    const [first, second, gate] = [0, 1, 2].map(() => new pg.Client({ connectionString: databaseUrl })) as [pg.Client, pg.Client, pg.Client];
    await Promise.all([first, second, gate].map((client) => client.connect()));
    const watcher = new pg.Client({ connectionString: databaseUrl });
    await watcher.connect();
    /** Waits until a statement like `pattern` waits for a lock. */
    const waiting = async (pattern: string) => {
      for (let tries = 0; tries < 500; tries++) {
        const { rows } = await watcher.query("select 1 from pg_stat_activity where wait_event_type = 'Lock' and query like $1", [pattern]);
        if (rows.length > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`no statement like ${pattern} waits`);
    };
    const pushWrite = 'with bumped as%';
    const pushRead = '%as done,%';
    try {
      await first.query('begin');
      await first.query('select seq from teams where id = $1 for update', [a.teamId]);
      const note = noteRecord(uid('n'), 'raced');
      const pushed = pushAs(bUrl, agent, [put('note', note)]);
      await waiting(pushWrite);
      await gate.query('begin');
      const gateLocked = gate.query('lock table changes in access exclusive mode');
      await waiting('lock table changes%');
      // The push's write finds the seq moved; the gate then holds the log, so the push's next read waits.
      await first.query('update teams set seq = seq + 1 where id = $1', [a.teamId]);
      await first.query('commit');
      await gateLocked;
      await waiting(pushRead);
      await second.query('begin');
      await second.query('select seq from teams where id = $1 for update', [a.teamId]);
      await gate.query('commit');
      // Read again after the first move; its write waits for the second writer, which moves the seq once more.
      await waiting(pushWrite);
      await second.query('update teams set seq = seq + 1 where id = $1', [a.teamId]);
      await second.query('commit');
      const [result] = await pushed;
      expect(result).toMatchObject({ status: 'applied', seq: start + 3 });
      const { changes } = await pullAll(a.url, admin, start);
      expect(changes.map((c) => [c.id, c.seq])).toEqual([[note.id, start + 3]]);
    } finally {
      await Promise.all([first, second, gate, watcher].map((client) => client.end()));
    }
  });

  if (!databaseUrl) test.skip('needs PostgreSQL: set DATABASE_URL (npm test starts one when its binaries exist)', () => {});
});
