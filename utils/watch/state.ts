/**
 * What keyword watch shows on each post of a search: new to the team, seen before,
 * handled (answered) by someone, or recorded without an answer. Computed in the
 * background from the same records as the timers; the badge only words it.
 */
import * as z from 'zod/mini';
import { DISPLAY_NAME_MAX_CHARS, postKeySchema, type Feedback, type Interaction } from '@/utils/model';
import { ANSWER_KINDS } from '@/utils/timer/interactions';

export const watchStateSchema = z.enum(['new', 'seen', 'handled', 'recorded']);
export type WatchState = z.infer<typeof watchStateSchema>;

/** A post's watch state as it crosses to the content script: a state and a name, never note text. */
export const postWatchSchema = z.object({
  postKey: postKeySchema,
  state: watchStateSchema,
  /** Who answered, for `handled`: a person by name ('' when unknown here), or the team's own account. */
  handledBy: z.nullable(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('agent'), name: z.string().check(z.maxLength(DISPLAY_NAME_MAX_CHARS)) }),
      z.object({ kind: z.literal('teamAccount') }),
    ]),
  ),
});
export type PostWatch = z.infer<typeof postWatchSchema>;

export interface WatchFacts {
  state: WatchState;
  /** The answer that handled the post (the first since it was last reopened). */
  answer: Interaction | null;
}

const time = (iso: string) => Date.parse(iso);

/**
 * One post's watch state from its interactions and feedback records (any order).
 * `since` is when this page view began: a post the team first saw at or after it is new.
 * Null when nothing is known of the post.
 */
export function watchStateOf(interactions: readonly Interaction[], feedback: readonly Feedback[], since: string): WatchFacts | null {
  if (interactions.length === 0 && feedback.length === 0) return null;
  const seen = interactions.find((row) => row.kind === 'seen');
  type Event = { at: number; answer: Interaction | null; recorded: boolean; reopened: boolean };
  const events: Event[] = [
    ...interactions
      .filter((row) => row.kind !== 'seen')
      .map((row) => ({
        at: time(row.recordedAt),
        answer: ANSWER_KINDS.has(row.kind) ? row : null,
        recorded: row.kind === 'recordedWithoutReply',
        reopened: row.kind === 'reopened',
      })),
    ...feedback.filter((row) => row.deletedAt === null).map((row) => ({ at: time(row.recordedAt), answer: null, recorded: true, reopened: false })),
  ].sort((a, b) => a.at - b.at);
  // A reopened post needs an answer again: only what came after counts.
  const lastReopen = events.findLastIndex((event) => event.reopened);
  const current = events.slice(lastReopen + 1);
  const answer = current.find((event) => event.answer)?.answer ?? null;
  if (answer) return { state: 'handled', answer };
  if (current.some((event) => event.recorded)) return { state: 'recorded', answer: null };
  // The team's first sighting; without one, the earliest thing known of the post.
  const first = seen ? time(seen.recordedAt) : Math.min(...events.map((event) => event.at));
  return { state: first >= time(since) ? 'new' : 'seen', answer: null };
}
