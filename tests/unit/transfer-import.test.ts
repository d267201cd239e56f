import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { KotaeDB } from '@/utils/db/kotae-db';
import type { Customer, Interaction, Note, Template } from '@/utils/model';
import { readAgentProfile, readTimerSettings } from '@/utils/storage';
import type { SessionRow } from '@/utils/sync/outbox';
import { checkExportFile, type Progress } from '@/utils/transfer/check';
import { importEverything } from '@/utils/transfer/import';
import { mergeNotes } from '@/utils/transfer/tables';
import { freshDb } from '../helpers/db';

const T0 = '2026-05-01T09:00:00.000Z';
const T1 = '2026-05-02T09:00:00.000Z';

const customer = (i: number, overrides: Partial<Customer> = {}): Customer => ({
  id: `c-${i}`,
  displayName: `顧客 ${i}`,
  status: 'open',
  createdAt: T0,
  updatedAt: T0,
  mergedInto: null,
  ...overrides,
});
const note = (i: number, overrides: Partial<Note> = {}): Note => ({
  id: `n-${i}`,
  customerId: 'c-here',
  body: `メモ ${i}`,
  authorId: 'agent-1',
  authorName: 'Sato',
  postKey: null,
  createdAt: T0,
  updatedAt: T0,
  deletedAt: null,
  ...overrides,
});
const seen = (i: number): Interaction => ({
  id: `seen:x:${i}`,
  customerId: 'c-here',
  identityId: 'x:alice',
  kind: 'seen',
  postKey: `x:${i}`,
  postUrl: `https://x.com/alice/status/${i}`,
  postText: 'hello',
  postedAt: T0,
  recordedAt: T0,
  byAgentId: null,
});

function fileOf(records: Record<string, unknown>, settings: Record<string, unknown> = {}, header: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: 'kotae-export', version: 1, exportedAt: T1, records, settings, ...header }, null, 2);
}

let db: KotaeDB;
beforeEach(async () => {
  fakeBrowser.reset();
  db = freshDb();
  // The customer the notes below belong to, already on this browser.
  await db.customers.put(customer(0, { id: 'c-here' }));
});

describe('a file that is not a backup', () => {
  it('says when it is not JSON, with the line and column', async () => {
    const result = await importEverything(db, '{\n  "format": "kotae-export",\n  "version": 1,,\n}');
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'notJson', line: 3, column: 16 }] });
  });

  it('says when it is another kind of file or version', async () => {
    expect(await importEverything(db, '')).toMatchObject({ ok: false, problems: [{ code: 'empty' }] });
    expect(await importEverything(db, '[1, 2]')).toMatchObject({ ok: false, problems: [{ code: 'wrongFormat' }] });
    expect(await importEverything(db, JSON.stringify({ format: 'kotae-templates', version: 1, templates: [] }))).toMatchObject({
      ok: false,
      problems: [{ code: 'wrongFormat' }],
    });
    expect(await importEverything(db, fileOf({}, {}, { version: 2 }))).toMatchObject({ ok: false, problems: [{ code: 'wrongVersion', field: 'version' }] });
    expect(await importEverything(db, fileOf({ notes: { 'n-1': {} } }))).toMatchObject({ ok: false, problems: [{ code: 'notList', record: 'notes' }] });
  });
});

describe('checking every record first', () => {
  it('imports nothing when one record among 1,000 is wrong, and names it and the reason', async () => {
    const customers = Array.from({ length: 1_000 }, (_, i) => customer(i));
    customers[637] = { ...customer(637), status: 'closed' as Customer['status'], createdAt: undefined as unknown as string };
    const templatesBefore = await db.templates.count();
    const result = await importEverything(db, fileOf({ customers, notes: [note(1)] }, { agentName: 'Should not be written' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.record, p.field, p.code])).toEqual([
      ['customers[637] (id c-637)', 'status', 'badValue'],
      ['customers[637] (id c-637)', 'createdAt', 'missing'],
    ]);
    // Located in the file, as the template import does: the record's own line.
    expect(result.problems[0]?.line).toBeGreaterThan(637 * 8);
    expect(await db.customers.count()).toBe(1);
    expect(await db.notes.count()).toBe(0);
    expect(await db.templates.count()).toBe(templatesBefore);
    expect((await readAgentProfile()).name).toBe('');
  });

  it('refuses a 100,000-character note as too long, and takes a 100 KB Japanese one', async () => {
    const long = await importEverything(db, fileOf({ notes: [note(1), note(2, { body: 'a'.repeat(100_000) })] }));
    expect(long).toMatchObject({ ok: false, problems: [{ record: 'notes[1] (id n-2)', field: 'body', code: 'tooLong', reason: 'too long' }] });
    const japanese = 'あ'.repeat(34_000);
    expect(new TextEncoder().encode(japanese).length).toBeGreaterThan(100_000);
    expect(await importEverything(db, fileOf({ notes: [note(3, { body: japanese })] }))).toMatchObject({ ok: true });
    expect((await db.notes.get('n-3'))?.body).toBe(japanese);
  });

  it('refuses records pointing at a customer neither the file nor this browser holds', async () => {
    const result = await importEverything(db, fileOf({ notes: [note(1), note(2, { customerId: 'c-404' })] }));
    expect(result).toMatchObject({ ok: false, problems: [{ record: 'notes[1] (id n-2)', field: 'customerId', code: 'unknownCustomer' }], problemCount: 1 });
    expect(await db.notes.count()).toBe(0);
    // A customer already here is enough: a file may carry only notes.
    await db.customers.put(customer(404));
    expect(await importEverything(db, fileOf({ notes: [note(2, { customerId: 'c-404' })] }))).toMatchObject({ ok: true });
  });

  it('refuses an id used twice in one list', async () => {
    const result = await importEverything(db, fileOf({ notes: [note(1), note(2), note(1, { body: 'again' })] }));
    expect(result).toMatchObject({ ok: false, problems: [{ record: 'notes[2] (id n-1)', field: 'id', code: 'duplicateId' }] });
  });

  it('keeps HTML in text as text, byte for byte', async () => {
    const body = '<img src=x onerror="alert(1)"> &amp; <script>alert(2)</script>';
    await importEverything(db, fileOf({ notes: [note(1, { body })], customers: [customer(0, { displayName: '<b>Bold</b> & Co' })] }));
    expect((await db.notes.get('n-1'))?.body).toBe(body);
    expect((await db.customers.get('c-0'))?.displayName).toBe('<b>Bold</b> & Co');
  });

  it('leaves out fields and lists it does not know, and says which', async () => {
    const result = await importEverything(
      db,
      fileOf(
        { notes: [{ ...note(1), colour: 'red' }, { ...note(2), colour: 'blue', pinned: true }], widgets: [{ id: 'w' }] },
        { theme: 'dark', agentName: '佐藤' },
      ),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ignored).toEqual(
      expect.arrayContaining([
        { table: 'notes', field: 'colour', count: 2 },
        { table: 'notes', field: 'pinned', count: 1 },
        { table: 'records', field: 'widgets', count: 1 },
        { table: 'settings', field: 'theme', count: 1 },
      ]),
    );
    expect(await db.notes.get('n-2')).toEqual(note(2));
    expect((await readAgentProfile()).name).toBe('佐藤');
  });

  it('reports progress in chunks, checking then writing', async () => {
    const seenList: Progress[] = [];
    const notes = Array.from({ length: 2_500 }, (_, i) => note(i));
    const result = await importEverything(db, fileOf({ notes }), { chunkSize: 1_000, onProgress: (p) => seenList.push(p) });
    expect(result.ok).toBe(true);
    expect(seenList.filter((p) => p.phase === 'checking').map((p) => p.done)).toEqual([0, 1_000, 2_000, 2_500]);
    expect(seenList.filter((p) => p.phase === 'writing').map((p) => p.done)).toEqual([0, 1_000, 2_000, 2_500]);
    expect(seenList.every((p) => p.total === 2_500)).toBe(true);
  });

  it('checks the settings with their own schemas', async () => {
    const result = await checkExportFile(fileOf({}, { timer: { targetMinutes: 0 }, teamIdentities: ['not a key'] }));
    expect(result).toMatchObject({
      ok: false,
      problems: [
        { record: 'settings', field: 'timer.targetMinutes', code: 'tooSmall' },
        { record: 'settings', field: 'teamIdentities.0', code: 'badValue' },
      ],
    });
  });
});

describe('merging into what is already here', () => {
  it('keeps the record changed later, and a note keeps the body it replaced', async () => {
    await db.customers.bulkPut([customer(0, { displayName: 'Here, newer', updatedAt: T1 }), customer(1, { displayName: 'Here, older' })]);
    await db.notes.bulkPut([note(1, { body: 'here, older' }), note(2, { body: 'here, newer', updatedAt: T1 }), note(3)]);
    const result = await importEverything(
      db,
      fileOf({
        customers: [customer(0, { displayName: 'File, older' }), customer(1, { displayName: 'File, newer', updatedAt: T1 })],
        notes: [note(1, { body: 'file, newer', updatedAt: T1 }), note(2, { body: 'file, older' }), note(3)],
      }),
    );
    expect(result).toMatchObject({ ok: true, outcome: { customers: { added: 0, updated: 1, unchanged: 1 }, notes: { added: 0, updated: 2, unchanged: 1 } } });
    expect((await db.customers.get('c-0'))?.displayName).toBe('Here, newer');
    expect((await db.customers.get('c-1'))?.displayName).toBe('File, newer');
    expect(await db.notes.get('n-1')).toMatchObject({ body: 'file, newer', revisions: [{ body: 'here, older', replacedAt: T1 }] });
    expect(await db.notes.get('n-2')).toMatchObject({ body: 'here, newer', revisions: [{ body: 'file, older' }] });
    expect(await db.notes.get('n-3')).toEqual(note(3));
  });

  it('takes the later of added and removed for tags', async () => {
    const tag = { id: 'c-0:vip', customerId: 'c-here', label: 'vip', createdAt: T0, createdBy: 'a', deletedAt: null };
    await db.tags.bulkPut([
      { ...tag, deletedAt: T1 },
      { ...tag, id: 'c-0:old', label: 'old' },
    ]);
    await importEverything(db, fileOf({ tags: [tag, { ...tag, id: 'c-0:old', label: 'old', deletedAt: T1 }] }));
    // Removed here later than the file's copy was added: stays removed; removed in the file later: removed.
    expect((await db.tags.get('c-0:vip'))?.deletedAt).toBe(T1);
    expect((await db.tags.get('c-0:old'))?.deletedAt).toBe(T1);
    // A second look at the same file: both stay as they are.
    const again = await importEverything(db, fileOf({ tags: [tag, { ...tag, id: 'c-0:old', label: 'old', deletedAt: T1 }] }));
    expect(again).toMatchObject({ ok: true, outcome: { tags: { added: 0, updated: 0, unchanged: 2 } } });
  });

  it('compares times as instants, whatever their offset', () => {
    const here = note(1, { body: 'here', updatedAt: '2026-05-01T18:30:00+09:00' });
    const file = note(1, { body: 'file', updatedAt: '2026-05-01T09:31:00Z' });
    expect(mergeNotes(here, file)?.body).toBe('file');
  });

  it('imports all or nothing: a clash found while writing leaves everything as it was', async () => {
    const clash: Template = {
      id: 'mine',
      title: 'Mine',
      category: 'c',
      code: 'ack',
      variants: [{ lang: 'en', body: 'x' }],
      scope: 'personal',
      createdAt: T0,
      updatedAt: T0,
      deletedAt: null,
    };
    const result = importEverything(db, fileOf({ customers: [customer(0)], templates: [clash] }, { agentName: 'Not written' }));
    await expect(result).rejects.toMatchObject({ code: 'codeTaken' });
    expect(await db.customers.get('c-0')).toBeUndefined();
    expect(await db.templates.get('mine')).toBeUndefined();
    expect((await readAgentProfile()).name).toBe('');
    expect((await readTimerSettings()).targetMinutes).toBe(60);
  });
});

describe('on a team', () => {
  const session: SessionRow = {
    key: 'session',
    token: 'a-token-that-is-long-enough',
    serverUrl: 'http://127.0.0.1:1',
    member: { id: 'm-1', name: 'Sato', role: 'admin', disabled: false, createdAt: T0 },
    team: { id: 't-1', name: 'Support' },
    joinedAt: T0,
  };

  it('queues what it wrote for the team server, once, and not personal templates', async () => {
    await db.syncState.put(session);
    const entry = { id: 'log-1', customerId: 'c-0', at: T0, actorId: 'a', actorName: 'Sato', entity: 'note', recordId: 'n-1', action: 'added', summary: '' };
    const file = fileOf({ customers: [customer(0)], notes: [note(1)], interactions: [seen(1)], changeLog: [entry] });
    await importEverything(db, file);
    const queued = (await db.outbox.orderBy('seq').toArray()).map((e) => `${e.entity}:${e.id}`);
    expect(queued).toEqual(['customer:c-0', 'note:n-1', 'interaction:seen:x:1']);
    expect(await db.changeLog.get('log-1')).toEqual(entry);
    await importEverything(db, file);
    expect(await db.outbox.count()).toBe(3);
  });

  it('queues nothing while working alone', async () => {
    await importEverything(db, fileOf({ customers: [customer(0)], notes: [note(1)] }));
    expect(await db.outbox.count()).toBe(0);
  });
});
