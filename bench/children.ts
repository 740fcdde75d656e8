import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** A server under test, run as a child process so its CPU and memory are its own. */
export interface ChildServer {
  name: string;
  url: string;
  proc: ChildProcess;
  /** Peak resident memory so far (VmHWM), in MiB. */
  peakMemoryMiB(): number | null;
  stop(): Promise<void>;
}

export function peakMemoryMiB(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv, url: string, ready: RegExp, onLine: (line: string) => void): Promise<ChildServer> {
  const proc = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const keep = (l: string) => {
    tail.push(l);
    if (tail.length > 40) tail.shift();
  };
  return new Promise((resolve, reject) => {
    let up = false;
    const timer = setTimeout(() => fail(new Error(`${name} did not start within 60 s`)), 60000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      proc.kill('SIGKILL');
      reject(new Error(`${e.message}\n--- ${name} output ---\n${tail.join('\n')}`));
    };
    const lines = (stream: NodeJS.ReadableStream) =>
      createInterface({ input: stream }).on('line', (l) => {
        keep(l);
        onLine(l);
        if (!up && ready.test(l)) {
          up = true;
          clearTimeout(timer);
          resolve({
            name,
            url,
            proc,
            peakMemoryMiB: () => peakMemoryMiB(proc.pid),
            stop: () => stopChild(proc),
          });
        }
      });
    lines(proc.stdout!);
    lines(proc.stderr!);
    proc.on('exit', (code) => {
      if (!up) fail(new Error(`${name} exited with code ${code} before it was ready`));
    });
  });
}

function stopChild(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => proc.kill('SIGKILL'), 20000);
    proc.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

export interface HubOptions {
  databaseUrl: string;
  port: number;
  adminEmail: string;
  adminPassword: string;
  /** Write a V8 CPU profile into this directory when the hub stops. */
  profileDir?: string;
  onLogLine: (line: string) => void;
}

/** The compiled production build, as deployed: `node dist/src/index.js` with NODE_ENV=production. */
export function startHub(o: HubOptions): Promise<ChildServer> {
  const entry = path.resolve('dist/src/index.js');
  const args = [...(o.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.profileDir}`] : []), entry];
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    PORT: String(o.port),
    DATABASE_URL: o.databaseUrl,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
    ADMIN_EMAIL: o.adminEmail,
    ADMIN_PASSWORD: o.adminPassword,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'info',
    // GRAPHQL_JIT=false npm run bench: the same build executing through graphql-js, to compare.
    ...(process.env.GRAPHQL_JIT ? { GRAPHQL_JIT: process.env.GRAPHQL_JIT } : {}),
  };
  return startChild('hub', args, env, `http://127.0.0.1:${o.port}/graphql`, /Partnership hub ready/, o.onLogLine);
}

/** PostGraphile 4 over the same database, as the owner (see postgraphile-server.ts: no GraphiQL, no query log). */
export function startPostGraphile(databaseUrl: string, port: number): Promise<ChildServer> {
  const args = [path.join(__dirname, 'postgraphile-server.js'), databaseUrl, String(port)];
  return startChild('postgraphile', args, { PATH: process.env.PATH, NODE_ENV: 'production' }, `http://127.0.0.1:${port}/graphql`, /PostGraphile listening/, () => undefined);
}
