import { MigrationInterface, QueryRunner } from 'typeorm';

type Standard = [code: string, title: string, guidance: string];

// Reference data ships in the migration so every new database has the frameworks cycles are run against.
const CHILDREN: Standard[] = [
  ['1', 'Senior management commitment to safeguarding and promoting the welfare of children', 'Senior managers own safeguarding: a named board-level lead, safeguarding in the agency\'s strategic plans, and regular reports on it to the governing body.'],
  ['2', 'A clear statement of the agency\'s responsibilities towards children', 'The agency\'s safeguarding responsibilities are written down, available to all staff and to service users, and reviewed.'],
  ['3', 'A clear line of accountability for safeguarding work', 'Every member of staff knows whom they report safeguarding concerns to; named and designated professionals are in post with time to do the role.'],
  ['4', 'Service development that takes account of the need to safeguard children and is informed by the views of children and families', 'Children\'s and families\' views are sought and shape how services are planned and changed.'],
  ['5', 'Training on safeguarding and promoting the welfare of children', 'Staff receive training matched to their role, refreshed on time, and its take-up and impact are monitored.'],
  ['6', 'Safer recruitment and managing allegations against staff', 'Safer recruitment checks (including DBS) are applied and recorded; allegations are referred to the LADO and managed to procedure.'],
  ['7', 'Effective inter-agency working to safeguard and promote the welfare of children', 'The agency takes part in multi-agency procedures, child protection conferences and core groups, and follows the board\'s procedures.'],
  ['8', 'Information sharing', 'Staff know when and how to share information to protect children, supported by policy and legal advice.'],
];

const ADULTS: Standard[] = [
  ['1', 'Leadership and accountability', 'A named senior lead for adult safeguarding; safeguarding is reported to the governing body and features in strategic plans.'],
  ['2', 'Safeguarding policies and procedures', 'Policies follow the multi-agency adult safeguarding procedures and are known to staff.'],
  ['3', 'Mental Capacity Act and Deprivation of Liberty Safeguards', 'Staff apply the Mental Capacity Act in practice; DoLS applications are made and monitored where needed.'],
  ['4', 'Making Safeguarding Personal', 'Adults are asked what outcomes they want and safeguarding work is led by those outcomes.'],
  ['5', 'Training', 'Staff receive adult safeguarding training matched to their role, refreshed on time, with take-up monitored.'],
  ['6', 'Safer recruitment', 'Safer recruitment checks are applied and recorded; allegations against staff are managed to procedure.'],
  ['7', 'Information sharing', 'Staff know when and how to share information to protect adults at risk.'],
  ['8', 'Partnership working', 'The agency contributes to the board, its sub-groups and multi-agency enquiries and reviews.'],
];

export class Section111763880200000 implements MigrationInterface {
  name = 'Section111763880200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE audit_audience AS ENUM ('CHILDREN','ADULTS')`);
    await q.query(`CREATE TYPE audit_rating AS ENUM ('MET','PARTIALLY_MET','NOT_MET','NOT_APPLICABLE')`);
    await q.query(`CREATE TYPE audit_return_status AS ENUM ('DRAFT','SUBMITTED','RETURNED','VALIDATED')`);
    await q.query(`CREATE TYPE audit_version_kind AS ENUM ('SUBMITTED','RETURNED','VALIDATED')`);
    await q.query(`CREATE TABLE audit_framework (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      key text NOT NULL,
      version int NOT NULL CHECK (version > 0),
      name text NOT NULL,
      audience audit_audience NOT NULL,
      published_on date NOT NULL,
      UNIQUE (key, version)
    )`);
    await q.query(`CREATE TABLE audit_standard (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      framework_id uuid NOT NULL REFERENCES audit_framework(id) ON DELETE RESTRICT,
      code text NOT NULL,
      title text NOT NULL,
      guidance text NOT NULL,
      position int NOT NULL,
      UNIQUE (framework_id, code)
    )`);
    await q.query(`CREATE TABLE audit_cycle (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      framework_id uuid NOT NULL REFERENCES audit_framework(id) ON DELETE RESTRICT,
      name text NOT NULL,
      board_ids uuid[] NOT NULL CHECK (cardinality(board_ids) > 0),
      invited_agency_ids uuid[] NOT NULL,
      opens_on date NOT NULL,
      due_on date NOT NULL CHECK (due_on >= opens_on)
    )`);
    await q.query(`CREATE INDEX audit_cycle_board_ids_idx ON audit_cycle USING gin (board_ids)`);
    await q.query(`CREATE INDEX audit_cycle_invited_idx ON audit_cycle USING gin (invited_agency_ids)`);
    await q.query(`CREATE TABLE audit_return (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      cycle_id uuid NOT NULL REFERENCES audit_cycle(id) ON DELETE RESTRICT,
      agency_id uuid NOT NULL REFERENCES agency(id) ON DELETE RESTRICT,
      status audit_return_status NOT NULL DEFAULT 'DRAFT',
      revision int NOT NULL DEFAULT 1,
      first_submitted_on date,
      submitted_at timestamptz,
      validated_at timestamptz,
      challenge_comment text,
      shared_from_return_id uuid REFERENCES audit_return(id) ON DELETE RESTRICT,
      UNIQUE (cycle_id, agency_id)
    )`);
    await q.query(`CREATE INDEX audit_return_agency_idx ON audit_return (agency_id, status)`);
    await q.query(`CREATE TABLE audit_assessment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      return_id uuid NOT NULL REFERENCES audit_return(id) ON DELETE CASCADE,
      standard_id uuid NOT NULL REFERENCES audit_standard(id) ON DELETE RESTRICT,
      self_rating audit_rating,
      moderated_rating audit_rating,
      evidence text,
      shared_from_assessment_id uuid REFERENCES audit_assessment(id) ON DELETE RESTRICT,
      UNIQUE (return_id, standard_id)
    )`);
    await q.query(`CREATE TABLE audit_return_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      return_id uuid NOT NULL REFERENCES audit_return(id) ON DELETE CASCADE,
      number int NOT NULL,
      kind audit_version_kind NOT NULL,
      recorded_on date NOT NULL,
      by_user_id uuid,
      by_name text,
      comment text,
      snapshot jsonb NOT NULL,
      UNIQUE (return_id, number)
    )`);
    // Versions are the record of what was submitted: nothing may change or remove them.
    await q.query(`CREATE FUNCTION audit_return_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_return_version rows are append-only'; END $$`);
    await q.query(`CREATE TRIGGER audit_return_version_no_update BEFORE UPDATE OR DELETE ON audit_return_version
      FOR EACH ROW EXECUTE FUNCTION audit_return_version_immutable()`);

    for (const [key, name, audience, standards] of [
      ['SECTION_11_CHILDREN', 'Section 11 (Children Act 2004) safeguarding standards', 'CHILDREN', CHILDREN],
      ['SAFEGUARDING_ADULTS_COMPLIANCE', 'Safeguarding adults compliance framework', 'ADULTS', ADULTS],
    ] as [string, string, string, Standard[]][]) {
      const [{ id }] = await q.query(
        `INSERT INTO audit_framework (key, version, name, audience, published_on) VALUES ($1, 1, $2, $3, '2012-04-01') RETURNING id`,
        [key, name, audience],
      );
      for (const [i, [code, title, guidance]] of standards.entries()) {
        await q.query(`INSERT INTO audit_standard (framework_id, code, title, guidance, position) VALUES ($1, $2, $3, $4, $5)`, [id, code, title, guidance, i + 1]);
      }
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_return_version`);
    await q.query(`DROP FUNCTION audit_return_version_immutable() CASCADE`);
    await q.query(`DROP TABLE audit_assessment`);
    await q.query(`DROP TABLE audit_return`);
    await q.query(`DROP TABLE audit_cycle`);
    await q.query(`DROP TABLE audit_standard`);
    await q.query(`DROP TABLE audit_framework`);
    await q.query(`DROP TYPE audit_version_kind`);
    await q.query(`DROP TYPE audit_return_status`);
    await q.query(`DROP TYPE audit_rating`);
    await q.query(`DROP TYPE audit_audience`);
  }
}
