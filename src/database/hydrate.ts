import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * An entity from a row PostgreSQL built as JSON (`to_jsonb(t)`: keys are column names), equal to
 * what a repository read of the same row gives: the columns a find selects, timestamps as Dates,
 * numeric and bigint as the strings pg returns (then the column's transformer), the rest as is.
 * For statements that fetch a nested read's rows in one go (src/lookahead.ts); test/lookahead.test.ts
 * compares the two on every column type the hydrated entities have.
 */
export function hydrate<T extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<T>, row: Record<string, unknown>): T {
  const metadata = ds.getMetadata(entity);
  const out = metadata.create() as T;
  for (const column of metadata.columns) {
    // A relation's own join column without a property of its own is virtual: a find leaves it unset too.
    if (!column.isSelect || column.isVirtual) continue;
    (out as Record<string, unknown>)[column.propertyName] = valueOf(column, row[column.databaseName]);
  }
  return out;
}

const TIMESTAMPS = new Set(['timestamptz', 'timestamp', 'timestamp with time zone', 'timestamp without time zone']);
const AS_STRING = new Set(['numeric', 'decimal', 'bigint', 'int8']);

function valueOf(column: ColumnMetadata, raw: unknown): unknown {
  let value = raw === undefined ? null : raw;
  if (value !== null) {
    const type = typeof column.type === 'string' ? column.type : column.type === Date ? 'timestamptz' : '';
    if (TIMESTAMPS.has(type) || column.isCreateDate || column.isUpdateDate) value = new Date(value as string);
    else if (AS_STRING.has(type)) value = String(value);
  }
  const transformer = column.transformer;
  if (!transformer) return value;
  return Array.isArray(transformer) ? transformer.reduceRight((v, t) => t.from(v), value) : transformer.from(value);
}
