import { beforeEach, describe, expect, it } from 'vitest';
import { addNote, addTag, deleteNote, linkIdentity, removeTag, setStatus, unlinkIdentity, updateNote } from '@/utils/db/customers';
import { markPost, recordReply, recordSeenPosts, recordTeamReply } from '@/utils/db/posts';
import { deleteTemplate, importTemplates, saveTemplate } from '@/utils/db/templates';
import type { KotaeDB } from '@/utils/db/kotae-db';
import { enqueueSnapshot } from '@/utils/sync/outbox';
import { mutationSchema, parseRecord } from '@/utils/sync/wire';
import { actor, freshDb, joinedSession, seenPost } from '../helpers/db';

const session = joinedSession;

let db: KotaeDB;
beforeEach(async () => {
  db = freshDb();
  await db.syncState.put(session);
});

/** What the outbox holds, oldest first, as `entity:id`; each entry a valid mutation of a valid record. */
async function drain(): Promise<string[]> {
  const entries = await db.outbox.orderBy('seq').toArray();
  await db.outbox.clear();
  for (const entry of entries) {
    const { seq: _seq, ...mutation } = entry;
    expect(mutationSchema.safeParse(mutation).success, JSON.stringify(mutation)).toBe(true);
    expect(parseRecord(entry.entity, entry.id, entry.data).ok, JSON.stringify(entry)).toBe(true);
  }
  return entries.map((e) => `${e.entity}:${e.id}`);
}

describe('outbox entries', () => {
  it('queues a customer and identity met for the first time, and each post the first time it is seen', async () => {
    await recordSeenPosts(db, [seenPost()], new Date());
    expect(await drain()).toEqual(['customer:c:x:alice', 'identity:x:alice', 'interaction:seen:x:1790000000000000001']);
    await recordSeenPosts(db, [seenPost(), seenPost({ postId: '2' })], new Date());
    expect(await drain()).toEqual(['interaction:seen:x:2']);
    await recordSeenPosts(db, [seenPost({ postId: '3', authorName: 'Alice 🌸' })], new Date());
    expect(await drain()).toEqual(['identity:x:alice', 'interaction:seen:x:3']);
    expect(await db.interactions.count()).toBe(3);
  });

  it('queues notes, tags and status; the customer only when its own fields change', async () => {
    await recordSeenPosts(db, [seenPost()], new Date());
    await drain();
    // A first note opens a new customer: that is a change to the customer record.
    const note = await addNote(db, { identityId: 'x:alice', body: 'hello', postKey: null }, actor());
    expect(await drain()).toEqual([`note:${note.id}`, 'customer:c:x:alice']);
    // Later changes send only what changed, never a stale copy of the customer.
    await updateNote(db, { noteId: note.id, body: 'hello again' }, actor());
    expect(await drain()).toEqual([`note:${note.id}`]);
    await deleteNote(db, note.id, actor());
    const [deleted] = await db.outbox.toArray();
    expect(deleted?.data).toMatchObject({ id: note.id, deletedAt: expect.any(String) });
    expect(await drain()).toEqual([`note:${note.id}`]);
    const tag = await addTag(db, { identityId: 'x:alice', label: 'VIP' }, actor());
    expect(await drain()).toEqual([`tag:${tag.id}`]);
    await removeTag(db, tag.id, actor());
    expect(await drain()).toEqual([`tag:${tag.id}`]);
    await setStatus(db, 'x:alice', 'resolved', actor());
    const [status] = await db.outbox.toArray();
    expect(status?.data).toMatchObject({ status: 'resolved' });
    expect(await drain()).toEqual(['customer:c:x:alice']);
  });

  it('queues replies, marks and team replies, which are shared interactions', async () => {
    await recordSeenPosts(db, [seenPost()], new Date());
    await drain();
    await recordReply(db, { post: seenPost(), text: 'Sorry!', templateId: null }, actor());
    const reply = await drain();
    expect(reply[0]).toMatch(/^interaction:replied:x:1790000000000000001:/);
    expect(reply.slice(1)).toEqual(['customer:c:x:alice']);
    await markPost(db, { postKey: 'x:1790000000000000001', mark: 'movedToPrivate' }, actor());
    expect((await drain())[0]).toMatch(/^interaction:movedToPrivate:/);
    await recordTeamReply(db, { post: seenPost(), reply: seenPost({ postId: '99', authorHandle: 'shop' }) }, new Date());
    expect(await drain()).toEqual(['interaction:teamReplied:x:1790000000000000001:x:99']);
  });

  it('queues everything a merge or split moves', async () => {
    await recordSeenPosts(db, [seenPost(), seenPost({ postId: '2', authorHandle: 'alice_alt' })], new Date());
    await addNote(db, { identityId: 'x:alice_alt', body: 'alt note', postKey: null }, actor());
    await addTag(db, { identityId: 'x:alice_alt', label: 'VIP' }, actor());
    await drain();
    await linkIdentity(db, { identityId: 'x:alice', kind: 'x', handle: 'alice_alt' }, actor());
    const merged = await drain();
    expect(merged).toEqual(
      expect.arrayContaining(['tag:c:x:alice_alt:vip', 'tag:c:x:alice:vip', 'customer:c:x:alice_alt', 'identity:x:alice_alt']),
    );
    // The customer that took the other in did not itself change.
    expect(merged).not.toContain('customer:c:x:alice');
    expect(merged.some((e) => e.startsWith('note:'))).toBe(true);
    // The sighting moved customers too.
    expect(merged).toContain('interaction:seen:x:2');
    await unlinkIdentity(db, 'x:alice_alt', actor());
    const split = await drain();
    expect(split).toContain('identity:x:alice_alt');
    // Only the new record the identity moved to.
    expect(split.filter((e) => e.startsWith('customer:'))).toHaveLength(1);
    expect(split).not.toContain('customer:c:x:alice');
  });

  it('queues team templates and never personal ones', async () => {
    const draft = { title: 'Hi', category: 'greeting', code: null, variants: [{ lang: 'en' as const, body: 'Hello' }] };
    const personal = await saveTemplate(db, { ...draft, scope: 'personal' }, new Date());
    const team = await saveTemplate(db, { ...draft, scope: 'team' }, new Date());
    expect(await drain()).toEqual([`template:${team.id}`]);
    await deleteTemplate(db, personal.id, new Date());
    await deleteTemplate(db, team.id, new Date());
    expect(await drain()).toEqual([`template:${team.id}`]);
    await importTemplates(db, [{ ...team, id: 'imported', deletedAt: null }, { ...personal, id: 'mine', deletedAt: null }]);
    expect(await drain()).toEqual(['template:imported']);
  });

  it('writes the entry in the same transaction as the change: a failed change leaves neither', async () => {
    await recordSeenPosts(db, [seenPost()], new Date());
    await drain();
    const outer = db.transaction('rw', [db.customers, db.identities, db.notes, db.changeLog, db.outbox, db.syncState], async () => {
      await addNote(db, { identityId: 'x:alice', body: 'never kept', postKey: null }, actor());
      expect(await db.outbox.count()).toBe(2);
      throw new Error('stopped before commit');
    });
    await expect(outer).rejects.toThrow('stopped before commit');
    expect(await db.notes.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('queues nothing while this browser is not joined to a team', async () => {
    await db.syncState.clear();
    await recordSeenPosts(db, [seenPost()], new Date());
    await addNote(db, { identityId: 'x:alice', body: 'solo', postKey: null }, actor());
    expect(await db.outbox.count()).toBe(0);
  });

  it('queues every shared record once when joining, parents first', async () => {
    await db.syncState.clear();
    await recordSeenPosts(db, [seenPost()], new Date());
    const note = await addNote(db, { identityId: 'x:alice', body: 'solo', postKey: null }, actor());
    const count = await db.transaction('rw', [db.customers, db.identities, db.interactions, db.notes, db.tags, db.templates, db.feedback, db.outbox], () =>
      enqueueSnapshot(db),
    );
    const queued = await drain();
    expect(count).toBe(queued.length);
    expect(queued).toEqual(['customer:c:x:alice', 'identity:x:alice', `note:${note.id}`, 'interaction:seen:x:1790000000000000001']);
  });
});
