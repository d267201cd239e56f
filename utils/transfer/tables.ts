/**
 * Every record table a backup carries, in the order an import writes them (customers
 * before what points at them, as the team server applies them). A later record type
 * is one more line here: its Dexie table, its schema in utils/model.ts, its sync entity
 * (null for a table that stays on this browser).
 */
import type * as z from 'zod/mini';
import {
  changeLogEntrySchema,
  customerSchema,
  feedbackSchema,
  identitySchema,
  interactionSchema,
  NOTE_REVISIONS_MAX,
  noteSchema,
  tagSchema,
  templateSchema,
  type Note,
} from '@/utils/model';
import type { enqueue } from '@/utils/sync/outbox';

export type RecordEntity = Parameters<typeof enqueue>[1];
/** A stored record: every table is keyed by a string `id`. */
export type TransferRow = { id: string } & Record<string, unknown>;

export interface TransferTable<Name extends string = string> {
  /** The Dexie table, and the key under `records` in the file. */
  name: Name;
  /** What the outbox calls one of its records; null when the table does not go to the team. */
  entity: RecordEntity | null;
  schema: z.ZodMiniObject;
  /** When this record last changed: the later one wins when both sides hold an id. */
  changedAt(row: TransferRow): string;
  /** The record to keep when both sides hold `existing.id`; null when nothing changes. */
  merge(existing: TransferRow, incoming: TransferRow): TransferRow | null;
}

const updatedAt = (row: TransferRow) => String(row.updatedAt);

/** Compared as instants: stamps may carry different offsets (`Z`, `+09:00`). */
export function isLater(a: string, b: string): boolean {
  return Date.parse(a) > Date.parse(b);
}


/**
 * Notes: the later one wins too, but the body it replaces is kept in `revisions`
 * (unless already there), so neither side's text is lost.
 */
export function mergeNotes(existing: Note, incoming: Note): Note | null {
  const incomingWins = isLater(incoming.updatedAt, existing.updatedAt);
  const [winner, loser] = incomingWins ? [incoming, existing] : [existing, incoming];
  const revisions = winner.revisions ?? [];
  const keepLoser = loser.body !== winner.body && !revisions.some((r) => r.body === loser.body);
  if (!keepLoser) return incomingWins ? incoming : null;
  const kept = [...revisions, { body: loser.body, authorName: loser.authorName, replacedAt: winner.updatedAt }]
    .sort((a, b) => Date.parse(a.replacedAt) - Date.parse(b.replacedAt))
    .slice(-NOTE_REVISIONS_MAX);
  return { ...winner, revisions: kept };
}

/** For records with no updatedAt: the later of when they were added and when removed. */
const addedOrRemovedAt =
  (added: string) =>
  (row: TransferRow): string => {
    const removed = row.deletedAt;
    return typeof removed === 'string' && isLater(removed, String(row[added])) ? removed : String(row[added]);
  };

function table<Name extends string>(
  name: Name,
  entity: RecordEntity | null,
  schema: z.ZodMiniObject,
  options: Partial<Pick<TransferTable, 'changedAt' | 'merge'>> = {},
): TransferTable<Name> {
  const changedAt = options.changedAt ?? updatedAt;
  // The later record wins; on a tie the one already here stays (a second import changes nothing).
  const laterWins = (existing: TransferRow, incoming: TransferRow) => (isLater(changedAt(incoming), changedAt(existing)) ? incoming : null);
  return { name, entity, schema, changedAt, merge: options.merge ?? laterWins };
}

export const TRANSFER_TABLES = [
  table('customers', 'customer', customerSchema),
  table('identities', 'identity', identitySchema),
  table('notes', 'note', noteSchema, { merge: (a, b) => mergeNotes(a as unknown as Note, b as unknown as Note) as TransferRow | null }),
  // Tags have no updatedAt: adding one (again) sets createdAt, removing it sets deletedAt.
  table('tags', 'tag', tagSchema, { changedAt: addedOrRemovedAt('createdAt') }),
  // Interactions are written once, when they happen.
  table('interactions', 'interaction', interactionSchema, { changedAt: (row) => String(row.recordedAt) }),
  table('templates', 'template', templateSchema),
  // Feedback is recorded once and only ever withdrawn.
  table('feedback', 'feedback', feedbackSchema, { changedAt: addedOrRemovedAt('recordedAt') }),
  // Each browser's own audit trail: restored when moving, never sent to the team.
  table('changeLog', null, changeLogEntrySchema, { changedAt: (row) => String(row.at) }),
] as const;

export type TableName = (typeof TRANSFER_TABLES)[number]['name'];
export const TABLE_NAMES: readonly TableName[] = TRANSFER_TABLES.map((t) => t.name);

export type RecordSet = Record<TableName, TransferRow[]>;

export function emptyRecordSet(): RecordSet {
  return Object.fromEntries(TABLE_NAMES.map((name) => [name, []])) as unknown as RecordSet;
}
