import { ClientBase } from 'pg';

/**
 * A column of a bulk insert: its name, the element type its values are sent as, and an optional
 * cast applied after unnest (array cells such as uuid[] travel as text literals: unnest flattens arrays).
 */
export interface BulkColumn {
  name: string;
  type: string;
  cast?: string;
}

const BATCH_ROWS = 5000;

/**
 * Inserts rows with one `INSERT ... SELECT FROM unnest($1::t1[], $2::t2[], ...)` per batch: one
 * round trip and one parsed statement for thousands of rows, without a COPY dependency.
 * Each row gives its values in the order of `columns`.
 */
export async function bulkInsert(client: ClientBase, table: string, columns: BulkColumn[], rows: unknown[][]): Promise<number> {
  const names = columns.map((c) => c.name).join(', ');
  const unnest = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const select = columns.map((c) => (c.cast ? `${c.name}::${c.cast}` : c.name)).join(', ');
  const sql = `INSERT INTO ${table} (${names}) SELECT ${select} FROM unnest(${unnest}) AS u(${names})`;
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    await client.query(
      sql,
      columns.map((_, i) => batch.map((r) => r[i])),
    );
  }
  return rows.length;
}

/** `{a,b}`: a PostgreSQL array literal for ids, sent through a text column and cast after unnest. */
export function arrayLiteral(values: string[]): string {
  return `{${values.join(',')}}`;
}
