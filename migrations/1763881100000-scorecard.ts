import { MigrationInterface, QueryRunner } from 'typeorm';

/** The partnership data set and quality-assurance scorecard (issue 15, domain/scorecard.md). */
export class Scorecard1763881100000 implements MigrationInterface {
  name = 'Scorecard1763881100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE indicator_unit AS ENUM ('COUNT','PERCENT','RATE_PER_10K','DAYS','WORKING_DAYS','SCORE')`);
    await q.query(`CREATE TYPE indicator_polarity AS ENUM ('HIGHER_IS_BETTER','LOWER_IS_BETTER','NEUTRAL')`);
    await q.query(`CREATE TYPE indicator_frequency AS ENUM ('MONTH','QUARTER','YEAR')`);
    await q.query(`CREATE TYPE indicator_audience AS ENUM ('CHILDREN','ADULTS')`);
    await q.query(`CREATE TYPE rag_method AS ENUM ('TARGET','QUARTILE')`);
    await q.query(`CREATE TYPE observation_status AS ENUM ('DRAFT','SUBMITTED','RETURNED','VALIDATED')`);
    await q.query(`CREATE TYPE observation_version_kind AS ENUM ('SUBMITTED','RETURNED','VALIDATED')`);
    await q.query(`CREATE TABLE indicator (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      key text NOT NULL,
      title text NOT NULL,
      definition text NOT NULL,
      version int NOT NULL DEFAULT 1,
      unit indicator_unit NOT NULL,
      polarity indicator_polarity NOT NULL,
      frequency indicator_frequency NOT NULL,
      audience indicator_audience NOT NULL,
      counts_people boolean NOT NULL DEFAULT false,
      tolerance double precision NOT NULL DEFAULT 0,
      supplier_agency_ids uuid[] NOT NULL DEFAULT '{}',
      priority_id uuid,
      CONSTRAINT indicator_pkey PRIMARY KEY (id),
      CONSTRAINT indicator_key_key UNIQUE (key),
      CONSTRAINT indicator_tolerance_check CHECK (tolerance >= (0)::double precision),
      CONSTRAINT indicator_priority_id_fkey FOREIGN KEY (priority_id) REFERENCES plan_priority(id) ON DELETE RESTRICT
    )`);
    await q.query(`CREATE INDEX indicator_suppliers_idx ON indicator USING gin (supplier_agency_ids)`);
    await q.query(`CREATE TABLE indicator_version (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      indicator_id uuid NOT NULL,
      version int NOT NULL,
      definition text NOT NULL,
      effective_from date NOT NULL,
      by_name text,
      CONSTRAINT indicator_version_pkey PRIMARY KEY (id),
      CONSTRAINT indicator_version_indicator_id_version_key UNIQUE (indicator_id, version),
      CONSTRAINT indicator_version_indicator_id_fkey FOREIGN KEY (indicator_id) REFERENCES indicator(id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE TABLE data_set_item (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      board_id uuid NOT NULL,
      sub_group_id uuid,
      indicator_id uuid NOT NULL,
      rag_method rag_method NOT NULL,
      target double precision,
      target_date date,
      rag_tolerance double precision NOT NULL DEFAULT 0,
      position int NOT NULL,
      CONSTRAINT data_set_item_pkey PRIMARY KEY (id),
      CONSTRAINT data_set_item_board_id_indicator_id_key UNIQUE (board_id, indicator_id),
      CONSTRAINT data_set_item_rag_tolerance_check CHECK (rag_tolerance >= (0)::double precision),
      CONSTRAINT data_set_item_board_id_fkey FOREIGN KEY (board_id) REFERENCES board(id) ON DELETE RESTRICT,
      CONSTRAINT data_set_item_sub_group_id_fkey FOREIGN KEY (sub_group_id) REFERENCES sub_group(id) ON DELETE RESTRICT,
      CONSTRAINT data_set_item_indicator_id_fkey FOREIGN KEY (indicator_id) REFERENCES indicator(id) ON DELETE RESTRICT
    )`);
    await q.query(`CREATE TABLE observation (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      indicator_id uuid NOT NULL,
      indicator_version int NOT NULL,
      board_id uuid NOT NULL,
      period_from date NOT NULL,
      period_to date NOT NULL,
      breakdown_dimension text NOT NULL DEFAULT '',
      breakdown_category text NOT NULL DEFAULT '',
      value double precision,
      numerator double precision,
      denominator double precision,
      agency_id uuid NOT NULL,
      commentary text,
      status observation_status NOT NULL DEFAULT 'DRAFT',
      revision int NOT NULL DEFAULT 1,
      return_comment text,
      submitted_on date,
      validated_on date,
      CONSTRAINT observation_pkey PRIMARY KEY (id),
      CONSTRAINT observation_cell_key UNIQUE (indicator_id, indicator_version, board_id, period_from, period_to, breakdown_dimension, breakdown_category),
      CONSTRAINT observation_check CHECK (period_to >= period_from),
      CONSTRAINT observation_indicator_id_fkey FOREIGN KEY (indicator_id) REFERENCES indicator(id) ON DELETE RESTRICT,
      CONSTRAINT observation_board_id_fkey FOREIGN KEY (board_id) REFERENCES board(id) ON DELETE RESTRICT,
      CONSTRAINT observation_agency_id_fkey FOREIGN KEY (agency_id) REFERENCES agency(id) ON DELETE RESTRICT
    )`);
    await q.query(`CREATE INDEX observation_board_idx ON observation (board_id, indicator_id, period_to)`);
    await q.query(`CREATE INDEX observation_agency_idx ON observation (agency_id, status)`);
    await q.query(`CREATE TABLE observation_version (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      observation_id uuid NOT NULL,
      number int NOT NULL,
      kind observation_version_kind NOT NULL,
      recorded_on date NOT NULL,
      by_user_id uuid,
      by_name text,
      comment text,
      snapshot jsonb NOT NULL,
      CONSTRAINT observation_version_pkey PRIMARY KEY (id),
      CONSTRAINT observation_version_observation_id_number_key UNIQUE (observation_id, number),
      CONSTRAINT observation_version_observation_id_fkey FOREIGN KEY (observation_id) REFERENCES observation(id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE TABLE benchmark (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      indicator_id uuid NOT NULL,
      board_id uuid NOT NULL,
      period_from date NOT NULL,
      period_to date NOT NULL,
      england double precision,
      stat_neighbours double precision,
      upper_quartile double precision,
      median double precision,
      lower_quartile double precision,
      CONSTRAINT benchmark_pkey PRIMARY KEY (id),
      CONSTRAINT benchmark_indicator_id_board_id_period_from_period_to_key UNIQUE (indicator_id, board_id, period_from, period_to),
      CONSTRAINT benchmark_check CHECK (period_to >= period_from),
      CONSTRAINT benchmark_indicator_id_fkey FOREIGN KEY (indicator_id) REFERENCES indicator(id) ON DELETE RESTRICT,
      CONSTRAINT benchmark_board_id_fkey FOREIGN KEY (board_id) REFERENCES board(id) ON DELETE RESTRICT
    )`);
    await q.query(`CREATE TABLE population (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      board_id uuid NOT NULL,
      year int NOT NULL,
      audience indicator_audience NOT NULL,
      population int NOT NULL,
      CONSTRAINT population_pkey PRIMARY KEY (id),
      CONSTRAINT population_board_id_year_audience_key UNIQUE (board_id, year, audience),
      CONSTRAINT population_population_check CHECK (population > 0),
      CONSTRAINT population_board_id_fkey FOREIGN KEY (board_id) REFERENCES board(id) ON DELETE RESTRICT
    )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE population`);
    await q.query(`DROP TABLE benchmark`);
    await q.query(`DROP TABLE observation_version`);
    await q.query(`DROP TABLE observation`);
    await q.query(`DROP TABLE data_set_item`);
    await q.query(`DROP TABLE indicator_version`);
    await q.query(`DROP TABLE indicator`);
    for (const t of ['observation_version_kind', 'observation_status', 'rag_method', 'indicator_audience', 'indicator_frequency', 'indicator_polarity', 'indicator_unit']) {
      await q.query(`DROP TYPE ${t}`);
    }
  }
}
