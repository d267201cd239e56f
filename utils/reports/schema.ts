/**
 * What a report asks for and what it answers: one shape for the extension (computed
 * from this browser's records) and the team server (computed from the team's), so
 * the options page draws either without knowing which.
 */
import * as z from 'zod/mini';

/** A calendar day as people name it: `2026-05-01`. */
const dayPattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const reportDaySchema = z.string().check(
  z.regex(dayPattern, 'not a day such as 2026-05-01'),
  z.refine((day: string) => {
    const ms = Date.parse(`${day}T00:00:00Z`);
    // 2026-02-30 parses in some engines as 2 March: the day must come back unchanged.
    return !dayPattern.test(day) || (Number.isFinite(ms) && new Date(ms).toISOString().startsWith(day));
  }, 'no such day'),
);

/** A whole year and a day: enough for "this year", small enough to compute at once. */
export const REPORT_MAX_DAYS = 366;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The days a report covers, both ends included, as calendar days in `timeZone` (the
 * viewer's own), so "Monday" and "9 o'clock" mean what the viewer means by them.
 */
export const reportRangeSchema = z
  .object({
    from: reportDaySchema,
    to: reportDaySchema,
    timeZone: z.string().check(z.maxLength(64), z.refine(isTimeZone, 'not a time zone such as Asia/Tokyo')),
  })
  .check(
    z.refine((range) => range.from <= range.to, { message: 'the range ends before it starts', path: ['to'] }),
    z.refine((range) => daysBetween(range.from, range.to) < REPORT_MAX_DAYS, { message: 'at most 366 days', path: ['to'] }),
  );
export type ReportRange = z.infer<typeof reportRangeSchema>;

/** Response-time bands, in the order the distribution chart shows them. */
export const RESPONSE_BANDS = ['under15m', 'under30m', 'under1h', 'under4h', 'under24h', 'over24h'] as const;
export type ResponseBand = (typeof RESPONSE_BANDS)[number];
/** Each band's upper bound in minutes (the last has none). */
export const RESPONSE_BAND_LIMIT_MINUTES: Record<ResponseBand, number> = {
  under15m: 15,
  under30m: 30,
  under1h: 60,
  under4h: 240,
  under24h: 1440,
  over24h: Infinity,
};

const count = z.int().check(z.nonnegative());
const ms = z.nullable(z.number().check(z.nonnegative()));

/** How posts fared: answered, within target, and the response times. */
const outcomeFields = {
  /** Customer posts that came in. */
  posts: count,
  /** Posts with a first public answer. */
  answered: count,
  /** Answered within the first-answer target. */
  withinTarget: count,
  /** Median and 90th percentile first-response time of the answered posts; null when none. */
  medianResponseMs: ms,
  p90ResponseMs: ms,
};

export const reportSchema = z.object({
  range: reportRangeSchema,
  /** When it was computed: open and overdue are as of this moment. */
  generatedAt: z.iso.datetime({ offset: true }),
  /** Where the figures come from: this browser's records or the team's on the server. */
  source: z.enum(['local', 'team']),
  /** The first-answer target the "within target" figures count against. */
  targetMinutes: count,
  totals: z.object({
    ...outcomeFields,
    /** Still waiting for an answer, within target. */
    open: count,
    /** Still waiting, past the target. */
    overdue: count,
    /** Recorded on purpose without a reply. */
    recorded: count,
  }),
  responseBands: z.array(z.object({ band: z.enum(RESPONSE_BANDS), count })),
  /** One row per day of the range, in order, days without posts included. */
  days: z.array(z.object({ day: reportDaySchema, ...outcomeFields })),
  /**
   * Answers per agent. `agentId` null: replies seen from the team's own account with
   * no agent behind them. Agents on a team see only their own row here.
   */
  agents: z.array(
    z.object({
      agentId: z.nullable(z.string().check(z.maxLength(200))),
      name: z.string().check(z.maxLength(200)),
      answered: count,
      withinTarget: count,
      medianResponseMs: ms,
    }),
  ),
  /** Customer posts by hour of day (0–23) in the range's time zone. */
  byHour: z.array(count).check(z.length(24)),
  /** Customer posts by weekday, Monday first. */
  byWeekday: z.array(count).check(z.length(7)),
  /** Tags on the customers who posted, most customers first. */
  topTags: z.array(z.object({ label: z.string(), customers: count })),
  /** Product areas of the feedback recorded on posts in the range, most first. */
  topAreas: z.array(
    z.object({ area: z.string(), count, praise: count, complaint: count, bug: count, request: count }),
  ),
});
export type Report = z.infer<typeof reportSchema>;
export type ReportTotals = Report['totals'];
export type ReportDay = Report['days'][number];
export type ReportAgent = Report['agents'][number];
