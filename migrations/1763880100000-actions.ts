import { MigrationInterface, QueryRunner } from 'typeorm';

export class Actions1763880100000 implements MigrationInterface {
  name = 'Actions1763880100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE action_status AS ENUM ('NOT_STARTED','IN_PROGRESS','COMPLETE','CANCELLED')`);
    await q.query(`CREATE TYPE rag AS ENUM ('RED','AMBER','GREEN')`);
    await q.query(`CREATE TYPE action_source_type AS ENUM ('AUDIT_STANDARD','REVIEW_RECOMMENDATION','PLAN_PRIORITY')`);
    await q.query(`CREATE TABLE action (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      description text NOT NULL,
      owner_agency_id uuid NOT NULL REFERENCES agency(id) ON DELETE RESTRICT,
      due_on date,
      status action_status NOT NULL DEFAULT 'NOT_STARTED',
      rag rag,
      source_type action_source_type NOT NULL,
      source_id uuid NOT NULL,
      source_label text NOT NULL,
      board_ids uuid[] NOT NULL,
      closed_on date
    )`);
    await q.query(`CREATE INDEX action_owner_due_idx ON action (owner_agency_id, due_on)`);
    await q.query(`CREATE INDEX action_source_idx ON action (source_type, source_id)`);
    await q.query(`CREATE INDEX action_board_ids_idx ON action USING gin (board_ids)`);
    await q.query(`CREATE TABLE action_update (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      action_id uuid NOT NULL REFERENCES action(id) ON DELETE CASCADE,
      noted_on date NOT NULL,
      note text NOT NULL,
      from_status action_status,
      to_status action_status NOT NULL,
      from_rag rag,
      to_rag rag,
      by_user_id uuid,
      by_name text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX action_update_action_idx ON action_update (action_id, created_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE action_update`);
    await q.query(`DROP TABLE action`);
    await q.query(`DROP TYPE action_source_type`);
    await q.query(`DROP TYPE rag`);
    await q.query(`DROP TYPE action_status`);
  }
}
