/**
 * Opens the server's database and brings its tables up to date: PostgreSQL when a
 * URL is given, otherwise an embedded PGlite folder (or memory).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT, type PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** An arbitrary constant: instances starting together on one PostgreSQL migrate one at a time. */
const MIGRATION_LOCK = 4_820_117;

export interface OpenDatabase {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** PostgreSQL only: where LISTEN/NOTIFY connections come from. */
  databaseUrl?: string;
  close(): Promise<void>;
}

/** Rows of one statement run on its own (not in a transaction). */
export type RunStatement = <T>(name: string, query: SQL) => Promise<T[]>;

const runners = new WeakMap<Db, RunStatement>();
const dialect = new PgDialect();

/**
 * Runs a statement on its own. On PostgreSQL it is prepared once per connection under
 * `name` (one name, one text: the statement's shape must not vary), so the hot statements
 * are not parsed and planned again on every request.
 */
export function runStatement<T>(db: Db, name: string, query: SQL): Promise<T[]> {
  const run = runners.get(db);
  if (run) return run<T>(name, query);
  return db.execute(query).then((result) => (result as unknown as { rows: T[] }).rows);
}

export async function openDatabase(options: { databaseUrl?: string; dataDir?: string }): Promise<OpenDatabase> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection dropped by the server must not take the process down.
    pool.on('error', (error) => console.error('PostgreSQL pool error:', error.message));
    const db = drizzlePg({ client: pool, schema });
    const lock = await pool.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migratePg(drizzlePg({ client: lock, schema }), { migrationsFolder });
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      lock.release();
    }
    runners.set(db as unknown as Db, async <T>(name: string, query: SQL) => {
      const { sql: text, params } = dialect.sqlToQuery(query);
      return (await pool.query({ name, text, values: params })).rows as T[];
    });
    return { db: db as unknown as Db, kind: 'postgres', databaseUrl: options.databaseUrl, close: () => pool.end() };
  }
  // PGlite fails with a confusing CREATE SCHEMA error when the folder's parent is missing.
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = new PGlite(options.dataDir);
  const db = drizzlePglite({ client, schema });
  await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as Db, kind: 'pglite', close: () => client.close() };
}
