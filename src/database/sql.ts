import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import sqlTag, { empty, join, raw, Sql } from 'sql-template-tag';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { replicaReadsAllowed } from './read-routing';

/**
 * SQL is written with the `sql` tagged template (sql-template-tag): values become parameters,
 * fragments nest, and `ident()` is the only way to splice a name. No module passes SQL as a
 * string to another; the rules in src/rules/ hand out fragments.
 */
// Arrays are plain values here (uuid[] parameters); the library's types only widen that.
export const sql = sqlTag as (strings: readonly string[], ...values: unknown[]) => Sql;
export { empty, join, raw, Sql };
// raw(): only for constant text written in this codebase (never input); names go through ident().

/** A vetted identifier (a table alias or a column such as `m.date`), never a value. */
export function ident(name: string): Sql {
  if (!/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/.test(name)) throw new Error(`Not an identifier: ${name}`);
  return raw(name);
}

/**
 * `= ANY($n::uuid[])`, or `= $n::uuid` for a single id. PostgreSQL reuses a prepared statement's
 * generic plan only when it looks no dearer than planning afresh; an array parameter of unknown
 * length is costed as ten elements, so against one id the generic plan always loses and every
 * execution is planned again. The one-id form (what a request for one board sends) keeps its
 * generic plan.
 */
export function eqAny(ids: readonly string[]): Sql {
  return ids.length === 1 ? sql`= ${ids[0]}::uuid` : sql`= ANY(${ids}::uuid[])`;
}

/** Either the pool (reads) or the transaction of a mutation: rules run the same on both. */
export type Queryable = DataSource | EntityManager;

const names = new Map<string, string>();
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `hub_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

let namedStatements = true;
/** Off behind PgBouncer in transaction mode, where a named statement may land on another server connection. */
export function useNamedStatements(on: boolean): void {
  namedStatements = on;
}

/**
 * Runs a statement. Inside a transaction it goes through the transaction's connection. On the pool
 * it is a named prepared statement: the aggregate queries (attendance, quorum, compliance,
 * roll-ups) cost PostgreSQL more to plan than to run on a board's data, and prepared, each
 * connection plans them once. Logged like every other statement; errors are TypeORM's
 * QueryFailedError, so the one error mapper sees them.
 */
export async function query<T = any>(db: Queryable, q: { readonly text: string; readonly values: unknown[] }): Promise<T[]> {
  const em = db instanceof DataSource ? db.manager : db;
  if (em.queryRunner) return em.query(q.text, q.values);
  const ds = em.connection;
  // A query operation's reads may go to a standby when replicas are configured (read-routing.ts).
  const runner = ds.createQueryRunner(ds.driver.isReplicated && replicaReadsAllowed() ? 'slave' : 'master');
  try {
    // Structured: the rows of an UPDATE ... RETURNING too, as on the named path.
    if (!namedStatements) return (await runner.query(q.text, q.values, true)).records as T[];
    const client = (await runner.connect()) as PoolClient;
    ds.logger.logQuery(q.text, q.values, runner);
    try {
      const result = await client.query({ name: nameOf(q.text), text: q.text, values: q.values });
      return result.rows as T[];
    } catch (e) {
      throw new QueryFailedError(q.text, q.values, e as Error);
    }
  } finally {
    await runner.release();
  }
}

let parameterSeq = 0;
/** A fragment as a TypeORM query-builder condition (`:name` parameters), so builders use the same rules. */
export function asWhere(fragment: Sql): [string, Record<string, unknown>] {
  const params: Record<string, unknown> = {};
  const text = fragment.strings.reduce((out, part, i) => {
    const name = `p${(parameterSeq = (parameterSeq + 1) % 1_000_000)}`;
    params[name] = fragment.values[i - 1];
    return `${out}:${name}${part}`;
  });
  return [text, params];
}
