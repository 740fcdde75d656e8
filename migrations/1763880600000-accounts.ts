import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts as a council expects: users can be deactivated, every token carries the user's token
 * version (bumped by a password change, a reset, a deactivation or "sign out everywhere"), and
 * sign-in attempts are kept in their own table so throttling holds across several hub processes.
 */
export class Accounts1763880600000 implements MigrationInterface {
  name = 'Accounts1763880600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user
      ADD COLUMN active boolean NOT NULL DEFAULT true,
      ADD COLUMN token_version int NOT NULL DEFAULT 0,
      ADD COLUMN last_sign_in_at timestamptz,
      ADD COLUMN deactivated_at timestamptz,
      ADD CONSTRAINT app_user_token_version_check CHECK (token_version >= 0),
      ADD CONSTRAINT app_user_deactivated_check CHECK (active = (deactivated_at IS NULL))`);
    // One row per sign-in attempt, never the password. PENDING while the password is being
    // checked (it counts as a failure, so parallel guesses cannot overtake the limit).
    await q.query(`CREATE TABLE sign_in_attempt (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      email text NOT NULL,
      client_address text,
      user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      outcome text NOT NULL,
      CONSTRAINT sign_in_attempt_outcome_check CHECK (outcome IN ('PENDING', 'SUCCEEDED', 'WRONG_PASSWORD', 'UNKNOWN_EMAIL', 'ACCOUNT_INACTIVE', 'THROTTLED'))
    )`);
    await q.query(`CREATE INDEX sign_in_attempt_email_at_idx ON sign_in_attempt (email, at)`);
    await q.query(`CREATE INDEX sign_in_attempt_client_address_at_idx ON sign_in_attempt (client_address, at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sign_in_attempt`);
    await q.query(`ALTER TABLE app_user
      DROP CONSTRAINT app_user_deactivated_check,
      DROP CONSTRAINT app_user_token_version_check,
      DROP COLUMN deactivated_at,
      DROP COLUMN last_sign_in_at,
      DROP COLUMN token_version,
      DROP COLUMN active`);
  }
}
