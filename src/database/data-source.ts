import { types } from 'pg';
import { DataSource, Logger } from 'typeorm';
import { migrations } from '../../migrations';
import { entities } from './entities';
import { SnakeNamingStrategy } from './naming-strategy';

// Calendar dates stay 'YYYY-MM-DD' strings: turning them into JS Dates shifts them across time zones.
types.setTypeParser(1082, (v: string) => v);

export interface DataSourceOptions {
  url: string;
  logger?: Logger;
  poolSize?: number;
  /** statement_timeout of every pooled connection, in ms; unset: none (the CLI's migrations, the bench loader). */
  statementTimeoutMs?: number;
  /** How long a query waits for a free connection (or a new one to open), in ms; unset: as long as it takes. */
  acquireTimeoutMs?: number;
  /**
   * Behind PgBouncer in transaction mode a startup parameter is refused and a session setting would
   * leak to other clients: the statement timeout is set inside each transaction instead (SET LOCAL,
   * see transactionTimeout), and reads outside a transaction rely on PgBouncer's query_timeout.
   */
  pgBouncer?: boolean;
  /** Streaming standbys for reads (TypeORM's replication option); see src/database/read-routing.ts. */
  replicaUrls?: string[];
}

const timeouts = new WeakMap<DataSource, number>();

/** The `SET LOCAL statement_timeout` a transaction on this DataSource starts with (PgBouncer mode), if any. */
export function transactionTimeoutMs(ds: DataSource): number | undefined {
  return timeouts.get(ds);
}

/** The server passes both timeouts from its config (DB_STATEMENT_TIMEOUT_MS, DB_ACQUIRE_TIMEOUT_MS). */
export function createDataSource({ url, logger, poolSize = 10, statementTimeoutMs, acquireTimeoutMs, pgBouncer = false, replicaUrls = [] }: DataSourceOptions): DataSource {
  const ds = new DataSource({
    type: 'postgres',
    ...(replicaUrls.length
      ? // Writes, transactions and raw statements go to the primary; reads go to a standby only where
        // the read path asks for one (defaultMode 'master'), so a mutation never reads its own write stale.
        { replication: { master: { url }, slaves: replicaUrls.map((u) => ({ url: u })), defaultMode: 'master' as const } }
      : { url }),
    entities,
    migrations,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: logger ? ['query', 'error'] : ['error'],
    logger,
    // A frozen or unreachable database fails requests in bounded time (answered 503) instead of holding them.
    extra: {
      max: poolSize,
      // Connections stay open: each keeps its prepared statements and their generic plans
      // (src/database/sql.ts), which pg's default 10 s idle timeout threw away with the connection,
      // so a quiet spell cost every statement its planning again (issue 17).
      idleTimeoutMillis: 0,
      ...(acquireTimeoutMs ? { connectionTimeoutMillis: acquireTimeoutMs } : {}),
      ...(statementTimeoutMs && !pgBouncer ? { statement_timeout: statementTimeoutMs } : {}),
    },
  });
  if (statementTimeoutMs && pgBouncer) timeouts.set(ds, statementTimeoutMs);
  return ds;
}
