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
}

export function createDataSource({ url, logger, poolSize = 10 }: DataSourceOptions): DataSource {
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
    extra: { max: poolSize },
  });
}
