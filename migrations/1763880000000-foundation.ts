import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1763880000000 implements MigrationInterface {
  name = 'Foundation1763880000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE board_kind AS ENUM ('CHILDREN','ADULTS','JOINT')`);
    await q.query(`CREATE TYPE sector AS ENUM ('LOCAL_AUTHORITY_CHILDREN','LOCAL_AUTHORITY_ADULTS','LOCAL_AUTHORITY_OTHER','POLICE','HEALTH_COMMISSIONER','HEALTH_PROVIDER','PROBATION','YOUTH_JUSTICE','EDUCATION','CAFCASS','FIRE_AND_RESCUE','SECURE_ESTATE','VOLUNTARY','PRIVATE_PROVIDER','LAY_MEMBER','OTHER')`);
    await q.query(`CREATE TYPE membership_role AS ENUM ('STATUTORY_PARTNER','PARTNER','ADVISER','OBSERVER','LAY_MEMBER')`);
    await q.query(`CREATE TYPE meeting_status AS ENUM ('SCHEDULED','HELD','CANCELLED')`);
    await q.query(`CREATE TYPE attendance_status AS ENUM ('PRESENT','DEPUTY','APOLOGIES','ABSENT')`);
    await q.query(`CREATE TYPE user_role AS ENUM ('ADMIN','COORDINATOR','AGENCY_USER','VIEWER')`);

    await q.query(`CREATE TABLE board (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      name text NOT NULL,
      kind board_kind NOT NULL,
      area text NOT NULL,
      attendance_threshold numeric(4,3) NOT NULL DEFAULT 0.75 CHECK (attendance_threshold >= 0 AND attendance_threshold <= 1),
      quorum_minimum int NOT NULL CHECK (quorum_minimum >= 0),
      quorum_sectors text[] NOT NULL DEFAULT '{}',
      suppress_small_numbers boolean NOT NULL DEFAULT true
    )`);
    await q.query(`CREATE UNIQUE INDEX board_name_key ON board (lower(name))`);

    await q.query(`CREATE TABLE sub_group (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      name text NOT NULL,
      purpose text,
      attendance_threshold numeric(4,3) NOT NULL CHECK (attendance_threshold >= 0 AND attendance_threshold <= 1),
      quorum_minimum int NOT NULL CHECK (quorum_minimum >= 0),
      quorum_sectors text[] NOT NULL DEFAULT '{}'
    )`);
    await q.query(`CREATE TABLE sub_group_board (
      sub_group_id uuid NOT NULL REFERENCES sub_group(id) ON DELETE CASCADE,
      board_id uuid NOT NULL REFERENCES board(id) ON DELETE CASCADE,
      PRIMARY KEY (sub_group_id, board_id)
    )`);
    await q.query(`CREATE INDEX sub_group_board_board_idx ON sub_group_board (board_id)`);

    await q.query(`CREATE TABLE agency (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      name text NOT NULL,
      sector sector NOT NULL
    )`);
    await q.query(`CREATE UNIQUE INDEX agency_name_key ON agency (name)`);
    await q.query(`CREATE INDEX agency_name_id_idx ON agency (name, id)`);

    await q.query(`CREATE TABLE membership (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      agency_id uuid NOT NULL REFERENCES agency(id) ON DELETE RESTRICT,
      board_id uuid REFERENCES board(id) ON DELETE CASCADE,
      sub_group_id uuid REFERENCES sub_group(id) ON DELETE CASCADE,
      role membership_role NOT NULL,
      representative text,
      deputy text,
      starts_on date NOT NULL,
      ends_on date,
      expected_to_attend boolean NOT NULL,
      CONSTRAINT membership_body_check CHECK ((board_id IS NULL) <> (sub_group_id IS NULL)),
      CONSTRAINT membership_dates_check CHECK (ends_on IS NULL OR ends_on >= starts_on)
    )`);
    await q.query(`CREATE INDEX membership_agency_idx ON membership (agency_id)`);
    await q.query(`CREATE INDEX membership_board_idx ON membership (board_id, agency_id) WHERE board_id IS NOT NULL`);
    await q.query(`CREATE INDEX membership_sub_group_idx ON membership (sub_group_id, agency_id) WHERE sub_group_id IS NOT NULL`);

    await q.query(`CREATE TABLE meeting (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      board_id uuid REFERENCES board(id) ON DELETE CASCADE,
      sub_group_id uuid REFERENCES sub_group(id) ON DELETE CASCADE,
      title text NOT NULL,
      date date NOT NULL,
      status meeting_status NOT NULL DEFAULT 'SCHEDULED',
      cancellation_reason text,
      CONSTRAINT meeting_body_check CHECK ((board_id IS NULL) <> (sub_group_id IS NULL))
    )`);
    await q.query(`CREATE INDEX meeting_board_date_idx ON meeting (board_id, date, id) WHERE board_id IS NOT NULL`);
    await q.query(`CREATE INDEX meeting_sub_group_date_idx ON meeting (sub_group_id, date, id) WHERE sub_group_id IS NOT NULL`);

    await q.query(`CREATE TABLE attendance (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
      agency_id uuid NOT NULL REFERENCES agency(id) ON DELETE RESTRICT,
      status attendance_status NOT NULL,
      attendee_name text,
      CONSTRAINT attendance_meeting_agency_key UNIQUE (meeting_id, agency_id)
    )`);
    await q.query(`CREATE INDEX attendance_agency_idx ON attendance (agency_id)`);

    await q.query(`CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      email text NOT NULL,
      name text NOT NULL,
      password_hash text NOT NULL,
      role user_role NOT NULL,
      agency_id uuid REFERENCES agency(id) ON DELETE RESTRICT,
      CONSTRAINT app_user_agency_check CHECK ((role = 'AGENCY_USER') = (agency_id IS NOT NULL))
    )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (email)`);
    await q.query(`CREATE TABLE user_board (
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      board_id uuid NOT NULL REFERENCES board(id) ON DELETE CASCADE,
      PRIMARY KEY (user_id, board_id)
    )`);

    await q.query(`CREATE TABLE audit_log_entry (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      user_id uuid,
      user_email text,
      operation text NOT NULL,
      entity_type text NOT NULL,
      entity_id text,
      board_ids uuid[] NOT NULL DEFAULT '{}',
      input jsonb NOT NULL
    )`);
    await q.query(`CREATE INDEX audit_log_entry_board_ids_idx ON audit_log_entry USING gin (board_ids)`);
    // The audit log is evidence: the database itself refuses to change or remove a row.
    await q.query(`CREATE FUNCTION audit_log_entry_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log_entry is append-only'; END $$`);
    await q.query(`CREATE TRIGGER audit_log_entry_no_change BEFORE UPDATE OR DELETE ON audit_log_entry
      FOR EACH ROW EXECUTE FUNCTION audit_log_entry_immutable()`);
    await q.query(`CREATE TRIGGER audit_log_entry_no_truncate BEFORE TRUNCATE ON audit_log_entry
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_entry_immutable()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log_entry`);
    await q.query(`DROP FUNCTION audit_log_entry_immutable()`);
    await q.query(`DROP TABLE user_board`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP TABLE attendance`);
    await q.query(`DROP TABLE meeting`);
    await q.query(`DROP TABLE membership`);
    await q.query(`DROP TABLE agency`);
    await q.query(`DROP TABLE sub_group_board`);
    await q.query(`DROP TABLE sub_group`);
    await q.query(`DROP TABLE board`);
    for (const t of ['user_role', 'attendance_status', 'meeting_status', 'membership_role', 'sector', 'board_kind']) {
      await q.query(`DROP TYPE ${t}`);
    }
  }
}
