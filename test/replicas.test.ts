import { Client } from 'pg';
import { migrations } from '../migrations';
import { emptyDatabase, ensureBuilt, post, SpawnedHub, spawnCompiledHub } from './helpers/process';
import { pgbouncerBinary, RunningPgBouncer, startPgBouncer } from './helpers/pgbouncer';

const ADMIN = { ADMIN_EMAIL: 'admin@replicas.test', ADMIN_PASSWORD: 'admin-password-1', JWT_SECRET: 'r'.repeat(40) };

async function stopAll(hubs: SpawnedHub[]): Promise<(number | null)[]> {
  for (const h of hubs) if (h.child.exitCode === null) h.child.kill('SIGTERM');
  return Promise.all(hubs.map((h) => h.out.waitForExit(30_000)));
}

/**
 * The smoke set: sign-in, reads (the aggregate queries that are named prepared statements on a
 * direct connection), a mutation, and the read of what it wrote. Returns every failure it saw.
 */
async function smoke(port: number, round: number): Promise<string[]> {
  const failures: string[] = [];
  const check = (what: string, r: { status: number; body: any }) => {
    if (r.status !== 200 || r.body.errors) failures.push(`${what}: ${r.status} ${JSON.stringify(r.body.errors ?? r.body)}`);
    return r.body.data;
  };
  const signIn = check('signIn', await post(port, { query: 'mutation { signIn(email: "coordinator.llr@demo.hub", password: "demo-password") { token } }' }));
  const token = signIn?.signIn?.token as string | undefined;
  if (!token) return failures;
  const boards = check('boards', await post(port, { query: '{ boards { id name attendance(from: "2014-04-01", to: "2015-03-31") { meetingsHeld overallRate byAgency { agency { name } rate } } meetings(from: "2014-04-01", to: "2015-03-31", first: 5) { nodes { id status quorate } } } }' }, token));
  check('me', await post(port, { query: '{ me { email boards { name } canManageBoardIds } }' }, token));
  check('agencies', await post(port, { query: '{ agencies(first: 20) { nodes { id name memberships { role } } } }' }, token));
  const boardId = boards?.boards?.[0]?.id as string | undefined;
  if (!boardId) return failures;
  const created = check(
    'scheduleMeeting',
    await post(port, { query: 'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id title status } }', variables: { input: { boardId, date: '2030-01-15', title: `Smoke ${round}` } } }, token),
  );
  const meetingId = created?.scheduleMeeting?.id as string | undefined;
  const read = check('board after the mutation', await post(port, { query: `{ board(id: "${boardId}") { meetings(from: "2030-01-01", to: "2030-12-31", first: 100) { nodes { id title } } } }` }, token));
  if (meetingId && !read?.board?.meetings?.nodes?.some((m: { id: string }) => m.id === meetingId)) failures.push(`round ${round}: the scheduled meeting was not read back`);
  return failures;
}

/**
 * Several replicas on one database: three compiled hubs started together on an empty database
 * queue on the start-up advisory lock, so one migrates, creates the admin and seeds, and the others
 * find it done; all three serve the same data.
 */
describe('three hubs started together on an empty database', () => {
  const hubs: SpawnedHub[] = [];
  afterAll(() => {
    for (const h of hubs) if (h.child.exitCode === null) h.child.kill('SIGKILL');
  });

  it('all three serve; migrations, admin and demo data exist once', async () => {
    ensureBuilt();
    const url = await emptyDatabase('three');
    for (let i = 0; i < 3; i++) hubs.push(spawnCompiledHub({ DATABASE_URL: url, SEED_DEMO: 'true', ...ADMIN }));
    const ports = await Promise.all(hubs.map(async (h) => (JSON.parse(await h.out.waitForLog('listening', 90_000)) as { port: number }).port));
    expect(new Set(ports).size).toBe(3);

    for (const port of ports) expect(await smoke(port, port)).toEqual([]);
    const logged = (msg: string) => hubs.filter((h) => h.out.lines.some((l) => l.json?.msg === msg)).length;
    // Exactly one applied the migrations and loaded the demo; the admin was created once, then found.
    expect(logged('migrations applied')).toBe(1);
    expect(logged('demo data loaded into the empty database')).toBe(1);
    const outcomes = hubs.flatMap((h) => h.out.lines.filter((l) => l.json?.msg === 'admin account ready').map((l) => l.json!.outcome)).sort();
    expect(outcomes).toEqual(['created', 'reset', 'reset']);

    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      const one = async (text: string) => Number((await db.query(text)).rows[0].n);
      expect(await one('SELECT count(*) AS n FROM migrations')).toBe(migrations.length);
      expect(await one(`SELECT count(*) AS n FROM app_user WHERE email = 'admin@replicas.test'`)).toBe(1);
      expect(await one(`SELECT count(*) AS n FROM app_user WHERE email = 'coordinator.llr@demo.hub'`)).toBe(1);
      expect(await one(`SELECT count(*) - count(DISTINCT lower(name)) AS n FROM board`)).toBe(0);
    } finally {
      await db.end();
    }
    expect(await stopAll(hubs)).toEqual([0, 0, 0]);
  }, 180_000);
});

const bouncer = pgbouncerBinary();
if ('missing' in bouncer) {
  // A visible notice, not a silent pass.
  console.warn(`SKIPPED: the PgBouncer transaction-mode test needs Debian's pgbouncer package (${bouncer.missing})`);
}
const withBouncer = 'path' in bouncer ? describe : describe.skip;

withBouncer('behind a real PgBouncer in transaction mode', () => {
  let pgb: RunningPgBouncer | undefined;
  const hubs: SpawnedHub[] = [];
  afterAll(async () => {
    for (const h of hubs) if (h.child.exitCode === null) h.child.kill('SIGKILL');
    await pgb?.stop();
  });

  it('PGBOUNCER=true passes the smoke set 10 rounds over (server connections shared); without it the hub refuses to start', async () => {
    ensureBuilt();
    const url = await emptyDatabase('bouncer');
    pgb = await startPgBouncer((bouncer as { path: string }).path, url, { poolSize: 3 });

    // Without the mode: the statement timeout is a startup parameter, which PgBouncer refuses.
    const plain = spawnCompiledHub({ DATABASE_URL: pgb.url, SEED_DEMO: 'true', DB_ACQUIRE_TIMEOUT_MS: '3000', ...ADMIN });
    hubs.push(plain);
    expect(await plain.out.waitForExit(60_000)).not.toBe(0);
    expect(plain.out.text).toMatch(/unsupported startup parameter: statement_timeout/);

    // Two hubs in PgBouncer mode, started together (the start-up lock works through PgBouncer too).
    const env = { DATABASE_URL: pgb.url, PGBOUNCER: 'true', SEED_DEMO: 'true', DB_POOL_SIZE: '8', ...ADMIN };
    const pair = [spawnCompiledHub(env), spawnCompiledHub(env)];
    hubs.push(...pair);
    const ports = await Promise.all(pair.map(async (h) => (JSON.parse(await h.out.waitForLog('listening', 90_000)) as { port: number }).port));

    // 10 rounds × 2 hubs × 6 requests, each round's requests to both hubs at once: 120 requests.
    const failures: string[] = [];
    for (let round = 0; round < 10; round++) {
      const results = await Promise.all(ports.map((port, i) => smoke(port, round * 2 + i)));
      failures.push(...results.flat());
    }
    expect(failures).toEqual([]);
    const internal = pair.flatMap((h) => h.out.lines.filter((l) => l.json?.msg === 'unexpected error'));
    expect(internal).toEqual([]);
    expect(await stopAll(pair)).toEqual([0, 0]);
  }, 240_000);
});
