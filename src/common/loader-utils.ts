import DataLoader from 'dataloader';
import { EntityTarget, ObjectLiteral, DataSource } from 'typeorm';
import { hydrate, JsonRow, rowJson } from '../database/hydrate';
import { empty, eqAny, ident, query, sql, Sql } from '../database/sql';

/** Results in key order, null where a key has no row: DataLoader's contract. */
export function inKeyOrder<T>(keys: readonly string[], rows: T[], key: (row: T) => string): (T | null)[] {
  const map = new Map(rows.map((r) => [key(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

export function groupedInKeyOrder<T>(keys: readonly string[], rows: T[], key: (row: T) => string | null): T[][] {
  const map = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) {
    const k = key(row);
    if (k !== null) map.get(k)?.push(row);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/**
 * An entity's rows matching a condition (on `alias`), in an order, as a repository find gives them
 * (hydrate(); test/rows-by-id.test.ts and test/lookahead.test.ts compare the two), read with one
 * named prepared statement: a repository find builds its SQL anew on every call, sends it
 * unprepared (PostgreSQL plans it every time) and maps the rows through TypeORM's general
 * transformer (issue 17: plain rows for the hot loader reads).
 */
export async function entityRows<T extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<T>, alias: string, where: Sql, orderBy?: Sql): Promise<T[]> {
  const table = ident(ds.getMetadata(entity).tableName);
  const order = orderBy ? sql` ORDER BY ${orderBy}` : empty;
  const rows = await query<{ j: JsonRow }>(ds, sql`SELECT ${rowJson(ds, entity, alias)} AS j FROM ${table} ${ident(alias)} WHERE ${where}${order}`);
  return rows.map((r) => hydrate(ds, entity, r.j));
}

export function byIdLoader<T extends ObjectLiteral & { id: string }>(ds: DataSource, entity: EntityTarget<T>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => inKeyOrder(ids, await entityRows(ds, entity, 't', sql`t.id ${eqAny(ids)}`), (r) => r.id));
}

/** Loaders whose key carries arguments (a period, a page): keys are grouped by their arguments, one query per group. */
export function argsLoader<A, R>(
  batch: (ids: string[], args: A) => Promise<Map<string, R>>,
  empty: () => R,
): DataLoader<{ id: string; args: A }, R, string> {
  return new DataLoader(
    async (keys) => {
      const groups = new Map<string, { args: A; ids: string[] }>();
      for (const k of keys) {
        const g = JSON.stringify(k.args);
        if (!groups.has(g)) groups.set(g, { args: k.args, ids: [] });
        groups.get(g)!.ids.push(k.id);
      }
      const results = new Map<string, R>();
      for (const [g, { args, ids }] of groups) {
        const out = await batch([...new Set(ids)], args);
        for (const id of ids) results.set(`${id}|${g}`, out.get(id) ?? empty());
      }
      return keys.map((k) => results.get(`${k.id}|${JSON.stringify(k.args)}`)!);
    },
    { cacheKeyFn: (k) => `${k.id}|${JSON.stringify(k.args)}` },
  );
}
