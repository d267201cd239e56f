import { beforeEach, describe, expect, it } from 'vitest';
import {
  addNote,
  addTag,
  customerDetail,
  deleteNote,
  linkIdentity,
  removeTag,
  setStatus,
  summarise,
  unlinkIdentity,
  updateNote,
} from '@/utils/db/customers';
import { markPost, postTimers, recordReply, recordSeenPosts, recordTeamReply } from '@/utils/db/posts';
import type { KotaeDB } from '@/utils/db/kotae-db';
import { KotaeError } from '@/utils/errors';
import { actor, freshDb, seenPost } from '../helpers/db';

let db: KotaeDB;
beforeEach(() => {
  db = freshDb();
});

describe('seen posts', () => {
  it('creates the customer on first sight and records each post once', async () => {
    const now = new Date('2026-05-01T09:00:00Z');
    await recordSeenPosts(db, [seenPost(), seenPost()], now);
    await recordSeenPosts(db, [seenPost()], new Date('2026-05-02T09:00:00Z'));
    const [summary] = await summarise(db, await recordSeenPosts(db, [seenPost({ postId: '1790000000000000002' })], now));
    expect(summary).toMatchObject({ identityId: 'x:alice', seenCount: 2, noteCount: 0, status: 'new', tags: [] });
    const interactions = await db.interactions.toArray();
    expect(interactions.map((i) => i.id).sort()).toEqual(['seen:x:1790000000000000001', 'seen:x:1790000000000000002']);
    // The first sighting's time stays: seeing a post again records nothing new.
    expect(interactions.find((i) => i.id.endsWith('1'))?.recordedAt).toBe('2026-05-01T09:00:00.000Z');
  });

  it('keeps the display name current when a customer renames', async () => {
    await recordSeenPosts(db, [seenPost()], new Date());
    await recordSeenPosts(db, [seenPost({ postId: '2', authorName: 'Alice 🌸' })], new Date());
    expect((await db.identities.get('x:alice'))?.displayName).toBe('Alice 🌸');
  });

  it('answers each author once, in order', async () => {
    const authors = await recordSeenPosts(
      db,
      [seenPost({ authorHandle: 'bob', postId: '1' }), seenPost({ postId: '2' }), seenPost({ authorHandle: 'bob', postId: '3' })],
      new Date(),
    );
    expect(authors).toEqual(['x:bob', 'x:alice']);
    const summaries = await summarise(db, authors);
    expect(summaries.map((s) => [s.identityId, s.seenCount])).toEqual([
      ['x:bob', 2],
      ['x:alice', 1],
    ]);
  });
});

describe('summaries of many customers at once', () => {
  it('equal each customer summarised alone, with merges, deleted notes and tags', async () => {
    await recordSeenPosts(
      db,
      ['alice', 'bob', 'carol', 'dave'].map((handle, n) => seenPost({ authorHandle: handle, postId: String(n + 1) })),
      new Date(),
    );
    await addNote(db, { identityId: 'x:bob', body: 'kept', postKey: null }, actor());
    const gone = await addNote(db, { identityId: 'x:bob', body: 'deleted', postKey: null }, actor());
    await deleteNote(db, gone.id, actor());
    const vip = await addTag(db, { identityId: 'x:carol', label: 'vip' }, actor());
    await addTag(db, { identityId: 'x:carol', label: 'billing' }, actor());
    await removeTag(db, vip.id, actor());
    await recordReply(db, { post: seenPost({ authorHandle: 'carol', postId: '3' }), text: 'Thanks', templateId: null }, actor());
    // A merged record whose identity still points at it: the summary follows the merge.
    await db.customers.update('c:x:dave', { mergedInto: 'c:x:alice' });
    const ids = ['x:dave', 'x:nobody', 'x:carol', 'x:bob', 'x:alice'];
    const alone = (await Promise.all(ids.map((id) => summarise(db, [id])))).flat();
    const together = await summarise(db, ids);
    expect(together).toEqual(alone);
    expect(together.map((s) => [s.identityId, s.customerId, s.seenCount, s.repliedCount, s.noteCount, s.tags])).toEqual([
      ['x:dave', 'c:x:alice', 1, 0, 0, []],
      ['x:carol', 'c:x:carol', 1, 1, 0, ['billing']],
      ['x:bob', 'c:x:bob', 1, 0, 1, []],
      ['x:alice', 'c:x:alice', 1, 0, 0, []],
    ]);
  });

  it('create a new author seen twice in one batch once, under the name shown last', async () => {
    await recordSeenPosts(db, [seenPost({ postId: '1', authorName: 'Alice' }), seenPost({ postId: '2', authorName: 'Alice 🌸' })], new Date());
    expect(await db.customers.count()).toBe(1);
    expect((await db.identities.get('x:alice'))?.displayName).toBe('Alice 🌸');
    expect(await db.interactions.count()).toBe(2);
  });
});

describe('notes', () => {
  beforeEach(async () => {
    await recordSeenPosts(db, [seenPost()], new Date());
  });

  it('adds, edits and deletes with a tombstone', async () => {
    const note = await addNote(db, { identityId: 'x:alice', body: 'Refund promised', postKey: 'x:1790000000000000001' }, actor());
    expect(note).toMatchObject({ body: 'Refund promised', authorName: 'Sato', deletedAt: null });
    const later = actor(new Date('2026-05-01T10:00:00Z'));
    const edited = await updateNote(db, { noteId: note.id, body: 'Refund sent' }, later);
    expect(edited.updatedAt).toBe('2026-05-01T10:00:00.000Z');
    expect((await customerDetail(db, 'x:alice')).notes.map((n) => n.body)).toEqual(['Refund sent']);
    await deleteNote(db, note.id, later);
    expect((await customerDetail(db, 'x:alice')).notes).toEqual([]);
    expect((await db.notes.get(note.id))?.deletedAt).toBe('2026-05-01T10:00:00.000Z');
    await expect(updateNote(db, { noteId: note.id, body: 'again' }, later)).rejects.toMatchObject({ code: 'notFound' });
  });

  it('opens a new customer on the first note and counts notes on the badge', async () => {
    await addNote(db, { identityId: 'x:alice', body: 'one', postKey: null }, actor());
    await addNote(db, { identityId: 'x:alice', body: 'two', postKey: null }, actor());
    const [summary] = await summarise(db, ['x:alice']);
    expect(summary).toMatchObject({ noteCount: 2, status: 'open' });
  });

  it('lets an agent on a team change only their own notes; supervisors, admins and a lone browser any', async () => {
    const note = await addNote(db, { identityId: 'x:alice', body: 'Sato’s note', postKey: null }, actor());
    const colleague = { ...actor(), agentId: 'agent-2', agentName: 'Ken' };
    for (const change of [
      () => updateNote(db, { noteId: note.id, body: 'Ken was here' }, { ...colleague, role: 'agent' }),
      () => deleteNote(db, note.id, { ...colleague, role: 'agent' }),
    ]) {
      await expect(change()).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect((await db.notes.get(note.id))).toMatchObject({ body: 'Sato’s note', deletedAt: null });
    await updateNote(db, { noteId: note.id, body: 'own edit' }, { ...actor(), role: 'agent' });
    await updateNote(db, { noteId: note.id, body: 'supervised' }, { ...colleague, role: 'supervisor' });
    await updateNote(db, { noteId: note.id, body: 'alone' }, { ...colleague, role: null });
    expect((await db.notes.get(note.id))?.body).toBe('alone');
  });

  it('keeps a note private when asked', async () => {
    const note = await addNote(db, { identityId: 'x:alice', body: 'VIP', postKey: null, private: true }, actor());
    expect(note.private).toBe(true);
    expect((await addNote(db, { identityId: 'x:alice', body: 'open', postKey: null }, actor())).private).toBeUndefined();
  });

  it('refuses notes for customers never seen', async () => {
    await expect(addNote(db, { identityId: 'x:nobody', body: 'hi', postKey: null }, actor())).rejects.toBeInstanceOf(
      KotaeError,
    );
  });
});

describe('tags and status', () => {
  beforeEach(async () => {
    await recordSeenPosts(db, [seenPost()], new Date());
  });

  it('adds a tag once, removes it, and revives it', async () => {
    const tag = await addTag(db, { identityId: 'x:alice', label: 'VIP' }, actor());
    await addTag(db, { identityId: 'x:alice', label: 'vip' }, actor());
    expect((await summarise(db, ['x:alice']))[0]?.tags).toHaveLength(1);
    await removeTag(db, tag.id, actor());
    expect((await summarise(db, ['x:alice']))[0]?.tags).toEqual([]);
    await addTag(db, { identityId: 'x:alice', label: 'VIP' }, actor());
    expect((await summarise(db, ['x:alice']))[0]?.tags).toEqual(['VIP']);
  });

  it('sets the status', async () => {
    await setStatus(db, 'x:alice', 'waiting', actor());
    expect((await summarise(db, ['x:alice']))[0]?.status).toBe('waiting');
  });
});

describe('linked identities', () => {
  beforeEach(async () => {
    await recordSeenPosts(db, [seenPost(), seenPost({ authorHandle: 'alice_jp', postId: '9' })], new Date());
    await addNote(db, { identityId: 'x:alice_jp', body: 'Japanese account', postKey: null }, actor());
    await addTag(db, { identityId: 'x:alice_jp', label: 'jp' }, actor());
  });

  it('links a new identity by hand', async () => {
    await linkIdentity(db, { identityId: 'x:alice', kind: 'email', handle: 'Alice@Example.com' }, actor());
    const detail = await customerDetail(db, 'email:alice@example.com');
    expect(detail.identities.map((i) => i.id)).toEqual(['email:alice@example.com', 'x:alice']);
  });

  it('merges two known customers into one record, losing nothing', async () => {
    await linkIdentity(db, { identityId: 'x:alice', kind: 'x', handle: '@Alice_JP' }, actor());
    const detail = await customerDetail(db, 'x:alice');
    expect(detail.identities.map((i) => i.id)).toEqual(['x:alice', 'x:alice_jp']);
    expect(detail.notes.map((n) => n.body)).toEqual(['Japanese account']);
    expect(detail.tags.map((t) => t.label)).toEqual(['jp']);
    expect(detail.interactions).toHaveLength(2);
    const [a, b] = await summarise(db, ['x:alice', 'x:alice_jp']);
    expect(a?.customerId).toBe(b?.customerId);
    expect(a?.seenCount).toBe(2);
  });

  it('refuses invalid handles and double links', async () => {
    await expect(linkIdentity(db, { identityId: 'x:alice', kind: 'email', handle: 'not-an-address' }, actor())).rejects.toMatchObject({
      code: 'invalidHandle',
    });
    await linkIdentity(db, { identityId: 'x:alice', kind: 'facebook', handle: '1000123' }, actor());
    await expect(linkIdentity(db, { identityId: 'x:alice', kind: 'facebook', handle: '1000123' }, actor())).rejects.toMatchObject({
      code: 'alreadyLinked',
    });
  });

  it('unlinks into a record of its own, keeping notes with the customer', async () => {
    await linkIdentity(db, { identityId: 'x:alice', kind: 'x', handle: 'alice_jp' }, actor());
    await unlinkIdentity(db, 'x:alice_jp', actor());
    const alice = await customerDetail(db, 'x:alice');
    const jp = await customerDetail(db, 'x:alice_jp');
    expect(alice.customer.id).not.toBe(jp.customer.id);
    expect(alice.notes).toHaveLength(1);
    expect(jp.interactions.map((i) => i.identityId)).toEqual(['x:alice_jp']);
    await expect(unlinkIdentity(db, 'x:alice_jp', actor())).rejects.toMatchObject({ code: 'lastIdentity' });
  });
});

describe('unreadable rows', () => {
  it('are left out of the panel and kept in the database', async () => {
    await recordSeenPosts(db, [seenPost()], new Date());
    const { customer } = await customerDetail(db, 'x:alice');
    await db.notes.add({ id: 'broken', customerId: customer.id } as never);
    const detail = await customerDetail(db, 'x:alice');
    expect(detail.notes).toEqual([]);
    expect(await db.notes.get('broken')).toBeDefined();
  });
});

describe('replies and marks move the post timer', () => {
  it('reads what a reply was from the template it started from', async () => {
    await recordSeenPosts(db, [seenPost()], new Date('2026-05-01T08:01:00Z'));
    const post = seenPost();
    await recordReply(db, { post, text: 'Looking into it', templateId: 'default:acknowledge' }, actor(new Date('2026-05-01T08:05:00Z')));
    await recordReply(db, { post, text: 'Here is the result', templateId: 'default:follow-up' }, actor(new Date('2026-05-01T09:00:00Z')));
    const [timer] = await postTimers(db, ['x:1790000000000000001']);
    expect(timer).toEqual({
      postKey: 'x:1790000000000000001',
      firstSeenAt: '2026-05-01T08:01:00.000Z',
      events: [
        { kind: 'acknowledged', at: '2026-05-01T08:05:00.000Z' },
        { kind: 'followedUp', at: '2026-05-01T09:00:00.000Z' },
      ],
    });
  });

  it('a follow-up template with nothing to follow up is a plain reply; marks by hand are recorded', async () => {
    await recordSeenPosts(db, [seenPost()], new Date('2026-05-01T08:01:00Z'));
    await recordReply(db, { post: seenPost(), text: 'Done', templateId: 'default:resolved' }, actor());
    await markPost(db, { postKey: 'x:1790000000000000001', mark: 'markedAnswered' }, actor(new Date('2026-05-01T10:00:00Z')));
    const [timer] = await postTimers(db, ['x:1790000000000000001']);
    expect(timer?.events.map((e) => [e.kind, 'source' in e ? e.source : null])).toEqual([
      ['replied', 'composer'],
      ['replied', 'manual'],
    ]);
    await expect(markPost(db, { postKey: 'x:42', mark: 'reopened' }, actor())).rejects.toMatchObject({ code: 'notFound' });
  });
});

describe('team replies', () => {
  it('answer the post at the reply’s own time, recorded once per reply', async () => {
    await recordSeenPosts(db, [seenPost()], new Date('2026-05-01T08:01:00Z'));
    const reply = seenPost({ postId: '1790000000000000099', authorHandle: 'support', postedAt: '2026-05-01T08:20:00.000Z', text: 'DM us' });
    expect(await recordTeamReply(db, { post: seenPost(), reply }, new Date('2026-05-01T11:00:00Z'))).toBe('x:alice');
    expect(await recordTeamReply(db, { post: seenPost(), reply }, new Date('2026-05-01T12:00:00Z'))).toBeNull();
    const [timer] = await postTimers(db, ['x:1790000000000000001']);
    expect(timer?.events).toEqual([{ kind: 'replied', at: '2026-05-01T08:20:00.000Z', source: 'teamAccount' }]);
  });
});
