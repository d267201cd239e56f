/**
 * Who is still waiting: every customer post seen and not yet answered, oldest
 * wait first. Never ordered by anything about the customer but their wait.
 */
import { responseState, type CountingState, type TimerSettings } from '@/utils/timer';
import type { Interaction } from '@/utils/model';
import type { KotaeDB } from './kotae-db';
import { postTimersOf } from '@/utils/timer/interactions';

export type QueueFilter = 'all' | 'mine' | 'overdue';

export interface QueueEntry {
  postKey: string;
  postUrl: string;
  postText: string;
  identityId: string;
  customerName: string;
  state: CountingState;
}

export interface QueueOptions {
  settings: TimerSettings;
  now: Date;
  /** For "mine": customers this agent has written a note or a reply to. */
  agentId: string;
  filter: QueueFilter;
  /** The team's own accounts (identity keys): their posts wait for no one. */
  teamIdentities?: ReadonlySet<string>;
}

export async function waitingQueue(db: KotaeDB, options: QueueOptions): Promise<QueueEntry[]> {
  // Every interaction in one read (the sightings and what answered them): a cursor
  // filtered by kind, then one per post, cost many times more on a long history.
  const rows = await db.interactions.toArray();
  const posts = rows.filter((i) => i.kind === 'seen' && !options.teamIdentities?.has(i.identityId));
  const timers = postTimersOf(rows);
  const mine = options.filter === 'mine' ? await customersOf(db, options.agentId) : null;
  const names = new Map((await db.identities.toArray()).map((i) => [i.id, i.displayName]));

  const entries: QueueEntry[] = [];
  for (const post of posts) {
    if (mine && !mine.has(post.customerId)) continue;
    const timer = timers.get(post.postKey);
    const state = responseState({
      postedAt: post.postedAt,
      firstSeenAt: timer?.firstSeenAt ?? post.recordedAt,
      events: timer?.events ?? [],
      settings: options.settings,
      now: options.now,
    });
    if (state.state !== 'waiting' && state.state !== 'warning' && state.state !== 'overdue') continue;
    if (options.filter === 'overdue' && state.state !== 'overdue') continue;
    entries.push(entryOf(post, state, names.get(post.identityId) ?? post.identityId));
  }
  return entries.sort((a, b) => b.state.waitedMs - a.state.waitedMs);
}

function entryOf(post: Interaction, state: CountingState, customerName: string): QueueEntry {
  return { postKey: post.postKey, postUrl: post.postUrl, postText: post.postText, identityId: post.identityId, customerName, state };
}

async function customersOf(db: KotaeDB, agentId: string): Promise<Set<string>> {
  const [notes, interactions] = await Promise.all([
    db.notes.filter((n) => n.authorId === agentId && n.deletedAt === null).toArray(),
    db.interactions.filter((i) => i.byAgentId === agentId).toArray(),
  ]);
  return new Set([...notes.map((n) => n.customerId), ...interactions.map((i) => i.customerId)]);
}

/** How many posts are overdue now: the number on the toolbar icon. */
export async function overdueCount(db: KotaeDB, options: Omit<QueueOptions, 'filter' | 'agentId'>): Promise<number> {
  return (await waitingQueue(db, { ...options, filter: 'overdue', agentId: '' })).length;
}
