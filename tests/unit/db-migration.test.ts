import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { KotaeDB } from '@/utils/db/kotae-db';
import { customerDetail } from '@/utils/db/customers';
import { customerSchema, identitySchema, interactionSchema, noteSchema, tagSchema, templateSchema } from '@/utils/model';

/** One fixture per schema version: a database exactly as that version wrote it. */
interface VersionFixture {
  version: number;
  stores: Record<string, string>;
  rows: Record<string, unknown[]>;
  expect: { identity: string; notes: string[]; tags: string[]; identities: string[]; templates: number };
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
    // Sync state and the outbox (version 3 on) come through as they were; older databases start with none.
    expect(await db.outbox.toArray()).toEqual(fixture.rows.outbox ?? []);
    expect(await db.syncState.toArray()).toEqual(
      [...((fixture.rows.syncState ?? []) as { key: string }[])].sort((a, b) => a.key.localeCompare(b.key)),
    );
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
