import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { readFileSync } from 'node:fs';

export const root = path.resolve(__dirname, '../..');

export interface LogLine {
  msg?: string;
  [k: string]: unknown;
}

/**
 * The hub's output as events: every line it prints, parsed when it is a JSON log line. Waits are
 * bounded and end on a real signal (a line, the process's exit), never on a fixed sleep.
 */
export class HubOutput {
  text = '';
  lines: { line: string; json: LogLine | undefined }[] = [];
  private pending = '';
  private waiters: { test: (line: string, json: LogLine | undefined) => boolean; resolve: (line: string) => void }[] = [];
  private exitWaiters: ((code: number | null) => void)[] = [];
  exitCode: number | null | undefined = undefined;

  constructor(child: ChildProcess) {
    child.stdout!.on('data', (d: Buffer) => this.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => (this.text += d.toString()));
    child.on('exit', (code) => {
      this.exitCode = code;
      for (const w of this.exitWaiters.splice(0)) w(code);
    });
  }

  private push(chunk: string): void {
    this.text += chunk;
    this.pending += chunk;
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) >= 0) {
      const line = this.pending.slice(0, nl);
      this.pending = this.pending.slice(nl + 1);
      let json: LogLine | undefined;
      try {
        json = line.startsWith('{') ? (JSON.parse(line) as LogLine) : undefined;
      } catch {
        json = undefined;
      }
      this.lines.push({ line, json });
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(line, json)) return true;
        w.resolve(line);
        return false;
      });
    }
  }

  /** The first line (already printed or still to come) that passes `test`; fails on exit or after `ms`. */
  waitFor(what: string, test: (line: string, json: LogLine | undefined) => boolean, ms: number): Promise<string> {
    const seen = this.lines.find((l) => test(l.line, l.json));
    if (seen) return Promise.resolve(seen.line);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(`no ${what} within ${ms} ms`), ms);
      const fail = (why: string) => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`${why}; output so far:\n${this.text}`));
      };
      const waiter = {
        test,
        resolve: (line: string) => {
          clearTimeout(timer);
          resolve(line);
        },
      };
      this.waiters.push(waiter);
      this.exitWaiters.push((code) => {
        if (!this.waiters.includes(waiter)) return;
        clearTimeout(timer);
        fail(`the hub exited (${code}) before ${what}`);
      });
    });
  }

  waitForLog(msg: string, ms: number): Promise<string> {
    return this.waitFor(`log line "${msg}"`, (_line, json) => json?.msg === msg, ms);
  }

  waitForExit(ms: number): Promise<number | null> {
    if (this.exitCode !== undefined) return Promise.resolve(this.exitCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the hub did not exit within ${ms} ms; output:\n${this.text}`)), ms);
      this.exitWaiters.push((code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }
}


/** Compiles the hub into dist/ when a source is newer than the last build (scripts/build-if-stale.js, as `npm start` does). */
export function ensureBuilt(): void {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-if-stale.js')], { cwd: root, stdio: 'pipe' });
}

export interface SpawnedHub {
  child: ChildProcess;
  out: HubOutput;
}

/** The compiled hub (node dist/src/index.js, what `npm start` and the Dockerfile run) with the given environment. */
export function spawnCompiledHub(env: Record<string, string>): SpawnedHub {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'src', 'index.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', PORT: '0', BCRYPT_ROUNDS: '4', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { child, out: new HubOutput(child) };
}

/** The URL of the run's test PostgreSQL server, for a database of a test's own. */
export function testServerUrl(): string {
  return process.env.HUB_TEST_DATABASE_URL ?? readFileSync(path.join(root, '.data', 'test-db-url'), 'utf8').trim();
}

/** An empty database on the test server, named after this run so the global teardown drops it. */
export async function emptyDatabase(name: string): Promise<string> {
  const url = new URL(testServerUrl());
  const db = `hub_${name}_${process.pid}`;
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${db}`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${db}`;
  return url.toString();
}

export function post(port: number, body: object, token?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
    req.on('response', (res) => collect(res).then(resolve, reject));
    req.on('error', reject);
    req.end(data);
  });
}

export function collect(res: http.IncomingMessage): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    let text = '';
    res.on('data', (d) => (text += d));
    res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    res.on('error', reject);
  });
}

/**
 * A request the test holds open: its headers are sent with `Expect: 100-continue`, and the hub's
 * "100 Continue" proves it has taken the request in; the body goes only when the test calls send().
 */
export function heldRequest(port: number, body: object, token: string) {
  const data = JSON.stringify(body);
  const req = http.request({
    host: '127.0.0.1',
    port,
    path: '/graphql',
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), authorization: `Bearer ${token}`, expect: '100-continue' },
  });
  let settled = false;
  const response = new Promise<{ status: number; body: any }>((resolve, reject) => {
    req.on('response', (res) => collect(res).then(resolve, reject));
    req.on('error', reject);
  }).finally(() => (settled = true));
  const accepted = new Promise<void>((resolve, reject) => {
    req.once('continue', () => resolve());
    req.once('error', reject);
  });
  req.flushHeaders();
  return { accepted, response, send: () => req.end(data), get settled() { return settled; } };
}

/** Resolves 'refused' when a TCP connection to the port is refused, 'accepted' when one is made (and closed at once). */
export function tryConnect(port: number): Promise<'refused' | 'accepted'> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    // A reset while connecting is a listener closing with this connection still in its queue: not accepted either.
    socket.once('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET' ? resolve('refused') : reject(e)));
  });
}
