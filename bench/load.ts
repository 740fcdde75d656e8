import { Client } from 'pg';
import { CpuPerRequest } from './cpu';
import { percentile, round } from './stats';

// autocannon ships no typings; its programmatic API is one function returning a thenable instance.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: (opts: object) => any = require('autocannon');

export interface LoadResult {
  connections: number;
  requests: number;
  rps: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** CPU per completed request (bench.ts measures it around the run; absent for the SQL floor). */
  cpu?: CpuPerRequest;
}

export interface GraphQLLoad {
  url: string;
  headers: Record<string, string>;
  body: (i: number) => string;
  /** Sees every response body (a scenario may track what is in flight). */
  onResponse?: (body: string) => void;
  connections: number;
  seconds: number;
}

export class ScenarioError extends Error {}

/** autocannon against one GraphQL endpoint; any HTTP error or `errors` in a body fails the run. */
export async function runGraphQLLoad(o: GraphQLLoad): Promise<LoadResult> {
  let n = 0;
  let errors = 0;
  let firstError = '';
  const latencies: number[] = [];
  const instance = autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.seconds,
    headers: { 'content-type': 'application/json', ...o.headers },
    requests: [
      {
        method: 'POST',
        setupRequest: (req: any) => ({ ...req, body: o.body(n++) }),
        onResponse: (status: number, body: string) => {
          o.onResponse?.(body);
          if (status !== 200 || body.includes('"errors"')) {
            errors++;
            firstError ||= `HTTP ${status}: ${body.slice(0, 500)}`;
          }
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const result: any = await instance;
  if (errors || result.errors || result.timeouts) {
    throw new ScenarioError(`${errors} bad responses, ${result.errors} connection errors, ${result.timeouts} timeouts. First: ${firstError}`);
  }
  return summarise(o.connections, latencies, result.duration ?? o.seconds);
}

function summarise(connections: number, latencies: number[], seconds: number): LoadResult {
  return {
    connections,
    requests: latencies.length,
    rps: round(latencies.length / seconds)!,
    p50: round(percentile(latencies, 50), 2),
    p95: round(percentile(latencies, 95), 2),
    p99: round(percentile(latencies, 99), 2),
  };
}

/** The SQL floor: `connections` pg clients each running the statement back to back for `seconds`. */
export async function runSqlLoad(url: string, sql: string, params: (i: number) => unknown[], connections: number, seconds: number): Promise<LoadResult> {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const latencies: number[] = [];
  let n = 0;
  const started = process.hrtime.bigint();
  const until = Date.now() + seconds * 1000;
  try {
    await Promise.all(
      clients.map(async (c) => {
        while (Date.now() < until) {
          const t = process.hrtime.bigint();
          await c.query({ text: sql, values: params(n++) });
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  return summarise(connections, latencies, Number(process.hrtime.bigint() - started) / 1e9);
}

export async function postGraphQL(url: string, body: unknown, headers: Record<string, string> = {}): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const json: any = await res.json();
  if (!res.ok || json.errors) throw new ScenarioError(`HTTP ${res.status}: ${JSON.stringify(json.errors ?? json).slice(0, 800)}`);
  return json.data;
}
