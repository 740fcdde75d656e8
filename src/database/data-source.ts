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
}

/** The server passes both timeouts from its config (DB_STATEMENT_TIMEOUT_MS, DB_ACQUIRE_TIMEOUT_MS). */
export function createDataSource({ url, logger, poolSize = 10, statementTimeoutMs, acquireTimeoutMs }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
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
      ...(acquireTimeoutMs ? { connectionTimeoutMillis: acquireTimeoutMs } : {}),
      ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}),
    },
  });
}
