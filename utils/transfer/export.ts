/**
 * Everything this browser holds, as one JSON file:
 *
 *   { "format": "kotae-export", "version": 1, "exportedAt": "…",
 *     "records": { "customers": [...], "identities": [...], ... }, "settings": {...} }
 *
 * Records go out as stored, tombstones and revisions included, one per line so the
 * file stays readable and diffable however large it is.
 */
import type { KotaeDB } from '@/utils/db/kotae-db';
import { TABLE_NAMES, TRANSFER_TABLES, type RecordSet, type TableName, type TransferRow } from './tables';
import { readSettingsSection, type SettingsSection } from './settings';

export const EXPORT_FORMAT = 'kotae-export';
export const EXPORT_VERSION = 1;

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  records: RecordSet;
  settings: SettingsSection;
}

/** The records of the given tables (all by default), read in one transaction so they agree. */
export async function readRecords(db: KotaeDB, names: readonly TableName[] = TABLE_NAMES): Promise<Partial<RecordSet>> {
  const tables = names.map((name) => db.table<TransferRow, string>(name));
  return db.transaction('r', tables, async () => {
    const rows = await Promise.all(tables.map((table) => table.toArray()));
    return Object.fromEntries(names.map((name, i) => [name, rows[i]!])) as Partial<RecordSet>;
  });
}

/** The row's fields in its schema's order (then any others), so two exports of the same data are the same bytes. */
function canonical(row: TransferRow, order: readonly string[]): TransferRow {
  const out: Record<string, unknown> = {};
  for (const key of order) if (key in row) out[key] = row[key];
  for (const key of Object.keys(row)) if (!(key in out)) out[key] = row[key];
  return out as TransferRow;
}

export function serialiseExport(file: ExportFile): string {
  const tables = TRANSFER_TABLES.map(({ name, schema }) => {
    const rows = file.records[name] ?? [];
    const order = Object.keys(schema.shape);
    const body = rows.length === 0 ? '[]' : `[\n${rows.map((row) => `      ${JSON.stringify(canonical(row, order))}`).join(',\n')}\n    ]`;
    return `    ${JSON.stringify(name)}: ${body}`;
  });
  const settings = JSON.stringify(file.settings, null, 2).replace(/\n/g, '\n  ');
  return [
    '{',
    `  "format": ${JSON.stringify(file.format)},`,
    `  "version": ${file.version},`,
    `  "exportedAt": ${JSON.stringify(file.exportedAt)},`,
    '  "records": {',
    tables.join(',\n'),
    '  },',
    `  "settings": ${settings}`,
    '}',
    '',
  ].join('\n');
}

export async function exportEverything(db: KotaeDB, now: Date): Promise<string> {
  const [records, settings] = await Promise.all([readRecords(db), readSettingsSection()]);
  return serialiseExport({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    records: records as RecordSet,
    settings,
  });
}
