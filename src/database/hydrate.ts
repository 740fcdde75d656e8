import { DataSource, EntityMetadata, EntityTarget, ObjectLiteral, ValueTransformer } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * An entity from a row PostgreSQL built as JSON (`to_jsonb(t)`: keys are column names), equal to
 * what a repository read of the same row gives: the columns a find selects, timestamps as Dates,
 * numeric and bigint as the strings pg returns (then the column's transformer), the rest as is.
 * For statements that fetch a nested read's rows in one go (src/lookahead.ts); test/lookahead.test.ts
 * compares the two on every entity the look-ahead hydrates.
 */
export function hydrate<T extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<T>, row: Record<string, unknown>): T {
  const metadata = ds.getMetadata(entity);
  // The entity's prototype without running its field initialisers (which define every declared
  // property, relations included, as undefined): the columns are set just below. A find's entity
  // has those properties undefined, this one lacks them; nothing reads the difference.
  const out = (typeof metadata.target === 'function' ? Object.create(metadata.target.prototype) : metadata.create()) as Record<string, unknown>;
  for (const c of planOf(metadata)) {
    let value = row[c.column];
    if (value === undefined) value = null;
    else if (value !== null && c.kind === 'date') value = new Date(value as string);
    else if (value !== null && c.kind === 'string') value = String(value);
    out[c.property] = c.from ? c.from(value) : value;
  }
  return out as T;
}

interface ColumnPlan {
  property: string;
  column: string;
  kind: 'date' | 'string' | 'as is';
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
      .map((column) => ({ property: column.propertyName, column: column.databaseName, kind: kindOf(column), from: fromOf(column.transformer) }));
    plans.set(metadata, plan);
  }
  return plan;
}

function kindOf(column: ColumnMetadata): ColumnPlan['kind'] {
  const type = typeof column.type === 'string' ? column.type : column.type === Date ? 'timestamptz' : '';
  if (TIMESTAMPS.has(type) || column.isCreateDate || column.isUpdateDate) return 'date';
  return AS_STRING.has(type) ? 'string' : 'as is';
}

function fromOf(transformer: ValueTransformer | ValueTransformer[] | undefined): ColumnPlan['from'] {
  if (!transformer) return null;
  if (!Array.isArray(transformer)) return (v) => transformer.from(v);
  return (v) => transformer.reduceRight((x, t) => t.from(x), v);
}
