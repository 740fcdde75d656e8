import supertest from 'supertest';
import { createApp } from '../src/app';
import { createLogger } from '../src/common/logger';
import { ConfigError, loadConfig } from '../src/config/env';
import { createDataSource } from '../src/database/data-source';
import { HubMetrics } from '../src/common/metrics';
import { CountingSqlLogger } from '../src/common/sql-counter';
import { startHub, TEST_SECRET, TestHub } from './helpers/hub';

describe('operations', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(() => hub.close());

  it('answers /healthz (liveness) and /readyz (readiness) 200 while the database answers', async () => {
    const res = await hub.http().get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    const ready = await hub.http().get('/readyz');
    expect([ready.status, ready.body]).toEqual([200, { status: 'ready' }]);
  });

  it('answers /readyz 503 when the database does not, /healthz still 200 (no restart for an outage)', async () => {
    const ds = createDataSource({ url: 'postgres://nobody:nothing@127.0.0.1:1/none' });
    // Never initialised: every query fails as it would with the server down.
    const app = await createApp(ds, { isProduction: false, jwtSecret: TEST_SECRET, jwtExpiresIn: '1h', bcryptRounds: 4 }, createLogger('silent'));
    const res = await supertest(app.handler).get('/readyz');
    expect(res.status).toBe(503);
    expect((await supertest(app.handler).get('/healthz')).status).toBe(200);
    await app.stop();
  });

  it('serves Prometheus metrics: requests by root field and outcome, durations, pool use, PostgreSQL errors', async () => {
    const metrics = new HubMetrics();
    const app = await createApp(hub.ds, { isProduction: false, jwtSecret: TEST_SECRET, jwtExpiresIn: '1h', bcryptRounds: 4 }, createLogger('silent'), { metrics });
    metrics.watchPool(hub.ds);
    const post = (query: string, token?: string) => {
      const req = supertest(app.handler).post('/graphql').set('content-type', 'application/json');
      if (token) req.set('authorization', `Bearer ${token}`);
      return req.send({ query });
    };
    // Two answered queries, one refused for want of a token, one syntax error.
    const user = await hub.ds.query(`INSERT INTO app_user (email, name, password_hash, role) VALUES ($1, 'Metrics', 'x', 'ADMIN') RETURNING id`, [`metrics-${process.pid}@test.hub`]);
    const token = hub.tokenFor(user[0].id);
    await post('{ me { id } }', token);
    await post('{ me { id } }', token);
    await post('{ boards { id } }');
    await post('{ boards { id ');
    // A statement PostgreSQL refuses, through a DataSource logging to these metrics.
    const ds = createDataSource({ url: (hub.ds.options as { url: string }).url, logger: new CountingSqlLogger(undefined, metrics) });
    await ds.initialize();
    await ds.query('SELECT 1/0').catch(() => undefined);
    await ds.destroy();

    const res = await supertest(app.handler).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/^hub_graphql_requests_total\{operation="me",outcome="ok"\} 2$/m);
    expect(res.text).toMatch(/^hub_graphql_requests_total\{operation="boards",outcome="UNAUTHENTICATED"\} 1$/m);
    expect(res.text).toMatch(/^hub_graphql_requests_total\{operation="\(invalid\)",outcome="GRAPHQL_PARSE_FAILED"\} 1$/m);
    expect(res.text).toMatch(/^hub_graphql_request_duration_seconds_count\{operation="me",outcome="ok"\} 2$/m);
    expect(res.text).toMatch(/^hub_db_pool_connections\{pool="primary",state="total"\} \d+$/m);
    expect(res.text).toMatch(/^hub_db_errors_total\{sqlstate="22012"\} 1$/m);
    expect(res.text).toMatch(/^hub_process_cpu_seconds_total /m);
    await app.stop();
  });

  describe('in production mode', () => {
    let app: Awaited<ReturnType<typeof createApp>>;
    beforeAll(async () => {
      app = await createApp(hub.ds, { isProduction: true, jwtSecret: TEST_SECRET, jwtExpiresIn: '1h', bcryptRounds: 4 }, createLogger('silent'));
    });
    afterAll(() => app.stop());
    const post = (query: string) => supertest(app.handler).post('/graphql').set('content-type', 'application/json').send({ query });

    it('turns introspection off', async () => {
      const res = await post('{ __schema { types { name } } }');
      expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('hides field suggestions', async () => {
      const res = await post('{ boardz { id } }');
      expect(res.body.errors[0].message).not.toMatch(/Did you mean/);
    });

    it('refuses queries deeper than the limit', async () => {
      const deep = '{ boards { members { agency { memberships { board { members { agency { memberships { board { members { agency { memberships { board { id } } } } } } } } } } } } } }';
      const res = await post(deep);
      expect(res.body.errors[0].message).toMatch(/depth/i);
    });
  });

  describe('config', () => {
    it('refuses to start in production without a JWT secret and an admin, listing every problem', () => {
      let err: unknown;
      try {
        loadConfig({ NODE_ENV: 'production', PORT: 'eighty' });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/JWT_SECRET/);
      expect(problems).toMatch(/ADMIN_EMAIL/);
      expect(problems).toMatch(/ADMIN_PASSWORD/);
    });

    it('accepts a complete production configuration', () => {
      const c = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://hub:s@db:5432/hub', JWT_SECRET: 'x'.repeat(40), ADMIN_EMAIL: 'a@b.org', ADMIN_PASSWORD: 'long-enough-password' });
      expect(c).toMatchObject({ isProduction: true, port: 4000, jwtSecretGenerated: false, seedDemo: false, admin: { email: 'a@b.org', generated: false } });
      expect(c).toMatchObject({ pgBouncer: false, replicaUrls: [], dbPoolSize: 10, shutdownDelayMs: 0, shutdownTimeoutMs: 10_000, metrics: true });
    });

    it('refuses production without DATABASE_URL unless EMBEDDED_DATABASE=true says so', () => {
      const base = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ADMIN_EMAIL: 'a@b.org', ADMIN_PASSWORD: 'long-enough-password' };
      expect(() => loadConfig(base)).toThrow(/DATABASE_URL: required in production/);
      expect(loadConfig({ ...base, EMBEDDED_DATABASE: 'true' }).databaseUrl).toBeUndefined();
      // Development starts the embedded one without being asked.
      expect(loadConfig({}).databaseUrl).toBeUndefined();
    });

    it('reads the PgBouncer mode, replicas, pool size and stop timings', () => {
      const c = loadConfig({ PGBOUNCER: 'true', DATABASE_REPLICA_URLS: 'postgres://r1/hub, postgres://r2/hub', DB_POOL_SIZE: '25', SHUTDOWN_DELAY_MS: '5000', SHUTDOWN_TIMEOUT_MS: '20000', METRICS: 'false' });
      expect(c).toMatchObject({ pgBouncer: true, replicaUrls: ['postgres://r1/hub', 'postgres://r2/hub'], dbPoolSize: 25, shutdownDelayMs: 5000, shutdownTimeoutMs: 20000, metrics: false });
      expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'not a url' })).toThrow(ConfigError);
      expect(() => loadConfig({ PGBOUNCER: 'yes' })).toThrow(ConfigError);
    });

    it('generates a development secret and admin, and seeds the demo', () => {
      const c = loadConfig({});
      expect(c).toMatchObject({ nodeEnv: 'development', jwtSecretGenerated: true, seedDemo: true, admin: { generated: true } });
      expect(c.jwtSecret.length).toBeGreaterThanOrEqual(32);
    });
  });
});
