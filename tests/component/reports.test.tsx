// @vitest-environment happy-dom
/**
 * The options page's reports, computed from a real (fake-indexeddb) database of
 * this browser, or asked of the team server through the real message dispatch.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ReportsSection } from '@/components/options/ReportsSection';
import { OptionsPage } from '@/components/options/OptionsPage';
import { LangContext } from '@/components/i18n';
import { ClientContext } from '@/components/client-context';
import { createHandlers, type SyncControl } from '@/entrypoints/background/handlers';
import { createClient, type KotaeClient } from '@/utils/messaging/client';
import { dispatch } from '@/utils/messaging/dispatch';
import { addTag } from '@/utils/db/customers';
import { recordFeedback } from '@/utils/db/feedback';
import { markPost, recordReply, recordSeenPosts } from '@/utils/db/posts';
import type { KotaeDB } from '@/utils/db/kotae-db';
import type { Lang } from '@/utils/i18n';
import type { Report, ReportRange } from '@/utils/reports/schema';
import { SyncError } from '@/utils/sync/http';
import type { SyncStatus } from '@/utils/sync/state';
import type { Role } from '@/utils/sync/wire';
import { agentProfileItem } from '@/utils/storage';
import { actor, freshDb, seenPost } from '../helpers/db';
import { testClient } from '../helpers/client';

// Noon on 7 May (UTC): "last 7 days" is 1–7 May in every time zone from UTC−11 to UTC+11.
const NOW = new Date('2026-05-07T12:00:00.000Z');
const MIN = 60_000;
const at = (iso: string, ms = 0) => new Date(Date.parse(iso) + ms);
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

let db: KotaeDB;
let downloads: { name: string; blob: Blob }[];

beforeEach(() => {
  fakeBrowser.reset();
  db = freshDb();
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

/** Five customer posts in the week, one before it: answered fast, answered late, overdue, waiting, recorded. */
async function seedWeek() {
  await agentProfileItem.setValue({ id: 'agent-1', name: 'Sato' });
  const fast = seenPost({ postId: '1790000000000000001', authorHandle: 'alice', postedAt: '2026-05-04T10:00:00.000Z' });
  const late = seenPost({ postId: '1790000000000000002', authorHandle: 'bob', postedAt: '2026-05-05T10:00:00.000Z' });
  const overdue = seenPost({ postId: '1790000000000000003', authorHandle: 'carol', postedAt: '2026-05-06T10:00:00.000Z' });
  const waiting = seenPost({ postId: '1790000000000000004', authorHandle: 'dave', postedAt: '2026-05-07T11:30:00.000Z' });
  const recorded = seenPost({ postId: '1790000000000000005', authorHandle: 'erin', postedAt: '2026-05-06T11:00:00.000Z' });
  const before = seenPost({ postId: '1790000000000000006', authorHandle: 'frank', postedAt: '2026-04-20T10:00:00.000Z' });
  for (const post of [fast, late, overdue, waiting, recorded, before]) await recordSeenPosts(db, [post], at(post.postedAt!, MIN));
  await recordReply(db, { post: fast, text: 'Sorry, on its way', templateId: null }, actor(at(fast.postedAt!, 10 * MIN)));
  await recordReply(db, { post: late, text: 'Here to help', templateId: null }, actor(at(late.postedAt!, 180 * MIN)));
  await markPost(db, { postKey: `x:${recorded.postId}`, mark: 'recordedWithoutReply' }, actor(at(recorded.postedAt!, 5 * MIN)));
  await addTag(db, { identityId: 'x:alice', label: 'VIP' }, actor(NOW));
  await addTag(db, { identityId: 'x:bob', label: 'VIP' }, actor(NOW));
  await addTag(db, { identityId: 'x:frank', label: 'Old' }, actor(NOW));
  await recordFeedback(db, { postKey: `x:${recorded.postId}`, kind: 'complaint', area: 'Delivery', comment: '' }, actor(NOW));
  return { fast, late, waiting };
}

function show(client: KotaeClient, lang: Lang = 'en') {
  return render(
    <LangContext.Provider value={lang}>
      <ClientContext.Provider value={client}>
        <ReportsSection database={db} now={() => NOW} />
      </ClientContext.Provider>
    </LangContext.Provider>,
  );
}

/** The definition list as term → value. */
function figures(name: string): Record<string, string> {
  const list = screen.getByRole('heading', { name }).nextElementSibling as HTMLElement;
  expect(list.tagName).toBe('DL');
  const terms = within(list).getAllByRole('term');
  return Object.fromEntries(terms.map((term) => [term.textContent, term.nextElementSibling!.textContent]));
}

/** A chart's table (found by the figure's name) as rows of cells. */
async function tableOf(figureName: string): Promise<string[][]> {
  // The charts load after the figures, on their own.
  const figure = await screen.findByRole('figure', { name: figureName });
  return within(figure)
    .getAllByRole('row')
    .map((row) => Array.from(row.children, (cell) => cell.textContent ?? ''));
}

async function csvText(index: number): Promise<{ name: string; bom: number[]; lines: string[] }> {
  const bytes = new Uint8Array(await downloads[index]!.blob.arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return { name: downloads[index]!.name, bom: [...bytes.slice(0, 3)], lines: text.slice(1).split('\r\n') };
}

/** A client whose background runs a stand-in for team sync. */
function teamClient(role: Role, teamReport: SyncControl['teamReport']) {
  const status: SyncStatus = {
    state: 'online',
    serverUrl: 'https://kotae.example',
    memberName: 'Sato',
    role,
    teamName: 'Support',
    lastSyncAt: null,
    pending: 0,
    rejected: 0,
    lastRejected: null,
    live: true,
    error: null,
  };
  const asked: ReportRange[] = [];
  const handlers = createHandlers({
    db,
    actor: async () => ({ ...actor(NOW), role }),
    broadcast: () => {},
    sendToTab: async () => undefined,
    now: () => NOW,
    sync: {
      status: async () => status,
      join: async () => undefined,
      signOut: async () => {},
      retry: async () => {},
      setPresence: async () => {},
      presence: () => [],
      teamReport: async (range) => {
        asked.push(range);
        return teamReport(range);
      },
    },
  });
  const client = createClient(async (request) => dispatch(structuredClone(request), { kind: 'extension' }, handlers));
  return { client, asked };
}

describe('reports from this browser', () => {
  it('shows the week’s figures, every chart with its numbers, and says it works alone', async () => {
    await seedWeek();
    const { container } = show(testClient(db).client);
    await screen.findByRole('heading', { name: 'Summary' });
    expect(screen.getByText('This browser is not on a team: the figures come from its own records.')).toBeTruthy();
    expect(screen.queryByRole('radio', { name: 'Team (server)' })).toBeNull();
    expect(screen.getByText(`Days and hours are counted in your time zone: ${zone}.`)).toBeTruthy();
    expect((screen.getByLabelText('First day') as HTMLInputElement).value).toBe('2026-05-01');
    expect((screen.getByLabelText('Last day (included)') as HTMLInputElement).value).toBe('2026-05-07');
    expect(screen.getByRole('status').textContent).toMatch(/^This browser · 2026-05-01 to 2026-05-07 · as of /);

    expect(figures('Summary')).toEqual({
      'Customer posts': '5',
      Answered: '2',
      'Answered within the 1 hr target': '50% of answered posts (1 of 2)',
      'Median response time': '10 min',
      '90th percentile response time': '3 hr',
      'Still waiting, within target': '1',
      'Still waiting, overdue': '1',
      'Recorded without reply': '1',
    });

    expect(await tableOf('Response times')).toEqual([
      ['Response time', 'Answered'],
      ['Under 15 min', '1'],
      ['15–30 min', '0'],
      ['30–60 min', '0'],
      ['1–4 hours', '1'],
      ['4–24 hours', '0'],
      ['24 hours or more', '0'],
    ]);
    const days = await tableOf('Posts and answers per day');
    expect(days[0]).toEqual(['Day', 'Posts', 'Answered', 'Within target', 'Share within target', 'Median response time']);
    expect(days).toHaveLength(8);
    expect(days[4]).toEqual(['May 4, 2026', '1', '1', '1', '100%', '10 min']);
    expect(days[5]).toEqual(['May 5, 2026', '1', '1', '0', '0%', '3 hr']);
    expect(days[1]).toEqual(['May 1, 2026', '0', '0', '0', '—', '—']);
    expect(await tableOf('Answers per agent')).toEqual([
      ['Agent', 'Answered', 'Within target', 'Share within target', 'Median response time'],
      ['Sato', '2', '1', '50%', '10 min'],
    ]);
    const hours = await tableOf('Posts by hour of day');
    expect(hours).toHaveLength(25);
    const hourOf = (iso: string) => Number(new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' }).format(new Date(iso))) % 24;
    const expectedByHour = new Array<number>(24).fill(0);
    for (const iso of ['2026-05-04T10:00:00Z', '2026-05-05T10:00:00Z', '2026-05-06T10:00:00Z', '2026-05-07T11:30:00Z', '2026-05-06T11:00:00Z']) expectedByHour[hourOf(iso)]! += 1;
    expect(hours.slice(1).map((row) => Number(row[1]))).toEqual(expectedByHour);
    expect(hours[1]![0]).toBe('12 AM');
    const weekdays = await tableOf('Posts by weekday');
    expect(weekdays.map((row) => row[0])).toEqual(['Weekday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(weekdays.slice(1).reduce((sum, row) => sum + Number(row[1]), 0)).toBe(5);
    // Frank posted before the week: his tag is not among this week's customers'.
    expect(await tableOf('Top tags of the customers who posted')).toEqual([
      ['Tag', 'Customers'],
      ['VIP', '2'],
    ]);
    expect(await tableOf('Top product areas in feedback')).toEqual([
      ['Product area', 'Feedback', 'Praise', 'Complaint', 'Bug', 'Request'],
      ['Delivery', '1', '0', '1', '0', '0'],
    ]);

    // The charts are drawn (by recharts), hidden from assistive technology, which reads the tables.
    const chart = within(await screen.findByRole('figure', { name: 'Response times' })).getByRole('table').parentElement!.querySelector('.report-chart')!;
    expect(chart.getAttribute('aria-hidden')).toBe('true');
    expect(chart.querySelectorAll('.recharts-bar-rectangle').length).toBeGreaterThan(0);
    expect(container.querySelectorAll('.report-chart .recharts-wrapper')).toHaveLength(7);
  });

  it('shows a chart’s numbers on request and downloads each table as CSV named with the range', async () => {
    await seedWeek();
    const user = userEvent.setup();
    show(testClient(db).client);
    await screen.findByRole('heading', { name: 'Summary' });
    const toggle = await screen.findByRole('button', { name: 'Show the numbers of “Answers per agent” as a table' });
    const table = within(screen.getByRole('figure', { name: 'Answers per agent' })).getByRole('table');
    expect(table.className).toContain('visually-hidden');
    await user.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(table.className).not.toContain('visually-hidden');

    await user.click(await screen.findByRole('button', { name: 'Download “Posts and answers per day” as CSV' }));
    await user.click(screen.getByRole('button', { name: 'Download “Summary” as CSV' }));
    expect(downloads).toHaveLength(2);
    const days = await csvText(0);
    expect(days.name).toBe('kotae-report-days-2026-05-01-to-2026-05-07.csv');
    expect(days.bom).toEqual([0xef, 0xbb, 0xbf]);
    expect(days.lines[0]).toBe(
      'Day,Customer posts,Answered,Answered within target,Share of answered within target (%),Median response time (minutes),90th percentile response time (minutes)',
    );
    expect(days.lines[4]).toBe('2026-05-04,1,1,1,100,10,10');
    expect(days.lines[5]).toBe('2026-05-05,1,1,0,0,180,180');
    expect(days.lines).toHaveLength(9); // header, seven days, the final line break
    const summary = await csvText(1);
    expect(summary.name).toBe('kotae-report-summary-2026-05-01-to-2026-05-07.csv');
    expect(summary.lines).toContain('Customer posts,5');
    expect(summary.lines).toContain('Share of answered within target (%),50');
    expect(summary.lines).toContain(`Time zone,${zone}`);
  });

  it('checks the range, with the quick choices and clear errors', async () => {
    await seedWeek();
    const user = userEvent.setup();
    show(testClient(db).client);
    await screen.findByRole('heading', { name: 'Summary' });
    const from = screen.getByLabelText('First day') as HTMLInputElement;
    const to = screen.getByLabelText('Last day (included)') as HTMLInputElement;

    fireEvent.change(from, { target: { value: '2026-05-06' } });
    fireEvent.change(to, { target: { value: '2026-05-05' } });
    await user.click(screen.getByRole('button', { name: 'Show report' }));
    expect(screen.getByRole('alert').textContent).toBe('The last day must not be before the first day.');
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(to.getAttribute('aria-describedby')).toBe(screen.getByRole('alert').id);
    // The report shown is still the one asked for last.
    expect(figures('Summary')['Customer posts']).toBe('5');

    fireEvent.change(from, { target: { value: '2024-01-01' } });
    fireEvent.change(to, { target: { value: '2026-05-05' } });
    await user.click(screen.getByRole('button', { name: 'Show report' }));
    expect(screen.getByRole('alert').textContent).toBe('A report covers at most 366 days.');

    fireEvent.change(from, { target: { value: '' } });
    await user.click(screen.getByRole('button', { name: 'Show report' }));
    expect(screen.getAllByRole('alert').map((alert) => alert.textContent)).toEqual(['Enter the first day as a date, such as 2026-05-01.']);

    // A valid range from the keyboard: the fields submit with Enter.
    fireEvent.change(from, { target: { value: '2026-05-05' } });
    fireEvent.change(to, { target: { value: '2026-05-06' } });
    to.focus();
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('alert')).toBeNull();
    await waitFor(() => expect(figures('Summary')['Customer posts']).toBe('3'));
    expect(await tableOf('Posts and answers per day')).toHaveLength(3);

    await user.click(within(screen.getByRole('group', { name: 'Quick choices' })).getByRole('button', { name: 'This month' }));
    expect(from.value).toBe('2026-05-01');
    await waitFor(() => expect(figures('Summary')['Customer posts']).toBe('5'));
    await user.click(screen.getByRole('button', { name: 'Last 30 days' }));
    expect(from.value).toBe('2026-04-08');
    expect(to.value).toBe('2026-05-07');
    await waitFor(() => expect(figures('Summary')['Customer posts']).toBe('6'));
  });

  it('says when there were no customer posts, and that in Japanese too', async () => {
    show(testClient(db).client);
    expect(await screen.findByText('No customer posts in these days.')).toBeTruthy();
    expect(figures('Summary')['Customer posts']).toBe('0');
    expect(figures('Summary')['Median response time']).toBe('—');
    expect(screen.queryByRole('figure')).toBeNull();
    cleanup();
    show(testClient(db).client, 'ja');
    expect(await screen.findByText('この期間に顧客の投稿はありません。')).toBeTruthy();
  });

  it('is in Japanese: figures, tables, weekdays and hours, and the CSV header', async () => {
    await seedWeek();
    const user = userEvent.setup();
    show(testClient(db).client, 'ja');
    await screen.findByRole('heading', { name: 'レポート' });
    await screen.findByRole('heading', { name: '概要' });
    expect(figures('概要')).toMatchObject({
      顧客の投稿: '5',
      '目標（1 時間）以内に回答': '回答済みのうち 50%（2 件中 1 件）',
      応答時間の中央値: '10 分',
    });
    expect((await tableOf('曜日ごとの投稿')).map((row) => row[0])).toEqual(['曜日', '月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日', '日曜日']);
    expect((await tableOf('時間帯ごとの投稿'))[1]![0]).toBe('0時');
    expect((await tableOf('応答時間の分布'))[1]).toEqual(['15分未満', '1']);
    expect(screen.getByLabelText('開始日')).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: '「担当者ごとの回答」を CSV でダウンロード' }));
    const agents = await csvText(0);
    expect(agents.bom).toEqual([0xef, 0xbb, 0xbf]);
    expect(agents.lines[0]).toBe('担当者,回答数,目標内の回答数,回答のうち目標内の割合（%）,応答時間の中央値（分）');
    expect(agents.lines[1]).toBe('Sato,2,1,50,10');
  });

  it('is one of the options page’s sections, linked from its list', async () => {
    render(
      <LangContext.Provider value="en">
        <ClientContext.Provider value={testClient(db).client}>
          <OptionsPage />
        </ClientContext.Provider>
      </LangContext.Provider>,
    );
    const link = within(screen.getByRole('navigation', { name: 'Sections of this page' })).getByRole('link', { name: 'Reports' });
    expect(link.getAttribute('href')).toBe('#reports');
    expect(document.getElementById('reports')?.querySelector('h2')?.textContent).toBe('Reports');
  });
});

describe('reports from the team server', () => {
  const teamReport = (range: ReportRange): Report => ({
    range,
    generatedAt: NOW.toISOString(),
    source: 'team',
    targetMinutes: 30,
    totals: { posts: 40, answered: 30, withinTarget: 24, medianResponseMs: 12 * MIN, p90ResponseMs: 95 * MIN, open: 3, overdue: 2, recorded: 5 },
    responseBands: [
      { band: 'under15m', count: 20 },
      { band: 'under30m', count: 4 },
      { band: 'under1h', count: 3 },
      { band: 'under4h', count: 3 },
      { band: 'under24h', count: 0 },
      { band: 'over24h', count: 0 },
    ],
    days: [{ day: range.from, posts: 40, answered: 30, withinTarget: 24, medianResponseMs: 12 * MIN, p90ResponseMs: 95 * MIN }],
    agents: [
      { agentId: 'member-2', name: 'Suzuki', answered: 20, withinTarget: 18, medianResponseMs: 8 * MIN },
      { agentId: null, name: '', answered: 10, withinTarget: 6, medianResponseMs: 20 * MIN },
    ],
    byHour: new Array<number>(24).fill(0).map((_, hour) => (hour === 9 ? 40 : 0)),
    byWeekday: [40, 0, 0, 0, 0, 0, 0],
    topTags: [{ label: '配送, 遅延', customers: 7 }],
    topAreas: [{ area: '=Checkout', count: 4, praise: 1, complaint: 1, bug: 1, request: 1 }],
  });

  it('shows the server’s answer by default, and this browser’s on request', async () => {
    await seedWeek();
    const user = userEvent.setup();
    const { client, asked } = teamClient('supervisor', async (range) => teamReport(range));
    show(client);
    await screen.findByRole('heading', { name: 'Summary' });
    expect((screen.getByRole('radio', { name: 'Team (server)' }) as HTMLInputElement).checked).toBe(true);
    expect(asked).toEqual([{ from: '2026-05-01', to: '2026-05-07', timeZone: zone }]);
    expect(screen.getByRole('status').textContent).toMatch(/^Team \(server\) · 2026-05-01 to 2026-05-07/);
    expect(figures('Summary')).toMatchObject({
      'Customer posts': '40',
      'Answered within the 30 min target': '80% of answered posts (24 of 30)',
      '90th percentile response time': '1 hr, 35 min',
    });
    expect((await tableOf('Answers per agent')).slice(1)).toEqual([
      ['Suzuki', '20', '18', '90%', '8 min'],
      ['Team account (no agent)', '10', '6', '60%', '20 min'],
    ]);
    await user.click(await screen.findByRole('button', { name: 'Download “Top tags of the customers who posted” as CSV' }));
    await user.click(screen.getByRole('button', { name: 'Download “Top product areas in feedback” as CSV' }));
    expect((await csvText(0)).lines[1]).toBe('"配送, 遅延",7');
    // A cell that looks like a formula is made harmless.
    expect((await csvText(1)).lines[1]).toBe("'=Checkout,4,1,1,1,1");

    await user.click(screen.getByRole('radio', { name: 'This browser' }));
    await waitFor(() => expect(figures('Summary')['Customer posts']).toBe('5'));
    expect(screen.getByRole('status').textContent).toMatch(/^This browser · /);
    expect(asked).toHaveLength(1);
  });

  it('words a server failure with the sync error texts, and tries again on request', async () => {
    let fail = true;
    const user = userEvent.setup();
    const { client } = teamClient('supervisor', async (range) => {
      if (fail) throw new SyncError('unreachable', 'offline');
      return teamReport(range);
    });
    show(client);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The server could not be reached. Check the address and your connection; your changes are kept and sent later.',
    );
    expect(screen.queryByRole('heading', { name: 'Summary' })).toBeNull();
    fail = false;
    const refresh = screen.getByRole('button', { name: 'Refresh' });
    refresh.focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: 'Summary' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('words a failure in Japanese too', async () => {
    const { client } = teamClient('supervisor', async () => {
      throw new SyncError('rateLimited', 'busy', 30);
    });
    show(client, 'ja');
    expect((await screen.findByRole('alert')).textContent).toBe('サーバーへのリクエストが多すぎます。30 秒後に再試行します。');
  });

  it('tells an agent they see the team’s totals and their own row, and keeps to it on this browser', async () => {
    await seedWeek();
    // Suzuki answered a post on this browser too: an agent sees only their own row here as well.
    const other = seenPost({ postId: '1790000000000000007', authorHandle: 'gina', postedAt: '2026-05-03T10:00:00.000Z' });
    await recordSeenPosts(db, [other], at(other.postedAt!, MIN));
    await recordReply(db, { post: other, text: 'Done', templateId: null }, { ...actor(at(other.postedAt!, 20 * MIN)), agentId: 'agent-2', agentName: 'Suzuki' });
    const user = userEvent.setup();
    const { client } = teamClient('agent', async (range) => teamReport(range));
    show(client);
    await screen.findByRole('heading', { name: 'Summary' });
    expect(screen.getByText('As an agent, you see the team’s totals and only your own row among the agents.')).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'This browser' }));
    await waitFor(() => expect(figures('Summary')['Customer posts']).toBe('6'));
    expect(figures('Summary').Answered).toBe('3');
    expect((await tableOf('Answers per agent')).slice(1).map((row) => row[0])).toEqual(['Sato']);
  });
});
