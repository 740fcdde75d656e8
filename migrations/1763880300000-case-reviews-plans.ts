import { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseReviewsPlans1763880300000 implements MigrationInterface {
  name = 'CaseReviewsPlans1763880300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE case_review_type AS ENUM ('SERIOUS_CASE_REVIEW','CHILD_SAFEGUARDING_PRACTICE_REVIEW','SAFEGUARDING_ADULTS_REVIEW','DOMESTIC_HOMICIDE_REVIEW','LEARNING_REVIEW')`);
    await q.query(`CREATE TYPE case_review_status AS ENUM ('REFERRED','NOT_COMMISSIONED','COMMISSIONED','IN_PROGRESS','PUBLISHED','CLOSED')`);
    await q.query(`CREATE TABLE case_review (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      board_id uuid NOT NULL REFERENCES board(id) ON DELETE RESTRICT,
      type case_review_type NOT NULL,
      reference text NOT NULL,
      summary text,
      themes text[] NOT NULL DEFAULT '{}',
      involved_agency_ids uuid[] NOT NULL DEFAULT '{}',
      status case_review_status NOT NULL DEFAULT 'REFERRED',
      referred_on date NOT NULL,
      commissioned boolean,
      decided_on date,
      decision_rationale text,
      started_on date,
      published_on date,
      closed_on date,
      UNIQUE (board_id, reference),
      CHECK (decided_on IS NULL OR decided_on >= referred_on)
    )`);
    await q.query(`CREATE INDEX case_review_board_idx ON case_review (board_id, status)`);
    await q.query(`CREATE TABLE recommendation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      case_review_id uuid NOT NULL REFERENCES case_review(id) ON DELETE RESTRICT,
      number int NOT NULL,
      text text NOT NULL,
      agency_id uuid REFERENCES agency(id) ON DELETE RESTRICT,
      UNIQUE (case_review_id, number)
    )`);
    await q.query(`CREATE TABLE business_plan (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      board_id uuid NOT NULL REFERENCES board(id) ON DELETE RESTRICT,
      title text NOT NULL,
      period_from date NOT NULL,
      period_to date NOT NULL CHECK (period_to >= period_from)
    )`);
    await q.query(`CREATE INDEX business_plan_board_idx ON business_plan (board_id, period_from)`);
    await q.query(`CREATE TABLE plan_priority (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      plan_id uuid NOT NULL REFERENCES business_plan(id) ON DELETE RESTRICT,
      code text NOT NULL,
      title text NOT NULL,
      outcomes_sought text,
      lead_sub_group_id uuid REFERENCES sub_group(id) ON DELETE RESTRICT,
      position int NOT NULL,
      UNIQUE (plan_id, code)
    )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plan_priority`);
    await q.query(`DROP TABLE business_plan`);
    await q.query(`DROP TABLE recommendation`);
    await q.query(`DROP TABLE case_review`);
    await q.query(`DROP TYPE case_review_status`);
    await q.query(`DROP TYPE case_review_type`);
  }
}
