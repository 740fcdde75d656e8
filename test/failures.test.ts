import net from 'node:net';
import { Client } from 'pg';
import pino from 'pino';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { App, createApp } from '../src/app';
import { MeetingStatus, UserRole } from '../src/common/enums';
import { createLogger } from '../src/common/logger';
import { loadConfig } from '../src/config/env';
import { createDataSource } from '../src/database/data-source';
import { Factories, factories, signedIn, TEST_PASSWORD } from './helpers/factories';
import { QueryCounter, startHub, TEST_SECRET, TestHub } from './helpers/hub';

const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`;
const RECORD = `mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { id status } }`;

/** A TCP hop in front of PostgreSQL that can be cut (every connection reset, the port closed) and restored. */
async function cuttableProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(target.toString());
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    port,
    async cut() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
    async restore() {
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    async close() {
      if (server.listening) await this.cut();
    },
  };
}

/** A pino logger whose lines the test can read. */
function capturingLogger() {
  const lines: Record<string, any>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

const urlOf = (hub: TestHub) => (hub.ds.options as { url: string }).url;

const devConfig = { isProduction: false, jwtSecret: TEST_SECRET, jwtExpiresIn: '1h', bcryptRounds: 4 };

describe('failures answered cleanly', () => {
  let hub: TestHub;
  let f: Factories;
  beforeAll(async () => {
    hub = await startHub();
    f = factories(hub.ds);
  });
  afterAll(() => hub.close());

  describe('while PostgreSQL is unreachable', () => {
    let proxy: Awaited<ReturnType<typeof cuttableProxy>>;
    let ds: DataSource;
    let dev: App;
    let prod: App;
    let log: ReturnType<typeof capturingLogger>;
    let coordinator: { token: string; email: string; boardId: string };

    beforeAll(async () => {
      proxy = await cuttableProxy(new URL(urlOf(hub)));
      ds = createDataSource({ url: proxy.url, poolSize: 3, acquireTimeoutMs: 2000, logger: new QueryCounter() });
      await ds.initialize();
      log = capturingLogger();
      dev = await createApp(ds, devConfig, log.logger);
      prod = await createApp(ds, { ...devConfig, isProduction: true }, createLogger('silent'));
      const board = await f.board();
      const signed = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
      coordinator = { token: signed.token, email: signed.user.email, boardId: board.id };
    });
    afterAll(async () => {
      await dev.stop();
      await prod.stop();
      await ds.destroy().catch(() => undefined);
      await proxy.close();
    });

    const ask = (app: App, body: object, token?: string) => {
      const req = supertest(app.handler).post('/graphql').set('content-type', 'application/json');
      if (token) req.set('authorization', `Bearer ${token}`);
      return req.send(body);
    };

    it('answers 503 SERVICE_UNAVAILABLE without host or port, then serves again once it is back', async () => {
      const board = { query: `query($id: ID!) { board(id: $id) { id name } }`, variables: { id: coordinator.boardId } };
      expect((await ask(dev, board, coordinator.token)).body.data.board.id).toBe(coordinator.boardId);

      await proxy.cut();
      const answers = [
        // The context fails (the token's user cannot be loaded) ...
        ['board, signed in, development', await ask(dev, board, coordinator.token)],
        ['board, signed in, production', await ask(prod, board, coordinator.token)],
        ['register, signed in', await ask(dev, { query: RECORD, variables: { i: { meetingId: '00000000-0000-4000-8000-000000000000', records: [{ agencyId: '00000000-0000-4000-8000-000000000000', status: 'PRESENT' }] } } }, coordinator.token)],
        // ... or the resolver does (signing in needs no token but reads the user).
        ['signIn, development', await ask(dev, { query: SIGN_IN, variables: { e: coordinator.email, p: TEST_PASSWORD } })],
        ['signIn, production', await ask(prod, { query: SIGN_IN, variables: { e: coordinator.email, p: TEST_PASSWORD } })],
      ] as const;
      for (const [what, res] of answers) {
        const text = JSON.stringify(res.body);
        expect({ what, status: res.status, code: res.body.errors?.[0]?.extensions?.code }).toEqual({ what, status: 503, code: 'SERVICE_UNAVAILABLE' });
        for (const leak of ['127.0.0.1', 'localhost', `:${proxy.port}`, String(proxy.port), 'ECONNREFUSED', 'stacktrace', 'Connection terminated']) {
          expect({ what, leak, found: text.includes(leak) }).toEqual({ what, leak, found: false });
        }
      }
      // A document that merely names a network error is still the client's mistake, database or not.
      const named = await ask(dev, { query: '{ ECONNREFUSED }' });
      expect([named.status, named.body.errors[0].extensions.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
      const report = await supertest(dev.handler).get(`/boards/${coordinator.boardId}/annual-report?from=2024-01-01&to=2024-12-31`).set('authorization', `Bearer ${coordinator.token}`);
      expect([report.status, report.body.errors[0].extensions.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
      expect(JSON.stringify(report.body)).not.toMatch(/127\.0\.0\.1|ECONN/);
      expect((await supertest(dev.handler).get('/readyz')).status).toBe(503);
      expect((await supertest(dev.handler).get('/healthz')).status).toBe(200);

      await proxy.restore();
      // The pool drops the dead connections and opens new ones: bounded tries, no fixed sleep.
      let back = false;
      for (let i = 0; i < 20 && !back; i++) back = (await ask(dev, board, coordinator.token)).body.data?.board?.id === coordinator.boardId;
      expect(back).toBe(true);
      const graphqlLines = log.lines.filter((l) => l.msg === 'graphql request');
      expect(graphqlLines.filter((l) => l.status === 503).length).toBe(3);
    });
  });

  it('answers 503 when no pooled connection frees up within the acquire timeout', async () => {
    const url = urlOf(hub);
    const ds = createDataSource({ url, poolSize: 1, acquireTimeoutMs: 300, logger: new QueryCounter() });
    await ds.initialize();
    const app = await createApp(ds, devConfig, createLogger('silent'));
    const held = ds.createQueryRunner();
    await held.connect();
    try {
      const started = Date.now();
      const res = await supertest(app.handler).post('/graphql').set('content-type', 'application/json').send({ query: SIGN_IN, variables: { e: 'nobody@test.hub', p: 'whatever' } });
      expect([res.status, res.body.errors[0].extensions.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await held.release();
      await app.stop();
      await ds.destroy();
    }
  });

  it('answers 503 when a statement outlives the statement timeout (here: a register waiting on a locked meeting)', async () => {
    const url = urlOf(hub);
    const ds = createDataSource({ url, poolSize: 2, statementTimeoutMs: 300, logger: new QueryCounter() });
    await ds.initialize();
    const app = await createApp(ds, devConfig, createLogger('silent'));
    const board = await f.board();
    const agency = await f.agency();
    await f.membership(agency.id, { boardId: board.id });
    const meeting = await f.meeting({ boardId: board.id }, '2024-05-01', MeetingStatus.SCHEDULED);
    const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    const locker = new Client({ connectionString: url });
    await locker.connect();
    try {
      expect((await ds.query(`SHOW statement_timeout`))[0].statement_timeout).toBe('300ms');
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM meeting WHERE id = $1 FOR UPDATE', [meeting.id]);
      const started = Date.now();
      const res = await supertest(app.handler)
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('authorization', `Bearer ${coordinator.token}`)
        .send({ query: RECORD, variables: { i: { meetingId: meeting.id, records: [{ agencyId: agency.id, status: 'PRESENT' }] } } });
      expect([res.status, res.body.errors[0].extensions.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
      expect(res.body.errors[0].message).toMatch(/too long/);
      expect(Date.now() - started).toBeLessThan(5000);
      await locker.query('ROLLBACK');
      // Nothing was written; once the lock is gone the same register goes through.
      const again = await supertest(app.handler)
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('authorization', `Bearer ${coordinator.token}`)
        .send({ query: RECORD, variables: { i: { meetingId: meeting.id, records: [{ agencyId: agency.id, status: 'PRESENT' }] } } });
      expect(again.body.data.recordAttendance.status).toBe('HELD');
    } finally {
      await locker.end();
      await app.stop();
      await ds.destroy();
    }
  });

  it('reads the timeouts from the environment, with defaults of 15 s and 5 s', () => {
    expect(loadConfig({})).toMatchObject({ dbStatementTimeoutMs: 15000, dbAcquireTimeoutMs: 5000 });
    expect(loadConfig({ DB_STATEMENT_TIMEOUT_MS: '30000', DB_ACQUIRE_TIMEOUT_MS: '1000' })).toMatchObject({ dbStatementTimeoutMs: 30000, dbAcquireTimeoutMs: 1000 });
    expect(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: 'soon' })).toThrow(/DB_STATEMENT_TIMEOUT_MS/);
  });

  it('logs every request, refused ones included, one line each with its status and the request id it answered with', async () => {
    const log = capturingLogger();
    const app = await createApp(hub.ds, devConfig, log.logger);
    try {
      const http = () => supertest(app.handler);
      const sent = [
        await http().post('/graphql').set('content-type', 'application/json').send({ query: '{ __typename }' }),
        await http().post('/graphql').set('content-type', 'application/json').send({ query: '{ boards { id ' }),
        await http().post('/graphql').set('content-type', 'application/json').send('{"query": '),
        await http().post('/graphql').set('content-type', 'text/plain').send('{ __typename }'),
        await http().post('/graphql').set('content-type', 'application/json').send({ query: `{ ${'__typename '.repeat(6000)}}` }),
        await http().post('/graphql').set('content-type', 'application/json').send({ query: 'x'.repeat(1_100_000) }),
        await http().post('/graphql').set('content-type', 'application/json').set('authorization', 'Bearer nonsense').send({ query: '{ me { id } }' }),
        await http().post('/graphql').set('content-type', 'application/json').send({ query: 'mutation($n: String!) { signIn(email: $n, password: "x") { token } }', variables: { n: 'a\u0000' } }),
        await http().put('/graphql').set('content-type', 'application/json').send({ query: '{ __typename }' }),
      ];
      expect(sent.map((r) => r.status)).toEqual([200, 400, 400, 400, 400, 413, 401, 200, 405]);
      const lines = log.lines.filter((l) => l.msg === 'graphql request');
      expect(lines.map((l) => l.status)).toEqual(sent.map((r) => r.status));
      expect(lines.map((l) => l.requestId)).toEqual(sent.map((r) => r.headers['x-request-id']));
      expect(lines.map((l) => l.outcome)).toEqual(['ok', 'error', 'error', 'error', 'error', 'error', 'error', 'error', 'error']);
      expect(lines[1].errorCodes).toEqual(['GRAPHQL_PARSE_FAILED']);
      expect(lines[2].errorCodes).toEqual(['BAD_REQUEST']);
      expect(lines[4].errorCodes).toEqual(['GRAPHQL_PARSE_FAILED']);
      expect(lines[6].errorCodes).toEqual(['UNAUTHENTICATED']);
      expect(lines[7].errorCodes).toEqual(['BAD_USER_INPUT']);
      expect(sent[4].body.errors[0].message).toMatch(/more th\w+ 5000 tokens/);
    } finally {
      await app.stop();
    }
  });
});
