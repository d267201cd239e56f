/** Every key Kotae keeps in extension storage, declared once. */
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { DISPLAY_NAME_MAX_CHARS } from '@/utils/model';

export const agentProfileSchema = z.object({
  /** Stable id of this person on this browser: notes carry it as their author. */
  id: z.string().min(1).max(200),
  /** Shown as the author of notes; empty means "not set yet". */
  name: z.string().max(DISPLAY_NAME_MAX_CHARS),
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
  const partial = z.object({ id: z.string().min(1).max(200) }).safeParse(raw);
  const repaired = { id: partial.success ? partial.data.id : crypto.randomUUID(), name: '' };
  await agentProfileItem.setValue(repaired);
  return repaired;
}
