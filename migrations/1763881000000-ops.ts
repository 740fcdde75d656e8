import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotent retries (Idempotency-Key): the first answer to a user's key, kept in PostgreSQL so
 * every replica sees it. The primary key is what makes concurrent first uses of one key claim it once.
 */
export class Ops1763881000000 implements MigrationInterface {
  name = 'Ops1763881000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE idempotency_key (
      user_id uuid NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      state text NOT NULL,
      response_status integer,
      response_body text,
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      CONSTRAINT idempotency_key_pkey PRIMARY KEY (user_id, key),
      CONSTRAINT idempotency_key_state_check CHECK (state IN ('PENDING', 'DONE'))
    )`);
    await q.query(`CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_key`);
  }
}
