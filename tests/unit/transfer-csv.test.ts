import { describe, expect, it } from 'vitest';
import type { Customer, Identity, Note, Tag } from '@/utils/model';
import { CSV_BOM, csvCell, customersCsv, notesCsv, toCsv } from '@/utils/transfer/csv';

const T0 = '2026-05-01T09:00:00.000Z';

/** A small RFC 4180 reader, to show the text a spreadsheet would get back. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += ch;
  }
  return rows;
}

describe('CSV', () => {
  it('quotes commas, quotes and line breaks (RFC 4180) and ends rows with CRLF', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
    const text = toCsv(['a', 'b'], [['1, 2', 'x"y\nz']]);
    expect(text).toBe(`${CSV_BOM}a,b\r\n"1, 2","x""y\nz"\r\n`);
    expect(readCsv(text.slice(1))).toEqual([
      ['a', 'b'],
      ['1, 2', 'x"y\nz'],
    ]);
  });

  it('starts with a byte-order mark, so Excel reads UTF-8 Japanese', () => {
    const text = toCsv(['名前'], [['山田 花子 🌸']]);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect([...new TextEncoder().encode(text).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readCsv(text.slice(1))).toEqual([['名前'], ['山田 花子 🌸']]);
  });

  it('never lets a cell start a formula', () => {
    for (const risky of ['=HYPERLINK("http://evil","click")', '+81 90', '-1+1', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(csvCell(risky).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvCell('=1+1, then')).toBe(`"'=1+1, then"`);
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('お問い合わせ=1')).toBe('お問い合わせ=1');
  });

  it('writes customers with their identities and live tags, and live notes with their customer', () => {
    const customers: Customer[] = [
      { id: 'c-1', displayName: '山田, 花子', status: 'open', createdAt: T0, updatedAt: T0, mergedInto: null },
      { id: 'c-2', displayName: '=cmd', status: 'resolved', createdAt: T0, updatedAt: T0, mergedInto: 'c-1' },
    ];
    const identities: Identity[] = [
      { id: 'x:hanako', kind: 'x', handle: 'hanako', displayName: 'Hanako', customerId: 'c-1', createdAt: T0, updatedAt: T0, linkedByHand: false },
      { id: 'facebook:1000', kind: 'facebook', handle: '1000', displayName: 'H', customerId: 'c-1', createdAt: T0, updatedAt: T0, linkedByHand: true },
    ];
    const tags: Tag[] = [
      { id: 'c-1:vip', customerId: 'c-1', label: 'vip', createdAt: T0, createdBy: 'a', deletedAt: null },
      { id: 'c-1:old', customerId: 'c-1', label: 'old', createdAt: T0, createdBy: 'a', deletedAt: T0 },
    ];
    const rows = readCsv(customersCsv({ customers, identities, tags }).slice(1));
    expect(rows[0]).toEqual(['id', 'name', 'status', 'identities', 'tags', 'createdAt', 'updatedAt', 'mergedInto']);
    expect(rows[1]).toEqual(['c-1', '山田, 花子', 'open', 'x:hanako facebook:1000', 'vip', T0, T0, '']);
    expect(rows[2]?.[1]).toBe("'=cmd");

    const note = (id: string, body: string, deletedAt: string | null = null): Note => ({
      id,
      customerId: 'c-1',
      body,
      authorId: 'a',
      authorName: 'Sato',
      postKey: 'x:1',
      private: id === 'n-2',
      createdAt: T0,
      updatedAt: T0,
      deletedAt,
    });
    const notes = readCsv(notesCsv({ customers, notes: [note('n-1', '届きません\n"至急"'), note('n-2', '-50% off'), note('n-3', 'gone', T0)] }).slice(1));
    expect(notes).toEqual([
      ['id', 'customerId', 'customerName', 'author', 'private', 'postKey', 'body', 'createdAt', 'updatedAt'],
      ['n-1', 'c-1', '山田, 花子', 'Sato', 'false', 'x:1', '届きません\n"至急"', T0, T0],
      ['n-2', 'c-1', '山田, 花子', 'Sato', 'true', 'x:1', "'-50% off", T0, T0],
    ]);
  });
});
