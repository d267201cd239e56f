import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Lang } from '@/utils/i18n';
import {
  DEFAULT_TIMER_SETTINGS,
  formatResponseTime,
  formatTimeLeft,
  formatWait,
  nextChangeAt,
  parseTimerEvents,
  responseState,
  stateLabel,
  timerEventSchema,
  timerSettingsSchema,
  type ResponseState,
  type TimerEvent,
  type TimerEventKind,
  type TimerSettings,
} from '@/utils/timer';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const POSTED = '2026-03-02T09:00:00.000Z';
const T0 = Date.parse(POSTED);

/** An ISO time `ms` after the post. */
const iso = (ms: number) => new Date(T0 + ms).toISOString();

function event(kind: TimerEventKind, atMs: number): TimerEvent {
  return kind === 'replied' ? { kind, at: iso(atMs), source: 'composer' } : { kind, at: iso(atMs) };
}

interface Scenario {
  events?: readonly TimerEvent[];
  postedAt?: string | null;
  firstSeenAt?: string;
  settings?: Partial<TimerSettings>;
  /** Milliseconds after the post. */
  now: number;
}

function stateAt({ events = [], postedAt = POSTED, firstSeenAt = POSTED, settings, now }: Scenario): ResponseState {
  return responseState({
    postedAt,
    firstSeenAt,
    events,
    settings: { ...DEFAULT_TIMER_SETTINGS, ...settings },
    now: new Date(T0 + now),
  });
}

/** Which timer runs, or the state when none does. */
function phaseOf(state: ResponseState): string {
  return state.state === 'waiting' || state.state === 'warning' || state.state === 'overdue' ? state.timer : state.state;
}

function counting(state: ResponseState) {
  if (state.state !== 'waiting' && state.state !== 'warning' && state.state !== 'overdue') {
    throw new Error(`expected a running timer, got ${state.state}`);
  }
  return state;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('settings', () => {
  it('defaults to an hour, amber at 75%, and a day for both follow-ups', () => {
    expect(DEFAULT_TIMER_SETTINGS).toEqual({ targetMinutes: 60, warningRatio: 0.75, followUpHours: 24, privateFollowUpHours: 24 });
    expect(timerSettingsSchema.parse({})).toEqual(DEFAULT_TIMER_SETTINGS);
    expect(timerSettingsSchema.parse({ targetMinutes: 15 })).toEqual({ ...DEFAULT_TIMER_SETTINGS, targetMinutes: 15 });
  });

  it.each([
    ['targetMinutes', 1, true],
    ['targetMinutes', 10_080, true],
    ['targetMinutes', 0, false],
    ['targetMinutes', 10_081, false],
    ['targetMinutes', 1.5, false],
    ['warningRatio', 0.01, true],
    ['warningRatio', 0.99, true],
    ['warningRatio', 0, false],
    ['warningRatio', 1, false],
    ['followUpHours', 1, true],
    ['followUpHours', 720, true],
    ['followUpHours', 0, false],
    ['followUpHours', 721, false],
    ['privateFollowUpHours', 720, true],
    ['privateFollowUpHours', 721, false],
    ['privateFollowUpHours', 2.5, false],
  ] as const)('%s = %s valid: %s', (field, value, valid) => {
    expect(timerSettingsSchema.safeParse({ [field]: value }).success).toBe(valid);
  });
});

describe('events', () => {
  it('parses every kind, with a source on replies', () => {
    const at = '2026-03-02T18:00:00+09:00';
    for (const source of ['composer', 'teamAccount', 'manual'] as const) {
      expect(timerEventSchema.parse({ kind: 'replied', at, source })).toEqual({ kind: 'replied', at, source });
    }
    for (const kind of ['acknowledged', 'movedToPrivate', 'followedUp', 'recordedWithoutReply', 'reopened'] as const) {
      expect(timerEventSchema.parse({ kind, at })).toEqual({ kind, at });
    }
  });

  it('rejects unknown kinds, replies without a source and times without an offset', () => {
    expect(timerEventSchema.safeParse({ kind: 'liked', at: POSTED }).success).toBe(false);
    expect(timerEventSchema.safeParse({ kind: 'replied', at: POSTED }).success).toBe(false);
    expect(timerEventSchema.safeParse({ kind: 'replied', at: POSTED, source: 'bot' }).success).toBe(false);
    expect(timerEventSchema.safeParse({ kind: 'acknowledged', at: '2026-03-02T09:00:00' }).success).toBe(false);
    expect(timerEventSchema.safeParse({ kind: 'acknowledged', at: 'yesterday' }).success).toBe(false);
  });

  it('parseTimerEvents keeps the valid events in order and drops the rest', () => {
    const raw = [
      { kind: 'acknowledged', at: iso(5 * MINUTE) },
      { kind: 'fromTheFuture', at: iso(6 * MINUTE) },
      null,
      { kind: 'replied', at: iso(7 * MINUTE), source: 'teamAccount' },
      { kind: 'followedUp', at: 'not a time' },
    ];
    expect(parseTimerEvents(raw)).toEqual([
      { kind: 'acknowledged', at: iso(5 * MINUTE) },
      { kind: 'replied', at: iso(7 * MINUTE), source: 'teamAccount' },
    ]);
  });
});

describe('transitions', () => {
  // Every event kind from every state: the state reached by one event at 10 min,
  // then the event under test at 20 min, read at 30 min.
  const reach: Record<string, TimerEventKind[]> = {
    first: [],
    followUp: ['acknowledged'],
    privateFollowUp: ['movedToPrivate'],
    answered: ['replied'],
    recorded: ['recordedWithoutReply'],
  };
  const expected: Record<string, Record<TimerEventKind, string>> = {
    first: {
      replied: 'answered',
      acknowledged: 'followUp',
      movedToPrivate: 'privateFollowUp',
      followedUp: 'answered',
      recordedWithoutReply: 'recorded',
      reopened: 'first',
    },
    followUp: {
      replied: 'answered',
      acknowledged: 'followUp',
      movedToPrivate: 'privateFollowUp',
      followedUp: 'answered',
      recordedWithoutReply: 'recorded',
      reopened: 'first',
    },
    privateFollowUp: {
      // A public reply does not deliver the answer owed in private.
      replied: 'privateFollowUp',
      acknowledged: 'followUp',
      movedToPrivate: 'privateFollowUp',
      followedUp: 'answered',
      recordedWithoutReply: 'recorded',
      reopened: 'first',
    },
    answered: {
      replied: 'answered',
      acknowledged: 'followUp',
      movedToPrivate: 'privateFollowUp',
      followedUp: 'answered',
      // A reply already sent is not undone by recording the post.
      recordedWithoutReply: 'answered',
      reopened: 'first',
    },
    recorded: {
      replied: 'answered',
      acknowledged: 'followUp',
      movedToPrivate: 'privateFollowUp',
      followedUp: 'answered',
      recordedWithoutReply: 'recorded',
      reopened: 'first',
    },
  };
  const cases = Object.entries(expected).flatMap(([from, byKind]) =>
    Object.entries(byKind).map(([kind, to]) => ({ from, kind: kind as TimerEventKind, to })),
  );

  it('covers every state × event kind', () => {
    expect(cases).toHaveLength(5 * 6);
  });

  it.each(cases)('$from + $kind → $to', ({ from, kind, to }) => {
    const events = [...(reach[from] ?? []).map((k) => event(k, 10 * MINUTE)), event(kind, 20 * MINUTE)];
    const state = stateAt({ events, now: 30 * MINUTE });
    expect(phaseOf(state)).toBe(to);
    // The first public answer is what the response time counts to.
    if (state.state === 'answered') {
      const firstAnswerAt = from === 'answered' || from === 'followUp' || from === 'privateFollowUp' ? 10 : 20;
      expect(state).toEqual({ state: 'answered', responseMs: firstAnswerAt * MINUTE, answeredAt: iso(firstAnswerAt * MINUTE) });
    }
    // A new promise starts its own clock at the event that made it.
    if ((to === 'followUp' || to === 'privateFollowUp') && kind !== 'replied') {
      expect(counting(state).since).toBe(iso(20 * MINUTE));
    }
  });

  const sequences: Array<{ name: string; events: TimerEvent[]; now: number; expected: ResponseState }> = [
    {
      name: 'no events: counting from the post',
      events: [],
      now: 12 * MINUTE,
      expected: { state: 'waiting', since: POSTED, waitedMs: 12 * MINUTE, targetMs: HOUR, dueAt: iso(HOUR), timer: 'first' },
    },
    {
      name: 'a reply through the composer answers',
      events: [event('replied', 8 * MINUTE)],
      now: 5 * HOUR,
      expected: { state: 'answered', responseMs: 8 * MINUTE, answeredAt: iso(8 * MINUTE) },
    },
    {
      name: "a reply seen from one of the team's own accounts answers",
      events: [{ kind: 'replied', at: iso(9 * MINUTE), source: 'teamAccount' }],
      now: 5 * HOUR,
      expected: { state: 'answered', responseMs: 9 * MINUTE, answeredAt: iso(9 * MINUTE) },
    },
    {
      name: 'a reply marked by hand answers',
      events: [{ kind: 'replied', at: iso(70 * MINUTE), source: 'manual' }],
      now: 5 * HOUR,
      expected: { state: 'answered', responseMs: 70 * MINUTE, answeredAt: iso(70 * MINUTE) },
    },
    {
      name: 'acknowledged: the follow-up timer runs from the acknowledgement',
      events: [event('acknowledged', 5 * MINUTE)],
      now: HOUR,
      expected: {
        state: 'waiting',
        since: iso(5 * MINUTE),
        waitedMs: 55 * MINUTE,
        targetMs: DAY,
        dueAt: iso(5 * MINUTE + DAY),
        timer: 'followUp',
      },
    },
    {
      name: 'acknowledged → follow-up overdue → followed up: response time is the acknowledgement',
      events: [event('acknowledged', 5 * MINUTE), event('followedUp', 30 * HOUR)],
      now: 31 * HOUR,
      expected: { state: 'answered', responseMs: 5 * MINUTE, answeredAt: iso(5 * MINUTE) },
    },
    {
      name: 'moved to private: the private follow-up runs from the move',
      events: [event('movedToPrivate', 10 * MINUTE)],
      now: 70 * MINUTE,
      expected: {
        state: 'waiting',
        since: iso(10 * MINUTE),
        waitedMs: HOUR,
        targetMs: DAY,
        dueAt: iso(10 * MINUTE + DAY),
        timer: 'privateFollowUp',
      },
    },
    {
      name: 'moved to private, then a public reply: still owed the private answer',
      events: [event('movedToPrivate', 10 * MINUTE), event('replied', 20 * MINUTE)],
      now: 25 * HOUR,
      expected: {
        state: 'overdue',
        since: iso(10 * MINUTE),
        waitedMs: 25 * HOUR - 10 * MINUTE,
        targetMs: DAY,
        dueAt: iso(10 * MINUTE + DAY),
        timer: 'privateFollowUp',
      },
    },
    {
      name: 'moved to private, followed up',
      events: [event('movedToPrivate', 10 * MINUTE), event('followedUp', 3 * HOUR)],
      now: 4 * HOUR,
      expected: { state: 'answered', responseMs: 10 * MINUTE, answeredAt: iso(10 * MINUTE) },
    },
    {
      name: 'acknowledged, then moved to private: the private timer replaces the public one',
      events: [event('acknowledged', 5 * MINUTE), event('movedToPrivate', 2 * HOUR), event('followedUp', 4 * HOUR)],
      now: 5 * HOUR,
      expected: { state: 'answered', responseMs: 5 * MINUTE, answeredAt: iso(5 * MINUTE) },
    },
    {
      name: 'a second acknowledgement sets a new deadline',
      events: [event('acknowledged', 5 * MINUTE), event('acknowledged', 10 * HOUR)],
      now: 11 * HOUR,
      expected: {
        state: 'waiting',
        since: iso(10 * HOUR),
        waitedMs: HOUR,
        targetMs: DAY,
        dueAt: iso(10 * HOUR + DAY),
        timer: 'followUp',
      },
    },
    {
      name: 'recorded without reply: no timer, however old',
      events: [event('recordedWithoutReply', 3 * MINUTE)],
      now: 30 * DAY,
      expected: { state: 'recorded' },
    },
    {
      name: 'answered, replied again: the first answer still counts',
      events: [event('replied', 8 * MINUTE), event('replied', 30 * MINUTE)],
      now: HOUR,
      expected: { state: 'answered', responseMs: 8 * MINUTE, answeredAt: iso(8 * MINUTE) },
    },
    {
      name: 'reopened after an answer: counting from the post again, already overdue',
      events: [event('replied', 8 * MINUTE), event('reopened', 30 * MINUTE)],
      now: 100 * MINUTE,
      expected: { state: 'overdue', since: POSTED, waitedMs: 100 * MINUTE, targetMs: HOUR, dueAt: iso(HOUR), timer: 'first' },
    },
    {
      name: 'reopened, then answered: the first answer after reopening counts',
      events: [event('replied', 8 * MINUTE), event('reopened', 30 * MINUTE), event('replied', 2 * HOUR)],
      now: 3 * HOUR,
      expected: { state: 'answered', responseMs: 2 * HOUR, answeredAt: iso(2 * HOUR) },
    },
    {
      name: 'reopened after recording',
      events: [event('recordedWithoutReply', 3 * MINUTE), event('reopened', 4 * MINUTE)],
      now: 50 * MINUTE,
      expected: { state: 'warning', since: POSTED, waitedMs: 50 * MINUTE, targetMs: HOUR, dueAt: iso(HOUR), timer: 'first' },
    },
    {
      name: 'reopened after a follow-up timer',
      events: [event('acknowledged', 5 * MINUTE), event('reopened', 10 * MINUTE)],
      now: 20 * MINUTE,
      expected: { state: 'waiting', since: POSTED, waitedMs: 20 * MINUTE, targetMs: HOUR, dueAt: iso(HOUR), timer: 'first' },
    },
  ];

  it.each(sequences)('$name', ({ events, now, expected }) => {
    expect(stateAt({ events, now })).toEqual(expected);
  });
});

describe('event order', () => {
  it('applies events in order of time, not of the array', () => {
    const events = [event('replied', 30 * MINUTE), event('acknowledged', 5 * MINUTE)];
    expect(stateAt({ events, now: HOUR })).toEqual({ state: 'answered', responseMs: 5 * MINUTE, answeredAt: iso(5 * MINUTE) });
  });

  it('keeps the array order for events at the same time', () => {
    expect(phaseOf(stateAt({ events: [event('acknowledged', 10 * MINUTE), event('reopened', 10 * MINUTE)], now: HOUR }))).toBe('first');
    expect(phaseOf(stateAt({ events: [event('reopened', 10 * MINUTE), event('acknowledged', 10 * MINUTE)], now: HOUR }))).toBe(
      'followUp',
    );
  });

  it('clamps events stamped before the post to the post time', () => {
    expect(stateAt({ events: [event('replied', -10 * MINUTE)], now: HOUR })).toEqual({
      state: 'answered',
      responseMs: 0,
      answeredAt: POSTED,
    });
    expect(counting(stateAt({ events: [event('acknowledged', -2 * HOUR)], now: HOUR }))).toMatchObject({
      since: POSTED,
      waitedMs: HOUR,
      timer: 'followUp',
    });
  });

  it('orders early events by their own times before clamping them', () => {
    // Both land on the post time; the one stamped later still applies last.
    expect(phaseOf(stateAt({ events: [event('replied', -5 * MINUTE), event('reopened', -10 * MINUTE)], now: HOUR }))).toBe('answered');
    expect(phaseOf(stateAt({ events: [event('reopened', -5 * MINUTE), event('replied', -10 * MINUTE)], now: HOUR }))).toBe('first');
  });

  it('skips an event whose time cannot be read instead of failing', () => {
    const broken = { kind: 'replied', at: 'not a time', source: 'composer' } as TimerEvent;
    expect(phaseOf(stateAt({ events: [broken], now: 10 * MINUTE }))).toBe('first');
  });
});

describe('thresholds', () => {
  it.each([
    [45 * MINUTE - 1, 'waiting'],
    [45 * MINUTE, 'warning'],
    [HOUR - 1, 'warning'],
    [HOUR, 'overdue'],
    [HOUR + 1, 'overdue'],
  ] as const)('first answer at %i ms: %s', (now, expected) => {
    expect(stateAt({ now }).state).toBe(expected);
  });

  it.each([
    [18 * HOUR - 1, 'waiting'],
    [18 * HOUR, 'warning'],
    [DAY - 1, 'warning'],
    [DAY, 'overdue'],
  ] as const)('follow-up at %i ms after the acknowledgement: %s', (afterAck, expected) => {
    const ack = 7 * MINUTE;
    expect(stateAt({ events: [event('acknowledged', ack)], now: ack + afterAck }).state).toBe(expected);
  });

  it.each([
    [90 * MINUTE - 1, 'waiting'],
    [90 * MINUTE, 'warning'],
    [2 * HOUR - 1, 'warning'],
    [2 * HOUR, 'overdue'],
  ] as const)('private follow-up of 2 hr at %i ms after the move: %s', (afterMove, expected) => {
    const move = 3 * MINUTE;
    const state = stateAt({ events: [event('movedToPrivate', move)], settings: { privateFollowUpHours: 2 }, now: move + afterMove });
    expect(state.state).toBe(expected);
  });

  it('follows the configured target and ratio', () => {
    const settings = { targetMinutes: 10, warningRatio: 0.5 };
    expect(stateAt({ settings, now: 5 * MINUTE - 1 }).state).toBe('waiting');
    expect(stateAt({ settings, now: 5 * MINUTE }).state).toBe('warning');
    expect(stateAt({ settings, now: 10 * MINUTE })).toMatchObject({ state: 'overdue', targetMs: 10 * MINUTE, dueAt: iso(10 * MINUTE) });
  });

  it('agrees with nextChangeAt where ratio × target is not exact in floating point', () => {
    // 7 min × 0.55 is 231000.00000000003 ms in floating point.
    const settings = { ...DEFAULT_TIMER_SETTINGS, targetMinutes: 7, warningRatio: 0.55 };
    expect(7 * MINUTE * 0.55).not.toBe(231 * SECOND);
    const waiting = stateAt({ settings, now: 0 });
    expect(nextChangeAt(waiting, settings)).toBe(iso(231 * SECOND));
    expect(stateAt({ settings, now: 231 * SECOND - 1 }).state).toBe('waiting');
    expect(stateAt({ settings, now: 231 * SECOND }).state).toBe('warning');
  });
});

describe('start time', () => {
  it('counts from the post, not from when it was first seen: an old post is overdue at once', () => {
    const state = stateAt({ firstSeenAt: iso(90 * MINUTE), now: 90 * MINUTE });
    expect(state).toEqual({ state: 'overdue', since: POSTED, waitedMs: 90 * MINUTE, targetMs: HOUR, dueAt: iso(HOUR), timer: 'first' });
  });

  it('falls back to when it was first seen when the post has no timestamp', () => {
    for (const postedAt of [null, '', 'yesterday']) {
      expect(stateAt({ postedAt, firstSeenAt: iso(10 * MINUTE), now: 20 * MINUTE })).toEqual({
        state: 'waiting',
        since: iso(10 * MINUTE),
        waitedMs: 10 * MINUTE,
        targetMs: HOUR,
        dueAt: iso(70 * MINUTE),
        timer: 'first',
      });
    }
  });

  it('accepts timestamps with an offset and reports times in UTC', () => {
    const state = stateAt({ postedAt: '2026-03-02T18:00:00+09:00', now: 10 * MINUTE });
    expect(state).toMatchObject({ since: POSTED, waitedMs: 10 * MINUTE });
  });

  it('is unknown only when there is no usable time at all', () => {
    expect(stateAt({ postedAt: null, firstSeenAt: 'garbage', now: 0 })).toEqual({ state: 'unknown', reason: 'noTimestamp' });
    // A response time needs the post's time…
    expect(stateAt({ postedAt: null, firstSeenAt: 'garbage', events: [event('replied', 5 * MINUTE)], now: HOUR })).toEqual({
      state: 'unknown',
      reason: 'noTimestamp',
    });
    // …but a follow-up counts from its own event, and recording needs no time.
    expect(stateAt({ postedAt: null, firstSeenAt: 'garbage', events: [event('acknowledged', 5 * MINUTE)], now: HOUR })).toMatchObject({
      state: 'waiting',
      since: iso(5 * MINUTE),
      waitedMs: 55 * MINUTE,
      timer: 'followUp',
    });
    expect(stateAt({ postedAt: null, firstSeenAt: 'garbage', events: [event('recordedWithoutReply', 0)], now: HOUR })).toEqual({
      state: 'recorded',
    });
  });

  describe('a post from the future', () => {
    it('waits at 0 until the clock passes the post time, then counts from it', () => {
      // This device's clock is 5 minutes behind the site's.
      const postedAt = iso(5 * MINUTE);
      expect(stateAt({ postedAt, firstSeenAt: POSTED, now: 0 })).toEqual({
        state: 'waiting',
        since: postedAt,
        waitedMs: 0,
        targetMs: HOUR,
        dueAt: iso(65 * MINUTE),
        timer: 'first',
      });
      expect(stateAt({ postedAt, firstSeenAt: POSTED, now: 15 * MINUTE })).toMatchObject({ state: 'waiting', waitedMs: 10 * MINUTE });
      expect(stateAt({ postedAt, firstSeenAt: POSTED, now: 65 * MINUTE }).state).toBe('overdue');
    });

    it('trusts a timestamp up to exactly a day after it was first seen', () => {
      const postedAt = iso(DAY);
      expect(counting(stateAt({ postedAt, firstSeenAt: POSTED, now: HOUR }))).toMatchObject({ since: postedAt, waitedMs: 0 });
    });

    it('falls back to when it was first seen when stamped more than a day ahead', () => {
      const postedAt = iso(DAY + 1);
      expect(stateAt({ postedAt, firstSeenAt: POSTED, now: HOUR })).toEqual({
        state: 'overdue',
        since: POSTED,
        waitedMs: HOUR,
        targetMs: HOUR,
        dueAt: iso(HOUR),
        timer: 'first',
      });
      // Decided against the first sighting, so it does not flip as the clock nears the stamp.
      expect(counting(stateAt({ postedAt, firstSeenAt: POSTED, now: DAY })).since).toBe(POSTED);
      // Events are then clamped to the fallback start.
      expect(stateAt({ postedAt, firstSeenAt: POSTED, events: [event('replied', -HOUR)], now: HOUR })).toEqual({
        state: 'answered',
        responseMs: 0,
        answeredAt: POSTED,
      });
    });
  });
});

describe('clock changes', () => {
  it('a clock set back before the post gives a wait of 0, not a negative one', () => {
    expect(stateAt({ now: -3 * HOUR })).toMatchObject({ state: 'waiting', waitedMs: 0, since: POSTED });
  });

  it('a clock set back before an acknowledgement keeps the follow-up timer at 0', () => {
    expect(stateAt({ events: [event('acknowledged', 2 * HOUR)], now: HOUR })).toMatchObject({
      state: 'waiting',
      waitedMs: 0,
      timer: 'followUp',
    });
  });

  it('events later than the clock still count: the reply was sent', () => {
    expect(stateAt({ events: [event('replied', 30 * MINUTE)], now: 10 * MINUTE })).toEqual({
      state: 'answered',
      responseMs: 30 * MINUTE,
      answeredAt: iso(30 * MINUTE),
    });
  });

  it('a clock set forward counts the whole jump', () => {
    expect(stateAt({ now: 3 * DAY })).toMatchObject({ state: 'overdue', waitedMs: 3 * DAY });
    expect(stateAt({ events: [event('acknowledged', 0)], now: 3 * DAY })).toMatchObject({ state: 'overdue', timer: 'followUp' });
  });

  it('an invalid clock does not throw and counts nothing', () => {
    const state = responseState({
      postedAt: POSTED,
      firstSeenAt: POSTED,
      events: [],
      settings: DEFAULT_TIMER_SETTINGS,
      now: new Date(NaN),
    });
    expect(state).toMatchObject({ state: 'waiting', waitedMs: 0 });
  });

  it('never throws or gives a negative duration, whatever the clock says', () => {
    const histories: TimerEvent[][] = [
      [],
      [event('replied', 20 * MINUTE)],
      [event('acknowledged', HOUR)],
      [event('movedToPrivate', -HOUR)],
      [event('acknowledged', 10 * MINUTE), event('followedUp', 2 * DAY)],
      [event('replied', 5 * MINUTE), event('reopened', 3 * HOUR)],
    ];
    for (const events of histories) {
      for (let now = -2 * DAY; now <= 4 * DAY; now += 17 * MINUTE) {
        const state = stateAt({ events, now });
        if (state.state === 'answered') expect(state.responseMs).toBeGreaterThanOrEqual(0);
        if (state.state === 'waiting' || state.state === 'warning' || state.state === 'overdue') {
          expect(state.waitedMs).toBeGreaterThanOrEqual(0);
          expect(Date.parse(state.dueAt) - Date.parse(state.since)).toBe(state.targetMs);
        }
      }
    }
  });
});

describe('nextChangeAt', () => {
  const settings = DEFAULT_TIMER_SETTINGS;

  it('is the warning threshold while waiting and the deadline while warning', () => {
    expect(nextChangeAt(stateAt({ now: 10 * MINUTE }), settings)).toBe(iso(45 * MINUTE));
    expect(nextChangeAt(stateAt({ now: 50 * MINUTE }), settings)).toBe(iso(HOUR));
    const ack = 5 * MINUTE;
    expect(nextChangeAt(stateAt({ events: [event('acknowledged', ack)], now: HOUR }), settings)).toBe(iso(ack + 18 * HOUR));
    expect(nextChangeAt(stateAt({ events: [event('acknowledged', ack)], now: 20 * HOUR }), settings)).toBe(iso(ack + DAY));
  });

  it('is the threshold after the post time for a post from the future', () => {
    const postedAt = iso(2 * HOUR);
    expect(nextChangeAt(stateAt({ postedAt, now: 0 }), settings)).toBe(iso(2 * HOUR + 45 * MINUTE));
  });

  it('is null when only a new event can change the state', () => {
    expect(nextChangeAt(stateAt({ now: 2 * HOUR }), settings)).toBeNull();
    expect(nextChangeAt(stateAt({ events: [event('replied', MINUTE)], now: 2 * HOUR }), settings)).toBeNull();
    expect(nextChangeAt(stateAt({ events: [event('recordedWithoutReply', MINUTE)], now: 2 * HOUR }), settings)).toBeNull();
    expect(nextChangeAt({ state: 'unknown', reason: 'noTimestamp' }, settings)).toBeNull();
  });

  it('is exactly when the state changes, for every running timer', () => {
    const histories: TimerEvent[][] = [[], [event('acknowledged', 13 * MINUTE)], [event('movedToPrivate', 2 * HOUR)]];
    const custom = { ...DEFAULT_TIMER_SETTINGS, targetMinutes: 17, warningRatio: 0.6, followUpHours: 5, privateFollowUpHours: 3 };
    for (const s of [DEFAULT_TIMER_SETTINGS, custom]) {
      for (const events of histories) {
        for (let now = -HOUR; now < 2 * DAY; now += 23 * MINUTE) {
          const state = stateAt({ events, settings: s, now });
          const change = nextChangeAt(state, s);
          if (change === null) {
            expect(stateAt({ events, settings: s, now: now + 30 * DAY }).state).toBe(state.state);
            continue;
          }
          const changeMs = Date.parse(change) - T0;
          expect(changeMs).toBeGreaterThan(now);
          expect(stateAt({ events, settings: s, now: changeMs - 1 }).state).toBe(state.state);
          expect(stateAt({ events, settings: s, now: changeMs }).state).not.toBe(state.state);
        }
      }
    }
  });
});

describe('driven by the system clock', () => {
  const settings = DEFAULT_TIMER_SETTINGS;
  const live = (events: TimerEvent[] = [], postedAt: string = POSTED) =>
    responseState({ postedAt, firstSeenAt: POSTED, events, settings, now: new Date() });

  it('moves through waiting, warning and overdue as time passes', () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    expect(live().state).toBe('waiting');
    vi.advanceTimersByTime(45 * MINUTE - 1);
    expect(live().state).toBe('waiting');
    vi.advanceTimersByTime(1);
    expect(live().state).toBe('warning');
    vi.advanceTimersByTime(15 * MINUTE - 1);
    expect(live().state).toBe('warning');
    vi.advanceTimersByTime(1);
    expect(live()).toMatchObject({ state: 'overdue', waitedMs: HOUR });
  });

  it('follows the clock being set back and forward', () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0 + 2 * HOUR);
    expect(live().state).toBe('overdue');
    vi.setSystemTime(T0 - DAY);
    expect(live()).toMatchObject({ state: 'waiting', waitedMs: 0 });
    vi.setSystemTime(T0 + 50 * MINUTE);
    expect(live()).toMatchObject({ state: 'warning', waitedMs: 50 * MINUTE });
  });

  it('one ticker sleeping until the earliest change sees every change on time', () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    const posts: Record<string, () => ResponseState> = {
      fresh: () => live(),
      older: () => live([], iso(-30 * MINUTE)),
      acknowledged: () => live([event('acknowledged', -DAY + 5 * MINUTE)], iso(-DAY)),
      answered: () => live([event('replied', -MINUTE)], iso(-10 * MINUTE)),
    };
    const seen = new Map(Object.entries(posts).map(([name, compute]) => [name, compute().state]));
    const changes: string[] = [];
    let wakes = 0;

    const tick = () => {
      const nowMs = Date.now();
      let earliest = Infinity;
      for (const [name, compute] of Object.entries(posts)) {
        const state = compute();
        if (state.state !== seen.get(name)) {
          changes.push(`${(nowMs - T0) / MINUTE} min ${name} → ${state.state}`);
          seen.set(name, state.state);
        }
        const next = nextChangeAt(state, settings);
        if (next !== null) earliest = Math.min(earliest, Date.parse(next));
      }
      if (earliest !== Infinity) {
        setTimeout(() => {
          wakes++;
          tick();
        }, earliest - nowMs);
      }
    };
    tick();
    vi.advanceTimersByTime(3 * HOUR);

    expect(changes).toEqual([
      '5 min acknowledged → overdue',
      '15 min older → warning',
      '30 min older → overdue',
      '45 min fresh → warning',
      '60 min fresh → overdue',
    ]);
    // Woken only for changes, never to poll.
    expect(wakes).toBe(changes.length);
  });
});

describe('format', () => {
  // What Node's ICU produces, computed with the same Intl calls.
  const unit = (lang: Lang, value: number, u: 'second' | 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  const joined = (lang: Lang, ...parts: string[]) => new Intl.ListFormat(lang, { type: 'unit', style: 'short' }).format(parts);

  it('uses short unit forms', () => {
    expect(formatWait('en', 12 * MINUTE)).toBe('12 min');
    expect(formatWait('en', 3 * DAY)).toBe('3 days');
    expect(formatWait('en', HOUR)).toBe('1 hr');
    expect(formatWait('ja', 12 * MINUTE)).toMatch(/^12\s?分$/);
    expect(formatWait('ja', 3 * DAY)).toMatch(/^3\s?日$/);
  });

  it.each(['en', 'ja'] as const)('formats waits in %s with at most two units, rounding down', (lang) => {
    expect(formatWait(lang, 12 * MINUTE + 59 * SECOND)).toBe(unit(lang, 12, 'minute'));
    expect(formatWait(lang, HOUR - 1)).toBe(unit(lang, 59, 'minute'));
    expect(formatWait(lang, HOUR + 5 * MINUTE)).toBe(joined(lang, unit(lang, 1, 'hour'), unit(lang, 5, 'minute')));
    expect(formatWait(lang, 23 * HOUR + 59 * MINUTE + 59 * SECOND)).toBe(
      joined(lang, unit(lang, 23, 'hour'), unit(lang, 59, 'minute')),
    );
    expect(formatWait(lang, DAY)).toBe(unit(lang, 1, 'day'));
    expect(formatWait(lang, 3 * DAY + 2 * HOUR + 40 * MINUTE)).toBe(joined(lang, unit(lang, 3, 'day'), unit(lang, 2, 'hour')));
  });

  it.each(['en', 'ja'] as const)('never shows a negative or broken duration in %s', (lang) => {
    for (const ms of [0, -5 * MINUTE, NaN, -Infinity]) expect(formatWait(lang, ms)).toBe(unit(lang, 0, 'minute'));
  });

  it.each(['en', 'ja'] as const)('formats response times in %s with seconds under a minute', (lang) => {
    expect(formatResponseTime(lang, 42 * SECOND + 900)).toBe(unit(lang, 42, 'second'));
    expect(formatResponseTime(lang, 0)).toBe(unit(lang, 0, 'second'));
    expect(formatResponseTime(lang, 8 * MINUTE + 30 * SECOND)).toBe(unit(lang, 8, 'minute'));
    expect(formatResponseTime(lang, 2 * DAY + HOUR)).toBe(joined(lang, unit(lang, 2, 'day'), unit(lang, 1, 'hour')));
  });

  it.each(['en', 'ja'] as const)('formats time left in %s rounding up', (lang) => {
    expect(formatTimeLeft(lang, SECOND)).toBe(unit(lang, 1, 'minute'));
    expect(formatTimeLeft(lang, 22 * HOUR + 29 * MINUTE + 1)).toBe(joined(lang, unit(lang, 22, 'hour'), unit(lang, 30, 'minute')));
    expect(formatTimeLeft(lang, DAY - 30 * SECOND)).toBe(unit(lang, 1, 'day'));
  });

  it.each(['en', 'ja'] as const)('gives the same text for a duration met again, under many distinct ones', (lang) => {
    const first = formatWait(lang, 2 * DAY + 3 * HOUR);
    for (let n = 0; n < 6_000; n += 1) formatWait(lang, n * 7 * MINUTE);
    expect(formatWait(lang, 2 * DAY + 3 * HOUR)).toBe(first);
    expect(first).toBe(joined(lang, unit(lang, 2, 'day'), unit(lang, 3, 'hour')));
  });
});

describe('stateLabel', () => {
  const unit = (lang: Lang, value: number, u: 'second' | 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  const joined = (lang: Lang, ...parts: string[]) => new Intl.ListFormat(lang, { type: 'unit', style: 'short' }).format(parts);

  const ack = (afterAck: number) => stateAt({ events: [event('acknowledged', 5 * MINUTE)], now: 5 * MINUTE + afterAck });
  const dm = (afterMove: number) =>
    stateAt({ events: [event('movedToPrivate', 5 * MINUTE)], settings: { privateFollowUpHours: 8 }, now: 5 * MINUTE + afterMove });

  const cases: Array<{ name: string; state: ResponseState; en: (l: Lang) => string; ja: (l: Lang) => string }> = [
    {
      name: 'waiting',
      state: stateAt({ now: 12 * MINUTE }),
      en: (l) => `Waiting ${unit(l, 12, 'minute')}`,
      ja: (l) => `待機中 ${unit(l, 12, 'minute')}`,
    },
    {
      name: 'warning',
      state: stateAt({ now: 50 * MINUTE }),
      en: (l) => `Due soon · waiting ${unit(l, 50, 'minute')}`,
      ja: (l) => `期限間近・待機中 ${unit(l, 50, 'minute')}`,
    },
    {
      name: 'overdue',
      state: stateAt({ now: 65 * MINUTE }),
      en: (l) => `Overdue · ${joined(l, unit(l, 1, 'hour'), unit(l, 5, 'minute'))}`,
      ja: (l) => `期限超過・${joined(l, unit(l, 1, 'hour'), unit(l, 5, 'minute'))}`,
    },
    {
      name: 'answered',
      state: stateAt({ events: [event('replied', 8 * MINUTE)], now: DAY }),
      en: (l) => `Answered in ${unit(l, 8, 'minute')}`,
      ja: (l) => `${unit(l, 8, 'minute')}で返信済み`,
    },
    {
      name: 'acknowledged, waiting',
      state: ack(HOUR),
      en: (l) => `Acknowledged · follow up in ${unit(l, 23, 'hour')}`,
      ja: (l) => `一次回答済み・残り${unit(l, 23, 'hour')}`,
    },
    {
      name: 'acknowledged, warning',
      state: ack(20 * HOUR),
      en: (l) => `Acknowledged · follow up soon, ${unit(l, 4, 'hour')} left`,
      ja: (l) => `一次回答済み・期限間近 残り${unit(l, 4, 'hour')}`,
    },
    {
      name: 'acknowledged, overdue',
      state: ack(DAY + 2 * HOUR),
      en: (l) => `Acknowledged · follow-up overdue by ${unit(l, 2, 'hour')}`,
      ja: (l) => `一次回答済み・フォロー期限を${unit(l, 2, 'hour')}超過`,
    },
    {
      name: 'in DM, waiting',
      state: dm(3 * HOUR),
      en: (l) => `In DM · follow up in ${unit(l, 5, 'hour')}`,
      ja: (l) => `DMで対応中・残り${unit(l, 5, 'hour')}`,
    },
    {
      name: 'in DM, warning',
      state: dm(7 * HOUR),
      en: (l) => `In DM · follow up soon, ${unit(l, 1, 'hour')} left`,
      ja: (l) => `DMで対応中・期限間近 残り${unit(l, 1, 'hour')}`,
    },
    {
      name: 'in DM, overdue',
      state: dm(8 * HOUR + 30 * MINUTE),
      en: (l) => `In DM · follow-up overdue by ${unit(l, 30, 'minute')}`,
      ja: (l) => `DMで対応中・フォロー期限を${unit(l, 30, 'minute')}超過`,
    },
    { name: 'recorded', state: { state: 'recorded' }, en: () => 'Recorded, no reply', ja: () => '記録のみ（返信なし）' },
    { name: 'unknown', state: { state: 'unknown', reason: 'noTimestamp' }, en: () => 'Post time unknown', ja: () => '投稿時刻不明' },
  ];

  it.each(cases)('$name in both languages', ({ state, en, ja }) => {
    expect(stateLabel('en', state)).toBe(en('en'));
    expect(stateLabel('ja', state)).toBe(ja('ja'));
  });

  it('reads as the examples in English', () => {
    expect(stateLabel('en', stateAt({ now: 12 * MINUTE }))).toBe('Waiting 12 min');
    expect(stateLabel('en', stateAt({ events: [event('replied', 8 * MINUTE)], now: DAY }))).toBe('Answered in 8 min');
    expect(stateLabel('en', ack(HOUR))).toBe('Acknowledged · follow up in 23 hr');
    expect(stateLabel('en', dm(3 * HOUR))).toBe('In DM · follow up in 5 hr');
  });

  it.each(['en', 'ja'] as const)('says every state in words in %s, not by colour alone', (lang) => {
    const labels = cases.map(({ state }) => stateLabel(lang, state));
    expect(new Set(labels).size).toBe(cases.length);
  });

  it('accepts only the languages Kotae speaks', () => {
    // @ts-expect-error: no French table
    expect(() => stateLabel('fr', { state: 'recorded' })).toThrow();
  });
});
