import 'reflect-metadata';
import { loadConfig } from './src/config/env';
import { createDataSource } from './src/database/data-source';

/** The DataSource the TypeORM CLI uses (npm run migration:run). It needs DATABASE_URL. */
const config = loadConfig();
if (!config.databaseUrl) {
  throw new Error('Set DATABASE_URL to run the TypeORM CLI; `npm start` migrates the embedded database itself.');
}
export default createDataSource({ url: config.databaseUrl });
