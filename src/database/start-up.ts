import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import type { Logger } from 'typeorm';

/** The advisory lock every hub process takes around its start-up work (migrations, admin, demo seed). */
export const START_UP_LOCK_KEY = '7363312031';

/**
 * Runs `work` while holding a PostgreSQL advisory lock, so replicas started together on one database
 * migrate, set up the admin and seed one after another: the second finds the work done. The lock is
 * transaction-scoped on a connection of its own (a transaction keeps its server connection behind
 * PgBouncer in transaction mode, where a session lock would not), without a statement timeout, and
 * goes with the connection if the process dies.
 */
export async function withStartUpLock<T>(url: string, work: () => Promise<T>, onWait?: () => void): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ got: boolean }>(`SELECT pg_try_advisory_xact_lock(${START_UP_LOCK_KEY}) AS got`);
    if (!rows[0].got) {
      onWait?.();
      await client.query(`SELECT pg_advisory_xact_lock(${START_UP_LOCK_KEY})`);
    }
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Applies pending migrations on a DataSource of their own: no statement timeout (a migration may
 * rewrite a large table) and no prepared statements. Call it under withStartUpLock.
 */
export async function runMigrations(url: string, logger?: Logger): Promise<string[]> {
  const ds: DataSource = createDataSource({ url, logger, poolSize: 2 });
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
