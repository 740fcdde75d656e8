import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { pgCode } from './errors';

/** What one finished request contributes to the metrics. */
export interface RequestObservation {
  /** The root field(s) of the operation (bounded by the schema), '(invalid)' when none was reached. */
  operation: string;
  /** 'ok', or the first error code the answer carried (BAD_USER_INPUT, SERVICE_UNAVAILABLE, …). */
  outcome: string;
  durationSeconds: number;
}

interface PoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * Prometheus metrics, one registry per process (GET /metrics): requests by operation and outcome,
 * their durations, the database pool's use, PostgreSQL errors by SQLSTATE, and Node's own process
 * metrics. Labels are bounded: operations are root field names, never client-chosen operation names.
 */
export class HubMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'hub_graphql_requests_total',
    help: 'GraphQL requests answered, by root field and outcome (ok or the error code)',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly durations = new Histogram({
    name: 'hub_graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to its answer, by root field and outcome',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly dbErrors = new Counter({
    name: 'hub_db_errors_total',
    help: 'Statements PostgreSQL (or the connection) failed, by SQLSTATE (or "connection")',
    labelNames: ['sqlstate'] as const,
    registers: [this.registry],
  });
  private readonly pools: { role: string; pool: () => PoolLike | undefined }[] = [];

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'hub_' });
    const pools = this.pools;
    new Gauge({
      name: 'hub_db_pool_connections',
      help: 'Connections of the database pool: open (total), idle, and requests waiting for one',
      labelNames: ['pool', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const { role, pool } of pools) {
          const p = pool();
          if (!p) continue;
          this.set({ pool: role, state: 'total' }, p.totalCount);
          this.set({ pool: role, state: 'idle' }, p.idleCount);
          this.set({ pool: role, state: 'waiting' }, p.waitingCount);
        }
      },
    });
  }

  /** Reports the pools of this DataSource (the primary, and standbys when replicas are configured). */
  watchPool(ds: DataSource): void {
    const driver = ds.driver as unknown as { master?: PoolLike; slaves?: PoolLike[] };
    this.pools.push({ role: 'primary', pool: () => driver.master });
    this.pools.push({ role: 'replica', pool: () => sumPools(driver.slaves ?? []) });
  }

  observeRequest({ operation, outcome, durationSeconds }: RequestObservation): void {
    this.requests.inc({ operation, outcome });
    this.durations.observe({ operation, outcome }, durationSeconds);
  }

  observeDbError(error: unknown): void {
    this.dbErrors.inc({ sqlstate: pgCode(error) ?? 'connection' });
  }

  contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}

function sumPools(pools: PoolLike[]): PoolLike | undefined {
  if (!pools.length) return undefined;
  return pools.reduce((a, p) => ({ totalCount: a.totalCount + p.totalCount, idleCount: a.idleCount + p.idleCount, waitingCount: a.waitingCount + p.waitingCount }), {
    totalCount: 0,
    idleCount: 0,
    waitingCount: 0,
  });
}
