/**
 * The response timer as a pure function of facts: the post's time, the events
 * recorded on it, the settings and the current time, all passed in. Nothing here
 * reads the clock, so every rule below is tested by choosing `now`.
 *
 * Rules:
 * - The wait counts by wall clock from the post's own timestamp, because that is
 *   when the customer started waiting. When the agent first saw the post does not
 *   matter, so a post older than the target when first seen is overdue at once.
 *   `firstSeenAt` stands in only when the post has no usable timestamp.
 * - A post stamped in the future (this device's clock behind, or a wrong timestamp)
 *   waits at 0 until the clock passes it. Stamped more than a day after this device
 *   first saw it, the timestamp is wrong rather than the clock slightly off, so the
 *   wait counts from `firstSeenAt` instead. The check is against `firstSeenAt`, a
 *   fixed point, so the decision never flips as time passes.
 * - No duration is ever negative, whatever the clock does: a clock set back before
 *   an event gives a wait of 0, not a negative one. Events later than `now` still
 *   count; they happened.
 * - Events apply in order of their time, ties in the order given. An event stamped
 *   before the post (clock skew between devices) counts as happening at the post's
 *   time. `reopened` forgets everything before it.
 * - The first public answer is the response time: an acknowledgement or a move to
 *   DM counts, even though the post then waits for its follow-up.
 */
import type { TimerEvent, TimerEventKind } from './events';
import type { TimerSettings } from './settings';

/** Which promise the post is waiting on: the first answer, or the follow-up after an acknowledgement or a move to DM. */
export type TimerKind = 'first' | 'followUp' | 'privateFollowUp';

export type CountingState = {
  state: 'waiting' | 'warning' | 'overdue';
  /** When this timer started: the post, or the acknowledgement / move to private. */
  since: string;
  /** Never negative. */
  waitedMs: number;
  targetMs: number;
  dueAt: string;
  timer: TimerKind;
};

export type ResponseState =
  | CountingState
  | {
      state: 'answered';
      /** From the post's time to its first public answer. */
      responseMs: number;
      /** The first public answer, the one `responseMs` counts to. */
      answeredAt: string;
    }
  | { state: 'recorded' }
  | { state: 'unknown'; reason: 'noTimestamp' };

export interface ResponseStateInput {
  /** The post's own timestamp; null when the page shows none. */
  postedAt: string | null;
  /** When this device first saw the post; used only when `postedAt` is missing or unreliable. */
  firstSeenAt: string;
  /** Already parsed: invalid or unknown entries are dropped before this point. */
  events: readonly TimerEvent[];
  settings: TimerSettings;
  now: Date;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** A post stamped further than this after this device first saw it has a wrong timestamp. */
export const FUTURE_POST_TOLERANCE_MS = 24 * HOUR_MS;

// The range a Date can hold; keeps toISOString from throwing on absurd input.
const MAX_TIME_MS = 8.64e15;

function parseTime(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

function toIso(ms: number): string {
  return new Date(Math.min(Math.max(ms, -MAX_TIME_MS), MAX_TIME_MS)).toISOString();
}

/** When the customer started waiting, as far as can be told; null when nothing usable is known. */
export function waitStart(postedAt: string | null, firstSeenAt: string, now: Date): number | null {
  const posted = parseTime(postedAt);
  const seen = parseTime(firstSeenAt);
  const reference = seen ?? (Number.isFinite(now.getTime()) ? now.getTime() : null);
  if (posted !== null && (reference === null || posted - reference <= FUTURE_POST_TOLERANCE_MS)) return posted;
  return seen;
}

export function targetMs(timer: TimerKind, settings: TimerSettings): number {
  if (timer === 'followUp') return settings.followUpHours * HOUR_MS;
  if (timer === 'privateFollowUp') return settings.privateFollowUpHours * HOUR_MS;
  return settings.targetMinutes * MINUTE_MS;
}

// Rounded to whole milliseconds so the state and nextChangeAt agree exactly,
// whatever floating point makes of ratio × target.
function warningAfterMs(target: number, warningRatio: number): number {
  return Math.round(target * warningRatio);
}

type Phase =
  | { phase: 'counting'; timer: TimerKind; since: number }
  | { phase: 'answered' }
  | { phase: 'recorded' };

interface History {
  phase: Phase;
  /** The first public answer since the last reopen. */
  firstAnswerAt: number | null;
}

type Transition = (history: History, at: number, start: number) => History;

const answered = (history: History, at: number): History => ({
  phase: { phase: 'answered' },
  firstAnswerAt: history.firstAnswerAt ?? at,
});

const startFollowUp =
  (timer: 'followUp' | 'privateFollowUp'): Transition =>
  (history, at) => ({ phase: { phase: 'counting', timer, since: at }, firstAnswerAt: history.firstAnswerAt ?? at });

const initial = (start: number): History => ({ phase: { phase: 'counting', timer: 'first', since: start }, firstAnswerAt: null });

// One transition per event kind, so a new kind without one is a type error.
const TRANSITIONS: Record<TimerEventKind, Transition> = {
  replied: (history, at) => {
    // A public reply does not deliver what was promised in private ("we've sent
    // you a DM" is not the answer); after a public acknowledgement it is the follow-up.
    const { phase } = history;
    if (phase.phase === 'counting' && phase.timer === 'privateFollowUp') {
      return { ...history, firstAnswerAt: history.firstAnswerAt ?? at };
    }
    return answered(history, at);
  },
  // Each new acknowledgement or move is a new promise with its own deadline, also
  // after an answer (the customer came back in the thread) or after recording.
  acknowledged: startFollowUp('followUp'),
  movedToPrivate: startFollowUp('privateFollowUp'),
  followedUp: answered,
  // An answer already sent keeps its response time: recording it afterwards does not unsend it.
  recordedWithoutReply: (history) =>
    history.phase.phase === 'answered' ? history : { ...history, phase: { phase: 'recorded' } },
  reopened: (_history, _at, start) => initial(start),
};

/** The post's timer state at `now`. Never throws and never returns a negative duration. */
export function responseState(input: ResponseStateInput): ResponseState {
  const { settings } = input;
  const start = waitStart(input.postedAt, input.firstSeenAt, input.now);
  // Without a start time events are taken at their own times; only the results that
  // need the post's time (the first wait, the response time) are then unknown.
  const floor = start ?? -Infinity;

  const ordered = input.events
    .map((event) => ({ kind: event.kind, at: parseTime(event.at) }))
    .filter((event): event is { kind: TimerEventKind; at: number } => event.at !== null)
    // Array.prototype.sort is stable: ties keep the order given.
    .sort((a, b) => a.at - b.at);

  let history = initial(floor);
  for (const event of ordered) history = TRANSITIONS[event.kind](history, Math.max(event.at, floor), floor);

  const { phase } = history;
  if (phase.phase === 'recorded') return { state: 'recorded' };
  if (phase.phase === 'answered') {
    if (start === null || history.firstAnswerAt === null) return { state: 'unknown', reason: 'noTimestamp' };
    return { state: 'answered', responseMs: Math.max(0, history.firstAnswerAt - start), answeredAt: toIso(history.firstAnswerAt) };
  }
  if (!Number.isFinite(phase.since)) return { state: 'unknown', reason: 'noTimestamp' };

  const target = targetMs(phase.timer, settings);
  const nowMs = input.now.getTime();
  // A clock set back before the start (or an invalid `now`) is a wait of 0, never negative.
  const waitedMs = Number.isFinite(nowMs) ? Math.max(0, nowMs - phase.since) : 0;
  const state =
    waitedMs >= target ? 'overdue' : waitedMs >= warningAfterMs(target, settings.warningRatio) ? 'warning' : 'waiting';
  return { state, since: toIso(phase.since), waitedMs, targetMs: target, dueAt: toIso(phase.since + target), timer: phase.timer };
}

/**
 * When this state will next change by itself (waiting → warning → overdue), or null
 * when only a new event can change it. One shared ticker can sleep until the
 * earliest of these over all posts instead of polling each one. `settings` must be
 * the ones the state was computed with.
 */
export function nextChangeAt(state: ResponseState, settings: TimerSettings): string | null {
  if (state.state === 'waiting') {
    return toIso(Date.parse(state.since) + warningAfterMs(state.targetMs, settings.warningRatio));
  }
  if (state.state === 'warning') return state.dueAt;
  return null;
}
