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
