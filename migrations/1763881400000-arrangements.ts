import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partnerships as the law runs them since 2019, and meetings as boards record them
 * (issue 13, ../shared/domain/arrangements.md):
 * - board kinds LSCB / SAFEGUARDING_CHILDREN_PARTNERSHIP / SAB beside JOINT; the historic CHILDREN and
 *   ADULTS rows become LSCB and SAB (the values stay in the type, refused by a check, so old clients'
 *   inputs still map); a footprint (local authority areas, filled with the board's area) and dates;
 * - office holders with dates; the statutory membership roles; named representatives and deputies
 *   (filled from the single representative and deputy);
 * - meeting types, ADJOURNED, a per-person register (filled from the per-agency records, one person
 *   row each), agenda items and decisions;
 * - actions raised at meetings, a named lead, ONGOING timescales with review dates, due-date changes,
 *   a completion note and the link to the action an action was carried forward to.
 * Nothing is lost: every existing row keeps its meaning.
 */
export class Arrangements1763881400000 implements MigrationInterface {
  name = 'Arrangements1763881400000';

  public async up(q: QueryRunner): Promise<void> {
    // Board kinds: a new type, so the historic rows can be moved in the same transaction.
    await recreateEnum(q, 'board_kind', ['CHILDREN', 'ADULTS', 'JOINT', 'LSCB', 'SAFEGUARDING_CHILDREN_PARTNERSHIP', 'SAB'], [['board', 'kind', null]], {
      CHILDREN: 'LSCB',
      ADULTS: 'SAB',
    });
    await q.query(`ALTER TABLE board ADD CONSTRAINT board_kind_current_check CHECK (kind <> ALL (ARRAY['CHILDREN', 'ADULTS']::board_kind[]))`);
    await q.query(`ALTER TABLE board ADD COLUMN footprint text[] NOT NULL DEFAULT '{}', ADD COLUMN runs_from date, ADD COLUMN runs_to date`);
    await q.query(`UPDATE board SET footprint = ARRAY[area]`);
    await q.query(`ALTER TABLE board ADD CONSTRAINT board_runs_check CHECK (runs_to IS NULL OR runs_from IS NULL OR runs_to >= runs_from)`);

    await q.query(`CREATE TYPE office_holder_role AS ENUM ('LEAD_SAFEGUARDING_PARTNER','DELEGATED_SAFEGUARDING_PARTNER','PARTNERSHIP_CHAIR','INDEPENDENT_SCRUTINEER','SAB_INDEPENDENT_CHAIR','BUSINESS_MANAGER')`);
    await q.query(`CREATE TABLE office_holder (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      board_id uuid NOT NULL,
      role office_holder_role NOT NULL,
      person_name text NOT NULL,
      agency_id uuid,
      starts_on date NOT NULL,
      ends_on date,
      CONSTRAINT office_holder_board_id_fkey FOREIGN KEY (board_id) REFERENCES board(id) ON DELETE CASCADE,
      CONSTRAINT office_holder_agency_id_fkey FOREIGN KEY (agency_id) REFERENCES agency(id) ON DELETE RESTRICT,
      CONSTRAINT office_holder_dates_check CHECK (ends_on IS NULL OR ends_on >= starts_on)
    )`);
    await q.query(`CREATE INDEX office_holder_board_idx ON office_holder (board_id, starts_on)`);

    for (const role of ['SAFEGUARDING_PARTNER', 'RELEVANT_AGENCY', 'EDUCATION_CHILDCARE', 'CHILD_DEATH_REVIEW_PARTNER']) {
      await q.query(`ALTER TYPE membership_role ADD VALUE '${role}'`);
    }
    await q.query(`ALTER TABLE membership ADD COLUMN representatives text[] NOT NULL DEFAULT '{}', ADD COLUMN deputies text[] NOT NULL DEFAULT '{}'`);
    await q.query(`UPDATE membership SET representatives = CASE WHEN representative IS NULL THEN '{}' ELSE ARRAY[representative] END,
      deputies = CASE WHEN deputy IS NULL THEN '{}' ELSE ARRAY[deputy] END`);

    await q.query(`CREATE TYPE meeting_type AS ENUM ('BOARD','EXECUTIVE','SUB_GROUP','EXTRAORDINARY','DEVELOPMENT_SESSION')`);
    await q.query(`ALTER TABLE meeting ADD COLUMN type meeting_type NOT NULL DEFAULT 'BOARD', ADD COLUMN adjournment_reason text`);
    await q.query(`UPDATE meeting SET type = 'SUB_GROUP' WHERE sub_group_id IS NOT NULL`);
    await q.query(`ALTER TYPE meeting_status ADD VALUE 'ADJOURNED' AFTER 'HELD'`);

    await q.query(`CREATE TYPE register_capacity AS ENUM ('MEMBER','DEPUTY','IN_ATTENDANCE','OBSERVER')`);
    await q.query(`CREATE TYPE register_status AS ENUM ('PRESENT','APOLOGIES','ABSENT')`);
    await q.query(`CREATE TYPE attendance_mode AS ENUM ('IN_PERSON','VIRTUAL')`);
    await q.query(`CREATE TABLE register_entry (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      meeting_id uuid NOT NULL,
      person_name text,
      agency_id uuid,
      capacity register_capacity NOT NULL,
      status register_status NOT NULL,
      mode attendance_mode NOT NULL DEFAULT 'IN_PERSON',
      CONSTRAINT register_entry_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES meeting(id) ON DELETE CASCADE,
      CONSTRAINT register_entry_agency_id_fkey FOREIGN KEY (agency_id) REFERENCES agency(id) ON DELETE RESTRICT
    )`);
    await q.query(`CREATE INDEX register_entry_meeting_idx ON register_entry (meeting_id)`);
    await q.query(`CREATE INDEX register_entry_agency_idx ON register_entry (agency_id)`);
    // One person row per agency record: who came (or, unnamed, the seat's representative or deputy).
    await q.query(`INSERT INTO register_entry (meeting_id, person_name, agency_id, capacity, status, mode, created_at, updated_at)
      SELECT a.meeting_id,
        coalesce(a.attendee_name, CASE WHEN a.status = 'DEPUTY' THEN s.deputy ELSE s.representative END),
        a.agency_id,
        (CASE WHEN a.status = 'DEPUTY' THEN 'DEPUTY' ELSE 'MEMBER' END)::register_capacity,
        (CASE WHEN a.status = 'DEPUTY' THEN 'PRESENT' ELSE a.status::text END)::register_status,
        'IN_PERSON', a.created_at, a.updated_at
      FROM attendance a JOIN meeting m ON m.id = a.meeting_id
      LEFT JOIN LATERAL (
        SELECT representative, deputy FROM membership s
        WHERE s.agency_id = a.agency_id AND (s.board_id = m.board_id OR s.sub_group_id = m.sub_group_id)
          AND s.starts_on <= m.date AND (s.ends_on IS NULL OR s.ends_on >= m.date)
        LIMIT 1) s ON true`);

    await q.query(`CREATE TYPE agenda_item_kind AS ENUM ('STANDING','ASSURANCE','DECISION','INFORMATION')`);
    await q.query(`CREATE TYPE agenda_link_type AS ENUM ('CASE_REVIEW','AUDIT_CYCLE','PLAN_PRIORITY','INDICATOR')`);
    await q.query(`CREATE TABLE agenda_item (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      meeting_id uuid NOT NULL,
      position int NOT NULL,
      title text NOT NULL,
      kind agenda_item_kind NOT NULL,
      presenting_agency_id uuid,
      link_type agenda_link_type,
      link_id uuid,
      CONSTRAINT agenda_item_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES meeting(id) ON DELETE CASCADE,
      CONSTRAINT agenda_item_presenting_agency_id_fkey FOREIGN KEY (presenting_agency_id) REFERENCES agency(id) ON DELETE RESTRICT,
      CONSTRAINT agenda_item_meeting_position_key UNIQUE (meeting_id, position),
      CONSTRAINT agenda_item_link_check CHECK ((link_type IS NULL) = (link_id IS NULL)),
      CONSTRAINT agenda_item_position_check CHECK (position >= 1)
    )`);
    await q.query(`CREATE TABLE decision (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      meeting_id uuid NOT NULL,
      agenda_item_id uuid,
      text text NOT NULL,
      agreed_by_agency_ids uuid[] NOT NULL DEFAULT '{}',
      decision_quorate boolean NOT NULL,
      CONSTRAINT decision_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES meeting(id) ON DELETE CASCADE,
      CONSTRAINT decision_agenda_item_id_fkey FOREIGN KEY (agenda_item_id) REFERENCES agenda_item(id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX decision_meeting_idx ON decision (meeting_id)`);

    await q.query(`ALTER TYPE action_source_type ADD VALUE 'MEETING'`);
    await q.query(`CREATE TYPE review_frequency AS ENUM ('MONTHLY','BIMONTHLY','QUARTERLY','SIX_MONTHLY','ANNUALLY')`);
    await q.query(`ALTER TABLE action
      ADD COLUMN lead text,
      ADD COLUMN ongoing boolean NOT NULL DEFAULT false,
      ADD COLUMN review_frequency review_frequency,
      ADD COLUMN next_review_on date,
      ADD COLUMN completion_note text,
      ADD COLUMN due_date_changes int NOT NULL DEFAULT 0,
      ADD COLUMN carried_forward_to_id uuid,
      ADD CONSTRAINT action_carried_forward_to_id_fkey FOREIGN KEY (carried_forward_to_id) REFERENCES action(id) ON DELETE SET NULL,
      ADD CONSTRAINT action_ongoing_check CHECK (NOT ongoing OR due_on IS NULL)`);
    await q.query(`CREATE TABLE action_due_date_change (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      action_id uuid NOT NULL,
      changed_on date NOT NULL,
      from_due_on date,
      to_due_on date,
      reason text NOT NULL,
      by_user_id uuid,
      by_name text,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT action_due_date_change_action_id_fkey FOREIGN KEY (action_id) REFERENCES action(id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX action_due_date_change_action_idx ON action_due_date_change (action_id, created_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE action_due_date_change`);
    await q.query(`ALTER TABLE action DROP CONSTRAINT action_ongoing_check, DROP CONSTRAINT action_carried_forward_to_id_fkey,
      DROP COLUMN carried_forward_to_id, DROP COLUMN due_date_changes, DROP COLUMN completion_note, DROP COLUMN next_review_on,
      DROP COLUMN review_frequency, DROP COLUMN ongoing, DROP COLUMN lead`);
    await q.query(`DROP TYPE review_frequency`);
    // Actions raised at meetings have no source before this migration.
    await q.query(`DELETE FROM action WHERE source_type = 'MEETING'`);
    await recreateEnum(q, 'action_source_type', ['AUDIT_STANDARD', 'REVIEW_RECOMMENDATION', 'PLAN_PRIORITY'], [['action', 'source_type', null]], {});

    await q.query(`DROP TABLE decision`);
    await q.query(`DROP TABLE agenda_item`);
    await q.query(`DROP TYPE agenda_link_type`);
    await q.query(`DROP TYPE agenda_item_kind`);
    await q.query(`DROP TABLE register_entry`);
    for (const t of ['attendance_mode', 'register_status', 'register_capacity']) await q.query(`DROP TYPE ${t}`);
    // The check's stored expression names the type: it goes while the type is replaced.
    await q.query(`ALTER TABLE meeting DROP CONSTRAINT meeting_cancellation_reason_check`);
    await recreateEnum(q, 'meeting_status', ['SCHEDULED', 'HELD', 'CANCELLED'], [['meeting', 'status', `'SCHEDULED'`]], { ADJOURNED: 'HELD' });
    await q.query(`ALTER TABLE meeting ADD CONSTRAINT meeting_cancellation_reason_check CHECK (status = 'CANCELLED' OR cancellation_reason IS NULL)`);
    await q.query(`ALTER TABLE meeting DROP COLUMN adjournment_reason, DROP COLUMN type`);
    await q.query(`DROP TYPE meeting_type`);

    await q.query(`ALTER TABLE membership DROP COLUMN deputies, DROP COLUMN representatives`);
    await recreateEnum(q, 'membership_role', ['STATUTORY_PARTNER', 'PARTNER', 'ADVISER', 'OBSERVER', 'LAY_MEMBER'], [['membership', 'role', null]], {
      SAFEGUARDING_PARTNER: 'STATUTORY_PARTNER',
      RELEVANT_AGENCY: 'PARTNER',
      EDUCATION_CHILDCARE: 'PARTNER',
      CHILD_DEATH_REVIEW_PARTNER: 'PARTNER',
    });

    await q.query(`DROP TABLE office_holder`);
    await q.query(`DROP TYPE office_holder_role`);
    await q.query(`ALTER TABLE board DROP CONSTRAINT board_runs_check, DROP CONSTRAINT board_kind_current_check,
      DROP COLUMN runs_to, DROP COLUMN runs_from, DROP COLUMN footprint`);
    await recreateEnum(q, 'board_kind', ['CHILDREN', 'ADULTS', 'JOINT'], [['board', 'kind', null]], {
      LSCB: 'CHILDREN',
      SAFEGUARDING_CHILDREN_PARTNERSHIP: 'CHILDREN',
      SAB: 'ADULTS',
    });
  }
}

/** Replaces an enum type by one with `values`, moving each column's rows through `map` (old value → new). */
async function recreateEnum(
  q: QueryRunner,
  type: string,
  values: string[],
  columns: [table: string, column: string, defaultValue: string | null][],
  map: Record<string, string>,
): Promise<void> {
  await q.query(`ALTER TYPE ${type} RENAME TO ${type}_old`);
  await q.query(`CREATE TYPE ${type} AS ENUM (${values.map((v) => `'${v}'`).join(',')})`);
  const cases = Object.entries(map).map(([from, to]) => `WHEN '${from}' THEN '${to}'`).join(' ');
  for (const [table, column, defaultValue] of columns) {
    if (defaultValue) await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} DROP DEFAULT`);
    const using = cases ? `(CASE ${column}::text ${cases} ELSE ${column}::text END)::${type}` : `${column}::text::${type}`;
    await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE ${type} USING ${using}`);
    if (defaultValue) await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} SET DEFAULT ${defaultValue}`);
  }
  await q.query(`DROP TYPE ${type}_old`);
}
