/**
 * Applying pulled changes to Dexie.
 *
 * One page of changes and the cursor after it are written in ONE transaction: a
 * worker stopped at any point either stored the page and its cursor, or neither,
 * so the next pull asks above the stored cursor and nothing is lost or applied
 * twice. Applying writes straight to the tables, never through the functions that
 * queue outbox entries: remote changes are not sent back. What a change did to a
 * customer's records goes into the change log in the same transaction, with the
 * change's author and the server's time.
 *
 * Convergence rule: the server's order is the truth. A pulled change is applied as
 * it is, even when a local change of the same record is still in the outbox; that
 * local change is pushed after (the engine pushes before it pulls), gets a later
 * sequence number, and so wins on the server; once acknowledged, the next pull
 * brings the server's final state of the record (its echo) to this browser. So
 * every browser ends on the state of the record's highest sequence number. A
 * local change the server refuses never gets a sequence number, so the engine
 * then pulls from the start again to bring back the team's state of it.
 *
 * Pulled changes are deliberately NOT skipped for records with a pending outbox
 * entry: that entry may already be applied on the server (its answer lost), and a
 * colleague's later change skipped now would never be pulled again once the
 * cursor has moved past it.
 */
import type { KotaeDB } from '@/utils/db/kotae-db';
import { describePulled, logPulled } from '@/utils/db/change-log';
import { SYNCED_TABLES, TABLE_OF, type TeamSettingsRow } from './outbox';
import { parseRecord, type Change, type TeamSettings } from './wire';

export interface AppliedPage {
  /** Customers whose records changed: their badges need refreshing. */
  customerIds: string[];
  /** Set when the page carried the team's settings. */
  settings: TeamSettings | null;
  applied: number;
  skipped: number;
}

/** Applies one pulled page and moves the cursor to `cursor`, atomically. */
export async function applyPage(db: KotaeDB, changes: readonly Change[], cursor: number): Promise<AppliedPage> {
  const tables = [...SYNCED_TABLES.map((name) => db.table(name)), db.changeLog, db.syncState];
  return db.transaction('rw', tables, async () => {
    const stored = await db.syncState.get('cursor');
    const from = stored?.key === 'cursor' ? stored.value : 0;
    const result: AppliedPage = { customerIds: [], settings: null, applied: 0, skipped: 0 };
    // Signed out while this page was on its way: it belongs to a session that is gone.
    if (!(await db.syncState.get('session'))) return result;
    // A page at or below the stored cursor was applied already (an answer that raced a restart).
    if (cursor <= from) return result;
    const customers = new Set<string>();
    for (const change of changes) {
      if (change.seq <= from) continue;
      if (change.entity === 'settings') {
        const parsed = change.op === 'put' ? parseRecord('settings', change.id, change.data) : null;
        if (parsed?.ok) {
          result.settings = parsed.record;
          await db.syncState.put({ key: 'teamSettings', record: parsed.record } satisfies TeamSettingsRow);
          result.applied += 1;
        } else result.skipped += 1;
        continue;
      }
      const table = db.table(TABLE_OF[change.entity]);
      if (change.op === 'delete') {
        const old = (await table.get(change.id)) as { customerId?: string } | undefined;
        await table.delete(change.id);
        if (old) customers.add(change.entity === 'customer' ? change.id : (old.customerId ?? ''));
        result.applied += 1;
        continue;
      }
      const parsed = parseRecord(change.entity, change.id, change.data);
      if (!parsed.ok) {
        // A record this version cannot read (a newer client's): skip it rather than stop syncing.
        console.warn(`[kotae] skipped an unreadable pulled ${change.entity}`, change.id);
        result.skipped += 1;
        continue;
      }
      const before = (await table.get(change.id)) as Record<string, unknown> | undefined;
      await table.put(parsed.record);
      const record = parsed.record as { id: string; customerId?: string; mergedInto?: string | null };
      const author = { actorId: change.authorId, actorName: change.authorName, at: change.at };
      const formerCustomer = change.entity === 'identity' && typeof before?.customerId === 'string' ? await db.customers.get(before.customerId) : undefined;
      const facts = describePulled(change.entity, before, parsed.record as Record<string, unknown>, { mergedInto: formerCustomer?.mergedInto });
      await logPulled(db, change.seq, author, facts);
      if (change.entity === 'customer') {
        customers.add(record.id);
        if (record.mergedInto) {
          customers.add(record.mergedInto);
          // A colleague merged this record into another: its trail goes with it, as locally.
          if (!before?.mergedInto) await db.changeLog.where('customerId').equals(record.id).modify({ customerId: record.mergedInto });
        }
      } else if (record.customerId) customers.add(record.customerId);
      result.applied += 1;
    }
    await db.syncState.put({ key: 'cursor', value: cursor });
    customers.delete('');
    result.customerIds = [...customers];
    return result;
  });
}
