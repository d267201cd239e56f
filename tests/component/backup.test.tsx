// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BackupSection } from '@/components/options/BackupSection';
import { OptionsPage } from '@/components/options/OptionsPage';
import { LangContext } from '@/components/i18n';
import { db } from '@/utils/db';
import type { Lang } from '@/utils/i18n';
import type { Customer, Note } from '@/utils/model';

const T0 = '2026-05-01T09:00:00.000Z';
const customer = (i: number): Customer => ({ id: `c-${i}`, displayName: `顧客 ${i}`, status: 'open', createdAt: T0, updatedAt: T0, mergedInto: null });
const note = (i: number): Note => ({
  id: `n-${i}`,
  customerId: 'c-0',
  body: i === 0 ? '=1+1 <b>not bold</b>' : `メモ ${i}`,
  authorId: 'a',
  authorName: 'Sato',
  postKey: null,
  createdAt: T0,
  updatedAt: T0,
  deletedAt: null,
});
const backup = (records: Record<string, unknown[]>) => JSON.stringify({ format: 'kotae-export', version: 1, exportedAt: T0, records, settings: {} });

let downloads: { name: string; blob: Blob }[];
beforeEach(async () => {
  fakeBrowser.reset();
  await Promise.all([db.customers.clear(), db.notes.clear(), db.identities.clear(), db.tags.clear(), db.interactions.clear(), db.outbox.clear(), db.syncState.clear()]);
  downloads = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = vi.fn((blob: Blob) => {
    const url = `blob:kotae/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, blob: blobs.get(this.href)! });
  });
});
afterEach(cleanup);

function renderSection(lang: Lang = 'en') {
  render(
    <LangContext.Provider value={lang}>
      <BackupSection />
    </LangContext.Provider>,
  );
}

/** A file whose text arrives only when the test says so, to see the page while it waits. */
function slowFile(text: string, name = 'backup.json') {
  const file = new File([text], name, { type: 'application/json' });
  let release = () => {};
  const ready = new Promise<void>((resolve) => (release = resolve));
  Object.defineProperty(file, 'text', { value: async () => (await ready, text) });
  return { file, release };
}

describe('backup and moving', () => {
  it('exports everything to one JSON file as a download', async () => {
    await db.customers.put(customer(0));
    await db.notes.put(note(0));
    const user = userEvent.setup();
    renderSection();
    await user.click(screen.getByRole('button', { name: 'Export everything (JSON)' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]!.name).toMatch(/^kotae-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(await downloads[0]!.blob.text());
    expect(file).toMatchObject({ format: 'kotae-export', version: 1, records: { customers: [customer(0)], notes: [note(0)] } });
  });

  it('exports customers and notes as CSV with a byte-order mark', async () => {
    await db.customers.put(customer(0));
    await db.notes.put(note(0));
    const user = userEvent.setup();
    renderSection();
    await user.click(screen.getByRole('button', { name: 'Customers as CSV' }));
    await user.click(screen.getByRole('button', { name: 'Notes as CSV' }));
    await waitFor(() => expect(downloads).toHaveLength(2));
    expect(downloads.map((d) => d.name.replace(/\d{4}-\d{2}-\d{2}/, 'DATE'))).toEqual(['kotae-customers-DATE.csv', 'kotae-notes-DATE.csv']);
    const notesText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await downloads[1]!.blob.arrayBuffer());
    expect(notesText.charCodeAt(0)).toBe(0xfeff);
    expect(notesText).toContain(`'=1+1 <b>not bold</b>`);
    expect(new TextDecoder().decode(await downloads[0]!.blob.arrayBuffer())).toContain('顧客 0');
  });

  it('shows progress while importing, then what it imported', async () => {
    const user = userEvent.setup();
    renderSection();
    const notes = Array.from({ length: 3_000 }, (_, i) => note(i));
    const { file, release } = slowFile(backup({ customers: [customer(0)], notes }));
    await user.upload(screen.getByLabelText('Import a backup (JSON file)'), file);
    const bar = await screen.findByRole('progressbar', { name: 'Import progress' });
    expect(screen.getByRole('status').textContent).toBe('Reading the file…');
    expect(screen.getByLabelText('Import a backup (JSON file)')).toHaveProperty('disabled', true);
    expect(bar).toBeTruthy();
    release();
    const summary = await screen.findByText('Imported 3,001 records: 3,001 added, 0 updated, 0 already here.');
    expect(summary.closest('[role="status"]')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(await db.notes.count()).toBe(3_000);

    // The same file again: nothing new.
    await user.upload(screen.getByLabelText('Import a backup (JSON file)'), new File([backup({ customers: [customer(0)], notes })], 'again.json'));
    await screen.findByText('Imported 3,001 records: 0 added, 0 updated, 3,001 already here.');
    expect(await db.notes.count()).toBe(3_000);
  });

  it('shows the imported settings in the options page’s forms at once', async () => {
    const user = userEvent.setup();
    render(
      <LangContext.Provider value="en">
        <OptionsPage />
      </LangContext.Provider>,
    );
    expect(await screen.findByRole('spinbutton', { name: 'Answer within (minutes)' })).toHaveProperty('value', '60');
    const file = new File(
      [JSON.stringify({ format: 'kotae-export', version: 1, exportedAt: T0, records: {}, settings: { agentName: 'Kenji', timer: { targetMinutes: 30 } } })],
      'settings.json',
    );
    await user.upload(screen.getByLabelText('Import a backup (JSON file)'), file);
    await screen.findByText(/^Imported 0 records/);
    await waitFor(() => expect(screen.getByRole('spinbutton', { name: 'Answer within (minutes)' })).toHaveProperty('value', '30'));
    expect(screen.getByRole('textbox', { name: /Your name/ })).toHaveProperty('value', 'Kenji');
  });

  it('counts records in the progress text', async () => {
    const user = userEvent.setup();
    renderSection();
    const notes = Array.from({ length: 5_000 }, (_, i) => note(i));
    await user.upload(screen.getByLabelText('Import a backup (JSON file)'), new File([backup({ customers: [customer(0)], notes })], 'big.json'));
    await screen.findByText(/^\d{1,3}(,\d{3})* \/ 5,001 records$/);
    await screen.findByText(/^Imported 5,001 records/);
  });

  it('lists the problems of a bad file in an alert and imports nothing', async () => {
    const user = userEvent.setup();
    renderSection();
    const notes = [note(1), { ...note(2), body: 'x'.repeat(60_000) }];
    await user.upload(screen.getByLabelText('Import a backup (JSON file)'), new File([backup({ customers: [customer(0)], notes })], 'bad.json'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Nothing was imported.');
    expect(within(alert).getByRole('listitem').textContent).toMatch(/^Line \d+, column \d+: notes\[1\] \(id n-2\): body: too long$/);
    expect(await db.customers.count()).toBe(0);

    await user.upload(screen.getByLabelText('Import a backup (JSON file)'), new File(['not json at all'], 'photo.json'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('The file: this is not a JSON file'));
  });

  it('is all reachable by keyboard, with names', async () => {
    const user = userEvent.setup();
    renderSection();
    expect(screen.getByRole('region', { name: 'Backup and moving' })).toBeTruthy();
    const order = [
      screen.getByRole('button', { name: 'Export everything (JSON)' }),
      screen.getByRole('button', { name: 'Customers as CSV' }),
      screen.getByRole('button', { name: 'Notes as CSV' }),
      screen.getByLabelText('Import a backup (JSON file)'),
    ];
    for (const element of order) {
      await user.tab();
      expect(document.activeElement).toBe(element);
    }
    // The merge rule is read out with the file field.
    expect(order[3]!.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(order[3]!.getAttribute('aria-describedby')!)?.textContent).toContain('the one changed later is kept');
    await user.tab({ shift: true });
    await user.keyboard('{Enter}');
    await waitFor(() => expect(downloads.map((d) => d.name)).toEqual([expect.stringMatching(/^kotae-notes-/)]));
  });

  it('speaks Japanese', async () => {
    const user = userEvent.setup();
    renderSection('ja');
    expect(screen.getByRole('region', { name: 'バックアップと移行' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'すべて書き出す（JSON）' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '顧客を CSV で書き出す' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'メモを CSV で書き出す' })).toBeTruthy();
    const { file, release } = slowFile(backup({ customers: [customer(0)], notes: [note(1)] }));
    await user.upload(screen.getByLabelText('バックアップを読み込む（JSON ファイル）'), file);
    expect(await screen.findByRole('progressbar', { name: '読み込みの進み具合' })).toBeTruthy();
    release();
    await screen.findByText('2 件を読み込みました：追加 2 件、更新 0 件、変更なし 0 件。');

    await user.upload(
      screen.getByLabelText('バックアップを読み込む（JSON ファイル）'),
      new File([JSON.stringify({ format: 'kotae-templates', version: 1, templates: [] })], 'templates.json'),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('何も読み込みませんでした');
    expect(alert.textContent).toContain('ファイル：Kotae のバックアップではありません');
  });
});
