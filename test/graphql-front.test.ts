import pino from 'pino';
import supertest from 'supertest';
import { App, createApp } from '../src/app';
import { DataSource } from 'typeorm';
import { UserRole } from '../src/common/enums';
import { CountingSqlLogger } from '../src/common/sql-counter';
import { createDataSource } from '../src/database/data-source';
import { factories, Factories } from './helpers/factories';
import { startHub, TEST_SECRET, TestHub } from './helpers/hub';

const ORIGIN = 'https://front-end.test';
// Production: no stack traces in answers, which name the code path that threw.
const config = { isProduction: true, jwtSecret: TEST_SECRET, jwtExpiresIn: '1h', bcryptRounds: 4, corsOrigins: [ORIGIN] };

/**
 * Issue 17: the common GraphQL request (POST /graphql, plain JSON, no Origin, no Idempotency-Key)
 * skips Express (src/common/graphql-front.ts). The same request with an Origin header still goes
 * through Express, so each case here is sent both ways and must get the same answer and log line.
 */
describe('the GraphQL front', () => {
  let hub: TestHub;
  let f: Factories;
  let app: App;
  let ds: DataSource;
  let lines: Record<string, any>[];
  let express: jest.SpyInstance;

  beforeAll(async () => {
    hub = await startHub();
    f = factories(hub.ds);
    lines = [];
    // Its own DataSource counting statements per request, as the hub's does (the test hub's counts them all together).
    ds = createDataSource({ url: (hub.ds.options as { url: string }).url, logger: new CountingSqlLogger() });
    await ds.initialize();
    app = await createApp(ds, config, pino({ level: 'info' }, { write: (l: string) => void lines.push(JSON.parse(l)) }));
    // Express's app function hands every request to app.handle: what reaches it went through Express.
    express = jest.spyOn(app.app as unknown as { handle: (...args: unknown[]) => void }, 'handle');
  });
  afterAll(async () => {
    await app.stop();
    await ds.destroy();
    await hub.close();
  });

  /** The same request through the front and (with an allowed Origin) through Express: status, body, content type, log line, and which path took it. */
  async function bothWays(send: (r: supertest.Test) => supertest.Test, path = '/graphql') {
    const answers = [];
    for (const origin of [undefined, ORIGIN]) {
      express.mockClear();
      const mark = lines.length;
      let req = supertest(app.handler).post(path);
      if (origin) req = req.set('origin', origin);
      const res = await send(req);
      // The log line is written when the answer has gone: wait for it, not for a fixed time.
      for (let i = 0; i < 50 && !lines.slice(mark).some((l) => l.msg === 'graphql request'); i++) await new Promise((r) => setImmediate(r));
      const line = lines.slice(mark).find((l) => l.msg === 'graphql request');
      answers.push({
        status: res.status,
        body: res.text,
        type: res.headers['content-type'],
        requestId: res.headers['x-request-id'] === line?.requestId,
        log: line && { operation: line.operation, outcome: line.outcome, errorCodes: line.errorCodes, status: line.status, sqlStatements: line.sqlStatements, user: line.user },
        viaExpress: express.mock.calls.length > 0,
      });
    }
    expect(answers.map((a) => a.viaExpress)).toEqual([false, true]);
    const [front, viaExpress] = answers.map(({ viaExpress: _, ...rest }) => rest);
    expect(front).toEqual(viaExpress);
    return front;
  }

  it('answers a signed-in query as Express did, with the statement count and user on its log line', async () => {
    const board = await f.board({ name: 'Front SCP' });
    const user = await f.user(UserRole.VIEWER, { boardIds: [board.id] });
    const token = hub.tokenFor(user.id);
    const a = await bothWays((r) =>
      r.set('content-type', 'application/json').set('authorization', `Bearer ${token}`).send({ query: 'query Front($id: ID!) { board(id: $id) { id name } }', variables: { id: board.id } }),
    );
    expect(a.status).toBe(200);
    expect(JSON.parse(a.body)).toEqual({ data: { board: { id: board.id, name: 'Front SCP' } } });
    expect(a.type).toBe('application/json; charset=utf-8');
    expect(a.requestId).toBe(true);
    expect(a.log).toMatchObject({ operation: 'Front', outcome: 'ok', status: 200, user: user.id });
    // Counted in the request's scope, which the front carries across reading the body.
    expect(a.log!.sqlStatements).toBeGreaterThanOrEqual(1);
  });

  it('reads and refuses bodies as body-parser did: not JSON, not strict JSON, too large, blank, a byte order mark; an empty body is Apollo\'s to refuse', async () => {
    const json = (body: string) => (r: supertest.Test) => r.set('content-type', 'application/json').send(body);
    const broken = await bothWays(json('{"query": '));
    expect([broken.status, JSON.parse(broken.body).errors[0].extensions.code, broken.log!.errorCodes]).toEqual([400, 'BAD_REQUEST', ['BAD_REQUEST']]);
    const scalar = await bothWays(json('"{ __typename }"'));
    expect([scalar.status, JSON.parse(scalar.body).errors[0].message]).toEqual([400, 'The request body is not valid JSON']);
    const large = await bothWays(json(JSON.stringify({ query: `{ __typename } #${'x'.repeat(1024 * 1024)}` })));
    expect([large.status, JSON.parse(large.body).errors[0].message, large.log!.errorCodes]).toEqual([413, 'The request body is too large', ['BAD_REQUEST']]);
    const empty = await bothWays(json(''));
    expect(empty.status).toBe(400);
    const batch = await bothWays(json('[{"query": "{ __typename }"}]'));
    expect(batch.status).toBe(400);
    const blank = await bothWays(json(' \n '));
    expect([blank.status, JSON.parse(blank.body).errors[0].message]).toEqual([400, 'The request body is not valid JSON']);
    const marked = await bothWays(json('\uFEFF{"query": "{ __typename }"}'));
    expect([marked.status, JSON.parse(marked.body)]).toEqual([200, { data: { __typename: 'Query' } }]);
  });

  it('leaves to Express what it does not take: another content type or path, a GET, an Idempotency-Key', async () => {
    for (const send of [
      () => supertest(app.handler).post('/graphql').set('content-type', 'text/plain').send('{ __typename }'),
      () => supertest(app.handler).post('/graphql').set('content-type', 'application/json; charset=utf-16').send('{}'),
      () => supertest(app.handler).get('/graphql?query=%7B__typename%7D').set('apollo-require-preflight', 'true'),
      () => supertest(app.handler).post('/graphql').set('content-type', 'application/json').set('idempotency-key', 'front-test-1').send({ query: '{ __typename }' }),
      () => supertest(app.handler).post('/graphql/x').set('content-type', 'application/json').send({ query: '{ __typename }' }),
    ]) {
      express.mockClear();
      await send();
      expect(express).toHaveBeenCalledTimes(1);
    }
  });
});
