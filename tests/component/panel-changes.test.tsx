// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { CustomerPanel } from '@/components/panel/CustomerPanel';
import { ClientContext } from '@/components/client-context';
import { LangContext } from '@/components/i18n';
import { recordSeenPosts } from '@/utils/db/posts';
import { applyPage } from '@/utils/sync/apply';
import type { KotaeDB } from '@/utils/db/kotae-db';
import type { Lang } from '@/utils/i18n';
import type { ChangeLogEntry } from '@/utils/model';
import type { Change } from '@/utils/sync/wire';
import { freshDb, seenPost } from '../helpers/db';
import { testClient } from '../helpers/client';

let db: KotaeDB;
beforeEach(async () => {
  db = freshDb();
  await recordSeenPosts(db, [seenPost()], new Date('2026-05-01T09:00:00Z'));
});
afterEach(cleanup);

function renderPanel(lang: Lang = 'en') {
  const { client } = testClient(db);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <LangContext.Provider value={lang}>
      <ClientContext.Provider value={client}>
        <QueryClientProvider client={queryClient}>
          <CustomerPanel identityId="x:alice" postKey="x:1790000000000000001" onClose={vi.fn()} />
        </QueryClientProvider>
      </ClientContext.Provider>
    </LangContext.Provider>,
  );
}

const entryTexts = (list: HTMLElement) => within(list).getAllByRole('listitem').map((item) => item.querySelector('.change')!.textContent);

describe('the changes section', () => {
  it('is collapsed until opened, then lists who changed what, newest first, never a private note’s text', async () => {
    const user = userEvent.setup();
    renderPanel();
    const toggle = await screen.findByRole('button', { name: 'Changes' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('list', { name: 'Changes' })).toBeNull();

    await user.type(screen.getByRole('textbox', { name: 'New tag' }), 'VIP{Enter}');
    await screen.findByRole('button', { name: 'Remove tag VIP' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'waiting');
    await waitFor(async () => expect((await db.customers.toArray())[0]?.status).toBe('waiting'));
    await user.type(screen.getByRole('textbox', { name: 'New note' }), 'Card ends 4242');
    await user.click(screen.getByRole('checkbox', { name: 'Private: only me, supervisors and admins' }));
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    await within(await screen.findByRole('list', { name: 'Notes' })).findByText('Card ends 4242');

    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const list = await screen.findByRole('list', { name: 'Changes' });
    await waitFor(() => expect(entryTexts(list)).toEqual(['Note added', 'Status: New → Waiting on customer', 'Tag added: VIP']));
    expect(within(list).getAllByText(/^Sato · /)).toHaveLength(3);
    expect(list.textContent).not.toContain('4242');

    // A colleague's change pulled from the team server, with their name and the server's time.
    await db.syncState.put({
      key: 'session',
      token: 'token-for-this-test-only-000000',
      serverUrl: 'http://127.0.0.1:1',
      member: { id: 'm-1', name: 'Sato', role: 'agent', disabled: false, createdAt: '2026-05-01T00:00:00.000Z' },
      team: { id: 't', name: 'Team' },
      joinedAt: '2026-05-01T00:00:00.000Z',
    });
    const tag = (await db.tags.toArray())[0]!;
    const pulled: Change = {
      seq: 7,
      entity: 'tag',
      id: tag.id,
      op: 'put',
      data: { ...tag, deletedAt: '2026-05-02T10:00:00.000Z' },
      authorId: 'm-2',
      authorName: 'Suzuki',
      at: '2030-01-01T00:00:00.000Z',
    };
    await applyPage(db, [pulled], 7);
    // Closing and opening again reads the log afresh.
    await user.click(toggle);
    await user.click(toggle);
    await waitFor(() => expect(entryTexts(screen.getByRole('list', { name: 'Changes' }))[0]).toBe('Tag removed: VIP'));
    expect(within(screen.getByRole('list', { name: 'Changes' })).getAllByRole('listitem')[0]!.textContent).toMatch(/Suzuki · .*2030/);
  });

  it('shows the latest 100 and more on request; in Japanese', async () => {
    const customerId = 'c:x:alice';
    const entries: ChangeLogEntry[] = Array.from({ length: 130 }, (_, i) => ({
      id: `e-${i}`,
      customerId,
      at: new Date(Date.UTC(2026, 4, 2, 0, i)).toISOString(),
      actorId: 'agent-1',
      actorName: '佐藤',
      entity: 'tag',
      recordId: `${customerId}:t${i}`,
      action: 'added',
      summary: `タグ${i}`,
    }));
    await db.changeLog.bulkAdd(entries);
    const user = userEvent.setup();
    renderPanel('ja');
    await user.click(await screen.findByRole('button', { name: '変更履歴' }));
    const list = await screen.findByRole('list', { name: '変更履歴' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(100));
    expect(entryTexts(list)[0]).toBe('タグを追加：タグ129');
    expect(entryTexts(list)[99]).toBe('タグを追加：タグ30');
    await user.click(screen.getByRole('button', { name: '変更履歴をさらに表示' }));
    await waitFor(() => expect(within(screen.getByRole('list', { name: '変更履歴' })).getAllByRole('listitem')).toHaveLength(130));
    expect(screen.queryByRole('button', { name: '変更履歴をさらに表示' })).toBeNull();
  });
});
