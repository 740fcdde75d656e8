import { readFileSync } from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import supertest from 'supertest';
import { DataSource, Logger } from 'typeorm';
import { App, AppConfig, createApp } from '../../src/app';
import { Clock } from '../../src/common/clock';
import { createLogger } from '../../src/common/logger';
import { createDataSource } from '../../src/database/data-source';

/** Counts the SQL statements the hub sends, so tests can pin the number per query shape. */
export class QueryCounter implements Logger {
  count = 0;
  statements: string[] = [];
  logQuery(query: string): void {
    if (/^(START TRANSACTION|COMMIT|ROLLBACK|BEGIN)/i.test(query.trim())) return;
    this.count += 1;
    this.statements.push(query);
  }
  reset(): void {
    this.count = 0;
    this.statements = [];
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export const TEST_SECRET = 'test-secret-that-is-at-least-32-characters-long';

export interface GqlResult<T = any> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: string[] }[];
  status: number;
}

export interface TestHub {
  ds: DataSource;
  /** The database's URL (for a second connection, e.g. the job queue). */
  url: string;
  app: App;
  counter: QueryCounter;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  http(): supertest.Agent;
  tokenFor(userId: string): string;
  close(): Promise<void>;
}

function testDatabaseUrl(): string {
  return process.env.HUB_TEST_DATABASE_URL ?? readFileSync(path.resolve(__dirname, '../../.data/test-db-url'), 'utf8').trim();
}

/** The real app over a real PostgreSQL, migrated to the latest schema; no listen, supertest drives it. */
export async function startHub(o: { freshDatabase?: string; unlimitedQueries?: boolean; config?: Partial<AppConfig>; clock?: Clock } = {}): Promise<TestHub> {
  const counter = new QueryCounter();
  let url = testDatabaseUrl();
  if (o.freshDatabase) url = await createFreshDatabase(url, `${o.freshDatabase}_${process.pid}`);
  const ds = createDataSource({ url, logger: counter, poolSize: 5 });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  const app = await createApp(
    ds,
    {
      isProduction: false,
      jwtSecret: TEST_SECRET,
      jwtExpiresIn: '1h',
      bcryptRounds: 4,
      queryLimits: o.unlimitedQueries ? 'off' : 'on',
      // Off by default, so statement counts do not depend on which request came first; on in
      // test/signed-in-cache.test.ts, and HUB_TEST_AUTH_CACHE_MS runs any file with it on.
      authCacheMs: Number(process.env.HUB_TEST_AUTH_CACHE_MS ?? 0),
      // graphql-jit as in production; HUB_TEST_GRAPHQL_JIT=false runs any file through graphql-js.
      graphqlJit: process.env.HUB_TEST_GRAPHQL_JIT !== 'false',
      ...o.config,
    },
    createLogger('silent'),
    { clock: o.clock },
  );
  const http = () => supertest(app.handler);
  return {
    ds,
    url,
    app,
    counter,
    http,
    async gql(query, variables, token) {
      const req = http().post('/graphql').set('content-type', 'application/json');
      if (token) req.set('authorization', `Bearer ${token}`);
      const res = await req.send({ query, variables });
      return { ...(res.body ?? {}), status: res.status };
    },
    tokenFor(userId: string) {
      return jwt.sign({}, TEST_SECRET, { subject: userId, expiresIn: '1h', algorithm: 'HS256' });
    },
    async close() {
      await app.stop();
      await ds.destroy();
    },
  };
}

/** A database of its own, for tests that need an empty one (the demo seed loads only into an empty database). */
async function createFreshDatabase(url: string, name: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return fresh.toString();
}

/** The code of the first error, for terse assertions. */
export function codeOf(result: GqlResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}
