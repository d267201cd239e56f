/**
 * Reports on this browser's records: read from Dexie here, computed by the same
 * `computeReport` the team server runs on the team's records.
 */
import { computeReport } from '@/utils/reports/compute';
import type { Report, ReportRange } from '@/utils/reports/schema';
import type { TimerSettings } from '@/utils/timer/settings';
import type { KotaeDB } from './kotae-db';

export interface LocalReportOptions {
  now: Date;
  settings: TimerSettings;
  teamIdentities: ReadonlySet<string>;
  /** Who is looking: their name is known even before anything of theirs is in the change log. */
  viewer: { agentId: string; name: string };
  /** Only the viewer's own row among the agents (an agent on a team); false for everyone's. */
  ownRowOnly: boolean;
}

export async function localReport(db: KotaeDB, range: ReportRange, options: LocalReportOptions): Promise<Report> {
  const [interactions, tags, feedback, changeLog] = await db.transaction('r', [db.interactions, db.tags, db.feedback, db.changeLog], () =>
    Promise.all([db.interactions.toArray(), db.tags.toArray(), db.feedback.toArray(), db.changeLog.toArray()]),
  );
  // Colleagues' names as their changes arrived, the latest name each.
  const agentNames = new Map<string, string>();
  for (const entry of changeLog.sort((a, b) => a.at.localeCompare(b.at))) agentNames.set(entry.actorId, entry.actorName);
  if (options.viewer.name) agentNames.set(options.viewer.agentId, options.viewer.name);
  return computeReport({
    range,
    now: options.now,
    source: 'local',
    settings: options.settings,
    teamIdentities: options.teamIdentities,
    interactions,
    tags,
    feedback,
    agentNames,
    onlyAgent: options.ownRowOnly ? options.viewer.agentId : null,
  });
}
