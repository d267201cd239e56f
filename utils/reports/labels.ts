/**
 * A report's categories in words, in each UI language: weekdays and hours from Intl
 * (so each language names them its own way), bands and agents from utils/i18n.
 * The charts, their tables and the CSV files all name things through here.
 */
import { t, type Lang } from '@/utils/i18n';
import type { ReportAgent, ResponseBand } from './schema';

// 2024-01-01 was a Monday: the reports count weekdays Monday first.
const A_MONDAY_MS = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;

export function weekdayName(lang: Lang, weekday: number, width: 'short' | 'long' = 'long'): string {
  return new Intl.DateTimeFormat(lang, { weekday: width, timeZone: 'UTC' }).format(A_MONDAY_MS + weekday * DAY_MS);
}

/** An hour of the day as people say it: "9 AM", "9時". */
export function hourName(lang: Lang, hour: number): string {
  return new Intl.DateTimeFormat(lang, { hour: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1, hour));
}

/** A calendar day of a report (`2026-05-01`), short: "May 1", "5/1". */
export function dayName(lang: Lang, day: string, width: 'short' | 'long' = 'short'): string {
  const options: Intl.DateTimeFormatOptions =
    width === 'short' ? { month: 'numeric', day: 'numeric', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' };
  if (width === 'short' && lang === 'en') options.month = 'short';
  return new Intl.DateTimeFormat(lang, options).format(Date.parse(`${day}T00:00:00Z`));
}

export function bandName(lang: Lang, band: ResponseBand): string {
  return t(lang, `reportBand.${band}`);
}

/** An agent's row: the team's own account has no agent, and a colleague may not have told their name. */
export function agentName(lang: Lang, agent: Pick<ReportAgent, 'agentId' | 'name'>): string {
  if (agent.agentId === null) return t(lang, 'reportTeamAccount');
  return agent.name || t(lang, 'reportUnnamedAgent', { id: agent.agentId.slice(0, 8) });
}

/** Answered within the target, as a share of the posts answered; null when none were. */
export function shareWithinTarget(outcome: { answered: number; withinTarget: number }): number | null {
  return outcome.answered === 0 ? null : outcome.withinTarget / outcome.answered;
}

export function formatShare(lang: Lang, share: number | null): string {
  return share === null ? '—' : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}
