/**
 * The facts a post's response timer is computed from. The timer itself is never
 * stored: it is derived from these events, the post's time and the clock, so
 * colleagues' devices agree once they hold the same events.
 */
import * as z from 'zod/mini';

const at = z.iso.datetime({ offset: true });

/** Who saw the reply go out: our composer, one of the team's own accounts in the thread, or an agent by hand. */
export const replySourceSchema = z.enum(['composer', 'teamAccount', 'manual']);
export type ReplySource = z.infer<typeof replySourceSchema>;

export const timerEventSchema = z.discriminatedUnion('kind', [
  /** A public reply to the customer. */
  z.object({ kind: z.literal('replied'), at, source: replySourceSchema }),
  /** A first quick answer ("we're looking into it"): counts as the response, starts the follow-up timer. */
  z.object({ kind: z.literal('acknowledged'), at }),
  /** Continued in DM or e-mail: the public timer stops, the private follow-up timer starts. */
  z.object({ kind: z.literal('movedToPrivate'), at }),
  /** The real answer after an acknowledgement or after moving to private. */
  z.object({ kind: z.literal('followedUp'), at }),
  /** Criticism noted on purpose without replying: no timer, but it stays in the history. */
  z.object({ kind: z.literal('recordedWithoutReply'), at }),
  /** Undoes everything before it: the post counts again from its own time. */
  z.object({ kind: z.literal('reopened'), at }),
]);
export type TimerEvent = z.infer<typeof timerEventSchema>;
export type TimerEventKind = TimerEvent['kind'];

/**
 * The events that parse, in their original order. One bad or unknown entry (from a
 * newer version, or damaged storage) must not hide the rest of a post's history.
 */
export function parseTimerEvents(raw: readonly unknown[]): TimerEvent[] {
  const events: TimerEvent[] = [];
  for (const candidate of raw) {
    const parsed = timerEventSchema.safeParse(candidate);
    if (parsed.success) events.push(parsed.data);
  }
  return events;
}
