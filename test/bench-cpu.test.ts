import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clockTicks, measureCpu, postmasterPid, processTreeCpuMs } from '../bench/cpu';
import { markdownTable } from '../bench/report';

/** Uses `ms` of this process's CPU (by Node's own count, so a busy machine only makes it take longer). */
function burn(ms: number): void {
  const start = process.cpuUsage();
  for (;;) {
    const used = process.cpuUsage(start);
    if (used.user + used.system >= ms * 1000) return;
  }
}

describe('bench CPU readings from /proc', () => {
  it('reads clock ticks and a positive, growing figure for this process', () => {
    expect(clockTicks()).toBeGreaterThan(0);
    const before = processTreeCpuMs(process.pid)!;
    expect(before).toBeGreaterThan(0);
    burn(200);
    // /proc counts in clock ticks (10 ms): allow two of them either side.
    expect(processTreeCpuMs(process.pid)! - before).toBeGreaterThanOrEqual(180);
  });

  it("counts a child's CPU under its parent once it has exited and been reaped", async () => {
    const child = spawn(process.execPath, ['-e', 'const s = process.cpuUsage(); while (process.cpuUsage(s).user < 300000);']);
    const before = processTreeCpuMs(process.pid)!;
    await new Promise((resolve) => child.on('exit', resolve));
    // Reaped by now: its time is in this process's cutime/cstime.
    expect(processTreeCpuMs(process.pid)! - before).toBeGreaterThanOrEqual(250);
  });

  it('gives null for a process that is not running, and per-request figures for a run', async () => {
    expect(processTreeCpuMs(2 ** 22 + 1)).toBeNull();
    const r = await measureCpu({ serverPid: process.pid, postmasterPid: undefined }, async () => {
      burn(200);
      return { requests: 10 };
    });
    expect(r.requests).toBe(10);
    expect(r.cpu.serverMs).toBeGreaterThanOrEqual(18);
    expect(r.cpu.postgresMs).toBeNull();
  });

  it("finds the postmaster from the data directory's postmaster.pid, and not a stale one", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-cpu-'));
    try {
      writeFileSync(path.join(dir, 'postmaster.pid'), `${process.pid}\n/some/dir\n`);
      expect(postmasterPid(dir)).toBe(process.pid);
      writeFileSync(path.join(dir, 'postmaster.pid'), `${2 ** 22 + 1}\n`);
      expect(postmasterPid(dir)).toBeUndefined();
      expect(postmasterPid(path.join(dir, 'none'))).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bench table CPU columns', () => {
  const load = (cpu?: { serverMs: number | null; postgresMs: number | null }) => ({ connections: 10, requests: 100, rps: 10, p50: 1, p95: 2, p99: 3, cpu });
  const results = (postgresMs: number | null) => ({
    startedAt: '',
    machine: { nproc: 2, memory: '8 GiB', node: 'v20', platform: 'linux' },
    dataSet: {},
    durationSeconds: 10,
    rows: [{ scenario: 's', connections: 10, hub: load({ serverMs: 1.234, postgresMs }), postgraphile: load({ serverMs: 0.5, postgresMs }), sqlStatements: 3, serverMs: 1 }],
    peakMemoryMiB: { hub: 1, postgraphile: 1 },
  });

  it('prints server / Postgres ms per request for the hub and PostGraphile, and says when Postgres is not measured', () => {
    expect(markdownTable(results(0.5))).toContain('| 3 | 1.23 / 0.50 | 10.0 | 1.0 / 2.0 / 3.0 | 0.50 / 0.50 |');
    expect(markdownTable(results(null))).toContain('| 1.23 / not measured |');
  });
});
