// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { CustomerPanel } from '@/components/panel/CustomerPanel';
import { FeedbackLog } from '@/components/options/FeedbackLog';
import { ClientContext } from '@/components/client-context';
import { LangContext } from '@/components/i18n';
import { recordSeenPosts, postTimers } from '@/utils/db/posts';
import type { KotaeDB } from '@/utils/db/kotae-db';
import type { Lang } from '@/utils/i18n';
import type { Feedback } from '@/utils/model';
import { freshDb, seenPost } from '../helpers/db';
import { testClient } from '../helpers/client';

const POST = 'x:1790000000000000001';
let db: KotaeDB;
beforeEach(async () => {
  db = freshDb();
  await recordSeenPosts(db, [seenPost({ text: '配送が遅い、三回目です' })], new Date('2026-05-01T09:00:00Z'));
});
afterEach(cleanup);

function wrap(lang: Lang, children: React.ReactNode) {
  const { client } = testClient(db);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <LangContext.Provider value={lang}>
      <ClientContext.Provider value={client}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </ClientContext.Provider>
    </LangContext.Provider>,
  );
}

const renderPanel = (lang: Lang = 'en') => wrap(lang, <CustomerPanel identityId="x:alice" postKey={POST} onClose={vi.fn()} />);

/** Presses Tab until `target` has focus (as a person would), failing if it never does. */
async function tabTo(user: UserEvent, target: HTMLElement) {
  for (let presses = 0; presses < 60 && document.activeElement !== target; presses += 1) await user.tab();
  expect(document.activeElement).toBe(target);
}

describe('recording feedback from the panel', () => {
  it('records the post as a complaint by keyboard, leaving its timer alone', async () => {
    const user = userEvent.setup();
    renderPanel();
    const section = await screen.findByRole('region', { name: 'Feedback for the product team' });
    const timersBefore = await postTimers(db, [POST]);

    // Nothing chosen yet: the form says what is missing and records nothing.
    await tabTo(user, within(section).getByRole('button', { name: 'Record feedback' }));
    await user.keyboard('{Enter}');
    expect((await within(section).findByRole('alert')).textContent).toBe('Choose what kind of feedback this is.');

    await tabTo(user, within(section).getByRole('radio', { name: 'Praise' }));
    await user.keyboard(' ');
    expect(within(section).getByRole<HTMLInputElement>('radio', { name: 'Praise' }).checked).toBe(true);
    await user.keyboard('{ArrowDown}');
    expect(within(section).getByRole<HTMLInputElement>('radio', { name: 'Complaint' }).checked).toBe(true);
    await tabTo(user, within(section).getByRole('combobox', { name: 'Product area' }));
    await user.keyboard('Shipping');
    await user.tab();
    expect(document.activeElement).toBe(within(section).getByRole('textbox', { name: 'Comment (optional)' }));
    await user.keyboard('Third delay this month');
    await user.tab();
    await user.keyboard('{Enter}');

    await waitFor(() => expect(within(section).getByRole('status').textContent).toBe('Recorded as Complaint · Shipping.'));
    const stored = await db.feedback.toArray();
    expect(stored).toEqual([
      expect.objectContaining({
        kind: 'complaint',
        area: 'Shipping',
        comment: 'Third delay this month',
        postKey: POST,
        identityId: 'x:alice',
        postText: '配送が遅い、三回目です',
        postUrl: 'https://x.com/alice/status/1790000000000000001',
        recordedByName: 'Sato',
        deletedAt: null,
      }),
    ]);
    // The form is ready for the next one, and the record shows under the post.
    expect(within(section).getByRole<HTMLInputElement>('combobox', { name: 'Product area' }).value).toBe('');
    const onPost = await within(section).findByRole('list', { name: 'Recorded on this post' });
    expect(within(onPost).getByText(/^Complaint · Shipping · Sato · /)).toBeTruthy();
    // Recording is not answering: no interaction, the timer has the same facts.
    expect(await db.interactions.count()).toBe(1);
    expect(await postTimers(db, [POST])).toEqual(timersBefore);
    // The customer's change log has it.
    await user.click(screen.getByRole('button', { name: 'Changes' }));
    const changes = await screen.findByRole('list', { name: 'Changes' });
    expect(within(changes).getByText('Feedback recorded: Complaint · Shipping')).toBeTruthy();
  });

  it('speaks Japanese and suggests areas used before', async () => {
    await db.feedback.add(feedback({ id: 'earlier', area: '配送', kind: 'complaint' }));
    const user = userEvent.setup();
    const { container } = renderPanel('ja');
    const section = await screen.findByRole('region', { name: '製品へのフィードバック' });
    expect(within(section).getByRole('group', { name: '種類' })).toBeTruthy();
    const area = within(section).getByRole('combobox', { name: '製品の分野' });
    await waitFor(() => expect([...container.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'))).toEqual(['配送']));
    await tabTo(user, within(section).getByRole('radio', { name: '称賛' }));
    await user.keyboard(' {ArrowDown}{ArrowDown}');
    expect(within(section).getByRole<HTMLInputElement>('radio', { name: '不具合' }).checked).toBe(true);
    await tabTo(user, area);
    // Without an area nothing is recorded, and the choice stays.
    await tabTo(user, within(section).getByRole('button', { name: 'フィードバックとして記録' }));
    await user.keyboard('{Enter}');
    expect((await within(section).findByRole('alert')).textContent).toBe('対象の製品の分野を入力してください。');
    await tabTo(user, area);
    await user.keyboard('アプリ');
    await tabTo(user, within(section).getByRole('button', { name: 'フィードバックとして記録' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(section).getByRole('status').textContent).toBe('不具合・アプリ として記録しました。'));
    expect((await db.feedback.toArray()).map((f) => [f.kind, f.area])).toEqual(expect.arrayContaining([['bug', 'アプリ'], ['complaint', '配送']]));
  });
});

let counter = 0;
function feedback(overrides: Partial<Feedback> = {}): Feedback {
  counter += 1;
  return {
    id: `f-${counter}`,
    customerId: 'c:x:alice',
    identityId: 'x:alice',
    postKey: POST,
    postUrl: 'https://x.com/alice/status/1790000000000000001',
    postText: 'My order has not arrived',
    postedAt: '2026-05-01T08:00:00.000Z',
    kind: 'complaint',
    area: 'Shipping',
    comment: '',
    recordedAt: '2026-05-01T09:00:00.000Z',
    recordedBy: 'agent-1',
    recordedByName: 'Sato',
    deletedAt: null,
    ...overrides,
  };
}

describe('the feedback log', () => {
  let downloads: { name: string; blob: Blob }[];
  beforeEach(async () => {
    await db.feedback.bulkAdd([
      feedback({ id: 'old-bug', kind: 'bug', area: 'App', postText: 'The app crashes on login', recordedAt: '2026-04-02T10:00:00.000Z' }),
      feedback({ id: 'praise', kind: 'praise', area: 'Support', postText: 'Thanks, fast answer!', recordedAt: '2026-05-03T10:00:00.000Z' }),
      feedback({
        id: 'fb-request',
        kind: 'request',
        area: 'App',
        postKey: 'facebook:123_456',
        identityId: 'facebook:1000123',
        postUrl: 'https://www.facebook.com/123/posts/456',
        postText: 'Please add dark mode',
        comment: '=HYPERLINK("http://evil")',
        recordedAt: '2026-05-05T10:00:00.000Z',
      }),
      feedback({ id: 'withdrawn', kind: 'complaint', area: 'Shipping', recordedAt: '2026-05-06T10:00:00.000Z', deletedAt: '2026-05-06T11:00:00.000Z' }),
    ]);
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

  const renderLog = (lang: Lang = 'en') => wrap(lang, <FeedbackLog database={db} />);
  const items = () => within(screen.getByRole('list', { name: 'Recorded feedback' })).getAllByRole('listitem');
  const texts = () => items().map((item) => item.querySelector('.post-text')!.textContent);

  it('lists everything recorded, newest first, and filters only hide', async () => {
    const user = userEvent.setup();
    renderLog();
    await waitFor(() => expect(texts()).toEqual(['Please add dark mode', 'Thanks, fast answer!', 'The app crashes on login']));
    const count = () => screen.getByRole('status').textContent;
    expect(count()).toBe('Showing 3 of 3 records.');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'Bug');
    expect(texts()).toEqual(['The app crashes on login']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'All kinds');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Product area' }), 'App');
    expect(texts()).toEqual(['Please add dark mode', 'The app crashes on login']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Platform' }), 'Facebook');
    expect(texts()).toEqual(['Please add dark mode']);
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    fireEvent.change(screen.getByLabelText('Recorded from'), { target: { value: '2026-05-01' } });
    fireEvent.change(screen.getByLabelText('Recorded until'), { target: { value: '2026-05-04' } });
    expect(texts()).toEqual(['Thanks, fast answer!']);
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search text' }), 'CRASHES login');
    expect(texts()).toEqual(['The app crashes on login']);
    await user.clear(screen.getByRole('searchbox', { name: 'Search text' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search text' }), 'nothing like this');
    expect(screen.getByText('No record matches these filters.')).toBeTruthy();
    expect(count()).toBe('Showing 0 of 3 records.');

    // Nothing was deleted or changed by any of it.
    expect((await db.feedback.toArray()).map((f) => [f.id, f.deletedAt])).toEqual(
      expect.arrayContaining([['old-bug', null], ['praise', null], ['fb-request', null], ['withdrawn', '2026-05-06T11:00:00.000Z']]),
    );
    expect(await db.feedback.count()).toBe(4);
  });

  it('exports the filtered list as CSV for the product team, reading only', async () => {
    const user = userEvent.setup();
    renderLog();
    await waitFor(() => expect(items()).toHaveLength(3));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Product area' }), 'App');
    await user.click(screen.getByRole('button', { name: 'Export the shown records as CSV' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]!.name).toMatch(/^kotae-feedback-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = new Uint8Array(await downloads[0]!.blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Recorded at,Kind,Product area,Comment,Platform,Customer,Posted at,Post,Post link,Recorded by');
    expect(lines).toHaveLength(4); // header, two records, the final line break
    expect(lines[1]).toBe(
      `2026-05-05T10:00:00.000Z,Request,App,"'=HYPERLINK(""http://evil"")",facebook,facebook:1000123,2026-05-01T08:00:00.000Z,Please add dark mode,https://www.facebook.com/123/posts/456,Sato`,
    );
    expect(lines[2]).toContain(',Bug,App,');
    expect(await db.feedback.count()).toBe(4);
    expect(items()).toHaveLength(2);
  });

  it('withdraws a record only when asked twice, keeping a tombstone; in Japanese', async () => {
    const user = userEvent.setup();
    renderLog('ja');
    const list = await screen.findByRole('list', { name: '記録されたフィードバック' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    await user.click(within(list).getByRole('button', { name: 'この称賛の記録を取り下げる' }));
    const confirm = screen.getByRole('group', { name: /この記録を取り下げますか/ });
    await user.click(within(confirm).getByRole('button', { name: 'キャンセル' }));
    expect(await db.feedback.get('praise')).toMatchObject({ deletedAt: null });
    await user.click(within(list).getByRole('button', { name: 'この称賛の記録を取り下げる' }));
    await user.click(within(screen.getByRole('group', { name: /この記録を取り下げますか/ })).getByRole('button', { name: '取り下げる' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect((await db.feedback.get('praise'))?.deletedAt).not.toBeNull();
    expect(await db.feedback.count()).toBe(4);
    expect(screen.getByRole('status').textContent).toBe('2 件中 2 件を表示しています。');
  });
});
