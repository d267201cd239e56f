/**
 * The voice of the customer: posts recorded as praise, complaints, bugs and requests
 * for the product team. Recording never touches a post's response timer (it writes
 * no interaction). Nothing recorded is deleted: reading, filtering and exporting only
 * read, and withdrawing keeps the record as a tombstone (`deletedAt`).
 */
import { interactionId, type Feedback, type FeedbackKind, type Platform } from '@/utils/model';
import { KotaeError } from '@/utils/errors';
import type { MessageKey } from '@/utils/i18n';
import { toCsv } from '@/utils/transfer/csv';
import { enqueue, outboxTables } from '@/utils/sync/outbox';
import type { KotaeDB } from './kotae-db';
import { customerOf, mayChangeNote, newId, type Actor } from './customers';
import { authorOf, feedbackSummary, logChanges } from './change-log';

/** Records the post `postKey` (one Kotae has seen) as feedback. */
export async function recordFeedback(
  db: KotaeDB,
  input: { postKey: string; kind: FeedbackKind; area: string; comment: string },
  actor: Actor,
): Promise<Feedback> {
  return db.transaction('rw', [db.customers, db.identities, db.interactions, db.feedback, db.changeLog, ...outboxTables(db)], async () => {
    const seen = await db.interactions.get(interactionId('seen', input.postKey));
    if (!seen) throw new KotaeError('notFound', 'Kotae has not seen that post');
    const customer = await customerOf(db, seen.identityId);
    const feedback: Feedback = {
      id: newId(),
      customerId: customer.id,
      identityId: seen.identityId,
      postKey: input.postKey,
      postUrl: seen.postUrl,
      postText: seen.postText,
      postedAt: seen.postedAt,
      kind: input.kind,
      area: input.area,
      comment: input.comment,
      recordedAt: actor.now.toISOString(),
      recordedBy: actor.agentId,
      recordedByName: actor.agentName,
      deletedAt: null,
    };
    await db.feedback.add(feedback);
    await enqueue(db, 'feedback', [feedback.id]);
    await logChanges(db, authorOf(actor), [
      { customerId: customer.id, entity: 'feedback', recordId: feedback.id, action: 'recorded', summary: feedbackSummary(feedback) },
    ]);
    return feedback;
  });
}

/**
 * Withdraws a record on purpose: it stays as a tombstone, so the withdrawal reaches
 * the team and the record is never silently lost. Its recorder, a supervisor or an
 * admin may withdraw it (a browser alone: anyone). Answers the customer's id.
 */
export async function withdrawFeedback(db: KotaeDB, feedbackId: string, actor: Actor): Promise<string> {
  return db.transaction('rw', [db.feedback, db.changeLog, ...outboxTables(db)], async () => {
    const feedback = await db.feedback.get(feedbackId);
    if (!feedback || feedback.deletedAt !== null) throw new KotaeError('notFound', 'That feedback is not recorded');
    if (!mayChangeNote({ authorId: feedback.recordedBy }, actor)) {
      throw new KotaeError('forbidden', 'Only whoever recorded it, a supervisor or an admin can withdraw this feedback');
    }
    await db.feedback.update(feedbackId, { deletedAt: actor.now.toISOString() });
    await enqueue(db, 'feedback', [feedbackId]);
    await logChanges(db, authorOf(actor), [
      { customerId: feedback.customerId, entity: 'feedback', recordId: feedbackId, action: 'withdrawn', summary: feedbackSummary(feedback) },
    ]);
    return feedback.customerId;
  });
}

/** What the log shows. Every field narrows; none changes anything stored. */
export interface FeedbackFilter {
  kind?: FeedbackKind | null;
  /** Exact area, ignoring case. */
  area?: string | null;
  /** Recorded on or after this day / on or before this day (`YYYY-MM-DD`, local time). */
  from?: string | null;
  to?: string | null;
  platform?: Platform | null;
  /** Words found in the post, the comment, the area or the customer's handle. */
  text?: string | null;
}

const dayStart = (day: string) => new Date(`${day}T00:00:00`);

/** Whether one record passes the filter. Pure: the log and its export use the same rule. */
export function matchesFeedback(record: Feedback, filter: FeedbackFilter): boolean {
  if (record.deletedAt !== null) return false;
  if (filter.kind && record.kind !== filter.kind) return false;
  if (filter.area && record.area.toLowerCase() !== filter.area.trim().toLowerCase()) return false;
  if (filter.platform && !record.postKey.startsWith(`${filter.platform}:`)) return false;
  const at = new Date(record.recordedAt).getTime();
  if (filter.from && at < dayStart(filter.from).getTime()) return false;
  if (filter.to) {
    const end = dayStart(filter.to);
    end.setDate(end.getDate() + 1);
    if (at >= end.getTime()) return false;
  }
  const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length > 0) {
    const haystack = `${record.postText}\n${record.comment}\n${record.area}\n${record.identityId}\n${record.recordedByName}`.toLowerCase();
    if (!words.every((word) => haystack.includes(word))) return false;
  }
  return true;
}

/** Every recorded (not withdrawn) feedback, newest first. Read-only. */
export async function listFeedback(db: KotaeDB, filter: FeedbackFilter = {}): Promise<Feedback[]> {
  const rows = filter.kind
    ? await db.feedback.where('kind').equals(filter.kind).toArray()
    : await db.feedback.orderBy('recordedAt').toArray();
  return rows.filter((row) => matchesFeedback(row, filter)).sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
}

/** Product areas used before, most used first, each in its latest spelling: suggestions for the area field. */
export async function feedbackAreas(db: KotaeDB): Promise<string[]> {
  const counts = new Map<string, { label: string; count: number }>();
  await db.feedback.orderBy('recordedAt').each((row) => {
    if (row.deletedAt !== null) return;
    const key = row.area.toLowerCase();
    counts.set(key, { label: row.area, count: (counts.get(key)?.count ?? 0) + 1 });
  });
  return [...counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)).map((a) => a.label);
}

/** The recorded (not withdrawn) feedback on one post, newest first. */
export async function postFeedback(db: KotaeDB, postKey: string): Promise<Feedback[]> {
  const rows = await db.feedback.where('postKey').equals(postKey).toArray();
  return rows.filter((row) => row.deletedAt === null).sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
}

/** The columns of the product team's CSV, in order. */
const CSV_COLUMNS = ['recordedAt', 'kind', 'area', 'comment', 'platform', 'customer', 'postedAt', 'postText', 'postUrl', 'recordedBy'] as const;

/**
 * The given records as CSV for the product team (UTF-8 with BOM, RFC 4180, cells that
 * look like formulas defused), headed and worded in the reader's language. Read-only.
 */
export function feedbackCsv(records: readonly Feedback[], t: (key: MessageKey) => string): string {
  return toCsv(
    CSV_COLUMNS.map((column) => t(`feedbackCsv.${column}`)),
    records.map((r) => [
      r.recordedAt,
      t(`feedbackKind.${r.kind}`),
      r.area,
      r.comment,
      r.postKey.slice(0, r.postKey.indexOf(':')),
      r.identityId,
      r.postedAt,
      r.postText,
      r.postUrl,
      r.recordedByName,
    ]),
  );
}
