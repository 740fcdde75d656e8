import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * CPU time from /proc (Linux only), to put CPU per request beside the latencies: a server that is
 * fast because it pushes work onto PostgreSQL shows it here, where p50 alone would hide it.
 */

interface ProcStat {
  ppid: number;
  /** utime + stime + cutime + cstime, in clock ticks. */
  ticks: number;
}

let ticksPerSecond: number | undefined;

/** USER_HZ, the unit of /proc/<pid>/stat times (`getconf CLK_TCK`, 100 on every usual kernel). */
export function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Fields 4 (ppid) and 14-17 (utime, stime, cutime, cstime) of /proc/<pid>/stat, or null if it is gone. */
function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) };
}

function allProcesses(): Map<number, ProcStat> {
  const out = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (s) out.set(Number(name), s);
  }
  return out;
}

/**
 * CPU milliseconds used so far by a process and everything under it, or null if it is not running.
 * Each live process counts its own time plus that of the children it has reaped (cutime/cstime,
 * which the kernel adds up the tree as processes are waited for), so a PostgreSQL backend that
 * exits mid-run is still counted: its time moves into the postmaster's cutime.
 */
export function processTreeCpuMs(rootPid: number): number | null {
  const root = readStat(rootPid);
  if (!root) return null;
  const procs = allProcesses();
  const children = new Map<number, number[]>();
  for (const [pid, s] of procs) {
    const list = children.get(s.ppid);
    if (list) list.push(pid);
    else children.set(s.ppid, [pid]);
  }
  let ticks = 0;
  const todo = [rootPid];
  const seen = new Set<number>();
  while (todo.length) {
    const pid = todo.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    ticks += (pid === rootPid ? root : procs.get(pid))?.ticks ?? 0;
    todo.push(...(children.get(pid) ?? []));
  }
  return (ticks * 1000) / clockTicks();
}

/** The postmaster's pid: the first line of postmaster.pid in the cluster's data directory (undefined if it is not running). */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return pid > 0 && readStat(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** ms of CPU per completed request in one run: the server (and its children) and the whole PostgreSQL cluster. */
export interface CpuPerRequest {
  serverMs: number | null;
  /** null when PostgreSQL is not ours to measure (--database-url). */
  postgresMs: number | null;
}

/** What to measure: the server's pid, and the postmaster's if the cluster is on this machine and ours. */
export interface CpuTargets {
  serverPid: number | undefined;
  postmasterPid: number | undefined;
}

/** Runs `run` between two readings of the targets' CPU and divides each difference by the requests it completed. */
export async function measureCpu<T extends { requests: number }>(targets: CpuTargets, run: () => Promise<T>): Promise<T & { cpu: CpuPerRequest }> {
  const read = (pid: number | undefined) => (pid ? processTreeCpuMs(pid) : null);
  const before = { server: read(targets.serverPid), postgres: read(targets.postmasterPid) };
  const result = await run();
  const after = { server: read(targets.serverPid), postgres: read(targets.postmasterPid) };
  const perRequest = (a: number | null, b: number | null) => (a === null || b === null || !result.requests ? null : Math.round(((b - a) / result.requests) * 1000) / 1000);
  return { ...result, cpu: { serverMs: perRequest(before.server, after.server), postgresMs: perRequest(before.postgres, after.postgres) } };
}
