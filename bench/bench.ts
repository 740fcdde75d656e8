import 'reflect-metadata';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../src/database/embedded';
import { numberArg, parseArgs, stringArg } from './args';
import { BENCH_DATA_DIR, BENCH_PG_DIR, databaseNameFor, readMeta, startBenchPostgres, withDatabase } from './bench-db';
import { ChildServer, startHub, startPostGraphile } from './children';
import { CpuPerRequest, measureCpu, postmasterPid } from './cpu';
import { addDays } from './generate/context';
import { generateData } from './generate-data';
import { postGraphQL, runGraphQLLoad, runSqlLoad } from './load';
import { profileMarkdown, summariseProfile } from './profile-summary';
import { markdownTable, Results, Row } from './report';
import { FIXTURES, operationName, Scenario, ScenarioContext, SCENARIOS } from './scenarios';
import { median } from './stats';

const RESULTS_FILE = path.join(BENCH_DATA_DIR, 'bench-results.json');
const PROFILE_DIR = path.join(BENCH_DATA_DIR, 'bench-profile');
const ADMIN = { email: 'bench-admin@bench.hub', password: 'bench-admin-password' };

interface LogLine {
  operation: string | null;
  sqlStatements?: number;
  durationMs: number;
}

/**
 * npm run bench -- [--smoke] [--duration S] [--connections 10,50] [--scenario a,b] [--profile]
 *   [--no-postgraphile] [--database-url URL] [--history-years N]
 * --history-years 10: against the data set with twice the national history (hub_bench_10y, made by
 * `npm run bench:data -- --history-years 10`, or here if it is missing).
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const smoke = args.has('smoke');
  const scale = smoke ? 'smoke' : 'national';
  const historyYears = args.has('history-years') ? numberArg(args, 'history-years', 0) : undefined;
  const seconds = numberArg(args, 'duration', smoke ? 1 : 10);
  const warmup = smoke ? 0.5 : Math.min(3, seconds);
  const connections = (stringArg(args, 'connections') ?? '10,50').split(',').map(Number);
  const only = stringArg(args, 'scenario')?.split(',');
  const scenarios = SCENARIOS.filter((s) => !only || only.includes(s.name));
  if (!scenarios.length) throw new Error(`No scenario named ${only}: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  const withPostGraphile = !args.has('no-postgraphile');
  const started = Date.now();
  const loadStart = loadAverage();

  let url = stringArg(args, 'database-url');
  const embedded = url ? undefined : await startBenchPostgres();
  if (embedded) url = withDatabase(embedded.url, databaseNameFor(scale, historyYears));
  const children: ChildServer[] = [];
  try {
    if (!(await hasData(url!))) {
      console.log(`No ${scale} data set in ${url}: generating it (seed 1)`);
      await generateData({ url: url!, seed: 1, scale, historyYears, recreate: !!embedded });
    }
    const meta = readMeta()[new URL(url!).pathname.slice(1)] ?? { scale };
    const until = (meta as { until?: string }).until ?? '2025-09-30';
    const ctx: ScenarioContext = { ids: await loadFixtures(url!), from: addDays(until, -364), to: until, asOf: until };

    const log: LogLine[] = [];
    if (args.has('profile')) rmSync(PROFILE_DIR, { recursive: true, force: true });
    const hub = await startHub({
      databaseUrl: url!,
      port: await freePort(),
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
      profileDir: args.has('profile') ? PROFILE_DIR : undefined,
      onLogLine: (l) => {
        if (l.startsWith('{') && l.includes('"graphql request"')) log.push(JSON.parse(l));
      },
    });
    children.push(hub);
    const pg = withPostGraphile ? await startPostGraphile(url!, await freePort()) : undefined;
    if (pg) children.push(pg);
    // PostgreSQL's CPU only where the cluster is ours: with --database-url it may serve others too.
    const postmaster = embedded ? postmasterPid(BENCH_PG_DIR) : undefined;
    const hubCpu = { serverPid: hub.proc.pid, postmasterPid: postmaster };
    const pgCpu = { serverPid: pg?.proc.pid, postmasterPid: postmaster };
    const { signIn } = await postGraphQL(hub.url, {
      query: 'mutation BenchSignIn($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }',
      variables: { e: ADMIN.email, p: ADMIN.password },
    });
    const auth = { authorization: `Bearer ${signIn.token}` };
    console.log(`Data set: ${JSON.stringify(meta)}\nHub ${hub.url}${pg ? `, PostGraphile ${pg.url}` : ''}; ${seconds} s per run, connections ${connections.join(', ')}`);

    const rows: Row[] = [];
    for (const s of scenarios) {
      await verify(s, ctx, hub.url, auth, pg?.url, url!);
      const body = (call: Scenario['hub']) => (i: number) =>
        JSON.stringify({ query: call.query, operationName: operationName(call.query), variables: call.variables(ctx, i) });
      const cap = (c: number) => (s.exclusive ? Math.min(c, ctx.ids[s.exclusive].length) : c);
      const op = operationName(s.hub.query);
      // Requests cut off at the end of a run may still land: start each run from the database's state.
      const fresh = async () => {
        if (!s.exclusive) return;
        await new Promise((r) => setTimeout(r, 500));
        ctx.ids[s.exclusive] = await loadFixture(url!, s.exclusive);
        s.reset?.();
      };
      await fresh();
      if (warmup) {
        await runGraphQLLoad({ url: hub.url, headers: auth, body: body(s.hub), onResponse: s.hub.onResponse, connections: cap(connections[0]), seconds: warmup });
        if (pg && s.postgraphile) await runGraphQLLoad({ url: pg.url, headers: {}, body: body(s.postgraphile), connections: connections[0], seconds: warmup });
      }
      for (const c of connections) {
        await fresh();
        const mark = log.length;
        const hubResult = await measureCpu(hubCpu, () => runGraphQLLoad({ url: hub.url, headers: auth, body: body(s.hub), onResponse: s.hub.onResponse, connections: cap(c), seconds }));
        await new Promise((r) => setTimeout(r, 300)); // the last log lines of the run
        const lines = log.slice(mark).filter((l) => l.operation === op);
        const row: Row = {
          scenario: s.name,
          connections: cap(c),
          hub: hubResult,
          sqlStatements: median(lines.flatMap((l) => (l.sqlStatements === undefined ? [] : [l.sqlStatements]))),
          serverMs: median(lines.map((l) => l.durationMs)),
        };
        if (pg && s.postgraphile) {
          const call = s.postgraphile;
          row.postgraphile = await measureCpu(pgCpu, () => runGraphQLLoad({ url: pg.url, headers: {}, body: body(call), connections: c, seconds }));
        }
        if (s.floor) {
          const floor = s.floor;
          row.floor = await runSqlLoad(url!, floor.sql, (i) => floor.params(ctx, i), c, seconds);
        }
        rows.push(row);
        console.log(`  ${s.name} @${c}: hub ${row.hub.rps} req/s p50 ${row.hub.p50} ms, ${row.sqlStatements} SQL/req, CPU ${cpuText(row.hub.cpu)}` + (row.postgraphile ? `; PostGraphile ${row.postgraphile.rps} req/s p50 ${row.postgraphile.p50} ms, CPU ${cpuText(row.postgraphile.cpu)}` : '') + (row.floor ? `; SQL floor p50 ${row.floor.p50} ms` : ''));
      }
    }
    const results: Results = {
      startedAt: new Date(started).toISOString(),
      machine: { nproc: os.cpus().length, memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`, node: process.version, platform: `${os.platform()} ${os.release()}` },
      dataSet: { ...meta },
      loadAverage: { start: loadStart, end: loadAverage() },
      durationSeconds: seconds,
      rows,
      peakMemoryMiB: { hub: hub.peakMemoryMiB(), postgraphile: pg?.peakMemoryMiB() ?? null },
    };
    for (const c of children.splice(0)) await c.stop();
    mkdirSync(BENCH_DATA_DIR, { recursive: true });
    writeFileSync(RESULTS_FILE, JSON.stringify(results, null, 2));
    console.log(`\n${markdownTable(results)}\n\nResults written to ${path.relative(process.cwd(), RESULTS_FILE)} (${Math.round((Date.now() - started) / 1000)} s in all)`);
    if (args.has('profile')) printProfile();
  } finally {
    for (const c of children) await c.stop();
    await embedded?.stop();
  }
}

const loadAverage = () => os.loadavg().map((n) => Math.round(n * 100) / 100);

const cpuText = (c: CpuPerRequest | undefined) => `${c?.serverMs ?? '—'} + ${c?.postgresMs ?? 'not measured'} ms/req (server + Postgres)`;

async function hasData(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url });
  try {
    await c.connect();
    // A data set from before the audit, review and plan generators lacks their rows: regenerate it.
    const { rows } = await c.query('SELECT (SELECT count(*) FROM board)::int AS boards, (SELECT count(*) FROM audit_cycle)::int AS cycles');
    return rows[0].boards > 0 && rows[0].cycles > 0;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function loadFixture(url: string, name: string): Promise<string[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(FIXTURES[name])).rows.map((r) => r.id);
  } finally {
    await c.end();
  }
}

async function loadFixtures(url: string): Promise<ScenarioContext['ids']> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const ids: ScenarioContext['ids'] = {};
    for (const [name, sql] of Object.entries(FIXTURES)) {
      ids[name] = (await c.query(sql)).rows.map((r) => r.id);
      if (!ids[name].length) throw new Error(`Fixture ${name} is empty: is the data set generated?`);
    }
    return ids;
  } finally {
    await c.end();
  }
}

/** One request per target before the load, read in full: a scenario that errors fails the whole run. */
async function verify(s: Scenario, ctx: ScenarioContext, hubUrl: string, auth: Record<string, string>, pgUrl: string | undefined, dbUrl: string): Promise<void> {
  const check = async (target: string, u: string, call: Scenario['hub'], headers: Record<string, string>) => {
    try {
      const data = await postGraphQL(u, { query: call.query, variables: call.variables(ctx, 0) }, headers);
      call.onResponse?.(JSON.stringify({ data }));
      if (Object.values(data).some((v) => v === null)) throw new Error(`empty answer ${JSON.stringify(data).slice(0, 200)}`);
    } catch (e) {
      throw new Error(`Scenario ${s.name} fails on ${target}: ${(e as Error).message}`);
    }
  };
  await check('the hub', hubUrl, s.hub, auth);
  if (pgUrl && s.postgraphile) await check('PostGraphile', pgUrl, s.postgraphile, {});
  if (s.floor) {
    const c = new Client({ connectionString: dbUrl });
    await c.connect();
    await c.query(s.floor.sql, s.floor.params(ctx, 0)).finally(() => c.end());
  }
}

function printProfile(): void {
  const files = readdirSync(PROFILE_DIR).filter((f) => f.endsWith('.cpuprofile'));
  if (!files.length) return console.log('No CPU profile was written');
  const newest = files.map((f) => path.join(PROFILE_DIR, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  console.log(`\nHub CPU profile ${path.relative(process.cwd(), newest)}\n\n${profileMarkdown(summariseProfile(newest))}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
