/**
 * Each customer's audit trail: who changed what and when. Local changes write their
 * entry in the same transaction as the change (include `db.changeLog` in its scope);
 * pulled changes get theirs from what the change did to the stored record, with the
 * author and the server's time carried by the change.
 *
 * A summary is short and language-neutral (a tag's label, `open>waiting`, an identity
 * key, a kind); the panel words it. It never holds a private note's body.
 */
import {
  CHANGE_SUMMARY_MAX_CHARS,
  changeLogEntrySchema,
  type ChangeAction,
  type ChangeEntity,
  type ChangeLogEntry,
  type Customer,
  type Feedback,
  type Identity,
  type Interaction,
  type Note,
  type Tag,
} from '@/utils/model';
import type { KotaeDB } from './kotae-db';

/** What changed, before saying who did it and when. */
export interface ChangeFact {
  customerId: string;
  entity: ChangeEntity;
  recordId: string;
  action: ChangeAction;
  summary: string;
}

/** Who made a change, and when (a local actor, or a pulled change's author and server time). */
export interface ChangeAuthor {
  actorId: string;
  actorName: string;
  at: string;
}

/** The most of a non-private note's body an entry repeats. */
const NOTE_EXCERPT_CHARS = 40;

function shorten(text: string, max = CHANGE_SUMMARY_MAX_CHARS): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** What an entry may say about a note: an excerpt of a shared note, nothing of a private one. */
export function noteSummary(note: Pick<Note, 'body' | 'private'>): string {
  return note.private ? '' : shorten(note.body, NOTE_EXCERPT_CHARS);
}

export const statusSummary = (from: Customer['status'], to: Customer['status']) => `${from}>${to}`;
export const feedbackSummary = (feedback: Pick<Feedback, 'kind' | 'area'>) => shorten(`${feedback.kind}:${feedback.area}`);

let made = 0;
/**
 * A local entry's id. Entries of one change share its time; the log orders those by
 * id, so ids made later sort later (the random part keeps them unique across restarts).
 */
function localId(at: string): string {
  made = (made + 1) % 1e9;
  return `local:${at}:${String(made).padStart(9, '0')}:${crypto.randomUUID()}`;
}

/** Writes entries for local changes. Call inside the change's transaction, with `db.changeLog` in scope. */
export async function logChanges(db: KotaeDB, author: ChangeAuthor, facts: readonly ChangeFact[]): Promise<void> {
  if (facts.length === 0) return;
  await db.changeLog.bulkAdd(facts.map((fact) => ({ id: localId(author.at), ...author, ...fact, summary: shorten(fact.summary) })));
}

/** A local actor as a change's author. */
export function authorOf(actor: { agentId: string; agentName: string; now: Date }): ChangeAuthor {
  return { actorId: actor.agentId, actorName: actor.agentName, at: actor.now.toISOString() };
}

type Row = Record<string, unknown> | undefined;

/**
 * What a pulled record did to the stored one, as change-log facts: nothing when it
 * is the same in substance (the echo of this browser's own change, a re-pull, a
 * note moved by a merge, a customer's `updatedAt`). `mergedInto` is where the
 * record's former customer now points, when it was merged.
 */
export function describePulled(
  entity: ChangeEntity | 'template' | 'settings',
  before: Row,
  after: Row,
  context: { mergedInto?: string | null } = {},
): ChangeFact[] {
  if (!after) return [];
  switch (entity) {
    case 'customer': {
      const [old, now] = [before as Customer | undefined, after as Customer];
      if (old && old.status !== now.status) {
        return [{ customerId: now.id, entity, recordId: now.id, action: 'status', summary: statusSummary(old.status, now.status) }];
      }
      return [];
    }
    case 'identity': {
      const [old, now] = [before as Identity | undefined, after as Identity];
      if (!old) return now.linkedByHand ? [{ customerId: now.customerId, entity, recordId: now.id, action: 'linked', summary: now.id }] : [];
      if (old.customerId === now.customerId) return [];
      // Moved by a merge: only the identities linked by hand are news for the customer.
      if (context.mergedInto === now.customerId) {
        return now.linkedByHand ? [{ customerId: now.customerId, entity, recordId: now.id, action: 'linked', summary: now.id }] : [];
      }
      // Linked by hand into another customer, or split off into a record of its own.
      return now.linkedByHand
        ? [{ customerId: now.customerId, entity, recordId: now.id, action: 'linked', summary: now.id }]
        : [{ customerId: old.customerId, entity, recordId: now.id, action: 'unlinked', summary: now.id }];
    }
    case 'note': {
      const [old, now] = [before as Note | undefined, after as Note];
      const fact = (action: ChangeAction): ChangeFact[] => [{ customerId: now.customerId, entity, recordId: now.id, action, summary: noteSummary(now) }];
      if (now.deletedAt !== null) return old && old.deletedAt === null ? fact('deleted') : [];
      if (!old || old.deletedAt !== null) return fact('added');
      return old.body !== now.body ? fact('edited') : [];
    }
    case 'tag': {
      const [old, now] = [before as Tag | undefined, after as Tag];
      const live = (tag: Tag | undefined) => tag !== undefined && tag.deletedAt === null;
      if (live(old) === live(now)) return [];
      return [{ customerId: now.customerId, entity, recordId: now.id, action: live(now) ? 'added' : 'deleted', summary: now.label }];
    }
    case 'interaction': {
      const now = after as Interaction;
      // Replies and marks; a reply by the team's own account is an observation, in the history already.
      if (before || now.kind === 'seen' || now.kind === 'teamReplied') return [];
      return [{ customerId: now.customerId, entity, recordId: now.id, action: 'added', summary: now.kind }];
    }
    case 'feedback': {
      const [old, now] = [before as Feedback | undefined, after as Feedback];
      if (now.deletedAt !== null) {
        return old && old.deletedAt === null
          ? [{ customerId: now.customerId, entity, recordId: now.id, action: 'withdrawn', summary: feedbackSummary(now) }]
          : [];
      }
      return old ? [] : [{ customerId: now.customerId, entity, recordId: now.id, action: 'recorded', summary: feedbackSummary(now) }];
    }
    default:
      return [];
  }
}

/**
 * Writes entries for one pulled change, named after its sequence number (padded, so
 * ids sort in the server's order) so applying the same change again (a pull from the
 * start) writes nothing twice.
 */
export async function logPulled(db: KotaeDB, seq: number, author: ChangeAuthor, facts: readonly ChangeFact[]): Promise<void> {
  if (facts.length === 0) return;
  const id = (index: number) => `pulled:${String(seq).padStart(15, '0')}:${index}`;
  await db.changeLog.bulkPut(facts.map((fact, index) => ({ id: id(index), ...author, ...fact, summary: shorten(fact.summary) })));
}

/** The latest `limit` entries of a customer, newest first, and whether there are more. */
export async function customerChanges(db: KotaeDB, customerId: string, limit: number): Promise<{ entries: ChangeLogEntry[]; hasMore: boolean }> {
  const rows = await db.changeLog
    .where('[customerId+at]')
    .between([customerId, ''], [customerId, '\uffff'])
    .reverse()
    .limit(limit + 1)
    .toArray();
  const entries = rows.slice(0, limit).filter((row) => changeLogEntrySchema.safeParse(row).success);
  return { entries, hasMore: rows.length > limit };
}
