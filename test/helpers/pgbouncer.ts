import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/database/embedded';

const CANDIDATES = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer', '/usr/local/bin/pgbouncer'];

function found(): string | undefined {
  return CANDIDATES.find((p) => existsSync(p));
}

/**
 * Debian's pgbouncer binary, installed with apt-get when absent (as .ci/run does). Returns the path,
 * or the reason it cannot be had, so the test can skip with a visible notice.
 */
export function pgbouncerBinary(): { path: string } | { missing: string } {
  const have = found();
  if (have) return { path: have };
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return { missing: 'pgbouncer is not installed and apt-get is not available to root here' };
  try {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'pgbouncer'], { stdio: 'pipe', timeout: 300_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch {
    try {
      execFileSync('apt-get', ['update'], { stdio: 'pipe', timeout: 300_000 });
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'pgbouncer'], { stdio: 'pipe', timeout: 300_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    } catch (again) {
      return { missing: `apt-get install pgbouncer failed: ${(again as Error).message.split('\n')[0]}` };
    }
  }
  const now = found();
  return now ? { path: now } : { missing: 'apt-get ran but no pgbouncer binary was found' };
}

export interface RunningPgBouncer {
  url: string;
  stop(): Promise<void>;
  log(): string;
}

/**
 * A real PgBouncer in transaction mode in front of `serverUrl`, with a small server pool so client
 * connections share server connections (where a named prepared statement or a session setting breaks).
 */
export async function startPgBouncer(binary: string, serverUrl: string, o: { poolSize?: number } = {}): Promise<RunningPgBouncer> {
  const server = new URL(serverUrl);
  const dir = path.join(os.tmpdir(), `hub-pgbouncer-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  const port = await freePort();
  const user = decodeURIComponent(server.username);
  const password = decodeURIComponent(server.password);
  const database = server.pathname.slice(1);
  writeFileSync(path.join(dir, 'userlist.txt'), `"${user}" "${password}"\n`);
  writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `${database} = host=${server.hostname} port=${server.port} dbname=${database} user=${user} password=${password}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${path.join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${o.poolSize ?? 3}`,
      'max_client_conn = 500',
      // Reads outside a transaction are bounded here (the hub sets SET LOCAL statement_timeout inside its own).
      'query_timeout = 30',
      'server_reset_query =',
      'ignore_startup_parameters = extra_float_digits',
      `logfile = ${path.join(dir, 'pgbouncer.log')}`,
    ].join('\n') + '\n',
  );
  for (const f of ['userlist.txt', 'pgbouncer.ini']) chmodSync(path.join(dir, f), 0o644);
  // PgBouncer refuses to run as root: -u drops to the postgres user where we are root.
  const args = process.getuid?.() === 0 ? ['-u', 'postgres', path.join(dir, 'pgbouncer.ini')] : [path.join(dir, 'pgbouncer.ini')];
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  // Ready when it logs that it listens (bounded), or fail with its output.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pgbouncer did not start within 10 s:\n${output}`)), 10_000);
    const check = () => {
      if (/listening on 127\.0\.0\.1:\d+/.test(output) || /process up/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pgbouncer exited (${code}):\n${output}`));
    });
  });
  const url = new URL(serverUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    log: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}
