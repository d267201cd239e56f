/**
 * Writes a checked import: every record in one Dexie transaction across the record
 * tables and the outbox, so it is all or nothing. Records are keyed by their ids, so
 * importing the same file twice adds nothing: where both sides hold an id, the record
 * changed later wins (see tables.ts), and a note keeps the body it replaced in its
 * revisions. While this browser is joined to a team, every record written is queued
 * for the team server through the outbox, exactly as a change made by hand.
 */
import { KotaeError } from '@/utils/errors';
import type { KotaeDB } from '@/utils/db/kotae-db';
import type { Template } from '@/utils/model';
import { enqueue, outboxTables } from '@/utils/sync/outbox';
import type { Progress } from './check';
import { TRANSFER_TABLES, type RecordSet, type TableName, type TransferRow } from './tables';

export interface TableOutcome {
  added: number;
  updated: number;
  unchanged: number;
}
export type ImportOutcome = Record<TableName, TableOutcome>;

export interface ApplyOptions {
  onProgress?: (progress: Progress) => void;
  /** Records read and written per step inside the transaction. */
  chunkSize?: number;
}

/** A short code picks a template at once, so an import may not give a live template another's code. */
async function assertCodesFree(db: KotaeDB, written: readonly TransferRow[]): Promise<void> {
  const ids = new Set(written.map((t) => t.id));
  for (const row of written) {
    const template = row as unknown as Template;
    if (!template.code || template.deletedAt !== null) continue;
    const holder = await db.templates
      .where('code')
      .equals(template.code)
      .filter((t) => t.deletedAt === null && t.id !== template.id && !ids.has(t.id))
      .first();
    if (holder) throw new KotaeError('codeTaken', `The code /${template.code} is already used by "${holder.title}"`);
  }
}

export async function applyImport(db: KotaeDB, records: RecordSet, options: ApplyOptions = {}): Promise<ImportOutcome> {
  const chunkSize = options.chunkSize ?? 2_000;
  const total = TRANSFER_TABLES.reduce((sum, { name }) => sum + records[name].length, 0);
  const tables = TRANSFER_TABLES.map(({ name }) => db.table<TransferRow, string>(name));
  return db.transaction('rw', [...tables, ...outboxTables(db)], async () => {
    const outcome = {} as ImportOutcome;
    let done = 0;
    options.onProgress?.({ phase: 'writing', done, total });
    for (const [position, table] of TRANSFER_TABLES.entries()) {
      const store = tables[position]!;
      const rows = records[table.name];
      const counts: TableOutcome = { added: 0, updated: 0, unchanged: 0 };
      for (let start = 0; start < rows.length; start += chunkSize) {
        const chunk = rows.slice(start, start + chunkSize);
        const existing = await store.bulkGet(chunk.map((row) => row.id));
        const written: TransferRow[] = [];
        chunk.forEach((incoming, i) => {
          const here = existing[i];
          const kept = here ? table.merge(here, incoming) : incoming;
          if (!kept) counts.unchanged += 1;
          else {
            if (here) counts.updated += 1;
            else counts.added += 1;
            written.push(kept);
          }
        });
        if (table.name === 'templates') await assertCodesFree(db, written);
        await store.bulkPut(written);
        if (table.entity) await enqueue(db, table.entity, written.map((row) => row.id));
        done += chunk.length;
        options.onProgress?.({ phase: 'writing', done, total });
      }
      outcome[table.name] = counts;
    }
    return outcome;
  });
}
