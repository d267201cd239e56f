/**
 * Interactions as timer facts: what each recorded interaction means for its post's
 * response timer. Shared by the overlay's timers, the waiting queue and reports, in
 * the extension and on the team server, so they all count the same way.
 */
import type { Interaction, InteractionKind, PostTimer } from '@/utils/model';
import type { TimerEvent } from './events';

/** Interactions that answer a post in public: the first one is its response, and nobody need answer it again. */
export const ANSWER_KINDS: ReadonlySet<InteractionKind> = new Set([
  'replied',
  'markedAnswered',
  'teamReplied',
  'acknowledged',
  'movedToPrivate',
  'followedUp',
]);

/** What a non-sighting interaction means for its post's response timer. */
export function timerEventOf(row: Interaction): TimerEvent {
  const at = row.recordedAt;
  switch (row.kind) {
    case 'replied':
      return { kind: 'replied', at, source: 'composer' };
    case 'markedAnswered':
      return { kind: 'replied', at, source: 'manual' };
    case 'teamReplied':
      return { kind: 'replied', at, source: 'teamAccount' };
    case 'seen':
      throw new Error('a sighting is not a timer event');
    default:
      return { kind: row.kind, at };
  }
}

/**
 * Each post's timer facts from its interactions (any order): the first sighting, and
 * every other interaction as an event, oldest first.
 */
export function postTimersOf(rows: readonly Interaction[]): Map<string, PostTimer> {
  const byPost = new Map<string, PostTimer>();
  for (const row of [...rows].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt))) {
    const timer = byPost.get(row.postKey);
    if (row.kind === 'seen') {
      byPost.set(row.postKey, { postKey: row.postKey, firstSeenAt: row.recordedAt, events: timer?.events ?? [] });
      continue;
    }
    if (timer) timer.events.push(timerEventOf(row));
    else byPost.set(row.postKey, { postKey: row.postKey, firstSeenAt: row.recordedAt, events: [timerEventOf(row)] });
  }
  return byPost;
}
