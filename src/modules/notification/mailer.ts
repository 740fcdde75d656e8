import nodemailer, { Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { Logger } from '../../common/logger';
import { MailConfig } from '../../config/env';
import { EmailStatus, Notification } from './notification.entity';

/** The email of a notification: its text, the link, and why it was sent. */
export function emailText(n: Pick<Notification, 'body' | 'link' | 'reason'>): string {
  return `${n.body}\n\nOpen it in the hub: ${n.link}\n\nWhy you received this: ${n.reason}\n`;
}

/**
 * Sends the email of one notification. With SMTP_URL, through nodemailer; without it, the message
 * is written to the log (status LOGGED). Either way the notification stays readable in the API.
 * A failed send is counted and thrown, so the queue retries it with backoff; the last failure marks
 * the notification FAILED and is reported in the log at error level.
 */
export class NotificationMailer {
  private readonly transport: Transporter | null;

  constructor(
    private readonly ds: DataSource,
    private readonly mail: Pick<MailConfig, 'smtpUrl' | 'from'>,
    private readonly logger: Logger,
    private readonly clock: Clock,
  ) {
    // Bounded waits, well inside the email job's expiry (src/jobs/queue.ts), so a slow server fails
    // the try (and it is retried) rather than the job expiring while the message is still on its way.
    this.transport = mail.smtpUrl ? nodemailer.createTransport({ url: mail.smtpUrl, connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 45_000 }) : null;
  }

  get configured(): boolean {
    return this.transport !== null;
  }

  /** lastAttempt: no retry follows this one if it fails. */
  async deliver(notificationId: string, lastAttempt: boolean): Promise<EmailStatus | 'GONE'> {
    const repo = this.ds.getRepository(Notification);
    const n = await repo.findOneBy({ id: notificationId });
    // Deleted with its user, or delivered by an earlier try whose completion was lost: nothing to do.
    if (!n) return 'GONE';
    if (n.emailStatus === EmailStatus.SENT || n.emailStatus === EmailStatus.LOGGED) return n.emailStatus;
    const message = { from: this.mail.from, to: n.emailTo, subject: n.title, text: emailText(n) };
    if (!this.transport) {
      this.logger.info({ notificationId: n.id, kind: n.kind, email: message }, 'email (SMTP_URL not set): written to the log');
      await repo.update({ id: n.id }, { emailStatus: EmailStatus.LOGGED, emailedAt: this.clock.now(), emailAttempts: n.emailAttempts + 1, emailError: null });
      return EmailStatus.LOGGED;
    }
    try {
      await this.transport.sendMail(message);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      await repo.update(
        { id: n.id },
        { emailAttempts: n.emailAttempts + 1, emailError: error.slice(0, 1000), emailStatus: lastAttempt ? EmailStatus.FAILED : EmailStatus.PENDING },
      );
      if (lastAttempt) this.logger.error({ notificationId: n.id, kind: n.kind, to: n.emailTo, attempts: n.emailAttempts + 1, error }, 'notification email failed: no retries left');
      else this.logger.warn({ notificationId: n.id, to: n.emailTo, attempt: n.emailAttempts + 1, error }, 'notification email failed: will retry');
      throw e;
    }
    await repo.update({ id: n.id }, { emailStatus: EmailStatus.SENT, emailedAt: this.clock.now(), emailAttempts: n.emailAttempts + 1, emailError: null });
    this.logger.info({ notificationId: n.id, kind: n.kind, to: n.emailTo }, 'notification email sent');
    return EmailStatus.SENT;
  }

  close(): void {
    this.transport?.close();
  }
}
