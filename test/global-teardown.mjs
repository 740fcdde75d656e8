import pg from 'pg';

export default async function globalTeardown() {
  if (globalThis.__HUB_TEST_ADMIN_URL__) {
    const client = new pg.Client({ connectionString: globalThis.__HUB_TEST_ADMIN_URL__ });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${globalThis.__HUB_TEST_DB__} WITH (FORCE)`);
    // Tests that need an empty database of their own (startHub({ freshDatabase })) name it after the same run.
    const suffix = globalThis.__HUB_TEST_DB__.replace(/^hub_test_/, '');
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`%\\_${suffix}`]);
    for (const { datname } of rows) if (/^hub_\w+$/.test(datname)) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await client.end();
  }
  if (globalThis.__EMBEDDED_PG__) await globalThis.__EMBEDDED_PG__.stop();
}
