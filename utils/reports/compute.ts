/**
 * The report definitions, as one pure function of records. The extension runs it on
 * this browser's records and the team server on the team's, so a figure means the
 * same thing wherever it was computed.
 *
 * Definitions:
 * - A customer post is a sighting (`seen` interaction) whose author is not one of
 *   the team's own accounts. It belongs to the day, hour and weekday its customer
 *   started waiting (the post's own time; when Kotae first saw it if the page gave
 *   none), in the range's time zone.
 * - Its response time, open, overdue and recorded state are the response timer's
 *   (utils/timer), as of `now`: a first public answer counts, an acknowledgement or
 *   a move to DM included.
 * - The answer belongs to the agent who recorded it; a reply seen from the team's
 *   own account has no agent.
 * - Tags count the customers who posted in the range; feedback counts by the time
 *   of the post it was recorded on.
 */
import type { Feedback, Interaction, Tag } from '@/utils/model';
import { responseState, type TimerSettings } from '@/utils/timer';
import { ANSWER_KINDS, postTimersOf } from '@/utils/timer/interactions';
import { waitStart } from '@/utils/timer/state';
import { RESPONSE_BAND_LIMIT_MINUTES, RESPONSE_BANDS, type Report, type ReportAgent, type ReportRange } from './schema';

export interface ReportInput {
  range: ReportRange;
  now: Date;
  source: Report['source'];
  settings: TimerSettings;
  /** The team's own accounts (identity keys): their posts are not customers'. */
  teamIdentities: ReadonlySet<string>;
  /** The sightings of posts that may fall in the range, and every other interaction on those posts. */
  interactions: readonly Interaction[];
  tags: readonly Tag[];
  feedback: readonly Feedback[];
  /** Agents' names by id. */
  agentNames: ReadonlyMap<string, string>;
  /** Show only this agent's row among the agents (an agent's view of a team); null for all. */
  onlyAgent: string | null;
}

/** How many tags and product areas a report lists. */
export const REPORT_TOP_COUNT = 10;

interface Outcome {
  posts: number;
  answered: number;
  withinTarget: number;
  responses: number[];
}

const emptyOutcome = (): Outcome => ({ posts: 0, answered: 0, withinTarget: 0, responses: [] });

/** The nearest-rank percentile of sorted values; null for none. */
export function percentileOf(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function outcomeFields(outcome: Outcome) {
  const sorted = [...outcome.responses].sort((a, b) => a - b);
  return {
    posts: outcome.posts,
    answered: outcome.answered,
    withinTarget: outcome.withinTarget,
    medianResponseMs: percentileOf(sorted, 50),
    p90ResponseMs: percentileOf(sorted, 90),
  };
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A moment as a calendar day, hour and weekday (Monday 0) in one time zone. */
export function zonedParts(format: Intl.DateTimeFormat, ms: number): { day: string; hour: number; weekday: number } {
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(ms)) parts[part.type] = part.value;
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour) % 24,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

export function zonedFormat(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
    weekday: 'short',
  });
}

/** Every day from `from` to `to`, both included. */
export function daysOf(range: Pick<ReportRange, 'from' | 'to'>): string[] {
  const days: string[] = [];
  for (let ms = Date.parse(`${range.from}T00:00:00Z`); ; ms += 86_400_000) {
    const day = new Date(ms).toISOString().slice(0, 10);
    days.push(day);
    if (day >= range.to) return days;
  }
}

export function computeReport(input: ReportInput): Report {
  const { range, now, settings } = input;
  const format = zonedFormat(range.timeZone);
  const inRange = (day: string) => day >= range.from && day <= range.to;
  // Calendar days in any time zone lie within two days of the same days in UTC: a
  // cheap test first, the time zone's calendar only for what passes it.
  const roughFrom = Date.parse(`${range.from}T00:00:00Z`) - 2 * 86_400_000;
  const roughTo = Date.parse(`${range.to}T00:00:00Z`) + 3 * 86_400_000;
  const targetMs = settings.targetMinutes * 60_000;

  const timers = postTimersOf(input.interactions);
  const answersByPost = new Map<string, Interaction[]>();
  const sightings = new Map<string, Interaction>();
  for (const row of input.interactions) {
    if (row.kind === 'seen') {
      const earlier = sightings.get(row.postKey);
      if (!earlier || row.recordedAt < earlier.recordedAt) sightings.set(row.postKey, row);
    } else if (ANSWER_KINDS.has(row.kind)) {
      const list = answersByPost.get(row.postKey) ?? [];
      list.push(row);
      answersByPost.set(row.postKey, list);
    }
  }

  const totals = { ...emptyOutcome(), open: 0, overdue: 0, recorded: 0 };
  const bands = new Map(RESPONSE_BANDS.map((band) => [band, 0]));
  const days = new Map(daysOf(range).map((day) => [day, emptyOutcome()]));
  const agents = new Map<string | null, Outcome>();
  const byHour = new Array<number>(24).fill(0);
  const byWeekday = new Array<number>(7).fill(0);
  const customers = new Set<string>();

  for (const post of sightings.values()) {
    if (input.teamIdentities.has(post.identityId)) continue;
    const timer = timers.get(post.postKey);
    const firstSeenAt = timer?.firstSeenAt ?? post.recordedAt;
    const start = waitStart(post.postedAt, firstSeenAt, now);
    if (start === null || start < roughFrom || start > roughTo) continue;
    const local = zonedParts(format, start);
    if (!inRange(local.day)) continue;

    const day = days.get(local.day)!;
    totals.posts += 1;
    day.posts += 1;
    byHour[local.hour]! += 1;
    if (local.weekday >= 0) byWeekday[local.weekday]! += 1;
    customers.add(post.customerId);

    const state = responseState({ postedAt: post.postedAt, firstSeenAt, events: timer?.events ?? [], settings, now });
    if (state.state === 'waiting' || state.state === 'warning') totals.open += 1;
    else if (state.state === 'overdue') totals.overdue += 1;
    else if (state.state === 'recorded') totals.recorded += 1;
    if (state.state !== 'answered') continue;

    const within = state.responseMs <= targetMs;
    const agentId = answeringAgent(answersByPost.get(post.postKey) ?? [], state.answeredAt, start);
    let agent = agents.get(agentId);
    if (!agent) agents.set(agentId, (agent = emptyOutcome()));
    for (const outcome of [totals, day, agent]) {
      outcome.answered += 1;
      if (within) outcome.withinTarget += 1;
      outcome.responses.push(state.responseMs);
    }
    const minutes = state.responseMs / 60_000;
    const band = RESPONSE_BANDS.find((b) => minutes < RESPONSE_BAND_LIMIT_MINUTES[b])!;
    bands.set(band, bands.get(band)! + 1);
  }

  const { posts, answered, withinTarget, medianResponseMs, p90ResponseMs } = outcomeFields(totals);
  return {
    range,
    generatedAt: now.toISOString(),
    source: input.source,
    targetMinutes: settings.targetMinutes,
    totals: { posts, answered, withinTarget, medianResponseMs, p90ResponseMs, open: totals.open, overdue: totals.overdue, recorded: totals.recorded },
    responseBands: RESPONSE_BANDS.map((band) => ({ band, count: bands.get(band)! })),
    days: [...days].map(([day, outcome]) => ({ day, ...outcomeFields(outcome) })),
    agents: agentRows(agents, input),
    byHour,
    byWeekday,
    topTags: topTags(input.tags, customers),
    topAreas: topAreas(input.feedback, format, inRange, now),
  };
}

/** Who gave the first answer: the earliest answer recorded at the moment the timer counts to. */
function answeringAgent(answers: readonly Interaction[], answeredAt: string, start: number): string | null {
  const at = Date.parse(answeredAt);
  const first = answers
    .filter((row) => Math.max(Date.parse(row.recordedAt), start) === at)
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id))[0];
  return first?.byAgentId ?? null;
}

function agentRows(agents: Map<string | null, Outcome>, input: ReportInput): ReportAgent[] {
  return [...agents]
    .filter(([agentId]) => input.onlyAgent === null || agentId === input.onlyAgent)
    .map(([agentId, outcome]) => {
      const { answered, withinTarget, medianResponseMs } = outcomeFields(outcome);
      return { agentId, name: agentId === null ? '' : (input.agentNames.get(agentId) ?? ''), answered, withinTarget, medianResponseMs };
    })
    .sort((a, b) => b.answered - a.answered || a.name.localeCompare(b.name) || (a.agentId ?? '').localeCompare(b.agentId ?? ''));
}

function topTags(tags: readonly Tag[], customers: ReadonlySet<string>): Report['topTags'] {
  const byLabel = new Map<string, { label: string; customers: Set<string> }>();
  const ordered = [...tags].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  for (const tag of ordered) {
    if (tag.deletedAt !== null || !customers.has(tag.customerId)) continue;
    const key = tag.label.toLowerCase();
    const entry = byLabel.get(key) ?? { label: tag.label, customers: new Set<string>() };
    entry.customers.add(tag.customerId);
    byLabel.set(key, entry);
  }
  return [...byLabel.values()]
    .map((entry) => ({ label: entry.label, customers: entry.customers.size }))
    .sort((a, b) => b.customers - a.customers || a.label.localeCompare(b.label))
    .slice(0, REPORT_TOP_COUNT);
}

function topAreas(
  feedback: readonly Feedback[],
  format: Intl.DateTimeFormat,
  inRange: (day: string) => boolean,
  now: Date,
): Report['topAreas'] {
  const byArea = new Map<string, Report['topAreas'][number]>();
  const ordered = [...feedback].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id));
  for (const item of ordered) {
    if (item.deletedAt !== null) continue;
    const start = waitStart(item.postedAt, item.recordedAt, now);
    if (start === null || !inRange(zonedParts(format, start).day)) continue;
    const key = item.area.toLowerCase();
    const entry = byArea.get(key) ?? { area: item.area, count: 0, praise: 0, complaint: 0, bug: 0, request: 0 };
    entry.count += 1;
    entry[item.kind] += 1;
    byArea.set(key, entry);
  }
  return [...byArea.values()].sort((a, b) => b.count - a.count || a.area.localeCompare(b.area)).slice(0, REPORT_TOP_COUNT);
}
