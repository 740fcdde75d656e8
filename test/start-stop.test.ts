import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import supertest from 'supertest';

const root = path.resolve(__dirname, '..');
const dataDir = path.join(root, '.data', 'start-stop-test');

/**
 * The `npm start` path end to end, without a DATABASE_URL: embedded PostgreSQL under DATA_DIR,
 * migrations, demo data, then SIGTERM drains in-flight requests and stops PostgreSQL cleanly.
 */
describe('start-up and graceful stop on the embedded database', () => {
  let child: ChildProcess;
  let output = '';
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('serves the demo, then drains and stops on SIGTERM', async () => {
    rmSync(dataDir, { recursive: true, force: true });
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/index.ts'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', BCRYPT_ROUNDS: '4', LOG_LEVEL: 'warn', JWT_SECRET: 'y'.repeat(40), ADMIN_EMAIL: 'admin@test.hub', ADMIN_PASSWORD: 'admin-password-1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`not ready:\n${output}`)), 90_000);
      const check = () => {
        const m = /ready at (http:\/\/localhost:\d+)\/graphql/.exec(output);
        if (m) {
          clearTimeout(t);
          resolve(m[1]);
        } else if (child.exitCode !== null) reject(new Error(output));
        else setTimeout(check, 100);
      };
      check();
    });
    expect(output).toMatch(/coordinator\.llr@demo\.hub/);
    expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);

    const signIn = await supertest(url).post('/graphql').send({ query: 'mutation { signIn(email: "coordinator.llr@demo.hub", password: "demo-password") { token } }' });
    const token = signIn.body.data.signIn.token;
    // Thirty periods force thirty separate aggregate batches: slow enough to be in flight at SIGTERM.
    const periods = Array.from({ length: 30 }, (_, i) => `p${i}: attendance(from: "2014-04-01", to: "2015-03-${String(i + 1).padStart(2, '0')}") { meetingsHeld }`);
    const query = `{ boards { name attendance(from: "2014-04-01", to: "2015-03-31") { meetingsHeld overallRate } ${periods.join(' ')} } }`;
    const inFlight = Array.from({ length: 3 }, () => supertest(url).post('/graphql').set('authorization', `Bearer ${token}`).send({ query }).then((r) => r));
    await new Promise((r) => setTimeout(r, 30));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const responses = await Promise.all(inFlight);
    for (const r of responses) {
      if (!r.body.data) throw new Error(JSON.stringify(r.body.errors));
      expect(r.status).toBe(200);
      expect(r.body.data.boards[0]).toMatchObject({ name: 'Leicestershire and Rutland LSCB/SAB', attendance: { meetingsHeld: 6 } });
    }
    expect(await exited).toBe(0);
    // PostgreSQL removes its pid file only on a clean shutdown.
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
