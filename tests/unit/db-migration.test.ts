import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { KotaeDB } from '@/utils/db/kotae-db';
import { customerDetail } from '@/utils/db/customers';
import { customerChanges } from '@/utils/db/change-log';
import { listFeedback, recordFeedback } from '@/utils/db/feedback';
import { changeLogEntrySchema, customerSchema, feedbackSchema, identitySchema, interactionSchema, noteSchema, tagSchema, templateSchema } from '@/utils/model';

/** One fixture per schema version: a database exactly as that version wrote it. */
interface VersionFixture {
  version: number;
  stores: Record<string, string>;
  rows: Record<string, unknown[]>;
  expect: {
    identity: string;
    notes: string[];
    tags: string[];
    identities: string[];
    templates: number;
    /** Version 4 on: the feedback the log lists, and the customer's change log, newest first. */
    feedback?: string[];
    changes?: string[];
  };
}

const dir = join(__dirname, '..', 'fixtures', 'db');
const fixtures = readdirSync(dir)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as VersionFixture)
  .sort((a, b) => a.version - b.version);

const schemas = {
  customers: customerSchema,
  identities: identitySchema,
  interactions: interactionSchema,
  notes: noteSchema,
  tags: tagSchema,
  templates: templateSchema,
  feedback: feedbackSchema,
  changeLog: changeLogEntrySchema,
} as const;

describe('database versions', () => {
  it('has a fixture for the current version', () => {
    const current = new KotaeDB('kotae-version-probe');
    expect(fixtures.at(-1)?.version).toBe(current.verno);
  });

  it.each(fixtures.map((f) => [f.version, f] as const))('opens a version %i database with nothing lost', async (_v, fixture) => {
    const name = `kotae-migration-v${fixture.version}`;
    const legacy = new Dexie(name);
    legacy.version(fixture.version).stores(fixture.stores);
    await legacy.open();
    for (const [table, rows] of Object.entries(fixture.rows)) await legacy.table(table).bulkAdd(rows);
    legacy.close();

    const db = new KotaeDB(name);
    await db.open();
    for (const [table, schema] of Object.entries(schemas)) {
      const rows = await db.table(table).toArray();
      const expected = table === 'templates' ? fixture.expect.templates : (fixture.rows[table]?.length ?? 0);
      expect(rows, table).toHaveLength(expected);
      for (const row of rows) expect(schema.safeParse(row).success, `${table} ${JSON.stringify(row)}`).toBe(true);
    }
    const detail = await customerDetail(db, fixture.expect.identity);
    expect(detail.notes.map((n) => n.body)).toEqual(fixture.expect.notes);
    expect(detail.tags.map((t) => t.label)).toEqual(fixture.expect.tags);
    expect(detail.identities.map((i) => i.id)).toEqual(fixture.expect.identities);
    // Version 4 on: feedback (a withdrawn record kept as a tombstone) and the change log; older databases start with none.
    expect((await listFeedback(db)).map((f) => f.id)).toEqual(fixture.expect.feedback ?? []);
    expect((await customerChanges(db, detail.customer.id, 100)).entries.map((e) => e.id)).toEqual(fixture.expect.changes ?? []);
    // Sync state and the outbox (version 3 on) come through as they were; older databases start with none.
    expect(await db.outbox.toArray()).toEqual(fixture.rows.outbox ?? []);
    expect(await db.syncState.toArray()).toEqual(
      [...((fixture.rows.syncState ?? []) as { key: string }[])].sort((a, b) => a.key.localeCompare(b.key)),
    );
    db.close();
  });

  it('upgrades a version 3 database to 4 with everything kept, and records feedback in it at once', async () => {
    const v3 = fixtures.find((f) => f.version === 3)!;
    const name = 'kotae-migration-3-to-4';
    const legacy = new Dexie(name);
    legacy.version(3).stores(v3.stores);
    await legacy.open();
    for (const [table, rows] of Object.entries(v3.rows)) await legacy.table(table).bulkAdd(rows);
    legacy.close();

    const db = new KotaeDB(name);
    await db.open();
    expect(db.verno).toBe(4);
    for (const [table, rows] of Object.entries(v3.rows)) {
      const key = table === 'outbox' ? 'seq' : table === 'syncState' ? 'key' : 'id';
      const sort = (list: unknown[]) => [...(list as Record<string, string>[])].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
      expect(sort(await db.table(table).toArray()), table).toEqual(sort(rows));
    }
    expect(await db.feedback.count()).toBe(0);
    expect(await db.changeLog.count()).toBe(0);
    // The joined browser of the fixture queues new feedback behind the change already waiting.
    const feedback = await recordFeedback(
      db,
      { postKey: 'x:1790000000000000001', kind: 'bug', area: 'Checkout', comment: '' },
      { agentId: 'm-1', agentName: 'Sato', now: new Date('2026-04-03T00:00:00Z') },
    );
    expect((await db.outbox.orderBy('seq').toArray()).map((e) => `${e.entity}:${e.id}`)).toEqual(['note:n-1', `feedback:${feedback.id}`]);
    db.close();
  });

  it('keeps the outbox in the order changes were made, after an upgrade', async () => {
    const v2 = fixtures.find((f) => f.version === 2)!;
    const name = 'kotae-migration-outbox-order';
    const legacy = new Dexie(name);
    legacy.version(2).stores(v2.stores);
    await legacy.open();
    legacy.close();
    const db = new KotaeDB(name);
    const entry = { entity: 'note' as const, id: 'n', op: 'put' as const, data: null };
    await db.outbox.bulkAdd([{ ...entry, mutationId: 'mutation-b' }, { ...entry, mutationId: 'mutation-a' }]);
    expect((await db.outbox.orderBy('seq').toArray()).map((e) => e.mutationId)).toEqual(['mutation-b', 'mutation-a']);
    db.close();
  });

  it('starts a new database with the default templates', async () => {
    const db = new KotaeDB('kotae-fresh');
    const codes = (await db.templates.toArray()).map((t) => t.code).sort();
    expect(codes).toEqual(['ack', 'result', 'dm', 'done', 'sorry', 'thanks'].sort());
    db.close();
  });
});
