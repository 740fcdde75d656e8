import 'reflect-metadata';
import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import supertest from 'supertest';
import { Logger } from 'typeorm';
import { createApp } from '../src/app';
import { createLogger } from '../src/common/logger';
import { createDataSource } from '../src/database/data-source';
import { numberArg, parseArgs, stringArg } from './args';
import { databaseNameFor, readMeta, startBenchPostgres, withDatabase } from './bench-db';
import { addDays } from './generate/context';
import { FIXTURES, ScenarioContext, SCENARIOS } from './scenarios';

/** Records every statement with its parameters, so each can be explained on its own. */
class Recorder implements Logger {
  statements: { query: string; params: unknown[] }[] = [];
  logQuery(query: string, params?: unknown[]): void {
    if (!/^(START TRANSACTION|COMMIT|ROLLBACK|BEGIN)/i.test(query.trim())) this.statements.push({ query, params: params ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/**
 * npm run bench:explain -- [--scale national|smoke] [--history-years N] [--scenario a,b] [--plans [--plan-match text]] [--plan-cache]
 * Where a request's time goes: each scenario's request once (warm), its wall time in the hub, and
 * every SQL statement it sent with PostgreSQL's own execution time (EXPLAIN ANALYZE).
 * --plan-cache: instead, each scenario 20 times (different ids) over one pooled connection, then how
 * often PostgreSQL planned each prepared statement afresh (custom) or reused its generic plan.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const scale = stringArg(args, 'scale') ?? 'national';
  const database = databaseNameFor(scale, args.has('history-years') ? numberArg(args, 'history-years', 0) : undefined);
  const only = stringArg(args, 'scenario')?.split(',');
  const embedded = await startBenchPostgres();
  const url = withDatabase(embedded.url, database);
  const recorder = new Recorder();
  const planCache = args.has('plan-cache');
  const ds = createDataSource({ url, logger: recorder, poolSize: planCache ? 1 : 10 });
  await ds.initialize();
  // As the hub does at start: a data set generated before a migration gets it here.
  await ds.runMigrations({ transaction: 'each' });
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    const secret = 'explain-secret-that-is-at-least-32-characters';
    const app = await createApp(ds, { isProduction: true, jwtSecret: secret, jwtExpiresIn: '1h', bcryptRounds: 4 }, createLogger('silent'));
    const [admin] = (await pg.query(`SELECT id FROM app_user WHERE role = 'ADMIN' LIMIT 1`)).rows;
    if (!admin) throw new Error('No admin in the bench database: run npm run bench once first');
    const token = jwt.sign({}, secret, { subject: admin.id, expiresIn: '1h', algorithm: 'HS256' });
    const ids: ScenarioContext['ids'] = {};
    for (const [name, sql] of Object.entries(FIXTURES)) ids[name] = (await pg.query(sql)).rows.map((r) => r.id);
    const until = readMeta()[database]?.until ?? '2025-09-30';
    const ctx: ScenarioContext = { ids, from: addDays(until, -364), to: until, asOf: until };
    for (const s of SCENARIOS.filter((x) => !only || only.includes(x.name))) {
      if (s.hub.query.trim().startsWith('mutation')) continue;
      const send = (i = 1) => supertest(app.handler).post('/graphql').set('authorization', `Bearer ${token}`).send({ query: s.hub.query, variables: s.hub.variables(ctx, i) });
      if (planCache) {
        // Counts per connection since it opened: the difference over these requests is theirs.
        const counts = async () =>
          new Map<string, { generic: number; custom: number; text: string }>(
            (await ds.query(`SELECT name, generic_plans, custom_plans, left(regexp_replace(statement, '\\s+', ' ', 'g'), 100) AS text FROM pg_prepared_statements`)).map(
              (p: any) => [p.name, { generic: Number(p.generic_plans), custom: Number(p.custom_plans), text: p.text }],
            ),
          );
        const before = await counts();
        for (let i = 0; i < 20; i++) await send(i);
        console.log(`\n## ${s.name}: 20 requests on one connection; plans of each named statement (generic / custom)`);
        for (const [name, p] of await counts()) {
          const b = before.get(name) ?? { generic: 0, custom: 0 };
          if (p.generic + p.custom > b.generic + b.custom) console.log(`${String(p.generic - b.generic).padStart(4)} / ${String(p.custom - b.custom).padEnd(4)} ${p.text}`);
        }
        continue;
      }
      await send();
      recorder.statements = [];
      const started = process.hrtime.bigint();
      const res = await send();
      const wall = Number(process.hrtime.bigint() - started) / 1e6;
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors).slice(0, 400));
      const rows: [number, string][] = [];
      let planning = 0;
      for (const st of recorder.statements) {
        const plan = (await pg.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${st.query}`, st.params as unknown[])).rows[0]['QUERY PLAN'][0];
        planning += plan['Planning Time'];
        rows.push([plan['Execution Time'] + plan['Planning Time'], st.query.replace(/\s+/g, ' ').slice(0, 110)]);
      }
      const sql = rows.reduce((a, [ms]) => a + ms, 0);
      console.log(`\n## ${s.name}: ${wall.toFixed(1)} ms wall, ${rows.length} statements, ${sql.toFixed(1)} ms in PostgreSQL (planning + execution, one at a time; ${planning.toFixed(1)} ms of it planning)`);
      for (const [ms, q] of rows.sort((a, b) => b[0] - a[0])) console.log(`${ms.toFixed(2).padStart(8)} ms  ${q}`);
      if (args.has('plans')) {
        const match = stringArg(args, 'plan-match');
        const slowest = match
          ? recorder.statements.find((x) => x.query.includes(match))!
          : [...recorder.statements].sort((a, b) => b.query.length - a.query.length)[0];
        const text = (await pg.query(`EXPLAIN (ANALYZE, BUFFERS) ${slowest.query}`, slowest.params as unknown[])).rows.map((r) => r['QUERY PLAN']);
        console.log(text.join('\n'));
      }
    }
    await app.stop();
  } finally {
    await pg.end();
    await ds.destroy();
    await embedded.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
