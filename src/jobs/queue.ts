import PgBoss from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { Logger } from '../common/logger';
import { MailConfig } from '../config/env';
import { NotificationMailer } from '../modules/notification/mailer';
import { CoordinatorDigestSection, defaultCoordinatorSections, ReminderService } from '../modules/notification/reminder.service';

/** Queue names (pg-boss: letters, digits, dashes). */
export const QUEUES = {
  /** The daily reminders run: works out what is due today and records it. */
  reminders: 'reminders-daily',
  /** One job per notification: send its email. */
  email: 'notification-email',
} as const;

export interface JobsOptions {
  /** The hub's PostgreSQL; pg-boss keeps its tables in the schema `pgboss` there. */
  url: string;
  ds: DataSource;
  logger: Logger;
  clock: Clock;
  mail: MailConfig;
  /** When the daily run happens, in Europe/London time (cron). */
  remindersCron: string;
  /** Register the cron schedule (off in tests, which run the reminders themselves). Default on. */
  schedule?: boolean;
  /** Run the reminders once when the worker starts, catching up a run missed while the hub was down. Default on. */
  runOnStart?: boolean;
  /** How often an idle worker looks for jobs (seconds; pg-boss's default is 2). */
  pollingIntervalSeconds?: number;
  coordinatorSections?: CoordinatorDigestSection[];
}

/**
 * The job queue: pg-boss on the hub's own PostgreSQL. Every hub replica runs a worker; pg-boss
 * hands each job to one of them (SKIP LOCKED), keeps jobs across restarts, and retries failed ones
 * with exponential backoff. The cron schedule is kept in the database and fires once per slot
 * whatever the number of replicas; and even if a run happened twice, the sent-log's unique key
 * (src/modules/notification) records each reminder once, so it is emailed once.
 */
export class JobQueue {
  private constructor(
    readonly boss: PgBoss,
    readonly reminders: ReminderService,
    readonly mailer: NotificationMailer,
    private readonly logger: Logger,
  ) {}

  static async start(o: JobsOptions): Promise<JobQueue> {
    const boss = new PgBoss({ connectionString: o.url, schema: 'pgboss', max: 4, application_name: 'partnership-hub-jobs', schedule: o.schedule ?? true });
    boss.on('error', (err) => o.logger.error({ err }, 'job queue error'));
    await boss.start();
    const queue = new JobQueue(boss, new ReminderService(o.ds, o.mail.publicUrl, o.coordinatorSections ?? defaultCoordinatorSections), new NotificationMailer(o.ds, o.mail, o.logger, o.clock), o.logger);
    // createQueue leaves an existing queue alone; updateQueue applies this configuration's retries.
    const reminderQueue = { retryLimit: 3, retryDelay: 300, retryBackoff: true, expireInSeconds: 1800 };
    // A batch is 10 emails of at most ~85 s each (the mailer's timeouts): expiry comfortably above that.
    const emailQueue = { retryLimit: o.mail.retryLimit, retryDelay: o.mail.retryDelaySeconds, retryBackoff: true, expireInSeconds: 1200 };
    await boss.createQueue(QUEUES.reminders, { name: QUEUES.reminders, ...reminderQueue });
    await boss.updateQueue(QUEUES.reminders, { name: QUEUES.reminders, ...reminderQueue });
    await boss.createQueue(QUEUES.email, { name: QUEUES.email, ...emailQueue });
    await boss.updateQueue(QUEUES.email, { name: QUEUES.email, ...emailQueue });
    if (o.schedule ?? true) await boss.schedule(QUEUES.reminders, o.remindersCron, {}, { tz: 'Europe/London' });

    const polling = o.pollingIntervalSeconds !== undefined ? { pollingIntervalSeconds: o.pollingIntervalSeconds } : {};
    await boss.work(QUEUES.reminders, { ...polling, batchSize: 1 }, async () => ({ created: (await queue.runReminders(o.clock.today())).length }));
    // Up to 10 emails per fetch, sent one after the other; a failed one is failed alone (and retried
    // with backoff), the others complete with the batch.
    await boss.work<{ notificationId: string }>(QUEUES.email, { ...polling, batchSize: 10, includeMetadata: true }, async (jobs) => {
      for (const job of jobs) {
        try {
          await queue.mailer.deliver(job.data.notificationId, job.retryCount >= job.retryLimit);
        } catch (e) {
          await boss.fail(QUEUES.email, job.id, { message: e instanceof Error ? e.message : String(e) });
        }
      }
    });
    if (!queue.mailer.configured) o.logger.warn('SMTP_URL not set: notification emails are written to the log (and kept in the notifications table)');
    if (o.runOnStart ?? true) await queue.runRemindersNow();
    o.logger.info({ cron: o.remindersCron }, 'job queue started');
    return queue;
  }

  /** Queues a reminders run now (as the schedule does); the answer is the job's id. */
  runRemindersNow(): Promise<string | null> {
    return this.boss.send(QUEUES.reminders, {});
  }

  /** What the daily job does: records every reminder due `today` not yet sent, and queues its email. Answers the new notifications' ids. */
  async runReminders(today: string): Promise<string[]> {
    const { created, considered } = await this.reminders.run(today, (em, ids) => this.enqueueEmails(em, ids));
    this.logger.info({ today, considered, created: created.length }, 'reminders run');
    return created;
  }

  /** The email jobs of new notifications, in the transaction that records them. */
  private async enqueueEmails(em: EntityManager, ids: string[]): Promise<void> {
    const db = { executeSql: async (text: string, values: unknown[]) => ({ rows: await em.query(text, values) }) };
    for (const id of ids) await this.boss.send(QUEUES.email, { notificationId: id }, { db });
  }

  /** Stops taking jobs, waits for those running (up to 10 s), and closes the queue's connections. */
  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    this.mailer.close();
    this.logger.debug('job queue stopped');
  }
}
