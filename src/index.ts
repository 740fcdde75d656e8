import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config/env';
import { createLogger, flushLogger } from './common/logger';
import { CountingSqlLogger } from './common/sql-counter';
import { createDataSource } from './database/data-source';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded';
import { systemClock } from './common/clock';
import { JobQueue } from './jobs/queue';
import { DEMO_PASSWORD, seedDemo } from '../seeds';
import path from 'node:path';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    logger.info({ dataDir: config.dataDir }, 'DATABASE_URL not set: starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres(path.join(config.dataDir, 'pg'), config.embeddedPgPort);
    url = embedded.url;
  }
  const ds: DataSource = createDataSource({
    url,
    logger: new CountingSqlLogger(logger),
    statementTimeoutMs: config.dbStatementTimeoutMs,
    acquireTimeoutMs: config.dbAcquireTimeoutMs,
  });
  // A failed start must not leave an orphaned PostgreSQL behind.
  const stopEmbedded = async (e: unknown) => {
    if (embedded) await embedded.stop().catch(() => undefined);
    throw e;
  };
  await ds.initialize().catch(stopEmbedded);
  const ran = await ds.runMigrations({ transaction: 'each' }).catch(stopEmbedded);
  if (ran.length) logger.info({ migrations: ran.map((m) => m.name) }, 'migrations applied');

  const { httpServer, stop, services } = await createApp(ds, config, logger);
  if (config.admin) {
    const outcome = await services.user.ensureAdmin(config.admin.email, config.admin.password);
    logger.info({ email: config.admin.email, outcome }, 'admin account ready');
  }
  let seeded = false;
  if (config.seedDemo) seeded = await seedDemo(ds, (p) => services.user.hash(p));
  if (seeded) logger.info('demo data loaded into the empty database');

  // The job queue (reminders, emails) starts after the migrations; its own tables are pg-boss's.
  let jobs: JobQueue | undefined;
  if (config.jobsEnabled) {
    jobs = await JobQueue.start({ url, ds, logger, clock: systemClock, mail: config.mail, remindersCron: config.remindersCron }).catch(async (e) => {
      await ds.destroy().catch(() => undefined);
      return stopEmbedded(e);
    });
  } else logger.info('JOBS_ENABLED=false: no job worker in this process (no reminders or emails sent from it)');

  await new Promise<void>((resolve) => httpServer.listen(config.port, resolve));
  const port = (httpServer.address() as { port: number }).port;
  // The readiness signal for supervisors and the start/stop test: one JSON line once the port accepts requests.
  logger.info({ port, url: `http://localhost:${port}/graphql` }, 'listening');
  const lines = [`Partnership hub ready at http://localhost:${port}/graphql`];
  if (config.admin?.generated) lines.push(`  admin:       ${config.admin.email} / ${config.admin.password}  (generated; set ADMIN_EMAIL/ADMIN_PASSWORD to choose)`);
  else if (config.admin) lines.push(`  admin:       ${config.admin.email} (password from ADMIN_PASSWORD)`);
  if (config.seedDemo) {
    lines.push(`  demo sign-ins (password ${DEMO_PASSWORD}):`);
    lines.push('    coordinator.llr@demo.hub        coordinator, Leicestershire and Rutland LSCB/SAB');
    lines.push('    coordinator.blackpool@demo.hub  coordinator, Blackpool children and adults boards');
    lines.push('    viewer.leeds@demo.hub           viewer, Leeds Safeguarding Children Board');
    lines.push('    police.leics@demo.hub           agency user, Leicestershire Police');
  }
  if (config.jwtSecretGenerated) lines.push('  JWT_SECRET not set: a random one was generated, so tokens end with this process');
  console.log(lines.join('\n'));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: draining in-flight requests');
    const force = setTimeout(() => process.exit(1), 15000);
    force.unref();
    try {
      await stop(); // Apollo's drain plugin closes the HTTP server and waits for open requests
      logger.debug('http drained');
      if (jobs) await jobs.stop(); // running jobs finish (or are retried later by another replica)
      await ds.destroy();
      logger.debug('database pool closed');
      if (embedded) await embedded.stop();
      logger.info('stopped cleanly');
      flushLogger(logger);
      process.exit(0);
    } catch (e) {
      logger.error({ err: e }, 'error while stopping');
      flushLogger(logger);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
