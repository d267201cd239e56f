// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { CustomerPanel } from '@/components/panel/CustomerPanel';
import { ClientContext } from '@/components/client-context';
import { LangContext } from '@/components/i18n';
import { recordSeenPosts } from '@/utils/db/posts';
import type { KotaeDB } from '@/utils/db/kotae-db';
import type { Lang } from '@/utils/i18n';
import type { Role } from '@/utils/sync/wire';
import { freshDb, seenPost } from '../helpers/db';
import { testClient } from '../helpers/client';

let db: KotaeDB;
beforeEach(async () => {
  db = freshDb();
  await recordSeenPosts(db, [seenPost({ text: '<b>not bold</b> 注文が届きません' })], new Date('2026-05-01T09:00:00Z'));
});
afterEach(cleanup);

function renderPanel(lang: Lang = 'en', onClose = vi.fn(), role: Role | null = null) {
  const { client } = testClient(db, undefined, undefined, role);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <LangContext.Provider value={lang}>
      <ClientContext.Provider value={client}>
        <QueryClientProvider client={queryClient}>
          <CustomerPanel identityId="x:alice" postKey="x:1790000000000000001" onClose={onClose} />
        </QueryClientProvider>
      </ClientContext.Provider>
    </LangContext.Provider>,
  );
  return { onClose };
}

describe('customer panel', () => {
  it('adds a private note, and shows the earlier versions of an edited one', async () => {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByRole('heading', { name: 'Customer @alice' });
    await user.type(screen.getByRole('textbox', { name: 'New note' }), 'VIP, handle with care');
    await user.click(screen.getByRole('checkbox', { name: 'Private: only me, supervisors and admins' }));
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    const notes = await screen.findByRole('list', { name: 'Notes' });
    await within(notes).findByText(/· Private$/);
    expect((await db.notes.toArray())[0]).toMatchObject({ body: 'VIP, handle with care', private: true });

    // Bodies a colleague's edit replaced arrive with the note from the team server.
    const note = (await db.notes.toArray())[0]!;
    await db.notes.put({ ...note, revisions: [{ body: 'VIP', authorName: 'Ken', replacedAt: '2026-05-01T10:00:00.000Z' }] });
    cleanup();
    renderPanel();
    await user.click(await screen.findByText('Earlier versions (1)'));
    expect(screen.getByText('VIP').className).toBe('note-body');
    expect(screen.getByText(/by Ken, replaced/)).toBeTruthy();
  });

  it('offers an agent on a team no changes to a colleague’s note', async () => {
    const user = userEvent.setup();
    renderPanel('en', vi.fn(), 'agent');
    await screen.findByRole('heading', { name: 'Customer @alice' });
    await user.type(screen.getByRole('textbox', { name: 'New note' }), 'Mine');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    const notes = await screen.findByRole('list', { name: 'Notes' });
    await within(notes).findByRole('button', { name: 'Edit note' });
    const mine = (await db.notes.toArray())[0]!;
    await db.notes.add({ ...mine, id: 'colleague-note', body: 'Theirs', authorId: 'someone-else', authorName: 'Ken' });
    cleanup();
    renderPanel('en', vi.fn(), 'agent');
    const list = await screen.findByRole('list', { name: 'Notes' });
    await within(list).findByText('Theirs');
    expect(within(list).getAllByRole('button', { name: 'Edit note' })).toHaveLength(1);
    expect(within(list).getAllByRole('button', { name: 'Delete note' })).toHaveLength(1);
  });


  it('adds, edits and deletes a note by keyboard and pointer', async () => {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByRole('heading', { name: 'Customer @alice' });

    await user.type(screen.getByRole('textbox', { name: 'New note' }), 'Promised a refund{Enter}by Friday');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    const notes = await screen.findByRole('list', { name: 'Notes' });
    expect(within(notes).getByText(/Promised a refund\s+by Friday/)).toBeTruthy();
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'New note' }).value).toBe('');

    await user.click(within(notes).getByRole('button', { name: 'Edit note' }));
    const editor = screen.getByRole('textbox', { name: 'Edit note text' });
    await user.clear(editor);
    await user.type(editor, 'Refund sent');
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Edit note text' })).toBeNull());
    expect(within(notes).getByText('Refund sent').className).toBe('note-body');

    await user.click(screen.getByRole('button', { name: 'Delete note' }));
    await user.click(within(screen.getByRole('group', { name: 'Delete this note?' })).getByRole('button', { name: 'Delete' }));
    await screen.findByText('No notes yet.');
    expect((await db.notes.toArray()).map((n) => n.deletedAt !== null)).toEqual([true]);
  });

  it('keeps a too-long note in the box with a clear message and saves nothing', async () => {
    const user = userEvent.setup();
    renderPanel();
    const box = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: 'New note' });
    const long = 'x'.repeat(100_000);
    await user.click(box);
    await user.paste(long);
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect((await screen.findByRole('alert')).textContent).toContain('100000 characters');
    expect(box.value).toBe(long);
    expect(await db.notes.count()).toBe(0);
  });

  it('shows HTML from the page and from notes as text', async () => {
    const user = userEvent.setup();
    const { container } = { container: document.body };
    renderPanel();
    await user.type(await screen.findByRole('textbox', { name: 'New note' }), '<img src=x onerror=alert(1)>');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    await screen.findByText('<img src=x onerror=alert(1)>');
    expect(screen.getAllByText(/<b>not bold<\/b>/).length).toBeGreaterThan(0);
    expect(container.querySelector('img, b')).toBeNull();
  });

  it('manages tags, status and linked identities', async () => {
    const user = userEvent.setup();
    renderPanel();
    await user.type(await screen.findByRole('textbox', { name: 'New tag' }), 'VIP{Enter}');
    const tags = await screen.findByRole('list', { name: 'Tags' });
    expect(within(tags).getByText('VIP')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Remove tag VIP' }));
    await screen.findByText('No tags yet.');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'waiting');
    await waitFor(async () => expect((await db.customers.toArray())[0]?.status).toBe('waiting'));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Where' }), 'email');
    await user.type(screen.getByRole('textbox', { name: 'Handle, id or e-mail address' }), 'not an address');
    await user.click(screen.getByRole('button', { name: 'Link identity' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/not a valid/);
    await user.clear(screen.getByRole('textbox', { name: 'Handle, id or e-mail address' }));
    await user.type(screen.getByRole('textbox', { name: 'Handle, id or e-mail address' }), 'alice@example.com');
    await user.click(screen.getByRole('button', { name: 'Link identity' }));
    await screen.findByRole('button', { name: 'Unlink alice@example.com' });
  });

  it('lists the history with the post text and a link to the post', async () => {
    renderPanel();
    const history = await screen.findByRole('list', { name: 'History' });
    expect(within(history).getByText(/注文が届きません/)).toBeTruthy();
    expect(within(history).getByRole('link', { name: 'Open post' }).getAttribute('href')).toBe(
      'https://x.com/alice/status/1790000000000000001',
    );
  });

  it('shows the post’s wait and records what was done about it', async () => {
    const user = userEvent.setup();
    renderPanel();
    const post = await screen.findByRole('region', { name: 'This post' });
    const stateIs = (pattern: RegExp) =>
      waitFor(() => expect(within(post).getByRole('status').textContent).toMatch(pattern), { timeout: 3_000 });
    // The buttons stay disabled until the panel has read back what the last one did.
    const press = async (name: string) => {
      const button = await waitFor(() => {
        const found = within(post).getByRole('button', { name }) as HTMLButtonElement;
        expect(found.disabled).toBe(false);
        return found;
      });
      await user.click(button);
    };
    await stateIs(/^Overdue/);
    await press('Record without reply');
    await stateIs(/^Recorded, no reply$/);
    await press('Reopen');
    await stateIs(/^Overdue/);
    await press('Continued in DM or e-mail');
    await stateIs(/^In DM/);
    const history = screen.getByRole('list', { name: 'History' });
    await within(history).findByText(/Moved to DM or e-mail/, undefined, { timeout: 3_000 });
    expect(within(history).getByText(/Recorded without reply/)).toBeTruthy();
  });

  it('closes with Escape and with the close button', async () => {
    const user = userEvent.setup();
    const { onClose } = renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Close panel' }));
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('speaks Japanese', async () => {
    const user = userEvent.setup();
    renderPanel('ja');
    await screen.findByRole('heading', { name: 'お客様 @alice' });
    await user.type(screen.getByRole('textbox', { name: '新しいメモ' }), '返金を約束');
    await user.click(screen.getByRole('button', { name: 'メモを追加' }));
    expect(within(await screen.findByRole('list', { name: 'メモ' })).getByText('返金を約束')).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'ステータス' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'パネルを閉じる' })).toBeTruthy();
  });
});
