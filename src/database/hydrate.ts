import { DataSource, EntityMetadata, EntityTarget, ObjectLiteral, ValueTransformer } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { ident, join, sql, Sql } from './sql';

/**
 * A row as rowJson() has PostgreSQL build it: the entity's columns in a fixed order (planOf), as a
 * JSON array rather than an object. Issue 17: json_build_object spends most of its time on the keys
 * (a page of 12 meetings with their registers: 1.38 ms of PostgreSQL against 0.86 as arrays), and
 * JSON.parse reads no key strings either.
 */
export type JsonRow = unknown[];

/**
 * An entity from a rowJson() row, equal to what a repository read of the same row gives: the
 * columns a find selects, timestamps as Dates, numeric and bigint as the strings pg returns (then
 * the column's transformer), the rest as is. For statements that fetch a nested read's rows in one
 * go (src/lookahead.ts); test/lookahead.test.ts compares the two on every entity the look-ahead
 * hydrates.
 */
export function hydrate<T extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<T>, row: JsonRow): T {
  const metadata = ds.getMetadata(entity);
  // The entity's prototype without running its field initialisers (which define every declared
  // property, relations included, as undefined): the columns are set just below. A find's entity
  // has those properties undefined, this one lacks them; nothing reads the difference.
  const out = (typeof metadata.target === 'function' ? Object.create(metadata.target.prototype) : metadata.create()) as Record<string, unknown>;
  const plan = planOf(metadata);
  for (let i = 0; i < plan.length; i++) {
    const c = plan[i];
    let value = row[i];
    if (value === undefined) value = null;
    else if (value !== null && c.kind === 'date') value = new Date(value as string | number);
    else if (value !== null && c.kind === 'string') value = String(value);
    out[c.property] = c.from ? c.from(value) : value;
  }
  return out as T;
}

/**
 * A row of `alias` as JSON for hydrate(): every column hydrate reads, in planOf's order, with
 * timestamps (with time zone) as epoch milliseconds. A Date is made from a number about ten times
 * faster than from an ISO string (0.47 against 0.05 µs here): two timestamps on each of a page's
 * 240 register rows were a tenth of a millisecond per request. The milliseconds are those pg's own
 * parser keeps (it drops the microseconds): the epoch in whole microseconds, exact in a float8
 * (date_part, where extract's numeric cost PostgreSQL 0.1 ms a page), then floored to milliseconds.
 * `timestamp` without a zone stays text: pg reads it as the process's local time, and so does hydrate().
 */
export function rowJson<T extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<T>, alias: string): Sql {
  const parts = planOf(ds.getMetadata(entity)).map((c) => {
    const column = ident(`${alias}.${c.column}`);
    // numeric and bigint as the text pg gives (JSON numbers would lose "12.50"'s trailing zero).
    if (c.epoch) return sql`floor(round(date_part('epoch', ${column}) * 1000000) / 1000)`;
    return c.kind === 'string' ? sql`${column}::text` : column;
  });
  return sql`json_build_array(${join(parts, ', ')})`;
}

interface ColumnPlan {
  property: string;
  column: string;
  kind: 'date' | 'string' | 'as is';
  /** A timestamp with time zone: rowJson() sends it as epoch milliseconds. */
  epoch: boolean;
  from: ((v: unknown) => unknown) | null;
}

const TIMESTAMPS = new Set(['timestamptz', 'timestamp', 'timestamp with time zone', 'timestamp without time zone']);
const AS_STRING = new Set(['numeric', 'decimal', 'bigint', 'int8']);
const plans = new WeakMap<EntityMetadata, ColumnPlan[]>();

/** What to do with each column, worked out once per entity (hydration runs for every row of a look-ahead). */
function planOf(metadata: EntityMetadata): ColumnPlan[] {
  let plan = plans.get(metadata);
  if (!plan) {
    plan = metadata.columns
      // A relation's own join column without a property of its own is virtual: a find leaves it unset too.
      .filter((column) => column.isSelect && !column.isVirtual)
      .map((column) => ({ property: column.propertyName, column: column.databaseName, kind: kindOf(column), epoch: withZone(column), from: fromOf(column.transformer) }));
    plans.set(metadata, plan);
  }
  return plan;
}

function kindOf(column: ColumnMetadata): ColumnPlan['kind'] {
  const type = typeof column.type === 'string' ? column.type : column.type === Date ? 'timestamptz' : '';
  if (TIMESTAMPS.has(type) || column.isCreateDate || column.isUpdateDate) return 'date';
  return AS_STRING.has(type) ? 'string' : 'as is';
}

function withZone(column: ColumnMetadata): boolean {
  const type = typeof column.type === 'string' ? column.type : column.type === Date ? 'timestamptz' : '';
  return type === 'timestamptz' || type === 'timestamp with time zone';
}

function fromOf(transformer: ValueTransformer | ValueTransformer[] | undefined): ColumnPlan['from'] {
  if (!transformer) return null;
  if (!Array.isArray(transformer)) return (v) => transformer.from(v);
  return (v) => transformer.reduceRight((x, t) => t.from(x), v);
}
