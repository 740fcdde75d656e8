import { LoadResult } from './load';

/** One scenario at one connection count: the hub, and what it is compared with. */
export interface Row {
  scenario: string;
  connections: number;
  hub: LoadResult;
  postgraphile?: LoadResult;
  floor?: LoadResult;
  /** Median SQL statements per hub request, from the hub's request log. */
  sqlStatements: number | null;
  /** Median server-side duration (ms) in the hub's request log. */
  serverMs: number | null;
}

export interface Results {
  startedAt: string;
  machine: { nproc: number; memory: string; node: string; platform: string };
  /** 1, 5 and 15 minute load averages when the runs started and ended: other work on the machine shows here. */
  loadAverage?: { start: number[]; end: number[] };
  dataSet: Record<string, unknown>;
  durationSeconds: number;
  rows: Row[];
  peakMemoryMiB: { hub: number | null; postgraphile: number | null };
}

const fmt = (n: number | null | undefined, d = 1) => (n === null || n === undefined ? '—' : n.toFixed(d));
/** "server / PostgreSQL" ms of CPU per request; "not measured" where PostgreSQL is not ours (--database-url). */
const cpu = (r: LoadResult | undefined) => (!r?.cpu ? '—' : `${fmt(r.cpu.serverMs, 2)} / ${r.cpu.postgresMs === null ? 'not measured' : fmt(r.cpu.postgresMs, 2)}`);
const ratio = (a: number | null | undefined, b: number | null | undefined) => (a && b ? (a / b).toFixed(2) : '—');

/** The Markdown table printed by `npm run bench` and pasted into BENCHMARKS.md. */
export function markdownTable(r: Results): string {
  const head = [
    '| scenario | conns | hub req/s | hub p50 / p95 / p99 ms | SQL/req | hub CPU ms/req: server / Postgres | PostGraphile req/s | PG p50 / p95 / p99 ms | PostGraphile CPU ms/req: server / Postgres | hub/PG p50 | hub/PG req/s | SQL floor p50 ms | hub/floor p50 |',
    '|---|---:|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|',
  ];
  const lines = r.rows.map((x) => {
    const pg = x.postgraphile;
    return `| ${x.scenario} | ${x.connections} | ${fmt(x.hub.rps)} | ${fmt(x.hub.p50)} / ${fmt(x.hub.p95)} / ${fmt(x.hub.p99)} | ${fmt(x.sqlStatements, 0)} | ${cpu(x.hub)} | ${fmt(pg?.rps)} | ${pg ? `${fmt(pg.p50)} / ${fmt(pg.p95)} / ${fmt(pg.p99)}` : '—'} | ${cpu(pg)} | ${ratio(x.hub.p50, pg?.p50)} | ${ratio(x.hub.rps, pg?.rps)} | ${fmt(x.floor?.p50, 2)} | ${ratio(x.hub.p50, x.floor?.p50)} |`;
  });
  const mem = `Peak memory (VmHWM): hub ${r.peakMemoryMiB.hub ?? '—'} MiB, PostGraphile ${r.peakMemoryMiB.postgraphile ?? '—'} MiB.`;
  const cpuNote =
    'CPU ms/req: user + system time from /proc over the run, divided by the requests it completed; the server process, then every process of the PostgreSQL cluster (backends, background workers, including the work of backends that exited).';
  const load = r.loadAverage ? [`Load average (1 / 5 / 15 min, ${r.machine.nproc} CPUs): ${r.loadAverage.start.join(' / ')} at the start, ${r.loadAverage.end.join(' / ')} at the end.`] : [];
  return [...head, ...lines, '', mem, cpuNote, ...load].join('\n');
}
