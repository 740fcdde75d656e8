import { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_STATUSES = `'REFERRED','NOT_COMMISSIONED','COMMISSIONED','IN_PROGRESS','PUBLISHED','CLOSED'`;
const OLD_TYPES = `'SERIOUS_CASE_REVIEW','CHILD_SAFEGUARDING_PRACTICE_REVIEW','SAFEGUARDING_ADULTS_REVIEW','DOMESTIC_HOMICIDE_REVIEW','LEARNING_REVIEW'`;

/**
 * Case reviews as the law runs them (issue 14, domain/reviews.md): every status change becomes a
 * dated event (review_event), so the status on any past day is known; serious incident
 * notifications and rapid reviews; findings with responses; contributions to other areas'
 * reviews; closure days for the working-day calendar.
 *
 * Existing reviews keep every date: each of referred_on, decided_on, started_on, published_on and
 * closed_on becomes a status event on that day (a published review also gets an OVERVIEW_REPORT
 * publication event), and a review whose current status has no dated event gets one on its latest
 * known date. The same SQL function fills the events of rows inserted directly (seeds, benchmark).
 */
export class Reviews1763881500000 implements MigrationInterface {
  name = 'Reviews1763881500000';

  public async up(q: QueryRunner): Promise<void> {
    // Appended values: usable from the next transaction (migrations run one transaction each).
    for (const v of ['NOTIFIED', 'RAPID_REVIEW', 'NO_FURTHER_REVIEW', 'COMPLETED']) await q.query(`ALTER TYPE case_review_status ADD VALUE '${v}'`);
    await q.query(`ALTER TYPE case_review_type ADD VALUE 'MULTI_AGENCY_LEARNING'`);
    await q.query(`CREATE TYPE sar_criterion AS ENUM ('MANDATORY','DISCRETIONARY')`);
    await q.query(`ALTER TABLE case_review ADD COLUMN sar_criterion sar_criterion, ADD COLUMN delivered_for text`);

    await q.query(`CREATE TABLE closure_day (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      day date NOT NULL,
      reason text NOT NULL,
      CONSTRAINT closure_day_pkey PRIMARY KEY (id),
      CONSTRAINT closure_day_day_key UNIQUE (day)
    )`);

    await q.query(`CREATE TYPE review_event_kind AS ENUM ('STATUS','LEARNING_BRIEF','OVERVIEW_REPORT','EXECUTIVE_SUMMARY','PUBLICATION_DELAYED','DECIDED_NOT_TO_PUBLISH','SENT_TO_PANEL','SENT_TO_SECRETARY_OF_STATE','WITHDRAWN')`);
    await q.query(`CREATE TABLE review_event (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      case_review_id uuid NOT NULL,
      seq int NOT NULL,
      kind review_event_kind NOT NULL,
      status case_review_status,
      "on" date NOT NULL,
      reason text,
      CONSTRAINT review_event_pkey PRIMARY KEY (id),
      CONSTRAINT review_event_case_review_id_seq_key UNIQUE (case_review_id, seq),
      CONSTRAINT review_event_status_check CHECK ((kind = 'STATUS') = (status IS NOT NULL)),
      CONSTRAINT review_event_case_review_id_fkey FOREIGN KEY (case_review_id) REFERENCES case_review(id) ON DELETE RESTRICT
    )`);
    await q.query(`CREATE INDEX review_event_review_on_idx ON review_event (case_review_id, "on")`);

    await q.query(`CREATE FUNCTION hub_review_events_from_dates(ids uuid[]) RETURNS void LANGUAGE sql AS $$
      INSERT INTO review_event (case_review_id, seq, kind, status, "on")
      SELECT x.id, row_number() OVER (PARTITION BY x.id ORDER BY x.on, x.rank)::int, x.kind::review_event_kind, x.status::case_review_status, x.on
      FROM (
        SELECT c.id, 'STATUS' AS kind, 'REFERRED' AS status, c.referred_on AS on, 1 AS rank FROM case_review c WHERE c.id = ANY(ids)
        UNION ALL SELECT c.id, 'STATUS', CASE WHEN c.commissioned THEN 'COMMISSIONED' ELSE 'NOT_COMMISSIONED' END, c.decided_on, 2
          FROM case_review c WHERE c.id = ANY(ids) AND c.decided_on IS NOT NULL AND c.commissioned IS NOT NULL
        UNION ALL SELECT c.id, 'STATUS', 'IN_PROGRESS', c.started_on, 3 FROM case_review c WHERE c.id = ANY(ids) AND c.started_on IS NOT NULL
        UNION ALL SELECT c.id, 'OVERVIEW_REPORT', NULL, c.published_on, 4 FROM case_review c WHERE c.id = ANY(ids) AND c.published_on IS NOT NULL
        UNION ALL SELECT c.id, 'STATUS', 'PUBLISHED', c.published_on, 5 FROM case_review c WHERE c.id = ANY(ids) AND c.published_on IS NOT NULL
        UNION ALL SELECT c.id, 'STATUS', 'CLOSED', c.closed_on, 6 FROM case_review c WHERE c.id = ANY(ids) AND c.closed_on IS NOT NULL
        -- The current status, when no dated event above reaches it: on the latest known date.
        UNION ALL SELECT c.id, 'STATUS', c.status::text, greatest(c.referred_on, c.decided_on, c.started_on, c.published_on, c.closed_on), 7
          FROM case_review c WHERE c.id = ANY(ids) AND NOT (
            (c.status = 'REFERRED') OR (c.status IN ('COMMISSIONED', 'NOT_COMMISSIONED') AND c.decided_on IS NOT NULL AND c.commissioned IS NOT NULL)
            OR (c.status = 'IN_PROGRESS' AND c.started_on IS NOT NULL) OR (c.status = 'PUBLISHED' AND c.published_on IS NOT NULL)
            OR (c.status = 'CLOSED' AND c.closed_on IS NOT NULL))
      ) x
      WHERE NOT EXISTS (SELECT 1 FROM review_event e WHERE e.case_review_id = x.id)
    $$`);
    await q.query(`SELECT hub_review_events_from_dates(array(SELECT id FROM case_review))`);

    await q.query(`CREATE TABLE serious_incident (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      board_id uuid NOT NULL,
      case_review_id uuid NOT NULL,
      pseudonym text NOT NULL,
      incident_on date NOT NULL,
      aware_on date NOT NULL,
      notified_on date NOT NULL,
      looked_after boolean NOT NULL,
      CONSTRAINT serious_incident_pkey PRIMARY KEY (id),
      CONSTRAINT serious_incident_case_review_id_key UNIQUE (case_review_id),
      CONSTRAINT serious_incident_dates_check CHECK (aware_on >= incident_on AND notified_on >= aware_on),
      CONSTRAINT serious_incident_board_id_fkey FOREIGN KEY (board_id) REFERENCES board(id) ON DELETE RESTRICT,
      CONSTRAINT serious_incident_case_review_id_fkey FOREIGN KEY (case_review_id) REFERENCES case_review(id) ON DELETE RESTRICT
    )`);
    await q.query(`CREATE INDEX serious_incident_board_idx ON serious_incident (board_id, notified_on)`);
    await q.query(`CREATE TYPE rapid_review_outcome AS ENUM ('LOCAL_REVIEW','NO_FURTHER_REVIEW','OTHER_LEARNING')`);
    await q.query(`CREATE TABLE rapid_review (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      board_id uuid NOT NULL,
      serious_incident_id uuid NOT NULL,
      meeting_on date NOT NULL,
      sent_to_panel_on date,
      outcome rapid_review_outcome,
      partners_agreed boolean NOT NULL DEFAULT false,
      panel_response text,
      national_review boolean NOT NULL DEFAULT false,
      CONSTRAINT rapid_review_pkey PRIMARY KEY (id),
      CONSTRAINT rapid_review_serious_incident_id_key UNIQUE (serious_incident_id),
      CONSTRAINT rapid_review_sent_check CHECK (sent_to_panel_on IS NULL OR sent_to_panel_on >= meeting_on),
      CONSTRAINT rapid_review_board_id_fkey FOREIGN KEY (board_id) REFERENCES board(id) ON DELETE RESTRICT,
      CONSTRAINT rapid_review_serious_incident_id_fkey FOREIGN KEY (serious_incident_id) REFERENCES serious_incident(id) ON DELETE RESTRICT
    )`);

    await q.query(`CREATE TYPE finding_response AS ENUM ('ACCEPTED','NOT_IMPLEMENTED')`);
    await q.query(`CREATE TABLE finding (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      case_review_id uuid NOT NULL,
      number int NOT NULL,
      text text NOT NULL,
      response finding_response,
      reasons text,
      responded_on date,
      CONSTRAINT finding_pkey PRIMARY KEY (id),
      CONSTRAINT finding_case_review_id_number_key UNIQUE (case_review_id, number),
      CONSTRAINT finding_reasons_check CHECK (response IS DISTINCT FROM 'NOT_IMPLEMENTED' OR reasons IS NOT NULL),
      CONSTRAINT finding_case_review_id_fkey FOREIGN KEY (case_review_id) REFERENCES case_review(id) ON DELETE RESTRICT
    )`);

    await q.query(`CREATE TABLE review_contribution (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      board_id uuid NOT NULL,
      area text NOT NULL,
      review_reference text NOT NULL,
      type case_review_type NOT NULL,
      agency_ids uuid[] NOT NULL DEFAULT '{}',
      contributed_on date NOT NULL,
      CONSTRAINT review_contribution_pkey PRIMARY KEY (id),
      CONSTRAINT review_contribution_board_id_fkey FOREIGN KEY (board_id) REFERENCES board(id) ON DELETE RESTRICT
    )`);
    await q.query(`CREATE INDEX review_contribution_board_idx ON review_contribution (board_id, contributed_on)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE review_contribution`);
    await q.query(`DROP TABLE finding`);
    await q.query(`DROP TYPE finding_response`);
    await q.query(`DROP TABLE rapid_review`);
    await q.query(`DROP TYPE rapid_review_outcome`);
    await q.query(`DROP TABLE serious_incident`);
    await q.query(`DROP FUNCTION hub_review_events_from_dates(uuid[])`);
    await q.query(`DROP TABLE review_event`);
    await q.query(`DROP TYPE review_event_kind`);
    await q.query(`DROP TABLE closure_day`);
    await q.query(`ALTER TABLE case_review DROP COLUMN sar_criterion, DROP COLUMN delivered_for`);
    await q.query(`DROP TYPE sar_criterion`);
    // The old enums hold fewer values: the new statuses fall back to the nearest old one.
    await q.query(`ALTER TYPE case_review_status RENAME TO case_review_status_new`);
    await q.query(`CREATE TYPE case_review_status AS ENUM (${OLD_STATUSES})`);
    await q.query(`ALTER TABLE case_review ALTER COLUMN status DROP DEFAULT, ALTER COLUMN status TYPE case_review_status USING (CASE status::text
      WHEN 'NOTIFIED' THEN 'REFERRED' WHEN 'RAPID_REVIEW' THEN 'REFERRED' WHEN 'NO_FURTHER_REVIEW' THEN 'NOT_COMMISSIONED' WHEN 'COMPLETED' THEN 'IN_PROGRESS'
      ELSE status::text END)::case_review_status, ALTER COLUMN status SET DEFAULT 'REFERRED'`);
    await q.query(`DROP TYPE case_review_status_new`);
    await q.query(`ALTER TYPE case_review_type RENAME TO case_review_type_new`);
    await q.query(`CREATE TYPE case_review_type AS ENUM (${OLD_TYPES})`);
    await q.query(`ALTER TABLE case_review ALTER COLUMN type TYPE case_review_type USING (CASE type::text WHEN 'MULTI_AGENCY_LEARNING' THEN 'LEARNING_REVIEW' ELSE type::text END)::case_review_type`);
    await q.query(`DROP TYPE case_review_type_new`);
  }
}
