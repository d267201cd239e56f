/**
 * The team's shared settings (response times, the team's own accounts, keyword watch's
 * saved searches). They live in
 * extension storage, where the options page edits them; a supervisor's or admin's
 * change is queued as the one `settings` record, and pulled settings are written back
 * to storage. The last settings pulled or sent are kept in syncState, so writing
 * pulled settings to storage is not sent back up as a change.
 */
import type { KotaeDB } from '@/utils/db/kotae-db';
import type { TimerSettings } from '@/utils/timer/settings';
import { enqueueRecord } from './outbox';
import type { SavedSearch } from '@/utils/watch/searches';
import type { TeamSettings } from './wire';

type Shared = Pick<TeamSettings, 'timer' | 'teamIdentities' | 'watchSearches'>;

function sameSettings(a: Shared, b: Shared): boolean {
  return (
    JSON.stringify(a.timer) === JSON.stringify(b.timer) &&
    [...a.teamIdentities].sort().join() === [...b.teamIdentities].sort().join() &&
    // The list's order is the order people see it in.
    JSON.stringify(a.watchSearches ?? []) === JSON.stringify(b.watchSearches ?? [])
  );
}

/** Queues the settings as the team's, when joined as a supervisor or admin and they differ. Answers whether it queued. */
export async function queueTeamSettings(
  db: KotaeDB,
  input: { timer: TimerSettings; teamIdentities: string[]; watchSearches?: SavedSearch[] },
  now: Date,
): Promise<boolean> {
  return db.transaction('rw', db.outbox, db.syncState, async () => {
    const session = await db.syncState.get('session');
    if (session?.key !== 'session' || session.member.role === 'agent') return false;
    const known = await db.syncState.get('teamSettings');
    if (known?.key === 'teamSettings' && sameSettings(known.record, input)) return false;
    const record: TeamSettings = {
      id: 'team',
      timer: input.timer,
      teamIdentities: [...input.teamIdentities],
      ...(input.watchSearches ? { watchSearches: input.watchSearches.map((search) => ({ ...search })) } : {}),
      updatedAt: now.toISOString(),
    };
    await db.syncState.put({ key: 'teamSettings', record });
    await enqueueRecord(db, 'settings', 'team', record);
    return true;
  });
}
