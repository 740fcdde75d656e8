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
  /** statement_timeout of every pooled connection, in ms (0: none). */
  statementTimeoutMs?: number;
  /** How long a query waits for a free connection (or a new one to open), in ms. */
  acquireTimeoutMs?: number;
}

export function createDataSource({ url, logger, poolSize = 10, statementTimeoutMs = 15_000, acquireTimeoutMs = 5_000 }: DataSourceOptions): DataSource {
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
    extra: { max: poolSize, connectionTimeoutMillis: acquireTimeoutMs, statement_timeout: statementTimeoutMs },
  });
}
