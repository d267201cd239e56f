/**
 * The settings a backup carries: your name, the draft-check rules, the response times,
 * the team's own accounts and the keyword watch's saved searches. Never the team-server session or its token (those live
 * in the database's syncState, which a backup leaves out), never this browser's agent id.
 */
import * as z from 'zod/mini';
import { identityKeySchema } from '@/utils/model';
import { guidelineRulesSchema } from '@/utils/guidelines/rules';
import { timerSettingsSchema } from '@/utils/timer/settings';
import { savedSearchesSchema } from '@/utils/watch/searches';
import {
  agentProfileItem,
  agentProfileSchema,
  guidelineRulesItem,
  readAgentProfile,
  readGuidelineRules,
  readTeamIdentities,
  readTimerSettings,
  readWatchSearches,
  teamIdentitiesItem,
  timerSettingsItem,
  watchSearchesItem,
} from '@/utils/storage';

/** Each part optional: a file written by hand may carry only some of them. */
export const settingsSectionSchema = z.object({
  agentName: z.optional(agentProfileSchema.shape.name),
  guidelineRules: z.optional(guidelineRulesSchema),
  timer: z.optional(timerSettingsSchema),
  teamIdentities: z.optional(z.array(identityKeySchema).check(z.maxLength(1_000))),
  watchSearches: z.optional(savedSearchesSchema),
});
export type SettingsSection = z.infer<typeof settingsSectionSchema>;

export async function readSettingsSection(): Promise<Required<SettingsSection>> {
  const [profile, guidelineRules, timer, team, watchSearches] = await Promise.all([
    readAgentProfile(),
    readGuidelineRules(),
    readTimerSettings(),
    readTeamIdentities(),
    readWatchSearches(),
  ]);
  return { agentName: profile.name, guidelineRules, timer, teamIdentities: [...team].sort(), watchSearches };
}

/** Writes the parts the file carries; answers how many it wrote. */
export async function writeSettingsSection(settings: SettingsSection): Promise<number> {
  let written = 0;
  if (settings.agentName !== undefined) {
    const profile = await readAgentProfile();
    await agentProfileItem.setValue({ ...profile, name: settings.agentName });
    written += 1;
  }
  if (settings.guidelineRules) {
    await guidelineRulesItem.setValue(settings.guidelineRules);
    written += 1;
  }
  if (settings.timer) {
    await timerSettingsItem.setValue(settings.timer);
    written += 1;
  }
  if (settings.teamIdentities) {
    await teamIdentitiesItem.setValue([...new Set(settings.teamIdentities)]);
    written += 1;
  }
  if (settings.watchSearches) {
    await watchSearchesItem.setValue(settings.watchSearches);
    written += 1;
  }
  return written;
}
