/**
 * Customers and notes as CSV for a spreadsheet: RFC 4180 (fields quoted when they
 * hold a comma, quote or line break; quotes doubled; CRLF between rows), UTF-8 with
 * a byte-order mark so Excel reads Japanese as Japanese. A cell that starts like a
 * formula (`=`, `+`, `-`, `@`, or a tab or carriage return before one) gets a
 * leading `'`, so a customer's text is never run as a formula.
 */
import type { Customer, Identity, Note, Tag } from '@/utils/model';

export const CSV_BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(value: CsvValue): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

function groupBy<T extends { customerId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.customerId);
    if (group) group.push(row);
    else groups.set(row.customerId, [row]);
  }
  return groups;
}

/** One row per customer record, with its identities and live tags. */
export function customersCsv(input: { customers: readonly Customer[]; identities: readonly Identity[]; tags: readonly Tag[] }): string {
  const identities = groupBy(input.identities);
  const tags = groupBy(input.tags.filter((tag) => tag.deletedAt === null));
  return toCsv(
    ['id', 'name', 'status', 'identities', 'tags', 'createdAt', 'updatedAt', 'mergedInto'],
    input.customers.map((c) => [
      c.id,
      c.displayName,
      c.status,
      (identities.get(c.id) ?? []).map((i) => i.id).join(' '),
      (tags.get(c.id) ?? []).map((t) => t.label).join(', '),
      c.createdAt,
      c.updatedAt,
      c.mergedInto,
    ]),
  );
}

/** One row per note that is not deleted (the JSON backup keeps the deleted ones too). */
export function notesCsv(input: { notes: readonly Note[]; customers: readonly Customer[] }): string {
  const names = new Map(input.customers.map((c) => [c.id, c.displayName]));
  return toCsv(
    ['id', 'customerId', 'customerName', 'author', 'private', 'postKey', 'body', 'createdAt', 'updatedAt'],
    input.notes
      .filter((note) => note.deletedAt === null)
      .map((n) => [n.id, n.customerId, names.get(n.customerId) ?? '', n.authorName, n.private === true, n.postKey, n.body, n.createdAt, n.updatedAt]),
  );
}
