import Dexie, { type EntityTable, type Table } from 'dexie';
import type { ChangeLogEntry, Customer, Feedback, Identity, Interaction, Note, Tag, Template } from '@/utils/model';
import { defaultTemplateRecords } from '@/utils/templates/defaults';
import type { OutboxEntry, SyncStateRow } from '@/utils/sync/outbox';

export const DB_NAME = 'kotae';

/**
 * The extension's database. It lives in the extension origin and is opened by
 * the background worker and extension pages only: a content script's IndexedDB
 * would belong to the site.
 *
 * Each `version()` stays in the code forever; a new version adds a new call
 * (with an upgrade function when rows change) and a fixture in tests/fixtures/db/.
 */
export class KotaeDB extends Dexie {
  customers!: EntityTable<Customer, 'id'>;
  identities!: EntityTable<Identity, 'id'>;
  interactions!: EntityTable<Interaction, 'id'>;
  notes!: EntityTable<Note, 'id'>;
  tags!: EntityTable<Tag, 'id'>;
  templates!: EntityTable<Template, 'id'>;
  /** Local changes waiting for the team server's answer, oldest first (see utils/sync/outbox.ts). */
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  /** The sync session, cursor and status; the server token lives only here. */
  syncState!: Table<SyncStateRow, SyncStateRow['key']>;
  /** Customers' posts recorded as feedback for the product team (withdrawn ones kept as tombstones). */
  feedback!: EntityTable<Feedback, 'id'>;
  /** Each customer's audit trail: who changed what and when, local and pulled. */
  changeLog!: EntityTable<ChangeLogEntry, 'id'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      customers: 'id, status, updatedAt',
      identities: 'id, customerId',
      interactions: 'id, customerId, identityId, postKey, [customerId+kind]',
      notes: 'id, customerId, updatedAt',
      tags: 'id, customerId',
    });
    // Version 2: reply templates, starting with the default set.
    this.version(2)
      .stores({ templates: 'id, category, code, updatedAt' })
      .upgrade((tx) => tx.table('templates').bulkAdd(defaultTemplateRecords(new Date())));
    // Version 3: team sync. The outbox is ordered by an auto-increment `seq`; both
    // tables start empty, so existing rows need no upgrade.
    this.version(3).stores({ outbox: '++seq, [entity+id]', syncState: 'key' });
    // Version 4: the voice-of-the-customer log (indexed for its filters) and each
    // customer's change log. Both start empty; existing rows need no upgrade.
    this.version(4).stores({
      feedback: 'id, customerId, recordedAt, kind, area, postKey',
      changeLog: 'id, customerId, [customerId+at]',
    });
    this.on('populate', (tx) => {
      void tx.table('templates').bulkAdd(defaultTemplateRecords(new Date()));
    });
  }
}
