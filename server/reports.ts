/**
 * Reports on the team's records: the records are read here, scoped to the caller's
 * team, and the figures come from the same `computeReport` the extension runs on a
 * browser's own records.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { feedbackSchema, interactionSchema, tagSchema, type Feedback, type Interaction, type Tag } from '@/utils/model';
import { computeReport } from '@/utils/reports/compute';
import type { Report, ReportRange } from '@/utils/reports/schema';
import { teamSettingsSchema } from '@/utils/sync/wire';
import { DEFAULT_TIMER_SETTINGS } from '@/utils/timer/settings';
import type { Caller } from './auth';
import type { Db } from './db/open';
import { members, records } from './db/schema';

/** Calendar days in any time zone lie within this of the same days in UTC. */
const ZONE_MARGIN_MS = 2 * 86_400_000;

export async function teamReport(db: Db, caller: Caller, range: ReportRange, now: Date): Promise<Report> {
  const teamId = caller.team.id;
  // Posts that may have started waiting in the range, and what happened to them since.
  const since = new Date(Date.parse(`${range.from}T00:00:00Z`) - ZONE_MARGIN_MS).toISOString();
  const until = new Date(Date.parse(`${range.to}T00:00:00Z`) + ZONE_MARGIN_MS).toISOString();
  const recordedAt = sql`(${records.data}->>'recordedAt')::timestamptz`;
  const postedAt = sql`(${records.data}->>'postedAt')::timestamptz`;
  const [interactionRows, otherRows, memberRows] = await Promise.all([
    db
      .select({ data: records.data })
      .from(records)
      .where(
        and(
          eq(records.teamId, teamId),
          eq(records.entity, 'interaction'),
          eq(records.op, 'put'),
          // A post started waiting at its own time or when first seen; what followed came later.
          sql`case when ${records.data}->>'kind' = 'seen'
            then greatest(${recordedAt}, ${postedAt}) >= ${since}::timestamptz and least(${recordedAt}, ${postedAt}) <= ${until}::timestamptz
            else ${recordedAt} >= ${since}::timestamptz end`,
        ),
      ),
    db
      .select({ entity: records.entity, data: records.data })
      .from(records)
      .where(and(eq(records.teamId, teamId), inArray(records.entity, ['tag', 'feedback', 'settings']), eq(records.op, 'put'))),
    db.select({ id: members.id, name: members.name }).from(members).where(eq(members.teamId, teamId)),
  ]);

  // Stored records were checked on the way in; one that no longer parses is left out rather than failing the report.
  const interactions = parsedAll<Interaction>(interactionSchema, interactionRows.map((r) => r.data));
  const tags = parsedAll<Tag>(tagSchema, otherRows.filter((r) => r.entity === 'tag').map((r) => r.data));
  const feedback = parsedAll<Feedback>(feedbackSchema, otherRows.filter((r) => r.entity === 'feedback').map((r) => r.data));
  const settingsRow = otherRows.find((r) => r.entity === 'settings');
  const settings = settingsRow ? teamSettingsSchema.safeParse(settingsRow.data) : null;

  return computeReport({
    range,
    now,
    source: 'team',
    settings: settings?.success ? settings.data.timer : DEFAULT_TIMER_SETTINGS,
    teamIdentities: new Set(settings?.success ? settings.data.teamIdentities : []),
    interactions,
    tags,
    feedback,
    agentNames: new Map(memberRows.map((m) => [m.id, m.name])),
    // Agents see their own row and the team's totals; supervisors and admins everyone's.
    onlyAgent: caller.member.role === 'agent' ? caller.member.id : null,
  });
}

function parsedAll<T>(schema: { safeParse(data: unknown): { success: boolean; data?: unknown } }, rows: readonly unknown[]): T[] {
  const out: T[] = [];
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (parsed.success) out.push(parsed.data as T);
  }
  return out;
}
