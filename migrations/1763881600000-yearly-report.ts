import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 16: the yearly report's lifecycle (draft, approved, published, sent), with frozen versions. */
export class YearlyReport1763881600000 implements MigrationInterface {
  name = 'YearlyReport1763881600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE yearly_report_status AS ENUM ('DRAFT', 'APPROVED', 'PUBLISHED')`);
    await q.query(`CREATE TABLE yearly_report (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      board_id uuid NOT NULL,
      period_from date NOT NULL,
      period_to date NOT NULL,
      status yearly_report_status NOT NULL DEFAULT 'DRAFT',
      due_on date NOT NULL,
      approved_on date,
      approved_by text,
      published_on date,
      version int NOT NULL DEFAULT 0,
      CONSTRAINT yearly_report_board_id_fkey FOREIGN KEY (board_id) REFERENCES board(id) ON DELETE RESTRICT,
      CONSTRAINT yearly_report_board_id_period_from_period_to_key UNIQUE (board_id, period_from, period_to),
      CONSTRAINT yearly_report_check CHECK (period_to >= period_from)
    )`);
    await q.query(`CREATE TABLE yearly_report_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      report_id uuid NOT NULL,
      version int NOT NULL,
      status yearly_report_status NOT NULL,
      recorded_on date NOT NULL,
      recorded_by uuid NOT NULL,
      markdown text NOT NULL,
      CONSTRAINT yearly_report_version_report_id_fkey FOREIGN KEY (report_id) REFERENCES yearly_report(id) ON DELETE CASCADE,
      CONSTRAINT yearly_report_version_report_id_version_key UNIQUE (report_id, version)
    )`);
    await q.query(`CREATE TABLE yearly_report_recipient (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      report_id uuid NOT NULL,
      name text NOT NULL,
      position int NOT NULL,
      sent_on date,
      CONSTRAINT yearly_report_recipient_report_id_fkey FOREIGN KEY (report_id) REFERENCES yearly_report(id) ON DELETE CASCADE,
      CONSTRAINT yearly_report_recipient_report_id_name_key UNIQUE (report_id, name)
    )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE yearly_report_recipient`);
    await q.query(`DROP TABLE yearly_report_version`);
    await q.query(`DROP TABLE yearly_report`);
    await q.query(`DROP TYPE yearly_report_status`);
  }
}
