/** Keyword watch: saved searches, their place in the team settings, and each post's watch state. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { markPost, recordReply, recordSeenPosts, recordTeamReply } from '@/utils/db/posts';
import { recordFeedback } from '@/utils/db/feedback';
import { postWatch } from '@/utils/db/watch';
import type { KotaeDB } from '@/utils/db/kotae-db';
import type { Feedback, Interaction } from '@/utils/model';
import { readWatchSearches, watchSearchesItem } from '@/utils/storage';
import { applyPage } from '@/utils/sync/apply';
import { queueTeamSettings } from '@/utils/sync/settings';
import { teamSettingsSchema, type Change } from '@/utils/sync/wire';
import { DEFAULT_TIMER_SETTINGS } from '@/utils/timer/settings';
import { liveSearchUrl, sameQuery, savedSearchesSchema, savedSearchInputSchema, savedSearchSchema } from '@/utils/watch/searches';
import { watchStateOf } from '@/utils/watch/state';
import { xAdapter } from '@/utils/sites/x';
import { facebookAdapter } from '@/utils/sites/facebook';
import { actor, freshDb, joinedSession, seenPost } from '../helpers/db';
import { testClient } from '../helpers/client';

describe('saved searches', () => {
  it('takes a query in X’s syntax, Japanese included, trimmed onto one line, with an optional name', () => {
    expect(savedSearchInputSchema.parse({ query: '  コタエ OR "kotae app"\n -from:kotae_support ', label: '' })).toEqual({
      query: 'コタエ OR "kotae app" -from:kotae_support',
      label: '',
    });
    expect(savedSearchInputSchema.parse({ query: 'kotae', label: ' ブランド名 ' }).label).toBe('ブランド名');
  });

  it('refuses an empty query and one over 500 characters after trimming, counting characters not bytes', () => {
    const issue = (input: { query: string; label: string }) => savedSearchInputSchema.safeParse(input).error?.issues[0]?.message;
    expect(issue({ query: ' \n\t ', label: '' })).toBe('empty');
    expect(issue({ query: `  ${'答'.repeat(500)}  `, label: '' })).toBeUndefined();
    expect(issue({ query: '答'.repeat(501), label: '' })).toBe('tooLong');
    expect(issue({ query: 'kotae', label: 'x'.repeat(101) })).toBe('tooLong');
  });

  it('stores only trimmed queries with stable ids, at most 100, each id once', () => {
    const search = { id: 'a1', query: 'kotae' };
    expect(savedSearchSchema.safeParse(search).success).toBe(true);
    expect(savedSearchSchema.safeParse({ ...search, query: ' kotae' }).success).toBe(false);
    expect(savedSearchSchema.safeParse({ ...search, label: '' }).success).toBe(false);
    expect(savedSearchSchema.safeParse({ ...search, id: 'not an id!' }).success).toBe(false);
    const many = Array.from({ length: 100 }, (_, i) => ({ id: `s${i}`, query: `q${i}` }));
    expect(savedSearchesSchema.safeParse(many).success).toBe(true);
    expect(savedSearchesSchema.safeParse([...many, { id: 's100', query: 'one more' }]).success).toBe(false);
    expect(savedSearchesSchema.safeParse([search, { ...search, query: 'other' }]).success).toBe(false);
  });

  it('opens as X’s live search, the query encoded whole', () => {
    expect(liveSearchUrl('コタエ OR "kotae app" #kotae')).toBe(
      'https://x.com/search?q=%E3%82%B3%E3%82%BF%E3%82%A8%20OR%20%22kotae%20app%22%20%23kotae&src=typed_query&f=live',
    );
    expect(new URL(liveSearchUrl('a&f=top')).searchParams.get('q')).toBe('a&f=top');
  });

  it('counts one query spelled with other case or spacing as the same, but not another width', () => {
    expect(sameQuery('Kotae  App', 'kotae app')).toBe(true);
    expect(sameQuery('ｺﾀｴ', 'コタエ')).toBe(false);
  });

  it('reads an unreadable stored list as none', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({ watchSearches: [{ id: 'x', query: '' }] });
    expect(await readWatchSearches()).toEqual([]);
    await watchSearchesItem.setValue([{ id: 'x', query: 'kotae' }]);
    expect(await readWatchSearches()).toEqual([{ id: 'x', query: 'kotae' }]);
  });
});

describe('where keyword watch shows', () => {
  it('is X’s search results, on any tab of them, and nowhere else', () => {
    const watched = (url: string) => xAdapter.isWatchPage?.(new URL(url)) ?? false;
    expect(watched('https://x.com/search?q=kotae&src=typed_query&f=live')).toBe(true);
    expect(watched('https://twitter.com/search?q=kotae')).toBe(true);
    expect(watched('https://x.com/search/')).toBe(true);
    for (const url of ['https://x.com/home', 'https://x.com/searchlight', 'https://x.com/search_fan/status/1', 'https://example.com/search?q=kotae']) {
      expect(watched(url), url).toBe(false);
    }
    expect(facebookAdapter.isWatchPage).toBeUndefined();
  });
});

describe('saved searches in the team settings', () => {
  const base = { id: 'team', timer: DEFAULT_TIMER_SETTINGS, teamIdentities: [], updatedAt: '2026-05-01T00:00:00.000Z' } as const;
  const list = [{ id: 's1', query: 'kotae', label: 'Brand' }];
  const pulled = (seq: number, data: unknown): Change => ({
    seq,
    entity: 'settings',
    id: 'team',
    op: 'put',
    data,
    authorId: 'm-2',
    authorName: 'Suzuki',
    at: '2026-05-01T00:00:00.000Z',
  });

  it('keeps records from before the list valid, and checks the list when there is one', () => {
    expect(teamSettingsSchema.safeParse(base).success).toBe(true);
    expect(teamSettingsSchema.parse({ ...base, watchSearches: list }).watchSearches).toEqual(list);
    expect(teamSettingsSchema.safeParse({ ...base, watchSearches: [{ id: 's1', query: '' }] }).success).toBe(false);
  });

  it('sends a supervisor’s changed list once, and never echoes a pulled one', async () => {
    const db = freshDb();
    await db.syncState.put({ ...joinedSession, member: { ...joinedSession.member, role: 'supervisor' } });
    const input = { timer: DEFAULT_TIMER_SETTINGS, teamIdentities: [] };
    expect(await queueTeamSettings(db, { ...input, watchSearches: list }, new Date())).toBe(true);
    expect(await queueTeamSettings(db, { ...input, watchSearches: list }, new Date())).toBe(false);
    const [entry] = await db.outbox.toArray();
    expect(entry?.entity).toBe('settings');
    expect((await db.syncState.get('teamSettings'))).toMatchObject({ record: { watchSearches: list } });

    const theirs = [{ id: 's2', query: 'コタエ' }];
    await applyPage(db, [pulled(1, { ...base, watchSearches: theirs })], 1);
    expect(await queueTeamSettings(db, { ...input, watchSearches: theirs }, new Date())).toBe(false);
    // A record without the list (an older browser's) matches an empty one: nothing to send.
    await applyPage(db, [pulled(2, base)], 2);
    expect(await queueTeamSettings(db, { ...input, watchSearches: [] }, new Date())).toBe(false);
  });

  it('never sends an agent’s list', async () => {
    const db = freshDb();
    await db.syncState.put(joinedSession);
    expect(await queueTeamSettings(db, { timer: DEFAULT_TIMER_SETTINGS, teamIdentities: [], watchSearches: list }, new Date())).toBe(false);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('a post’s watch state', () => {
  const since = '2026-05-01T10:00:00.000Z';
  const row = (kind: Interaction['kind'], recordedAt: string, byAgentId: string | null = 'agent-2'): Interaction => ({
    id: `${kind}:x:1:${recordedAt}`,
    customerId: 'c1',
    identityId: 'x:alice',
    kind,
    postKey: 'x:1',
    postUrl: 'https://x.com/alice/status/1',
    postText: '',
    postedAt: null,
    recordedAt,
    byAgentId: kind === 'seen' ? null : byAgentId,
  });
  const feedback = (recordedAt: string, deletedAt: string | null = null) => ({ recordedAt, deletedAt }) as Feedback;
  const state = (rows: Interaction[], records: Feedback[] = []) => watchStateOf(rows, records, since)?.state;

  it('is new when the team first saw the post in this page view, seen when before', () => {
    expect(state([row('seen', '2026-05-01T10:00:00.000Z')])).toBe('new');
    expect(state([row('seen', '2026-05-01T10:00:05.000Z')])).toBe('new');
    expect(state([row('seen', '2026-05-01T09:59:59.000Z')])).toBe('seen');
    expect(watchStateOf([], [], since)).toBeNull();
  });

  it('is handled by the first answer, by reply, mark, first answer or the team’s own account', () => {
    for (const kind of ['replied', 'markedAnswered', 'acknowledged', 'movedToPrivate', 'followedUp', 'teamReplied'] as const) {
      expect(state([row('seen', '2026-05-01T09:00:00.000Z'), row(kind, '2026-05-01T09:30:00.000Z')]), kind).toBe('handled');
    }
    const first = row('replied', '2026-05-01T09:10:00.000Z', 'agent-2');
    const facts = watchStateOf([row('followedUp', '2026-05-01T09:20:00.000Z', 'agent-3'), row('seen', '2026-05-01T09:00:00.000Z'), first], [], since);
    expect(facts?.answer).toBe(first);
    // Answered in this very page view: handled wins over new.
    expect(state([row('seen', '2026-05-01T10:00:01.000Z'), row('replied', '2026-05-01T10:00:02.000Z')])).toBe('handled');
  });

  it('is recorded when recorded without reply or as feedback, unless someone answered', () => {
    const seen = row('seen', '2026-05-01T09:00:00.000Z');
    expect(state([seen, row('recordedWithoutReply', '2026-05-01T09:05:00.000Z')])).toBe('recorded');
    expect(state([seen], [feedback('2026-05-01T09:05:00.000Z')])).toBe('recorded');
    expect(state([seen], [feedback('2026-05-01T09:05:00.000Z', '2026-05-01T09:06:00.000Z')])).toBe('seen');
    expect(state([seen, row('markedAnswered', '2026-05-01T09:07:00.000Z')], [feedback('2026-05-01T09:05:00.000Z')])).toBe('handled');
  });

  it('needs an answer again once reopened', () => {
    const seen = row('seen', '2026-05-01T09:00:00.000Z');
    const answered = row('markedAnswered', '2026-05-01T09:05:00.000Z');
    expect(state([seen, answered, row('reopened', '2026-05-01T09:10:00.000Z')])).toBe('seen');
    expect(state([seen, answered, row('reopened', '2026-05-01T09:10:00.000Z'), row('replied', '2026-05-01T09:20:00.000Z')])).toBe('handled');
  });
});

describe('watch states from the database', () => {
  let db: KotaeDB;
  const before = new Date('2026-05-01T09:00:00Z');
  const since = '2026-05-01T10:00:00.000Z';
  const me = { agentId: 'agent-1', agentName: 'Sato' };
  beforeEach(async () => {
    db = freshDb();
    await recordSeenPosts(
      db,
      ['1', '2', '3', '4', '5'].map((id) => seenPost({ postId: id, authorHandle: `customer${id}` })),
      before,
    );
  });

  it('names who handled each post: me, a colleague from their pulled change, the team account, or nobody known', async () => {
    await recordReply(db, { post: seenPost({ postId: '1', authorHandle: 'customer1' }), text: 'Sorry!', templateId: null }, actor());
    await recordTeamReply(db, { post: seenPost({ postId: '2', authorHandle: 'customer2' }), reply: seenPost({ postId: '99', authorHandle: 'kotaesupport' }) }, before);
    // A colleague's mark arrives from the team server with their name.
    await db.syncState.put(joinedSession);
    const seen3 = (await db.interactions.get('seen:x:3'))!;
    const mark = { ...seen3, id: 'markedAnswered:x:3:abc', kind: 'markedAnswered', postText: '', byAgentId: 'm-9', recordedAt: '2026-05-01T09:30:00.000Z' };
    await applyPage(db, [{ seq: 1, entity: 'interaction', id: mark.id, op: 'put', data: mark, authorId: 'm-9', authorName: 'Suzuki', at: mark.recordedAt }], 1);
    // Someone this browser knows nothing about.
    const seen4 = (await db.interactions.get('seen:x:4'))!;
    await db.interactions.put({ ...seen4, id: 'replied:x:4:zzz', kind: 'replied', byAgentId: 'm-unknown', recordedAt: '2026-05-01T09:40:00.000Z' });
    await recordFeedback(db, { postKey: 'x:5', kind: 'complaint', area: '配送', comment: '' }, actor());

    const states = await postWatch(db, ['x:1', 'x:2', 'x:3', 'x:4', 'x:5', 'x:404'], since, me);
    expect(states).toEqual([
      { postKey: 'x:1', state: 'handled', handledBy: { kind: 'agent', name: 'Sato' } },
      { postKey: 'x:2', state: 'handled', handledBy: { kind: 'teamAccount' } },
      { postKey: 'x:3', state: 'handled', handledBy: { kind: 'agent', name: 'Suzuki' } },
      { postKey: 'x:4', state: 'handled', handledBy: { kind: 'agent', name: '' } },
      { postKey: 'x:5', state: 'recorded', handledBy: null },
    ]);
  });

  it('answers watch states to a search page that asks, and nothing extra to other pages', async () => {
    const { client } = testClient(db, { kind: 'page', tabId: 3 });
    const fresh = seenPost({ postId: '6', authorHandle: 'newcomer' });
    const old = seenPost({ postId: '1', authorHandle: 'customer1' });
    const plain = await client.send('posts.seen', { posts: [fresh] });
    expect(plain.watch).toBeUndefined();
    const viewStart = new Date(Date.now() - 1000).toISOString();
    const other = seenPost({ postId: '7', authorHandle: 'newcomer' });
    const answer = await client.send('posts.seen', { posts: [other, old], watchSince: viewStart });
    expect(answer.watch).toEqual([
      { postKey: 'x:7', state: 'new', handledBy: null },
      { postKey: 'x:1', state: 'seen', handledBy: null },
    ]);
    await markPost(db, { postKey: 'x:7', mark: 'markedAnswered' }, actor());
    const refreshed = await client.send('posts.timers', { postKeys: ['x:7'], watchSince: viewStart });
    expect(refreshed.watch).toEqual([{ postKey: 'x:7', state: 'handled', handledBy: { kind: 'agent', name: 'Sato' } }]);
    expect((await client.send('posts.timers', { postKeys: ['x:7'] })).watch).toBeUndefined();
  });
});
