import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '../src/database/data-source';

/** An empty database of its own (named after the run, so the global teardown drops it). */
async function freshDataSource(prefix: string): Promise<DataSource> {
  const base = process.env.HUB_TEST_DATABASE_URL ?? readFileSync(path.resolve(__dirname, '../.data/test-db-url'), 'utf8').trim();
  const name = `${prefix}_${base.match(/hub_test_(\d+)/)?.[1] ?? process.pid}`;
  const client = new Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return createDataSource({ url: url.toString(), poolSize: 2 }).initialize();
}

/**
 * The entities describe the migrated database exactly: after every migration, TypeORM's schema
 * builder has nothing to change, so `npm run migration:generate` writes only what a change to an
 * entity needs. Triggers, functions and expression indexes are invisible to it (see README).
 */
describe('entity metadata and migrated schema', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await freshDataSource('hub_schema');
    await ds.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('leaves the schema builder nothing to do', async () => {
    const { upQueries, downQueries } = await ds.driver.createSchemaBuilder().log();
    const listing = upQueries.map((q) => `${q.query};`).join('\n');
    expect({ up: upQueries.length, down: downQueries.length, queries: listing }).toEqual({ up: 0, down: 0, queries: '' });
  });

  it('agrees on what the builder does not compare: expression indexes, partial-index conditions, check expressions', async () => {
    // Lossy but enough to catch drift: PostgreSQL adds parentheses and casts when it stores an expression.
    const normal = (sql: string) => sql.toLowerCase().replace(/::[a-z_]+/g, '').replace(/[()\s"]/g, '');
    const tables = ds.entityMetadatas.map((m) => m.tableName);
    const entityIndexes = new Map(ds.entityMetadatas.flatMap((m) => m.indices.map((i) => [i.name, i] as const)));
    const constraintIndexes = new Set(
      (await ds.query(`SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u', 'x')`)).map((r: { conname: string }) => r.conname),
    );
    const dbIndexes: { indexname: string; indexdef: string }[] = await ds.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY($1)`,
      [tables],
    );
    const problems: string[] = [];
    for (const { indexname, indexdef } of dbIndexes) {
      if (constraintIndexes.has(indexname)) continue;
      const declared = entityIndexes.get(indexname);
      if (!declared) {
        problems.push(`index ${indexname} is not declared in an entity: ${indexdef}`);
        continue;
      }
      const where = /\sWHERE\s(.*)$/.exec(indexdef)?.[1];
      if (declared.synchronize && normal(where ?? '') !== normal(declared.where ?? '')) {
        problems.push(`index ${indexname}: the database has WHERE ${where ?? '(none)'}, the entity ${declared.where ?? '(none)'}`);
      }
    }
    for (const name of entityIndexes.keys()) {
      if (!dbIndexes.some((i) => i.indexname === name)) problems.push(`index ${name} is declared but not in the database`);
    }
    const dbChecks: { conname: string; def: string }[] = await ds.query(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace`,
    );
    for (const check of ds.entityMetadatas.flatMap((m) => m.checks)) {
      const db = dbChecks.find((c) => c.conname === check.name);
      if (!db) problems.push(`check ${check.name} is declared but not in the database`);
      else if (normal(db.def) !== normal(`CHECK (${check.expression})`)) problems.push(`check ${check.name}: the database has ${db.def}, the entity ${check.expression}`);
    }
    expect(problems).toEqual([]);
  });

  it('runs every down, then every up again, back to the same schema', async () => {
    const all = ds.migrations.length;
    for (let i = 0; i < all; i++) await ds.undoLastMigration({ transaction: 'each' });
    const left = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`);
    expect(left).toEqual([]);
    const types = await ds.query(`SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'`);
    expect(types).toEqual([]);
    // Functions of the migrations' own (trigger functions), not those of extensions such as uuid-ossp.
    const functions = await ds.query(`SELECT proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`);
    expect(functions).toEqual([]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(all);
    const { upQueries } = await ds.driver.createSchemaBuilder().log();
    expect(upQueries.map((q) => q.query)).toEqual([]);
  });
});
