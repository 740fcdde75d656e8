import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';
import { Client } from 'pg';
import { emptyDatabase, ensureBuilt, heldRequest, HubOutput, post, root, SpawnedHub, spawnCompiledHub, tryConnect } from './helpers/process';
const dataDir = path.join(root, '.data', 'start-stop-test');

/**
 * The `npm start` path end to end, without a DATABASE_URL: embedded PostgreSQL under DATA_DIR,
 * migrations, demo data, then SIGTERM drains in-flight requests and stops PostgreSQL cleanly.
 */
describe('start-up and graceful stop on the embedded database', () => {
  let child: ChildProcess;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('serves the demo, then drains and stops on SIGTERM', async () => {
    rmSync(dataDir, { recursive: true, force: true });
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/index.ts'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', BCRYPT_ROUNDS: '4', LOG_LEVEL: 'info', JWT_SECRET: 'y'.repeat(40), ADMIN_EMAIL: 'admin@test.hub', ADMIN_PASSWORD: 'admin-password-1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = new HubOutput(child);

    // Readiness: the hub's own "listening" log line, once its port accepts requests.
    const listening = JSON.parse(await out.waitForLog('listening', 90_000)) as { port: number; url: string };
    const port = listening.port;
    expect(listening.url).toBe(`http://localhost:${port}/graphql`);
    await out.waitFor('the demo sign-ins', (line) => /coordinator\.llr@demo\.hub/.test(line), 5_000);
    expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);

    // The job queue starts after the migrations and runs the reminders once; without SMTP_URL the
    // demo's overdue returns are chased in the log. It stops in the graceful stop below.
    await out.waitForLog('job queue started', 10_000);
    const index = (msg: string) => out.lines.findIndex((l) => l.json?.msg === msg);
    expect(index('migrations applied')).toBeLessThan(index('job queue started'));
    await out.waitForLog('email (SMTP_URL not set): written to the log', 30_000);

    const signIn = await post(port, { query: 'mutation { signIn(email: "coordinator.llr@demo.hub", password: "demo-password") { token } }' });
    const token = signIn.body.data.signIn.token as string;
    const query = `{ boards { name attendance(from: "2014-04-01", to: "2015-03-31") { meetingsHeld overallRate } } }`;

    // In flight at SIGTERM: three requests the hub has taken in (it answered 100 Continue), bodies not yet sent.
    const held = Array.from({ length: 3 }, () => heldRequest(port, { query }, token));
    await Promise.all(held.map((h) => h.accepted));

    child.kill('SIGTERM');
    await out.waitForLog('stopping: draining in-flight requests', 10_000);

    // The listener closes at once: a new connection is refused while the held requests are still open.
    let attempt: 'refused' | 'accepted' = 'accepted';
    for (let tries = 0; tries < 1000 && attempt === 'accepted'; tries++) attempt = await tryConnect(port);
    expect(attempt).toBe('refused');
    expect(held.some((h) => h.settled)).toBe(false);
    expect(out.exitCode).toBeUndefined();
    expect(out.lines.some((l) => l.json?.msg === 'stopped cleanly')).toBe(false);

    // The drain waited for them: sending the bodies now still gets full answers.
    for (const h of held) h.send();
    for (const answer of await Promise.all(held.map((h) => h.response))) {
      if (!answer.body.data) throw new Error(JSON.stringify(answer.body.errors));
      expect(answer.status).toBe(200);
      expect(answer.body.data.boards[0]).toMatchObject({ name: 'Leicestershire and Rutland LSCB/SAB', attendance: { meetingsHeld: 6 } });
    }

    expect(await out.waitForExit(20_000)).toBe(0);
    expect(out.lines.some((l) => l.json?.msg === 'stopped cleanly')).toBe(true);
    // PostgreSQL removes its pid file only on a clean shutdown.
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 120_000);
});

/**
 * Issue 12's measurement, turned into a test: SIGTERM while 30 mutations are in the hub. Here they
 * are held inside PostgreSQL (the test locks the agency table) so all 30 are provably received and
 * executing when the signal arrives; the lock is released only once the listener has closed.
 */
describe('graceful stop with 30 mutations in flight (compiled hub, own database)', () => {
  let hub: SpawnedHub | undefined;
  let db: Client | undefined;
  afterAll(async () => {
    if (hub && hub.child.exitCode === null) hub.child.kill('SIGKILL');
    await db?.end().catch(() => undefined);
  });

  it('turns /readyz 503 first, closes the listener and idle keep-alive connections, answers all 30 and commits each once', async () => {
    ensureBuilt();
    const url = await emptyDatabase('stop');
    hub = spawnCompiledHub({
      DATABASE_URL: url,
      SEED_DEMO: 'false',
      JWT_SECRET: 'z'.repeat(40),
      ADMIN_EMAIL: 'admin@stop.test',
      ADMIN_PASSWORD: 'admin-password-1',
      DB_POOL_SIZE: '40',
      SHUTDOWN_DELAY_MS: '1000',
      // The job queue is not under test here: its start-up work would share the machine with the 30 mutations.
      JOBS_ENABLED: 'false',
    });
    const { out, child } = hub;
    const port = (JSON.parse(await out.waitForLog('listening', 60_000)) as { port: number }).port;
    expect((await get(port, '/readyz')).status).toBe(200);
    const token = (await post(port, { query: 'mutation { signIn(email: "admin@stop.test", password: "admin-password-1") { token } }' })).body.data.signIn.token as string;

    // An idle keep-alive connection: one request answered, then left open.
    const idle = await keepAliveConnection(port);

    // Hold every insert into agency inside PostgreSQL.
    db = new Client({ connectionString: url });
    await db.connect();
    await db.query('BEGIN');
    await db.query('LOCK TABLE agency IN SHARE MODE');

    const names = Array.from({ length: 30 }, (_, i) => `Stop test agency ${String(i).padStart(2, '0')}`);
    const settled: boolean[] = names.map(() => false);
    const answers = names.map((name, i) =>
      post(port, { query: 'mutation($input: CreateAgencyInput!) { createAgency(input: $input) { id name } }', variables: { input: { name, sector: 'POLICE' } } }, token)
        .then(
          (r) => ({ status: r.status, name: r.body.data?.createAgency?.name as string | undefined, errors: r.body.errors, failure: undefined as string | undefined }),
          (e: NodeJS.ErrnoException) => ({ status: 0, name: undefined, errors: undefined, failure: e.code ?? e.message }),
        )
        .finally(() => (settled[i] = true)),
    );
    // All 30 received and waiting on the lock (each is one waiting INSERT); bounded polling of a real signal.
    let waiting = 0;
    for (const deadline = Date.now() + 30_000; Date.now() < deadline && waiting < 30; ) {
      waiting = Number((await db.query(`SELECT count(*) AS n FROM pg_locks WHERE relation = 'agency'::regclass AND NOT granted`)).rows[0].n);
    }
    expect(waiting).toBe(30);

    child.kill('SIGTERM');
    // 1. Readiness turns 503 while the listener still accepts (SHUTDOWN_DELAY_MS).
    let ready = 200;
    for (let i = 0; i < 200 && ready === 200; i++) ready = (await get(port, '/readyz')).status;
    expect(ready).toBe(503);
    await out.waitForLog('stopping: draining in-flight requests', 5_000);
    // 2. Then the listener closes: new connections are refused.
    let attempt: 'refused' | 'accepted' = 'accepted';
    // Bounded by time, not by a count of tries: loopback connects take well under a millisecond, so a
    // count could run out inside SHUTDOWN_DELAY_MS on a quiet machine.
    for (const deadline = Date.now() + 15_000; Date.now() < deadline && attempt === 'accepted'; ) attempt = await tryConnect(port);
    expect(attempt).toBe('refused');
    // 3. The idle keep-alive connection is closed by the hub (not left to time out).
    await idle.closed;
    // Nothing answered yet: the 30 are still inside PostgreSQL.
    expect(settled.filter(Boolean)).toHaveLength(0);
    expect(out.exitCode).toBeUndefined();

    await db.query('COMMIT');
    const results = await Promise.all(answers);
    // 30 answered, 0 connection resets or other socket errors, 0 GraphQL errors.
    expect(results.filter((r) => r.failure)).toEqual([]);
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(results.map((r) => r.status)).toEqual(names.map(() => 200));
    expect(results.map((r) => r.name)).toEqual(names);

    expect(await out.waitForExit(20_000)).toBe(0);
    expect(out.lines.some((l) => l.json?.msg === 'stopped cleanly')).toBe(true);
    expect(out.lines.some((l) => l.json?.msg === 'connections cut at the shutdown timeout')).toBe(false);

    // Each committed exactly once: 30 rows, one per name, and 30 audit entries.
    const rows = await db.query(`SELECT name, count(*)::int AS n FROM agency WHERE name LIKE 'Stop test agency %' GROUP BY name ORDER BY name`);
    expect(rows.rows).toEqual(names.map((name) => ({ name, n: 1 })));
    const audit = await db.query(`SELECT count(*)::int AS n FROM audit_log_entry WHERE operation = 'createAgency'`);
    expect(audit.rows[0].n).toBe(30);
  }, 120_000);
});

function get(port: number, path: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'GET', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode! }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A raw keep-alive connection with one answered request; `closed` resolves when the hub closes it (bounded). */
async function keepAliveConnection(port: number): Promise<{ closed: Promise<void> }> {
  const socket = net.connect({ host: '127.0.0.1', port });
  let text = '';
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('data', (d) => {
      text += d.toString();
      if (/\r\n\r\n[\s\S]*\}/.test(text)) resolve();
    });
    socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`);
  });
  expect(text).toMatch(/^HTTP\/1\.1 200/);
  const closed = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the idle keep-alive connection was not closed within 10 s')), 10_000);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return { closed };
}
