/**
 * The outbox: local changes waiting for the team server, and the sync state rows.
 *
 * While this browser is joined to a team (a `session` row exists), every local
 * change of a record that syncs writes an outbox entry in the SAME Dexie
 * transaction as the change itself, so a change is never stored without its
 * entry nor an entry without its change. Each entry carries the whole record as
 * it is after the change (a `put`), with a mutation id made here; the engine
 * pushes entries in `seq` order and deletes one only after the server answered
 * for it, so a retry after a lost answer resends the same mutation id and the
 * server applies it once.
 *
 * Not joined (a solo shop owner, or signed out): nothing is queued; joining queues
 * every existing synced record once (`enqueueSnapshot`), so local data goes up to
 * the team.
 */
import type { Table } from 'dexie';
import type { Template } from '@/utils/model';
import type { KotaeDB } from '@/utils/db/kotae-db';
import type { SyncErrorInfo } from './state';
import type { Member, RejectReason, SyncEntity, Team, TeamSettings } from './wire';

export interface OutboxEntry {
  /** Auto-increment: the order the changes were made in. */
  seq?: number;
  mutationId: string;
  entity: SyncEntity;
  id: string;
  op: 'put' | 'delete';
  data: unknown;
}

export interface SessionRow {
  key: 'session';
  token: string;
  serverUrl: string;
  member: Member;
  team: Team;
  joinedAt: string;
}
export interface CursorRow {
  key: 'cursor';
  value: number;
}
export interface ClientRow {
  key: 'client';
  clientId: string;
}
export interface StatusRow {
  key: 'status';
  lastSyncAt: string | null;
  lastError: SyncErrorInfo | null;
  rejectedCount: number;
  lastRejected: { entity: SyncEntity; id: string; reason: RejectReason } | null;
}
/** The team's settings as last pulled, copied into extension storage after each pull. */
export interface TeamSettingsRow {
  key: 'teamSettings';
  record: TeamSettings;
}
/** Set on joining: what this browser holds has yet to be offered to the team. */
export interface SnapshotPendingRow {
  key: 'snapshotPending';
}
export type SyncStateRow = SessionRow | CursorRow | ClientRow | StatusRow | TeamSettingsRow | SnapshotPendingRow;

export const SYNCED_TABLES = ['customers', 'identities', 'interactions', 'notes', 'tags', 'templates', 'feedback'] as const;

export const TABLE_OF = {
  customer: 'customers',
  identity: 'identities',
  note: 'notes',
  tag: 'tags',
  interaction: 'interactions',
  template: 'templates',
  feedback: 'feedback',
} as const satisfies Record<Exclude<SyncEntity, 'settings'>, (typeof SYNCED_TABLES)[number]>;

/** A mutation id the wire accepts (`[A-Za-z0-9_-]{8,64}`). */
export function newMutationId(): string {
  return crypto.randomUUID();
}

/** The tables a write transaction must include for `enqueue` to work inside it. */
export function outboxTables(db: KotaeDB): Table[] {
  return [db.outbox, db.syncState];
}

/** Whether this record is one the team shares: everything but a personal template. */
export function recordSyncs(entity: SyncEntity, record: unknown): boolean {
  if (entity === 'template') return (record as Template).scope === 'team';
  return true;
}

/** This browser's team session, if it is joined to one. */
export async function readSession(db: KotaeDB): Promise<SessionRow | null> {
  return ((await db.syncState.get('session')) as SessionRow | undefined) ?? null;
}

/** Whether this browser is joined to a team. Inside a transaction that includes syncState. */
export async function isJoined(db: KotaeDB): Promise<boolean> {
  return (await db.syncState.get('session')) !== undefined;
}

/**
 * Queues the current state of records (read back by id) as puts. Call inside the
 * transaction that changed them, with `outboxTables(db)` in its scope.
 */
export async function enqueue(db: KotaeDB, entity: Exclude<SyncEntity, 'settings'>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0 || !(await isJoined(db))) return;
  const table = db.table(TABLE_OF[entity]);
  const rows: unknown[] = await table.bulkGet([...new Set(ids)]);
  const entries: OutboxEntry[] = [];
  for (const [index, row] of rows.entries()) {
    if (row === undefined || !recordSyncs(entity, row)) continue;
    entries.push({ mutationId: newMutationId(), entity, id: ids[index]!, op: 'put', data: row });
  }
  if (entries.length > 0) await db.outbox.bulkAdd(entries);
}

/** Queues a record as given (a tombstone of a row no longer stored locally, or team settings). */
export async function enqueueRecord(db: KotaeDB, entity: SyncEntity, id: string, data: unknown): Promise<void> {
  if (!recordSyncs(entity, data) || !(await isJoined(db))) return;
  await db.outbox.add({ mutationId: newMutationId(), entity, id, op: 'put', data });
}

/**
 * Queues every synced record this browser holds, in an order the server can apply
 * (customers before the identities, notes, tags and interactions that point at them).
 * Call inside the join transaction, after the session row is written.
 */
export async function enqueueSnapshot(
  db: KotaeDB,
  /** Whether the team still needs this record (all of them when absent). */
  wanted: (entity: SyncEntity, row: { id: string }) => boolean = () => true,
): Promise<number> {
  const entries: OutboxEntry[] = [];
  const order: Exclude<SyncEntity, 'settings'>[] = ['customer', 'identity', 'note', 'tag', 'interaction', 'template', 'feedback'];
  for (const entity of order) {
    const rows = (await db.table(TABLE_OF[entity]).toArray()) as { id: string }[];
    for (const row of rows) {
      if (recordSyncs(entity, row) && wanted(entity, row)) entries.push({ mutationId: newMutationId(), entity, id: row.id, op: 'put', data: row });
    }
  }
  await db.outbox.bulkAdd(entries);
  return entries.length;
}
