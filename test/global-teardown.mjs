import pg from 'pg';

export default async function globalTeardown() {
  if (globalThis.__HUB_TEST_ADMIN_URL__) {
    const client = new pg.Client({ connectionString: globalThis.__HUB_TEST_ADMIN_URL__ });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${globalThis.__HUB_TEST_DB__} WITH (FORCE)`);
    await client.end();
  }
  if (globalThis.__EMBEDDED_PG__) await globalThis.__EMBEDDED_PG__.stop();
}
