/**
 * How long a customer may wait before a post turns amber and then red. Customers
 * count from the moment they posted, around the clock, so these are wall-clock
 * durations: there are no office hours here.
 */
import * as z from 'zod/mini';

/** One week: a longer target would never turn anything red. */
export const TARGET_MINUTES_MAX = 7 * 24 * 60;
/** Thirty days: a follow-up promised further out is not a follow-up. */
export const FOLLOW_UP_HOURS_MAX = 30 * 24;

const followUpHours = z.int().check(z.minimum(1), z.maximum(FOLLOW_UP_HOURS_MAX));

// Every field has a default, so settings saved by an older version (or not at all)
// parse to a complete object.
export const timerSettingsSchema = z.object({
  /** The first answer is due this many minutes after the post. */
  targetMinutes: z._default(z.int().check(z.minimum(1), z.maximum(TARGET_MINUTES_MAX)), 60),
  /** Share of a target after which the post shows as "due soon". */
  warningRatio: z._default(z.number().check(z.gt(0), z.lt(1)), 0.75),
  /** After an acknowledgement, the real answer is due this many hours later. */
  followUpHours: z._default(followUpHours, 24),
  /** After moving to DM or e-mail, the private answer is due this many hours later. */
  privateFollowUpHours: z._default(followUpHours, 24),
});
export type TimerSettings = z.infer<typeof timerSettingsSchema>;

export const DEFAULT_TIMER_SETTINGS: TimerSettings = Object.freeze(timerSettingsSchema.parse({}));
