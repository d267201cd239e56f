import { beforeEach, describe, expect, it } from 'vitest';
import { addNote } from '@/utils/db/customers';
import { markPost, recordSeenPosts } from '@/utils/db/posts';
import { overdueCount, waitingQueue } from '@/utils/db/queue';
import type { KotaeDB } from '@/utils/db/kotae-db';
import { DEFAULT_TIMER_SETTINGS } from '@/utils/timer';
import { actor, freshDb, seenPost } from '../helpers/db';

const now = new Date('2026-11-24T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
let db: KotaeDB;

beforeEach(async () => {
  db = freshDb();
  await recordSeenPosts(
    db,
    [
      seenPost({ postId: '1', authorHandle: 'recent', postedAt: minutesAgo(5) }),
      seenPost({ postId: '2', authorHandle: 'oldest', postedAt: minutesAgo(300) }),
      seenPost({ postId: '3', authorHandle: 'soon', postedAt: minutesAgo(50) }),
      seenPost({ postId: '4', authorHandle: 'answered', postedAt: minutesAgo(100) }),
      seenPost({ postId: '5', authorHandle: 'kotaesupport', postedAt: minutesAgo(500) }),
    ],
    new Date(now.getTime() - 1000),
  );
  await markPost(db, { postKey: 'x:4', mark: 'markedAnswered' }, actor(now));
});

const options = { settings: DEFAULT_TIMER_SETTINGS, now, agentId: 'agent-1', teamIdentities: new Set(['x:kotaesupport']) };

describe('the waiting queue', () => {
  it('lists unanswered posts, oldest wait first, never the team’s own', async () => {
    const queue = await waitingQueue(db, { ...options, filter: 'all' });
    expect(queue.map((e) => [e.identityId, e.state.state])).toEqual([
      ['x:oldest', 'overdue'],
      ['x:soon', 'warning'],
      ['x:recent', 'waiting'],
    ]);
    expect(await overdueCount(db, options)).toBe(1);
  });

  it('filters overdue posts, and the agent’s own customers', async () => {
    expect((await waitingQueue(db, { ...options, filter: 'overdue' })).map((e) => e.identityId)).toEqual(['x:oldest']);
    expect(await waitingQueue(db, { ...options, filter: 'mine' })).toEqual([]);
    await addNote(db, { identityId: 'x:recent', body: 'mine now', postKey: null }, actor(now));
    expect((await waitingQueue(db, { ...options, filter: 'mine' })).map((e) => e.identityId)).toEqual(['x:recent']);
  });

  it('what was done last on a post counts last, even within one millisecond', async () => {
    // Answered at `now` (beforeEach), then reopened and answered again in the same millisecond.
    await markPost(db, { postKey: 'x:4', mark: 'reopened' }, actor(now));
    expect((await waitingQueue(db, { ...options, filter: 'all' })).map((e) => e.identityId)).toContain('x:answered');
    await markPost(db, { postKey: 'x:4', mark: 'markedAnswered' }, actor(now));
    expect((await waitingQueue(db, { ...options, filter: 'all' })).map((e) => e.identityId)).not.toContain('x:answered');
    const stamps = (await db.interactions.where('postKey').equals('x:4').toArray()).filter((i) => i.kind !== 'seen').map((i) => i.recordedAt).sort();
    expect(new Set(stamps).size).toBe(3);
  });
});
