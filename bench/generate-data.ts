import { Client } from 'pg';
import { createDataSource } from '../src/database/data-source';
import { databaseOf, DataSetMeta, writeMeta } from './bench-db';
import { createContext } from './generate/context';
import { GENERATORS } from './generate';
import { scaleNamed, withHistoryYears } from './generate/scales';

/** The last day of the generated history: fixed, so a seed gives the same data on any day. */
export const BENCH_UNTIL = '2025-09-30';

export interface GenerateOptions {
  url: string;
  seed: number;
  scale: string;
  /** Years of history instead of the scale's own (same boards, agencies and members; see withHistoryYears). */
  historyYears?: number;
  /** Drop and recreate the database first (needs a URL to a server we own). */
  recreate: boolean;
  log?: (line: string) => void;
}

/** Migrates the database, runs every domain generator in one transaction, then VACUUM ANALYZE. */
export async function generateData(opts: GenerateOptions): Promise<DataSetMeta> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const scale = withHistoryYears(scaleNamed(opts.scale), opts.historyYears);
  const started = Date.now();
  const name = databaseOf(opts.url);
  if (opts.recreate) {
    const admin = new Client({ connectionString: opts.url.replace(/\/[^/?]+(\?|$)/, '/postgres$1') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  }
  const ds = createDataSource({ url: opts.url });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();

  const client = new Client({ connectionString: opts.url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM board');
    if (rows[0].n > 0) throw new Error(`Database ${name} already has boards: give an empty database (or none, to use the embedded one)`);
    await client.query('BEGIN');
    await client.query('SET LOCAL synchronous_commit = off');
    await client.query("SET LOCAL work_mem = '256MB'");
    const ctx = createContext(client, opts.seed, scale, BENCH_UNTIL);
    for (const g of GENERATORS) {
      const t = Date.now();
      await g.run(ctx);
      log(`  ${g.name.padEnd(12)} ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    await client.query('COMMIT');
    const t = Date.now();
    await client.query('VACUUM ANALYZE');
    log(`  ${'vacuum'.padEnd(12)} ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const meta: DataSetMeta = {
      database: name,
      scale: scale.name,
      seed: opts.seed,
      historyYears: scale.months / 12,
      until: BENCH_UNTIL,
      generatedAt: new Date().toISOString(),
      seconds: Math.round((Date.now() - started) / 100) / 10,
      counts: ctx.counts,
    };
    writeMeta(meta);
    return meta;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}
