/**
 * The team's shared settings (response times, the team's own accounts). They live in
 * extension storage, where the options page edits them; a supervisor's or admin's
 * change is queued as the one `settings` record, and pulled settings are written back
 * to storage. The last settings pulled or sent are kept in syncState, so writing
 * pulled settings to storage is not sent back up as a change.
 */
import type { KotaeDB } from '@/utils/db/kotae-db';
import type { TimerSettings } from '@/utils/timer/settings';
import { enqueueRecord } from './outbox';
import type { TeamSettings } from './wire';

function sameSettings(a: Pick<TeamSettings, 'timer' | 'teamIdentities'>, b: Pick<TeamSettings, 'timer' | 'teamIdentities'>): boolean {
  return JSON.stringify(a.timer) === JSON.stringify(b.timer) && [...a.teamIdentities].sort().join() === [...b.teamIdentities].sort().join();
}

/** Queues the settings as the team's, when joined as a supervisor or admin and they differ. Answers whether it queued. */
export async function queueTeamSettings(db: KotaeDB, input: { timer: TimerSettings; teamIdentities: string[] }, now: Date): Promise<boolean> {
  return db.transaction('rw', db.outbox, db.syncState, async () => {
    const session = await db.syncState.get('session');
    if (session?.key !== 'session' || session.member.role === 'agent') return false;
    const known = await db.syncState.get('teamSettings');
    if (known?.key === 'teamSettings' && sameSettings(known.record, input)) return false;
    const record: TeamSettings = { id: 'team', timer: input.timer, teamIdentities: [...input.teamIdentities], updatedAt: now.toISOString() };
    await db.syncState.put({ key: 'teamSettings', record });
    await enqueueRecord(db, 'settings', 'team', record);
    return true;
  });
}
