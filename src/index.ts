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
import { Readiness } from './common/graceful';
import { HubMetrics } from './common/metrics';
import { useNamedStatements } from './database/sql';
import { runMigrations, withStartUpLock } from './database/start-up';
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
  if (config.pgBouncer) useNamedStatements(false);
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    logger.info({ dataDir: config.dataDir }, 'DATABASE_URL not set: starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres(path.join(config.dataDir, 'pg'), config.embeddedPgPort);
    url = embedded.url;
  }
  const metrics = config.metrics ? new HubMetrics() : undefined;
  const ds: DataSource = createDataSource({
    url,
    logger: new CountingSqlLogger(logger, metrics),
    poolSize: config.dbPoolSize,
    statementTimeoutMs: config.dbStatementTimeoutMs,
    acquireTimeoutMs: config.dbAcquireTimeoutMs,
    pgBouncer: config.pgBouncer,
    replicaUrls: config.replicaUrls,
  });
  // A failed start must not leave an orphaned PostgreSQL behind.
  const stopEmbedded = async (e: unknown) => {
    if (embedded) await embedded.stop().catch(() => undefined);
    throw e;
  };
  await ds.initialize().catch(stopEmbedded);
  const readiness = new Readiness();
  const { httpServer, drain, stop, services } = await createApp(ds, config, logger, { readiness, metrics });
  if (metrics) metrics.watchPool(ds);

  // Replicas started together queue here: one migrates, sets up the admin and seeds; the next finds it done.
  const dbUrl = url;
  await withStartUpLock(
    dbUrl,
    async () => {
      const ran = await runMigrations(dbUrl, new CountingSqlLogger(logger));
      if (ran.length) logger.info({ migrations: ran }, 'migrations applied');
      if (config.admin) {
        const outcome = await services.user.ensureAdmin(config.admin.email, config.admin.password);
        logger.info({ email: config.admin.email, outcome }, 'admin account ready');
      }
      if (config.seedDemo && (await seedDemo(ds, (p) => services.user.hash(p)))) logger.info('demo data loaded into the empty database');
    },
    () => logger.info('waiting for another hub process to finish its start-up (migrations, admin, demo data)'),
  ).catch(stopEmbedded);

  // The job queue (reminders, emails) starts after the migrations; its own tables are pg-boss's.
  let jobs: JobQueue | undefined;
  if (config.jobsEnabled) {
    // Under the start-up lock too: pg-boss creating its queues from two replicas at once deadlocks.
    jobs = await withStartUpLock(
      dbUrl,
      () => JobQueue.start({ url, ds, logger, clock: systemClock, mail: config.mail, remindersCron: config.remindersCron }),
      () => logger.info('waiting for another hub process to finish setting up the job queue'),
    ).catch(async (e) => {
      await ds.destroy().catch(() => undefined);
      return stopEmbedded(e);
    });
  } else logger.info('JOBS_ENABLED=false: no job worker in this process (no reminders or emails sent from it)');

  await new Promise<void>((resolve) => httpServer.listen(config.port, resolve));
  const port = (httpServer.address() as { port: number }).port;
  // The readiness signal for supervisors and the start/stop test: one JSON line once the port accepts requests.
  logger.info({ port, url: `http://localhost:${port}/graphql` }, 'listening');
  const lines = [`Partnership hub ready at http://localhost:${port}/  (web app; sign in with an account below)`, `  GraphQL API: http://localhost:${port}/graphql${config.isProduction ? '' : '  (GraphiQL in a browser)'}`];
  if (config.admin?.generated) lines.push(`  admin:       ${config.admin.email} / ${config.admin.password}  (generated; set ADMIN_EMAIL/ADMIN_PASSWORD to choose)`);
  else if (config.admin) lines.push(`  admin:       ${config.admin.email} (password from ADMIN_PASSWORD)`);
  if (config.seedDemo) {
    lines.push(`  demo sign-ins (password ${DEMO_PASSWORD}):`);
    lines.push('    coordinator.llr@demo.hub        coordinator, Leicestershire and Rutland LSCB/SAB');
    lines.push('    coordinator.blackpool@demo.hub  coordinator, Blackpool children and adults boards');
    lines.push('    viewer.leeds@demo.hub           viewer, Leeds Safeguarding Children Board');
    lines.push('    police.leics@demo.hub           agency user, Leicestershire Police');
    lines.push('    coordinator.llrscp@demo.hub     coordinator, Leicester, Leicestershire and Rutland Safeguarding Children Partnership');
  }
  if (config.jwtSecretGenerated) lines.push('  JWT_SECRET not set: a random one was generated, so tokens end with this process');
  console.log(lines.join('\n'));

  readiness.markReady();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // 1. Readiness off first: a load balancer polling /readyz stops sending new requests here.
    readiness.markStopping();
    logger.info({ signal, inFlight: drain.inFlight, delayMs: config.shutdownDelayMs }, 'stopping: draining in-flight requests');
    const force = setTimeout(() => process.exit(1), config.shutdownDelayMs + config.shutdownTimeoutMs + 10_000);
    force.unref();
    try {
      if (config.shutdownDelayMs) await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
      // 2. The listener closes; every request already received is completed and answered; idle keep-alive connections close.
      const { cut } = await drain.close({ timeoutMs: config.shutdownTimeoutMs });
      if (cut) logger.warn({ cut }, 'connections cut at the shutdown timeout');
      logger.info('http drained');
      // 3. Then the job queue (running jobs finish, or another replica retries them), Apollo, the pool and PostgreSQL.
      if (jobs) await jobs.stop();
      await stop();
      await ds.destroy();
      logger.info('database pool closed');
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
