/**
 * The timer as words, in each UI language. Durations come from Intl, so each
 * locale gets its own units and spacing; the label states the situation in text
 * so it never depends on colour alone. The tables are typed against every
 * language, so a missing translation is a type error.
 */
import type { Lang } from '@/utils/i18n';
import type { CountingState, ResponseState, TimerKind } from './state';

type DurationUnit = 'day' | 'hour' | 'minute' | 'second';
type DurationPart = { unit: DurationUnit; value: number };

// Short forms ("1 hr", "5 min") fit the overlay, for units and for joining them.
const STYLE = 'short';

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

/*
 * Each unit is formatted by Intl.NumberFormat and two are joined as Intl.ListFormat
 * joins units: the same strings as Intl.DurationFormat in Chromium for every value a
 * badge shows, at a fraction of the cost. A page of badges formats thousands of
 * distinct waits; here each unit's string is made once ("5 min", bounded: minutes
 * and hours repeat) and a wait of two units is one concatenation.
 */
const unitTexts = new Map<string, string>();
const UNIT_TEXTS_MAX = 5_000;
const numberFormats = new Map<string, Intl.NumberFormat>();
/** Per language, what goes between two units ("1 hr, 5 min"; "1 時間 5 分"). */
const joiners = new Map<Lang, string>();

function cached<K, T>(cache: Map<K, T>, key: K, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = make()));
  return value;
}

function unitText(lang: Lang, { unit, value }: DurationPart): string {
  if (unitTexts.size >= UNIT_TEXTS_MAX) unitTexts.clear();
  return cached(unitTexts, `${lang}|${unit}|${value}`, () =>
    cached(numberFormats, `${lang}|${unit}`, () => new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: STYLE })).format(value),
  );
}

function joiner(lang: Lang): string {
  return cached(joiners, lang, () => {
    const parts = new Intl.ListFormat(lang, { type: 'unit', style: STYLE }).formatToParts(['a', 'b']);
    return parts.find((part) => part.type === 'literal')?.value ?? ' ';
  });
}

function formatParts(lang: Lang, parts: readonly DurationPart[]): string {
  const [first, second] = parts;
  const text = unitText(lang, first!);
  return second ? text + joiner(lang) + unitText(lang, second) : text;
}

/**
 * At most two units, the larger first: minutes under an hour, hours and minutes
 * under a day, then days and hours. A zero second unit is left out ("3 days").
 */
function durationParts(ms: number, round: (value: number) => number): DurationPart[] {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  const minutes = round(safe / MINUTE_MS);
  if (minutes < 60) return [{ unit: 'minute', value: minutes }];
  if (minutes < 24 * 60) return twoUnits({ unit: 'hour', value: Math.floor(minutes / 60) }, { unit: 'minute', value: minutes % 60 });
  const hours = round(safe / HOUR_MS);
  return twoUnits({ unit: 'day', value: Math.floor(hours / 24) }, { unit: 'hour', value: hours % 24 });
}

function twoUnits(larger: DurationPart, smaller: DurationPart): DurationPart[] {
  return smaller.value === 0 ? [larger] : [larger, smaller];
}

/**
 * How long someone has waited: rounded down, so "59 min" is still within an hour's
 * target and the label never runs ahead of the state.
 */
export function formatWait(lang: Lang, ms: number): string {
  return formatParts(lang, durationParts(ms, Math.floor));
}

/** A finished response time: like a wait, with seconds under a minute, where "0 min" would hide a fast answer. */
export function formatResponseTime(lang: Lang, ms: number): string {
  const seconds = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / SECOND_MS) : 0;
  if (seconds < 60) return formatParts(lang, [{ unit: 'second', value: seconds }]);
  return formatWait(lang, ms);
}

/** Time left before a deadline: rounded up, so it reads "1 min", never "0 min", until it is overdue. */
export function formatTimeLeft(lang: Lang, ms: number): string {
  return formatParts(lang, durationParts(ms, Math.ceil));
}

type Phrase = (duration: string) => string;

interface LabelText {
  /** Given how long the customer has waited. */
  first: Record<CountingState['state'], Phrase>;
  /** Given the time left, or once overdue, how long past the deadline. */
  followUp: Record<CountingState['state'], Phrase>;
  privateFollowUp: Record<CountingState['state'], Phrase>;
  /** Given the response time. */
  answered: Phrase;
  recorded: string;
  unknown: string;
}

const LABELS: Record<Lang, LabelText> = {
  en: {
    first: {
      waiting: (d) => `Waiting ${d}`,
      warning: (d) => `Due soon · waiting ${d}`,
      overdue: (d) => `Overdue · ${d}`,
    },
    followUp: {
      waiting: (d) => `Acknowledged · follow up in ${d}`,
      warning: (d) => `Acknowledged · follow up soon, ${d} left`,
      overdue: (d) => `Acknowledged · follow-up overdue by ${d}`,
    },
    privateFollowUp: {
      waiting: (d) => `In DM · follow up in ${d}`,
      warning: (d) => `In DM · follow up soon, ${d} left`,
      overdue: (d) => `In DM · follow-up overdue by ${d}`,
    },
    answered: (d) => `Answered in ${d}`,
    recorded: 'Recorded, no reply',
    unknown: 'Post time unknown',
  },
  ja: {
    first: {
      waiting: (d) => `待機中 ${d}`,
      warning: (d) => `期限間近・待機中 ${d}`,
      overdue: (d) => `期限超過・${d}`,
    },
    followUp: {
      waiting: (d) => `一次回答済み・残り${d}`,
      warning: (d) => `一次回答済み・期限間近 残り${d}`,
      overdue: (d) => `一次回答済み・フォロー期限を${d}超過`,
    },
    privateFollowUp: {
      waiting: (d) => `DMで対応中・残り${d}`,
      warning: (d) => `DMで対応中・期限間近 残り${d}`,
      overdue: (d) => `DMで対応中・フォロー期限を${d}超過`,
    },
    answered: (d) => `${d}で返信済み`,
    recorded: '記録のみ（返信なし）',
    unknown: '投稿時刻不明',
  },
};

function timerLabel(lang: Lang, timer: TimerKind, state: CountingState): string {
  const phrase = LABELS[lang][timer][state.state];
  if (timer === 'first') return phrase(formatWait(lang, state.waitedMs));
  // A follow-up is a promise with a deadline: say how long is left, or how late it is.
  if (state.state === 'overdue') return phrase(formatWait(lang, state.waitedMs - state.targetMs));
  return phrase(formatTimeLeft(lang, state.targetMs - state.waitedMs));
}

/** The timer in words for the overlay badge and its accessible name. */
export function stateLabel(lang: Lang, state: ResponseState): string {
  const text = LABELS[lang];
  switch (state.state) {
    case 'waiting':
    case 'warning':
    case 'overdue':
      return timerLabel(lang, state.timer, state);
    case 'answered':
      return text.answered(formatResponseTime(lang, state.responseMs));
    case 'recorded':
      return text.recorded;
    case 'unknown':
      return text.unknown;
  }
}
