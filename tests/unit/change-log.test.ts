/** Each customer's audit trail: an entry for every kind of change, local and pulled. */
import { beforeEach, describe, expect, it } from 'vitest';
import { addNote, addTag, deleteNote, linkIdentity, removeTag, setStatus, unlinkIdentity, updateNote, type Actor } from '@/utils/db/customers';
import { customerChanges, describePulled } from '@/utils/db/change-log';
import { recordFeedback, withdrawFeedback } from '@/utils/db/feedback';
import { markPost, recordReply, recordSeenPosts, recordTeamReply } from '@/utils/db/posts';
import type { KotaeDB } from '@/utils/db/kotae-db';
import { changeLogEntrySchema, type ChangeLogEntry, type Feedback, type Identity, type Note, type Tag } from '@/utils/model';
import { applyPage } from '@/utils/sync/apply';
import type { SessionRow } from '@/utils/sync/outbox';
import type { Change } from '@/utils/sync/wire';
import { freshDb, seenPost } from '../helpers/db';
import { testClient } from '../helpers/client';

const CUSTOMER = 'c:x:alice';
const POST = 'x:1790000000000000001';
let db: KotaeDB;
let clock: number;
beforeEach(async () => {
  db = freshDb();
  clock = Date.parse('2026-05-01T10:00:00Z');
  await recordSeenPosts(db, [seenPost()], new Date('2026-05-01T09:00:00Z'));
});

/** A new minute for each change, so the log's order is the order of the changes. */
const sato = (): Actor => ({ agentId: 'agent-1', agentName: 'Sato', now: new Date((clock += 60_000)) });

/** The log of a customer as `entity action summary`, oldest first; every entry valid. */
async function trail(customerId = CUSTOMER): Promise<string[]> {
  const { entries } = await customerChanges(db, customerId, 1000);
  for (const entry of entries) expect(changeLogEntrySchema.safeParse(entry).success, JSON.stringify(entry)).toBe(true);
  return entries.reverse().map((e) => `${e.entity} ${e.action} ${e.summary}`.trim());
}

describe('local changes', () => {
  it('logs status, notes, tags, identities, replies, marks and feedback, with who and when', async () => {
    await setStatus(db, 'x:alice', 'waiting', sato());
    await setStatus(db, 'x:alice', 'waiting', sato()); // no change, no entry
    const note = await addNote(db, { identityId: 'x:alice', body: 'Promised a refund by Friday, see the order', postKey: POST }, sato());
    await updateNote(db, { noteId: note.id, body: 'Refund sent' }, sato());
    await deleteNote(db, note.id, sato());
    const tag = await addTag(db, { identityId: 'x:alice', label: 'VIP' }, sato());
    await addTag(db, { identityId: 'x:alice', label: 'VIP' }, sato()); // already there
    await removeTag(db, tag.id, sato());
    await linkIdentity(db, { identityId: 'x:alice', kind: 'email', handle: 'alice@example.com' }, sato());
    await unlinkIdentity(db, 'email:alice@example.com', sato());
    await recordReply(db, { post: seenPost(), text: 'Sorry about that', templateId: null }, sato());
    await markPost(db, { postKey: POST, mark: 'followedUp' }, sato());
    const feedback = await recordFeedback(db, { postKey: POST, kind: 'complaint', area: 'Shipping', comment: '' }, sato());
    await withdrawFeedback(db, feedback.id, sato());

    expect(await trail()).toEqual([
      'customer status new>waiting',
      'note added Promised a refund by Friday, see the or…',
      'note edited Refund sent',
      'note deleted Refund sent',
      'tag added VIP',
      'tag deleted VIP',
      'identity linked email:alice@example.com',
      'identity unlinked email:alice@example.com',
      'interaction added replied',
      'interaction added followedUp',
      'feedback recorded complaint:Shipping',
      'feedback withdrawn complaint:Shipping',
    ]);
    const { entries } = await customerChanges(db, CUSTOMER, 1000);
    expect(entries.every((e) => e.actorId === 'agent-1' && e.actorName === 'Sato')).toBe(true);
    expect(entries[0]!.at).toBe(new Date(clock).toISOString());
    // A sighting and a reply seen from the team's own account are not changes anyone made.
    await recordSeenPosts(db, [seenPost({ postId: '1790000000000000009' })], new Date());
    await recordTeamReply(db, { post: seenPost(), reply: seenPost({ authorHandle: 'shop', postId: '1790000000000000010' }) }, new Date());
    expect(await trail()).toHaveLength(12);
  });

  it('says that a first note or reply opened a new customer', async () => {
    await addNote(db, { identityId: 'x:alice', body: 'hello', postKey: null }, sato());
    await addNote(db, { identityId: 'x:alice', body: 'again', postKey: null }, sato());
    expect(await trail()).toEqual(['note added hello', 'customer status new>open', 'note added again']);
  });

  it('never repeats a private note’s text', async () => {
    const note = await addNote(db, { identityId: 'x:alice', body: 'Card ends 4242', postKey: null, private: true }, sato());
    await updateNote(db, { noteId: note.id, body: 'Card ends 4343' }, sato());
    await deleteNote(db, note.id, sato());
    const { entries } = await customerChanges(db, CUSTOMER, 100);
    expect(entries.filter((e) => e.entity === 'note').map((e) => [e.action, e.summary])).toEqual([
      ['deleted', ''],
      ['edited', ''],
      ['added', ''],
    ]);
    expect(JSON.stringify(await db.changeLog.toArray())).not.toMatch(/Card ends/);
  });

  it('writes nothing when the change fails, and nothing for a change refused', async () => {
    const outer = db.transaction('rw', [db.customers, db.identities, db.tags, db.changeLog, db.outbox, db.syncState], async () => {
      await addTag(db, { identityId: 'x:alice', label: 'VIP' }, sato());
      expect(await db.changeLog.count()).toBe(1);
      throw new Error('stopped before commit');
    });
    await expect(outer).rejects.toThrow('stopped before commit');
    const note = await addNote(db, { identityId: 'x:alice', body: 'mine', postKey: null }, sato());
    const colleague = { agentId: 'agent-2', agentName: 'Ken', now: new Date(), role: 'agent' as const };
    await expect(updateNote(db, { noteId: note.id, body: 'theirs' }, colleague)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await trail()).toEqual(['note added mine', 'customer status new>open']);
  });

  it('keeps a merged customer’s trail with the customer it was merged into', async () => {
    await recordSeenPosts(db, [seenPost({ authorHandle: 'alice_two', postId: '1790000000000000002' })], new Date());
    await addTag(db, { identityId: 'x:alice_two', label: 'Second account' }, sato());
    await linkIdentity(db, { identityId: 'x:alice', kind: 'x', handle: 'alice_two' }, sato());
    expect(await trail()).toEqual(['tag added Second account', 'identity linked x:alice_two']);
    expect(await trail('c:x:alice_two')).toEqual([]);
  });

  it('pages the latest entries, newest first, through the panel’s message', async () => {
    for (let i = 0; i < 5; i += 1) await addTag(db, { identityId: 'x:alice', label: `t${i}` }, sato());
    const { client } = testClient(db);
    const first = await client.send('customer.changes', { identityId: 'x:alice', limit: 3 });
    expect(first.entries.map((e) => e.summary)).toEqual(['t4', 't3', 't2']);
    expect(first.hasMore).toBe(true);
    const all = await client.send('customer.changes', { identityId: 'x:alice', limit: 6 });
    expect(all.entries).toHaveLength(5);
    expect(all.hasMore).toBe(false);
    await expect(client.send('customer.changes', { identityId: 'x:alice', limit: 0 })).rejects.toMatchObject({ code: 'invalidMessage' });
  });
});

describe('pulled changes', () => {
  const session: SessionRow = {
    key: 'session',
    token: 'a-token-that-is-long-enough',
    serverUrl: 'http://127.0.0.1:1',
    member: { id: 'agent-1', name: 'Sato', role: 'agent', disabled: false, createdAt: '2026-05-01T00:00:00.000Z' },
    team: { id: 't-1', name: 'Support' },
    joinedAt: '2026-05-01T00:00:00.000Z',
  };
  beforeEach(() => db.syncState.put(session));

  let seq = 0;
  const change = <T extends { id: string }>(entity: Change['entity'], data: T, at = '2026-06-01T00:00:00.000Z'): Change => ({
    seq: (seq += 1),
    entity,
    id: data.id,
    op: 'put',
    data,
    authorId: 'm-2',
    authorName: 'Suzuki',
    at,
  });
  const apply = async (...changes: Change[]) => applyPage(db, changes, changes.at(-1)!.seq);

  it('logs a colleague’s changes with their name and the server’s time, once', async () => {
    const customer = (await db.customers.get(CUSTOMER))!;
    const note: Note = {
      id: 'n-remote',
      customerId: CUSTOMER,
      body: 'Called them back',
      authorId: 'm-2',
      authorName: 'Suzuki',
      postKey: null,
      createdAt: '2026-06-01T00:00:00.000Z',
      updatedAt: '2026-06-01T00:00:00.000Z',
      deletedAt: null,
    };
    const secret: Note = { ...note, id: 'n-private', body: 'Card ends 4242', private: true };
    const tag: Tag = { id: `${CUSTOMER}:vip`, customerId: CUSTOMER, label: 'VIP', createdAt: '2026-06-01T00:00:00.000Z', createdBy: 'm-2', deletedAt: null };
    const seen = (await db.interactions.toArray())[0]!;
    const feedback: Feedback = {
      id: 'f-remote',
      customerId: CUSTOMER,
      identityId: 'x:alice',
      postKey: POST,
      postUrl: seen.postUrl,
      postText: seen.postText,
      postedAt: seen.postedAt,
      kind: 'request',
      area: 'App',
      comment: '',
      recordedAt: '2026-06-01T00:00:00.000Z',
      recordedBy: 'm-2',
      recordedByName: 'Suzuki',
      deletedAt: null,
    };
    const page = [
      change('customer', { ...customer, status: 'resolved' }, '2026-05-31T23:00:00.000Z'),
      change('customer', { ...customer, status: 'resolved', updatedAt: '2026-06-01T02:00:00.000Z' }), // only its time: nothing to say
      change('note', note),
      change('note', { ...note, body: 'Called them back twice' }),
      change('note', secret),
      change('note', { ...note, body: 'Called them back twice', deletedAt: '2026-06-02T00:00:00.000Z' }),
      change('tag', tag),
      change('tag', { ...tag, deletedAt: '2026-06-02T00:00:00.000Z' }),
      change('identity', { id: 'email:alice@example.com', kind: 'email', handle: 'alice@example.com', displayName: 'alice@example.com', customerId: CUSTOMER, createdAt: '2026-06-01T00:00:00.000Z', updatedAt: '2026-06-01T00:00:00.000Z', linkedByHand: true }),
      change('identity', { id: 'email:alice@example.com', kind: 'email', handle: 'alice@example.com', displayName: 'alice@example.com', customerId: 'split-1', createdAt: '2026-06-01T00:00:00.000Z', updatedAt: '2026-06-01T00:00:00.000Z', linkedByHand: false }),
      change('interaction', { ...seen, id: `markedAnswered:${POST}:r1`, kind: 'markedAnswered', byAgentId: 'm-2', templateId: null }),
      change('interaction', { ...seen, id: `teamReplied:${POST}:x:1`, kind: 'teamReplied', byAgentId: null, templateId: null }),
      change('feedback', feedback),
      change('feedback', { ...feedback, deletedAt: '2026-06-02T00:00:00.000Z' }),
    ];
    await apply(...page);
    const expected = [
      'customer status new>resolved',
      'note added Called them back',
      'note edited Called them back twice',
      'note added',
      'note deleted Called them back twice',
      'tag added VIP',
      'tag deleted VIP',
      'identity linked email:alice@example.com',
      'identity unlinked email:alice@example.com',
      'interaction added markedAnswered',
      'feedback recorded request:App',
      'feedback withdrawn request:App',
    ];
    expect(await trail()).toEqual(expected);
    const { entries } = await customerChanges(db, CUSTOMER, 100);
    expect(entries.every((e: ChangeLogEntry) => e.actorId === 'm-2' && e.actorName === 'Suzuki')).toBe(true);
    expect(entries.at(-1)!.at).toBe('2026-05-31T23:00:00.000Z');
    expect(JSON.stringify(entries)).not.toContain('4242');
    // The same changes again (a pull from the start) add nothing.
    await db.syncState.put({ key: 'cursor', value: 0 });
    await applyPage(db, page, seq);
    expect(await trail()).toEqual(expected);
    // Pulled changes are not sent back.
    expect(await db.outbox.count()).toBe(0);
  });

  it('says nothing of this browser’s own change coming back from the server', async () => {
    const tag = await addTag(db, { identityId: 'x:alice', label: 'VIP' }, sato());
    const note = await addNote(db, { identityId: 'x:alice', body: 'mine', postKey: null }, sato());
    const before = await trail();
    // The server names the author from the token: the echo differs only in that.
    await apply(
      { ...change('tag', (await db.tags.get(tag.id))!), authorId: 'agent-1', authorName: 'Sato' },
      { ...change('note', { ...(await db.notes.get(note.id))!, authorId: 'member-1' }), authorId: 'agent-1', authorName: 'Sato' },
      { ...change('customer', (await db.customers.get(CUSTOMER))!), authorId: 'agent-1', authorName: 'Sato' },
    );
    expect(await trail()).toEqual(before);
  });

  it('follows a record merged on another browser, saying only which identity was linked', async () => {
    await recordSeenPosts(db, [seenPost({ authorHandle: 'alice_two', postId: '1790000000000000002' })], new Date());
    await addTag(db, { identityId: 'x:alice_two', label: 'Second account' }, sato());
    const other = (await db.customers.get('c:x:alice_two'))!;
    const moved = { id: 'x:alice_old', kind: 'x', handle: 'alice_old', displayName: 'Alice', customerId: other.id, createdAt: other.createdAt, updatedAt: other.createdAt, linkedByHand: false };
    await db.identities.add(moved as Identity);
    const key = (await db.identities.get('x:alice_two'))!;
    // As linking on another browser sends them: the merged customer first, then the identities it held.
    await apply(
      change('customer', { ...other, mergedInto: CUSTOMER }),
      change('identity', { ...key, customerId: CUSTOMER, linkedByHand: true }),
      change('identity', { ...moved, customerId: CUSTOMER }),
    );
    expect(await trail()).toEqual(['tag added Second account', 'identity linked x:alice_two']);
    expect(await trail(other.id)).toEqual([]);
  });

  it('describes only what changed in substance', () => {
    expect(describePulled('template', undefined, { id: 't' })).toEqual([]);
    expect(describePulled('note', undefined, undefined)).toEqual([]);
  });
});
