import { MigrationInterface, QueryRunner } from 'typeorm';

const COUNTS = ['standards', 'met', 'partially_met', 'not_met', 'not_applicable', 'self_met', 'self_partially_met', 'self_not_met', 'self_not_applicable'];

/**
 * Each return keeps its rating counts (moderated where recorded, and self-assessed), maintained by
 * triggers on its assessments: cycle summaries and trends then read one row per return instead of
 * joining every assessment (they were most of PostgreSQL's time in a partnership status request).
 */
export class ReturnRatingCounts1763880400000 implements MigrationInterface {
  name = 'ReturnRatingCounts1763880400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_return ${COUNTS.map((c) => `ADD COLUMN ${c} int NOT NULL DEFAULT 0`).join(', ')}`);
    await q.query(`CREATE FUNCTION audit_return_refresh_counts(ids uuid[]) RETURNS void LANGUAGE sql AS $$
      UPDATE audit_return r SET
        standards = x.standards, met = x.met, partially_met = x.partially_met, not_met = x.not_met, not_applicable = x.not_applicable,
        self_met = x.self_met, self_partially_met = x.self_partially_met, self_not_met = x.self_not_met, self_not_applicable = x.self_not_applicable
      FROM (
        SELECT r2.id, count(s.id)::int AS standards,
          count(*) FILTER (WHERE coalesce(a.moderated_rating, a.self_rating) = 'MET')::int AS met,
          count(*) FILTER (WHERE coalesce(a.moderated_rating, a.self_rating) = 'PARTIALLY_MET')::int AS partially_met,
          count(*) FILTER (WHERE coalesce(a.moderated_rating, a.self_rating) = 'NOT_MET')::int AS not_met,
          count(*) FILTER (WHERE coalesce(a.moderated_rating, a.self_rating) = 'NOT_APPLICABLE')::int AS not_applicable,
          count(*) FILTER (WHERE a.self_rating = 'MET')::int AS self_met,
          count(*) FILTER (WHERE a.self_rating = 'PARTIALLY_MET')::int AS self_partially_met,
          count(*) FILTER (WHERE a.self_rating = 'NOT_MET')::int AS self_not_met,
          count(*) FILTER (WHERE a.self_rating = 'NOT_APPLICABLE')::int AS self_not_applicable
        FROM audit_return r2
        JOIN audit_cycle c ON c.id = r2.cycle_id
        JOIN audit_standard s ON s.framework_id = c.framework_id
        LEFT JOIN audit_assessment a ON a.return_id = r2.id AND a.standard_id = s.id
        WHERE r2.id = ANY(ids)
        GROUP BY r2.id
      ) x
      WHERE r.id = x.id
    $$`);
    // Statement-level with transition tables, so a bulk insert of assessments refreshes each return once.
    await q.query(`CREATE FUNCTION audit_assessment_counts_new() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM audit_return_refresh_counts(ARRAY(SELECT DISTINCT return_id FROM new_rows)); RETURN NULL; END $$`);
    await q.query(`CREATE FUNCTION audit_assessment_counts_old() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM audit_return_refresh_counts(ARRAY(SELECT DISTINCT return_id FROM old_rows)); RETURN NULL; END $$`);
    await q.query(`CREATE FUNCTION audit_return_counts_new() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM audit_return_refresh_counts(ARRAY(SELECT id FROM new_rows)); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER audit_assessment_counts_insert AFTER INSERT ON audit_assessment
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_assessment_counts_new()`);
    await q.query(`CREATE TRIGGER audit_assessment_counts_update AFTER UPDATE ON audit_assessment
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_assessment_counts_new()`);
    await q.query(`CREATE TRIGGER audit_assessment_counts_delete AFTER DELETE ON audit_assessment
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_assessment_counts_old()`);
    await q.query(`CREATE TRIGGER audit_return_counts_insert AFTER INSERT ON audit_return
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_return_counts_new()`);
    await q.query(`SELECT audit_return_refresh_counts(ARRAY(SELECT id FROM audit_return))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_return_counts_insert ON audit_return`);
    await q.query(`DROP TRIGGER audit_assessment_counts_delete ON audit_assessment`);
    await q.query(`DROP TRIGGER audit_assessment_counts_update ON audit_assessment`);
    await q.query(`DROP TRIGGER audit_assessment_counts_insert ON audit_assessment`);
    await q.query(`DROP FUNCTION audit_return_counts_new()`);
    await q.query(`DROP FUNCTION audit_assessment_counts_old()`);
    await q.query(`DROP FUNCTION audit_assessment_counts_new()`);
    await q.query(`DROP FUNCTION audit_return_refresh_counts(uuid[])`);
    await q.query(`ALTER TABLE audit_return ${COUNTS.map((c) => `DROP COLUMN ${c}`).join(', ')}`);
  }
}
