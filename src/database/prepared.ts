import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';

const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `hub_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * A read through a named prepared statement. The aggregate queries (attendance, quorum,
 * compliance, roll-ups) cost PostgreSQL more to plan than to run on a board's data: prepared,
 * each connection plans them once. Outside transactions only (it takes a pooled connection).
 * Logged through the DataSource's logger like every other statement, so counts stay true.
 */
export async function preparedQuery<T = any>(ds: DataSource, text: string, values: unknown[]): Promise<T[]> {
  ds.logger.logQuery(text, values);
  const pool = (ds.driver as unknown as { master: Pool }).master;
  const result = await pool.query({ name: nameOf(text), text, values });
  return result.rows as T[];
}
