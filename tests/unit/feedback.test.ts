/** The voice-of-the-customer records: recording, withdrawing, filters, CSV, the outbox. */
import { beforeEach, describe, expect, it } from 'vitest';
import { feedbackAreas, feedbackCsv, listFeedback, postFeedback, recordFeedback, withdrawFeedback } from '@/utils/db/feedback';
import { linkIdentity } from '@/utils/db/customers';
import { postTimers, recordSeenPosts } from '@/utils/db/posts';
import type { KotaeDB } from '@/utils/db/kotae-db';
import { KotaeError } from '@/utils/errors';
import { t } from '@/utils/i18n';
import { feedbackSchema, type Feedback } from '@/utils/model';
import { enqueueSnapshot, SYNCED_TABLES } from '@/utils/sync/outbox';
import { mutationSchema, parseRecord } from '@/utils/sync/wire';
import { actor, freshDb, joinedSession, seenPost } from '../helpers/db';
import { testClient } from '../helpers/client';

const POST = 'x:1790000000000000001';
const FB_POST = 'facebook:123_456';
const session = joinedSession;

let db: KotaeDB;
beforeEach(async () => {
  db = freshDb();
  await recordSeenPosts(
    db,
    [
      seenPost({ text: 'The app crashes when I pay' }),
      seenPost({
        platform: 'facebook',
        postId: '123_456',
        authorHandle: '1000123',
        text: 'ダークモードがほしい',
        permalink: 'https://www.facebook.com/123/posts/456',
      }),
    ],
    new Date('2026-05-01T09:00:00Z'),
  );
});

const at = (iso: string) => actor(new Date(iso));
const record = (postKey: string, kind: Feedback['kind'], area: string, when: string, comment = '') =>
  recordFeedback(db, { postKey, kind, area, comment }, at(when));

describe('recording feedback', () => {
  it('keeps the post, its customer and who recorded it, and never touches the response timer', async () => {
    const timers = await postTimers(db, [POST]);
    const interactions = await db.interactions.count();
    const saved = await record(POST, 'bug', 'Checkout', '2026-05-01T10:00:00Z', 'Happens on iOS only');
    expect(feedbackSchema.safeParse(saved).success).toBe(true);
    expect(saved).toMatchObject({
      customerId: 'c:x:alice',
      identityId: 'x:alice',
      postKey: POST,
      postUrl: 'https://x.com/alice/status/1790000000000000001',
      postText: 'The app crashes when I pay',
      postedAt: '2026-05-01T08:00:00.000Z',
      kind: 'bug',
      area: 'Checkout',
      comment: 'Happens on iOS only',
      recordedAt: '2026-05-01T10:00:00.000Z',
      recordedBy: 'agent-1',
      recordedByName: 'Sato',
      deletedAt: null,
    });
    expect(await db.feedback.get(saved.id)).toEqual(saved);
    expect(await db.interactions.count()).toBe(interactions);
    expect(await postTimers(db, [POST])).toEqual(timers);
    // One post may be several things at once.
    await record(POST, 'request', 'Checkout', '2026-05-01T10:01:00Z');
    expect((await postFeedback(db, POST)).map((f) => f.kind)).toEqual(['request', 'bug']);
  });

  it('refuses a post Kotae has not seen, and a bad area or kind at the message boundary', async () => {
    await expect(record('x:999', 'bug', 'App', '2026-05-01T10:00:00Z')).rejects.toMatchObject({ code: 'notFound' });
    const { client } = testClient(db);
    await expect(client.send('feedback.record', { postKey: POST, kind: 'bug', area: '   ', comment: '' })).rejects.toBeInstanceOf(KotaeError);
    await expect(
      client.send('feedback.record', { postKey: POST, kind: 'rant' as 'bug', area: 'App', comment: '' }),
    ).rejects.toMatchObject({ code: 'invalidMessage' });
    await expect(client.send('feedback.record', { postKey: POST, kind: 'bug', area: 'x'.repeat(61), comment: '' })).rejects.toBeInstanceOf(KotaeError);
    // A content script (the page) may not record anything.
    const page = testClient(db, { kind: 'page', tabId: 1 }).client;
    await expect(page.send('feedback.record', { postKey: POST, kind: 'bug', area: 'App', comment: '' })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await db.feedback.count()).toBe(0);
    // The area is tidied: one line, trimmed, spaces collapsed.
    const saved = await client.send('feedback.record', { postKey: POST, kind: 'praise', area: '  Customer \n  support ', comment: ' thanks\r\n ' });
    expect(saved).toMatchObject({ area: 'Customer support', comment: 'thanks' });
  });

  it('suggests the areas used before, most used first in their latest spelling, leaving out withdrawn records', async () => {
    await record(POST, 'bug', 'app', '2026-05-01T10:00:00Z');
    await record(POST, 'bug', 'App', '2026-05-01T10:01:00Z');
    await record(FB_POST, 'request', 'Billing', '2026-05-01T10:02:00Z');
    const gone = await record(FB_POST, 'request', 'Old area', '2026-05-01T10:03:00Z');
    await withdrawFeedback(db, gone.id, at('2026-05-01T11:00:00Z'));
    expect(await feedbackAreas(db)).toEqual(['App', 'Billing']);
  });
});

describe('withdrawing feedback', () => {
  it('leaves a tombstone, and only on purpose', async () => {
    const saved = await record(POST, 'complaint', 'Shipping', '2026-05-01T10:00:00Z');
    expect(await withdrawFeedback(db, saved.id, at('2026-05-02T10:00:00Z'))).toBe('c:x:alice');
    expect(await db.feedback.get(saved.id)).toEqual({ ...saved, deletedAt: '2026-05-02T10:00:00.000Z' });
    expect(await listFeedback(db)).toEqual([]);
    await expect(withdrawFeedback(db, saved.id, at('2026-05-03T10:00:00Z'))).rejects.toMatchObject({ code: 'notFound' });
    expect(await db.feedback.count()).toBe(1);
  });

  it('lets an agent on a team withdraw only their own; a supervisor any', async () => {
    const saved = await record(POST, 'complaint', 'Shipping', '2026-05-01T10:00:00Z');
    const colleague = { agentId: 'agent-2', agentName: 'Ken', now: new Date(), role: 'agent' as const };
    await expect(withdrawFeedback(db, saved.id, colleague)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await db.feedback.get(saved.id))?.deletedAt).toBeNull();
    await withdrawFeedback(db, saved.id, { ...colleague, role: 'supervisor' });
    expect((await db.feedback.get(saved.id))?.deletedAt).not.toBeNull();
  });
});

describe('the log’s filters', () => {
  beforeEach(async () => {
    await record(POST, 'bug', 'App', '2026-04-30T10:00:00Z', 'fails at checkout');
    await record(POST, 'complaint', 'Shipping', '2026-05-02T10:00:00Z');
    await record(FB_POST, 'request', 'App', '2026-05-04T10:00:00Z', 'dark mode');
    const gone = await record(FB_POST, 'praise', 'Support', '2026-05-05T10:00:00Z');
    await withdrawFeedback(db, gone.id, at('2026-05-05T11:00:00Z'));
  });

  const kinds = async (filter: Parameters<typeof listFeedback>[1]) => (await listFeedback(db, filter)).map((f) => f.kind);

  it('narrows by kind, area, platform, dates and words, newest first, and never deletes anything', async () => {
    const before = await db.feedback.toArray();
    expect(await kinds({})).toEqual(['request', 'complaint', 'bug']);
    expect(await kinds({ kind: 'bug' })).toEqual(['bug']);
    expect(await kinds({ kind: 'praise' })).toEqual([]);
    expect(await kinds({ area: ' app ' })).toEqual(['request', 'bug']);
    expect(await kinds({ platform: 'facebook' })).toEqual(['request']);
    expect(await kinds({ platform: 'x' })).toEqual(['complaint', 'bug']);
    expect(await kinds({ from: '2026-05-01' })).toEqual(['request', 'complaint']);
    expect(await kinds({ to: '2026-05-02' })).toEqual(['complaint', 'bug']);
    expect(await kinds({ from: '2026-05-02', to: '2026-05-02' })).toEqual(['complaint']);
    expect(await kinds({ text: 'DARK' })).toEqual(['request']);
    expect(await kinds({ text: 'ダークモード' })).toEqual(['request']);
    expect(await kinds({ text: 'crashes' })).toEqual(['complaint', 'bug']);
    expect(await kinds({ text: 'checkout FAILS' })).toEqual(['bug']);
    expect(await kinds({ text: 'checkout nothing' })).toEqual([]);
    expect(await kinds({ kind: 'request', area: 'App', platform: 'facebook', from: '2026-05-01', to: '2026-05-31', text: 'dark' })).toEqual(['request']);
    expect(await db.feedback.toArray()).toEqual(before);
    expect(await db.outbox.count()).toBe(0);
  });

  it('writes the filtered list as CSV for the product team: BOM, RFC 4180, formulas defused, in the reader’s language', async () => {
    await record(POST, 'bug', 'App', '2026-05-06T10:00:00Z', '=1+1, "quoted"\nsecond line');
    const shown = await listFeedback(db, { area: 'App' });
    const csv = feedbackCsv(shown, (key) => t('en', key));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Recorded at,Kind,Product area,Comment,Platform,Customer,Posted at,Post,Post link,Recorded by');
    expect(csv).toContain(`2026-05-06T10:00:00.000Z,Bug,App,"'=1+1, ""quoted""\nsecond line",x,x:alice,`);
    expect(csv).toContain('Request,App,dark mode,facebook,facebook:1000123,');
    expect(csv).not.toContain('Shipping');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(lines).toHaveLength(5); // header, three records, the final line break
    const ja = feedbackCsv(shown, (key) => t('ja', key));
    expect(ja.slice(1).split('\r\n')[0]).toBe('記録日時,種類,製品の分野,コメント,プラットフォーム,顧客,投稿日時,投稿,投稿のリンク,記録した人');
    expect(ja).toContain(',不具合,App,');
  });
});

describe('feedback and the team server', () => {
  beforeEach(async () => {
    await db.syncState.put(session);
    await db.outbox.clear();
  });

  async function queued() {
    const entries = await db.outbox.orderBy('seq').toArray();
    for (const { seq: _seq, ...mutation } of entries) {
      expect(mutationSchema.safeParse(mutation).success).toBe(true);
      expect(parseRecord(mutation.entity, mutation.id, mutation.data).ok).toBe(true);
    }
    return entries;
  }

  it('queues each recording and withdrawal as a whole record', async () => {
    const saved = await record(POST, 'bug', 'App', '2026-05-01T10:00:00Z');
    await withdrawFeedback(db, saved.id, at('2026-05-02T10:00:00Z'));
    const entries = await queued();
    expect(entries.map((e) => [e.entity, e.id, e.op, (e.data as Feedback).deletedAt])).toEqual([
      ['feedback', saved.id, 'put', null],
      ['feedback', saved.id, 'put', '2026-05-02T10:00:00.000Z'],
    ]);
  });

  it('writes the record, its outbox entry and its change-log entry in one transaction: a failed change leaves none', async () => {
    const tables = [db.customers, db.identities, db.interactions, db.feedback, db.changeLog, db.outbox, db.syncState];
    const outer = db.transaction('rw', tables, async () => {
      await record(POST, 'bug', 'App', '2026-05-01T10:00:00Z');
      expect(await db.outbox.count()).toBe(1);
      expect(await db.changeLog.count()).toBe(1);
      throw new Error('stopped before commit');
    });
    await expect(outer).rejects.toThrow('stopped before commit');
    expect(await db.feedback.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.changeLog.count()).toBe(0);
  });

  it('goes up with everything else when a browser that worked alone joins a team', async () => {
    await db.syncState.clear();
    const saved = await record(POST, 'praise', 'Support', '2026-05-01T10:00:00Z');
    const gone = await record(POST, 'bug', 'App', '2026-05-01T10:01:00Z');
    await withdrawFeedback(db, gone.id, at('2026-05-01T11:00:00Z'));
    expect(await db.outbox.count()).toBe(0);
    await db.transaction('rw', [...SYNCED_TABLES.map((name) => db.table(name)), db.outbox, db.syncState], async () => {
      await db.syncState.put(session);
      await enqueueSnapshot(db);
    });
    const entries = await queued();
    // After the customers they point at; the withdrawn one as its tombstone.
    expect(entries.findIndex((e) => e.entity === 'feedback')).toBeGreaterThan(entries.findIndex((e) => e.entity === 'customer'));
    expect(entries.filter((e) => e.entity === 'feedback').map((e) => [e.id, (e.data as Feedback).deletedAt !== null]).sort()).toEqual(
      [[saved.id, false], [gone.id, true]].sort(),
    );
  });

  it('moves with its customer when two records are linked into one', async () => {
    const saved = await record(FB_POST, 'request', 'App', '2026-05-01T10:00:00Z');
    await db.outbox.clear();
    await linkIdentity(db, { identityId: 'x:alice', kind: 'facebook', handle: '1000123' }, at('2026-05-02T10:00:00Z'));
    expect((await db.feedback.get(saved.id))?.customerId).toBe('c:x:alice');
    expect((await queued()).filter((e) => e.entity === 'feedback').map((e) => (e.data as Feedback).customerId)).toEqual(['c:x:alice']);
  });
});
