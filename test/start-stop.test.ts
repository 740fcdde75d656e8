import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const dataDir = path.join(root, '.data', 'start-stop-test');

interface LogLine {
  msg?: string;
  [k: string]: unknown;
}

/**
 * The hub's output as events: every line it prints, parsed when it is a JSON log line. Waits are
 * bounded and end on a real signal (a line, the process's exit), never on a fixed sleep.
 */
class HubOutput {
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

function post(port: number, body: object, token?: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    req.on('response', (res) => collect(res).then(resolve, reject));
    req.on('error', reject);
    req.end(data);
  });
}

function collect(res: http.IncomingMessage): Promise<{ status: number; body: any }> {
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
function heldRequest(port: number, body: object, token: string) {
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
function tryConnect(port: number): Promise<'refused' | 'accepted'> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNREFUSED' ? resolve('refused') : reject(e)));
  });
}

/**
 * The `npm start` path end to end, without a DATABASE_URL: embedded PostgreSQL under DATA_DIR,
 * migrations, demo data, then SIGTERM drains in-flight requests and stops PostgreSQL cleanly.
 */
describe('start-up and graceful stop on the embedded database', () => {
  let child: ChildProcess;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('serves the demo, then drains and stops on SIGTERM', async () => {
    rmSync(dataDir, { recursive: true, force: true });
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/index.ts'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', BCRYPT_ROUNDS: '4', LOG_LEVEL: 'info', JWT_SECRET: 'y'.repeat(40), ADMIN_EMAIL: 'admin@test.hub', ADMIN_PASSWORD: 'admin-password-1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = new HubOutput(child);

    // Readiness: the hub's own "listening" log line, once its port accepts requests.
    const listening = JSON.parse(await out.waitForLog('listening', 90_000)) as { port: number; url: string };
    const port = listening.port;
    expect(listening.url).toBe(`http://localhost:${port}/graphql`);
    await out.waitFor('the demo sign-ins', (line) => /coordinator\.llr@demo\.hub/.test(line), 5_000);
    expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);

    // The job queue starts after the migrations and runs the reminders once; without SMTP_URL the
    // demo's overdue returns are chased in the log. It stops in the graceful stop below.
    await out.waitForLog('job queue started', 10_000);
    const index = (msg: string) => out.lines.findIndex((l) => l.json?.msg === msg);
    expect(index('migrations applied')).toBeLessThan(index('job queue started'));
    await out.waitForLog('email (SMTP_URL not set): written to the log', 30_000);

    const signIn = await post(port, { query: 'mutation { signIn(email: "coordinator.llr@demo.hub", password: "demo-password") { token } }' });
    const token = signIn.body.data.signIn.token as string;
    const query = `{ boards { name attendance(from: "2014-04-01", to: "2015-03-31") { meetingsHeld overallRate } } }`;

    // In flight at SIGTERM: three requests the hub has taken in (it answered 100 Continue), bodies not yet sent.
    const held = Array.from({ length: 3 }, () => heldRequest(port, { query }, token));
    await Promise.all(held.map((h) => h.accepted));

    child.kill('SIGTERM');
    await out.waitForLog('stopping: draining in-flight requests', 10_000);

    // The listener closes at once: a new connection is refused while the held requests are still open.
    let attempt: 'refused' | 'accepted' = 'accepted';
    for (let tries = 0; tries < 1000 && attempt === 'accepted'; tries++) attempt = await tryConnect(port);
    expect(attempt).toBe('refused');
    expect(held.some((h) => h.settled)).toBe(false);
    expect(out.exitCode).toBeUndefined();
    expect(out.lines.some((l) => l.json?.msg === 'stopped cleanly')).toBe(false);

    // The drain waited for them: sending the bodies now still gets full answers.
    for (const h of held) h.send();
    for (const answer of await Promise.all(held.map((h) => h.response))) {
      if (!answer.body.data) throw new Error(JSON.stringify(answer.body.errors));
      expect(answer.status).toBe(200);
      expect(answer.body.data.boards[0]).toMatchObject({ name: 'Leicestershire and Rutland LSCB/SAB', attendance: { meetingsHeld: 6 } });
    }

    expect(await out.waitForExit(20_000)).toBe(0);
    expect(out.lines.some((l) => l.json?.msg === 'stopped cleanly')).toBe(true);
    // PostgreSQL removes its pid file only on a clean shutdown.
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
