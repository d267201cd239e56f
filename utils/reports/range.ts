/** The quick choices of the report's range, as calendar days in the viewer's time zone. */
import { zonedFormat, zonedParts } from './compute';
import type { ReportRange } from './schema';

export type QuickRange = 'last7' | 'last30' | 'thisMonth';
export const QUICK_RANGES: readonly QuickRange[] = ['last7', 'last30', 'thisMonth'];

/** The day it is at `now` in `timeZone`, as `2026-05-01`. */
export function dayIn(timeZone: string, now: Date): string {
  return zonedParts(zonedFormat(timeZone), now.getTime()).day;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Both ends included, today the last day. */
export function quickRange(choice: QuickRange, timeZone: string, now: Date): ReportRange {
  const to = dayIn(timeZone, now);
  const from = choice === 'last7' ? addDays(to, -6) : choice === 'last30' ? addDays(to, -29) : `${to.slice(0, 8)}01`;
  return { from, to, timeZone };
}
