import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders and notifications (issue 19): per-board reminder settings, per-user preferences, and
 * the notifications every user reads in the API, which are also the sent-log (unique per user,
 * kind, subject and period). The job queue's own tables (schema `pgboss`) are created by pg-boss
 * when the worker starts, not here.
 */
export class Reminders1763881200000 implements MigrationInterface {
  name = 'Reminders1763881200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE reminder_kind AS ENUM ('RETURN_DUE_SOON','RETURN_DUE_TODAY','RETURN_OVERDUE','AGENCY_ACTION_DIGEST','COORDINATOR_DIGEST')`);
    await q.query(`CREATE TYPE email_status AS ENUM ('PENDING','SENT','LOGGED','FAILED')`);
    await q.query(`CREATE TABLE reminder_setting (
      board_id uuid NOT NULL,
      kind reminder_kind NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      days_before int,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT reminder_setting_pkey PRIMARY KEY (board_id, kind),
      CONSTRAINT reminder_setting_board_id_fkey FOREIGN KEY (board_id) REFERENCES board(id) ON DELETE CASCADE,
      CONSTRAINT reminder_setting_days_before_check CHECK (days_before IS NULL OR (days_before >= 1 AND days_before <= 90))
    )`);
    await q.query(`CREATE TABLE notification_preference (
      user_id uuid NOT NULL,
      digests boolean NOT NULL DEFAULT true,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT notification_preference_pkey PRIMARY KEY (user_id),
      CONSTRAINT notification_preference_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE TABLE notification (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL,
      kind reminder_kind NOT NULL,
      subject_id uuid NOT NULL,
      period date NOT NULL,
      board_ids uuid[] NOT NULL DEFAULT '{}',
      title text NOT NULL,
      body text NOT NULL,
      reason text NOT NULL,
      link text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      email_to text NOT NULL,
      email_status email_status NOT NULL DEFAULT 'PENDING',
      email_attempts int NOT NULL DEFAULT 0,
      email_error text,
      emailed_at timestamptz,
      CONSTRAINT notification_pkey PRIMARY KEY (id),
      CONSTRAINT notification_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id) ON DELETE CASCADE,
      CONSTRAINT notification_user_id_kind_subject_id_period_key UNIQUE (user_id, kind, subject_id, period),
      CONSTRAINT notification_email_attempts_check CHECK (email_attempts >= 0)
    )`);
    await q.query(`CREATE INDEX notification_user_created_idx ON notification (user_id, created_at, id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP TABLE notification_preference`);
    await q.query(`DROP TABLE reminder_setting`);
    await q.query(`DROP TYPE email_status`);
    await q.query(`DROP TYPE reminder_kind`);
  }
}
