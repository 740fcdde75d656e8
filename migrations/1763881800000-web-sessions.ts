import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18: the web app's sessions, in PostgreSQL so that every replica reads the same ones. The key
 * is the sha256 of the cookie's value, so a copy of the table opens no session.
 */
export class WebSessions1763881800000 implements MigrationInterface {
  name = 'WebSessions1763881800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE web_session (
      id text PRIMARY KEY,
      data jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX web_session_expires_at_idx ON web_session (expires_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE web_session`);
  }
}
