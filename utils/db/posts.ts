/**
 * What happened to posts: seen, answered (by the composer, by the team's own
 * account, by hand), moved to DM, recorded. Each post's response timer is read
 * back from these records.
 */
import {
  interactionId,
  postKey,
  POST_TEXT_MAX_CHARS,
  type Interaction,
  type PostMark,
  type PostTimer,
  type SeenPost,
} from '@/utils/model';
import { KotaeError } from '@/utils/errors';
import { postTimersOf } from '@/utils/timer/interactions';
import type { KotaeDB } from './kotae-db';
import { customerOf, ensureAuthor, ensureAuthors, newId, openCustomer, type Actor } from './customers';
import { authorOf, logChanges } from './change-log';
import { enqueue, outboxTables } from '@/utils/sync/outbox';

/**
 * Records each post as seen (once per post) and creates customers and identities
 * met for the first time. Answers the authors' identity keys, each once, in order.
 */
export async function recordSeenPosts(db: KotaeDB, posts: SeenPost[], now: Date): Promise<string[]> {
  const stamp = now.toISOString();
  // A sighting is shared once, when this browser first sees the post: the team's
  // first sighting of it stands (the server keeps the first).
  return db.transaction('rw', [db.customers, db.identities, db.interactions, ...outboxTables(db)], async () => {
    // In bulk: a scrolled timeline sends dozens of posts per message.
    const authors = await ensureAuthors(db, posts, stamp);
    const known = posts.flatMap((post, index) => {
      const identity = authors[index];
      const key = postKey(post.platform, post.postId);
      return identity ? [{ post, identity, key, id: interactionId('seen', key) }] : [];
    });
    const stored = await db.interactions.bulkGet(known.map((k) => k.id));
    const fresh = new Map<string, Interaction>();
    known.forEach(({ post, identity, key, id }, index) => {
      if (stored[index] || fresh.has(id)) return;
      fresh.set(id, {
        id,
        customerId: identity.customerId,
        identityId: identity.id,
        kind: 'seen',
        postKey: key,
        postUrl: post.permalink,
        postText: post.text,
        postedAt: post.postedAt,
        recordedAt: stamp,
        byAgentId: null,
      });
    });
    await db.interactions.bulkAdd([...fresh.values()]);
    await enqueue(db, 'interaction', [...fresh.keys()]);
    return [...new Set(known.map((k) => k.identity.id))];
  });
}

/** The timer facts of each post Kotae has seen: first sighting, and replies sent through the composer. */
export async function postTimers(db: KotaeDB, postKeys: readonly string[]): Promise<PostTimer[]> {
  const rows = await db.interactions.where('postKey').anyOf([...postKeys]).toArray();
  return [...postTimersOf(rows).values()];
}

/**
 * What a sent reply means, from the template it started from: a first quick answer,
 * a move to DM or e-mail, the follow-up after one of those, or simply a reply.
 */
async function replyKind(db: KotaeDB, pKey: string, templateId: string | null): Promise<Interaction['kind']> {
  const category = templateId ? (await db.templates.get(templateId))?.category : undefined;
  if (category === 'acknowledge') return 'acknowledged';
  if (category === 'moveToPrivate') return 'movedToPrivate';
  if (category === 'followUp' || category === 'resolved') {
    const earlier = await db.interactions.where('postKey').equals(pKey).toArray();
    if (earlier.some((i) => i.kind === 'acknowledged' || i.kind === 'movedToPrivate')) return 'followedUp';
  }
  return 'replied';
}

/**
 * Records that one of the team's own accounts answered `post` (its reply was seen in
 * the thread), once per reply, at the reply's own time. Answers the customer's identity key.
 */
export async function recordTeamReply(db: KotaeDB, input: { post: SeenPost; reply: SeenPost }, now: Date): Promise<string | null> {
  const stamp = now.toISOString();
  return db.transaction('rw', [db.customers, db.identities, db.interactions, ...outboxTables(db)], async () => {
    const identity = await ensureAuthor(db, input.post, stamp);
    if (!identity) return null;
    const pKey = postKey(input.post.platform, input.post.postId);
    const id = `${interactionId('teamReplied', pKey)}:${postKey(input.reply.platform, input.reply.postId)}`;
    if (await db.interactions.get(id)) return null; // seen before: recorded once
    const customer = await customerOf(db, identity.id);
    await db.interactions.add({
      id,
      customerId: customer.id,
      identityId: identity.id,
      kind: 'teamReplied',
      postKey: pKey,
      postUrl: input.reply.permalink,
      postText: input.reply.text,
      postedAt: input.post.postedAt,
      // The reply's own time is when the customer was answered.
      recordedAt: input.reply.postedAt ?? stamp,
      byAgentId: null,
      templateId: null,
    });
    await enqueue(db, 'interaction', [id]);
    return identity.id;
  });
}

/**
 * The time to record an agent's action on a post: now, or just after the post's
 * latest record if that is not earlier (two clicks in one millisecond, or this
 * clock behind a colleague's), so what was done last also counts last.
 */
async function stampAfterLast(db: KotaeDB, pKey: string, now: Date): Promise<string> {
  const rows = await db.interactions.where('postKey').equals(pKey).toArray();
  const latest = Math.max(-Infinity, ...rows.filter((row) => row.kind !== 'seen').map((row) => Date.parse(row.recordedAt)));
  return new Date(Number.isFinite(latest) && latest >= now.getTime() ? latest + 1 : now.getTime()).toISOString();
}

/** Records what an agent marked on a post by hand (answered, moved to DM, …). */
export async function markPost(
  db: KotaeDB,
  input: { postKey: string; mark: PostMark },
  actor: Actor,
): Promise<string> {
  return db.transaction('rw', [db.customers, db.identities, db.interactions, db.changeLog, ...outboxTables(db)], async () => {
    const seen = await db.interactions.get(interactionId('seen', input.postKey));
    if (!seen) throw new KotaeError('notFound', 'Kotae has not seen that post');
    const customer = await customerOf(db, seen.identityId);
    const id = `${interactionId(input.mark, input.postKey)}:${newId()}`;
    await db.interactions.add({
      ...seen,
      id,
      customerId: customer.id,
      kind: input.mark,
      postText: '',
      recordedAt: await stampAfterLast(db, input.postKey, actor.now),
      byAgentId: actor.agentId,
      templateId: null,
    });
    await enqueue(db, 'interaction', [id]);
    await logChanges(db, authorOf(actor), [{ customerId: customer.id, entity: 'interaction', recordId: id, action: 'added', summary: input.mark }]);
    return seen.identityId;
  });
}

/**
 * Records a reply the agent sent to `post` (its text, and the template it started
 * from). Every send is its own record. Answers the author's identity key.
 */
export async function recordReply(
  db: KotaeDB,
  input: { post: SeenPost; text: string; templateId: string | null },
  actor: Actor,
): Promise<string> {
  const stamp = actor.now.toISOString();
  return db.transaction('rw', [db.customers, db.identities, db.interactions, db.templates, db.changeLog, ...outboxTables(db)], async () => {
    const identity = await ensureAuthor(db, input.post, stamp);
    if (!identity) throw new KotaeError('invalidHandle', `"${input.post.authorHandle.slice(0, 60)}" is not a valid author`);
    const customer = await customerOf(db, identity.id);
    const pKey = postKey(input.post.platform, input.post.postId);
    const kind = await replyKind(db, pKey, input.templateId);
    const id = `${interactionId(kind, pKey)}:${newId()}`;
    await db.interactions.add({
      id,
      customerId: customer.id,
      identityId: identity.id,
      kind,
      postKey: pKey,
      postUrl: input.post.permalink,
      postText: input.text.slice(0, POST_TEXT_MAX_CHARS),
      postedAt: input.post.postedAt,
      recordedAt: await stampAfterLast(db, pKey, actor.now),
      byAgentId: actor.agentId,
      templateId: input.templateId,
    });
    await enqueue(db, 'interaction', [id]);
    await logChanges(db, authorOf(actor), [{ customerId: customer.id, entity: 'interaction', recordId: id, action: 'added', summary: kind }]);
    if (customer.status === 'new') await openCustomer(db, customer.id, actor);
    return identity.id;
  });
}
