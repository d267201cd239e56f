/**
 * The team server's tables: one schema for PGlite and PostgreSQL. Secrets (invite
 * codes, tokens) are stored only as SHA-256 hashes.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const teams = pgTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** The last sequence number given to a change of this team. */
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  createdAt: at('created_at').notNull(),
});

export const members = pgTable(
  'members',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    name: text('name').notNull(),
    role: text('role', { enum: ['agent', 'supervisor', 'admin'] }).notNull(),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('members_team_idx').on(t.teamId)],
);

export const invites = pgTable(
  'invites',
  {
    codeHash: text('code_hash').primaryKey(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    role: text('role', { enum: ['agent', 'supervisor', 'admin'] }).notNull(),
    expiresAt: at('expires_at').notNull(),
    createdAt: at('created_at').notNull(),
    createdBy: text('created_by'),
    usedAt: at('used_at'),
    usedBy: text('used_by'),
  },
  (t) => [index('invites_team_idx').on(t.teamId)],
);

export const tokens = pgTable(
  'tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    createdAt: at('created_at').notNull(),
    revokedAt: at('revoked_at'),
  },
  (t) => [index('tokens_member_idx').on(t.memberId)],
);

/**
 * The current state of every record, keyed by team, kind and the client-made id.
 * `seq` is the change that last wrote it: pull reads this table in `seq` order, so
 * each record arrives once, in its latest state.
 */
export const records = pgTable(
  'records',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    entity: text('entity').notNull(),
    id: text('id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    op: text('op', { enum: ['put', 'delete'] }).notNull(),
    data: jsonb('data'),
    /** Notes: who created it (never changes) and whether only they and supervisors see it. */
    ownerId: text('owner_id'),
    private: boolean('private').notNull().default(false),
    authorId: text('author_id').notNull(),
    authorName: text('author_name').notNull(),
    at: at('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.entity, t.id] }),
    // Notes, templates and feedback have random client-made ids: such an id belongs to one team only.
    // Other kinds are named after things in the world (`x:alice`, a post, `team`), which
    // every team may have a record of.
    uniqueIndex('records_owned_id_uq')
      .on(t.entity, t.id)
      .where(sql`entity in ('note', 'template', 'feedback')`),
    index('records_team_seq_idx').on(t.teamId, t.seq),
  ],
);

/** Every applied mutation, in order; `(team, client, mutation)` makes each apply once. */
export const changes = pgTable(
  'changes',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    clientId: text('client_id').notNull(),
    mutationId: text('mutation_id').notNull(),
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    op: text('op', { enum: ['put', 'delete'] }).notNull(),
    data: jsonb('data'),
    authorId: text('author_id').notNull(),
    authorName: text('author_name').notNull(),
    at: at('at').notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.seq] }), uniqueIndex('changes_mutation_uq').on(t.teamId, t.clientId, t.mutationId)],
);
