/** Every key Kotae keeps in extension storage, declared once. */
import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import { DISPLAY_NAME_MAX_CHARS, identityKeySchema } from '@/utils/model';
import { DEFAULT_TIMER_SETTINGS, timerSettingsSchema, type TimerSettings } from '@/utils/timer/settings';
import { DEFAULT_GUIDELINE_RULES, guidelineRulesSchema, type GuidelineRules } from '@/utils/guidelines/rules';
import { savedSearchesSchema, type SavedSearch } from '@/utils/watch/searches';

export const agentProfileSchema = z.object({
  /** Stable id of this person on this browser: notes carry it as their author. */
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  /** Shown as the author of notes; empty means "not set yet". */
  name: z.string().check(z.maxLength(DISPLAY_NAME_MAX_CHARS)),
});
export type AgentProfile = z.infer<typeof agentProfileSchema>;

export const agentProfileItem = storage.defineItem<AgentProfile>('local:agentProfile', {
  init: () => ({ id: crypto.randomUUID(), name: '' }),
});

/** The profile, repaired rather than lost if storage holds something unexpected. */
export async function readAgentProfile(): Promise<AgentProfile> {
  const raw: unknown = await agentProfileItem.getValue();
  const parsed = agentProfileSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const partial = z.object({ id: agentProfileSchema.shape.id }).safeParse(raw);
  const repaired = { id: partial.success ? partial.data.id : crypto.randomUUID(), name: '' };
  await agentProfileItem.setValue(repaired);
  return repaired;
}

/** The team's rules for the live draft checks, edited in the options page. */
export const guidelineRulesItem = storage.defineItem<GuidelineRules>('local:guidelineRules', {
  fallback: DEFAULT_GUIDELINE_RULES,
});

/** The rules in force; stored rules that no longer parse fall back to the defaults. */
export async function readGuidelineRules(): Promise<GuidelineRules> {
  const parsed = guidelineRulesSchema.safeParse(await guidelineRulesItem.getValue());
  if (parsed.success) return parsed.data;
  console.warn('[kotae] stored guideline rules are unreadable; using the defaults', parsed.error);
  return DEFAULT_GUIDELINE_RULES;
}

/** The response-time target and warning threshold, edited in the options page. */
export const timerSettingsItem = storage.defineItem<TimerSettings>('local:timerSettings', {
  fallback: DEFAULT_TIMER_SETTINGS,
});

/** The timer settings in force; stored settings that no longer parse fall back to the defaults. */
export async function readTimerSettings(): Promise<TimerSettings> {
  const parsed = timerSettingsSchema.safeParse(await timerSettingsItem.getValue());
  return parsed.success ? parsed.data : DEFAULT_TIMER_SETTINGS;
}

/** The team's own accounts (identity keys such as `x:kotaesupport`): their posts get no timer. */
export const teamIdentitiesItem = storage.defineItem<string[]>('local:teamIdentities', { fallback: [] });

export async function readTeamIdentities(): Promise<Set<string>> {
  const raw: unknown = await teamIdentitiesItem.getValue();
  const parsed = z.array(identityKeySchema).safeParse(raw);
  return new Set(parsed.success ? parsed.data : []);
}

/**
 * Keyword watch: the saved searches. Edited in the options page when working alone
 * (or by a supervisor or admin on a team); on a team, the team's list is written here.
 */
export const watchSearchesItem = storage.defineItem<SavedSearch[]>('local:watchSearches', { fallback: [] });

/** The saved searches; a stored list that no longer parses counts as none. */
export async function readWatchSearches(): Promise<SavedSearch[]> {
  const parsed = savedSearchesSchema.safeParse(await watchSearchesItem.getValue());
  if (parsed.success) return parsed.data;
  console.warn('[kotae] stored saved searches are unreadable', parsed.error);
  return [];
}
