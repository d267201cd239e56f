// @vitest-environment happy-dom
/** Keyword watch's saved searches: the options page's editor and the popup's list. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { WatchSearchesEditor } from '@/components/options/WatchSearchesEditor';
import { WatchList } from '@/components/popup/WatchList';
import { LangContext } from '@/components/i18n';
import type { KotaeDB } from '@/utils/db/kotae-db';
import type { Lang } from '@/utils/i18n';
import { readWatchSearches, watchSearchesItem } from '@/utils/storage';
import type { Role } from '@/utils/sync/wire';
import { freshDb, joinedSession } from '../helpers/db';

let db: KotaeDB;
beforeEach(() => {
  fakeBrowser.reset();
  db = freshDb();
});
afterEach(cleanup);

async function renderEditor(lang: Lang = 'en', role: Role | null = null) {
  if (role) await db.syncState.put({ ...joinedSession, member: { ...joinedSession.member, role } });
  render(
    <LangContext.Provider value={lang}>
      <WatchSearchesEditor database={db} />
    </LangContext.Provider>,
  );
  return screen.findByRole('heading', { name: lang === 'en' ? 'Keyword watch' : 'キーワード監視' });
}

const list = () => screen.getByRole('list', { name: 'Saved searches' });

describe('the saved searches editor', () => {
  it('adds, edits and removes searches from the keyboard, keeping each one’s id', async () => {
    const user = userEvent.setup();
    await renderEditor();
    expect(screen.getByText('No saved searches yet.')).toBeDefined();
    const query = screen.getByRole('textbox', { name: 'Search (X’s search syntax)' });
    expect(query.getAttribute('aria-describedby')).toBeTruthy(); // the syntax example
    await user.click(query);
    await user.keyboard('kotae OR コタエ');
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Name in the list (optional)' }));
    await user.keyboard('Brand{Enter}');
    expect(await screen.findByText('Added Brand.')).toBeDefined();
    await user.type(query, '"kotea"{Enter}');
    await waitFor(() => expect(within(list()).getAllByRole('listitem')).toHaveLength(2));
    const [brand, typo] = await readWatchSearches();
    expect(brand).toMatchObject({ query: 'kotae OR コタエ', label: 'Brand' });
    expect(typo).toEqual({ id: expect.any(String), query: '"kotea"' });

    await user.click(within(list()).getByRole('button', { name: 'Edit Brand' }));
    expect(document.activeElement).toBe(query);
    expect((query as HTMLInputElement).value).toBe('kotae OR コタエ');
    await user.clear(query);
    await user.type(query, 'kotae OR コタエ OR ｺﾀｴ');
    await user.click(screen.getByRole('button', { name: 'Save search' }));
    expect(await screen.findByText('Saved Brand.')).toBeDefined();
    const edited = await readWatchSearches();
    expect(edited[0]).toEqual({ id: brand!.id, query: 'kotae OR コタエ OR ｺﾀｴ', label: 'Brand' });

    await user.click(within(list()).getByRole('button', { name: 'Remove "kotea"' }));
    expect(await screen.findByText('Removed "kotea".')).toBeDefined();
    expect((await readWatchSearches()).map((s) => s.label ?? s.query)).toEqual(['Brand']);
  });

  it('explains what is wrong beside the field and saves nothing', async () => {
    const user = userEvent.setup();
    await watchSearchesItem.setValue([{ id: 'a', query: 'Kotae app' }]);
    await renderEditor();
    const query = screen.getByRole('textbox', { name: 'Search (X’s search syntax)' });
    await user.click(screen.getByRole('button', { name: 'Add search' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Enter what to search for.');
    expect(query.getAttribute('aria-invalid')).toBe('true');
    expect(query.getAttribute('aria-describedby')).toContain(screen.getByRole('alert').id);
    await user.type(query, '  kotae   APP {Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('That search is already in the list.');
    await user.clear(query);
    await user.click(query);
    await user.paste('答'.repeat(501));
    await user.keyboard('{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('A search can be at most 500 characters.');
    expect(await readWatchSearches()).toEqual([{ id: 'a', query: 'Kotae app' }]);
  });

  it('speaks Japanese', async () => {
    const user = userEvent.setup();
    await renderEditor('ja');
    await user.type(screen.getByRole('textbox', { name: '検索語（X の検索構文）' }), 'コタエ{Enter}');
    expect(await screen.findByText('「コタエ」を追加しました。')).toBeDefined();
    expect(screen.getByRole('button', { name: '「コタエ」を削除' })).toBeDefined();
  });

  it('shows an agent on a team the team’s list read-only, and lets a supervisor edit it', async () => {
    await watchSearchesItem.setValue([{ id: 'a', query: 'kotae', label: 'Brand' }]);
    await renderEditor('en', 'agent');
    expect(screen.getByText('This is your team’s list: its supervisors and admins change it.')).toBeDefined();
    expect(within(list()).getByText('Brand')).toBeDefined();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
    cleanup();
    await renderEditor('en', 'supervisor');
    expect(screen.getByRole('button', { name: 'Edit Brand' })).toBeDefined();
    expect(screen.getByRole('textbox', { name: 'Search (X’s search syntax)' })).toBeDefined();
  });

  it('follows the list when the team’s arrives', async () => {
    await renderEditor('en', 'agent');
    await watchSearchesItem.setValue([{ id: 'b', query: 'コタエ' }]);
    expect(await within(list()).findByText('コタエ')).toBeDefined();
  });
});

describe('keyword watch in the popup', () => {
  const renderList = (openSearch = vi.fn(), lang: Lang = 'en') => {
    render(
      <LangContext.Provider value={lang}>
        <WatchList openSearch={openSearch} />
      </LangContext.Provider>,
    );
    return openSearch;
  };

  it('opens each saved search as X’s live search in a new tab', async () => {
    const user = userEvent.setup();
    await watchSearchesItem.setValue([
      { id: 'a', query: 'kotae OR コタエ', label: 'Brand' },
      { id: 'b', query: '"kotea"' },
    ]);
    const openSearch = renderList();
    const links = await within(screen.getByRole('list', { name: 'Keyword watch' })).findAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['Brand', '"kotea"']);
    const url = 'https://x.com/search?q=kotae%20OR%20%E3%82%B3%E3%82%BF%E3%82%A8&src=typed_query&f=live';
    expect(links[0]?.getAttribute('href')).toBe(url);
    links[0]!.focus();
    await user.keyboard('{Enter}');
    expect(openSearch).toHaveBeenCalledWith(url);
    await user.click(links[1]!);
    expect(openSearch).toHaveBeenLastCalledWith('https://x.com/search?q=%22kotea%22&src=typed_query&f=live');
  });

  it('says where to add searches when there are none, in Japanese too', async () => {
    renderList(vi.fn(), 'ja');
    expect(await screen.findByText('保存した検索はまだありません。設定ページで追加できます。')).toBeDefined();
  });
});
