import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each return keeps a link to its previous return: the same agency's latest submitted (SUBMITTED or
 * VALIDATED) return of the same framework in an earlier cycle (by opening date, then creation, then
 * id). Trends and `previousReturn` read it instead of searching every return's predecessors per
 * request (issue 17: that LATERAL search was half of a partnership status request's PostgreSQL time).
 *
 * Triggers keep it: a return's submission, validation or return for amendment (a status change), a
 * new or deleted return, and a cycle's opening date or framework changing each relink every return of
 * the agencies concerned (a handful of rows: one per cycle the agency was invited to). This
 * migration fills it for the returns that exist.
 */
export class PreviousReturn1763881900000 implements MigrationInterface {
  name = 'PreviousReturn1763881900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_return ADD COLUMN previous_return_id uuid`);
    await q.query(`CREATE FUNCTION audit_return_link_previous(agencies uuid[]) RETURNS void LANGUAGE sql AS $$
      UPDATE audit_return r SET previous_return_id = x.prev_id
      FROM (
        SELECT r1.id, (
          SELECT r2.id FROM audit_return r2
          JOIN audit_cycle c2 ON c2.id = r2.cycle_id
          JOIN audit_framework f2 ON f2.id = c2.framework_id
          WHERE r2.agency_id = r1.agency_id AND f2.key = f.key AND r2.status IN ('SUBMITTED', 'VALIDATED')
            AND (c2.opens_on, c2.created_at, c2.id) < (c.opens_on, c.created_at, c.id)
          ORDER BY c2.opens_on DESC, c2.created_at DESC, c2.id DESC
          LIMIT 1) AS prev_id
        FROM audit_return r1
        JOIN audit_cycle c ON c.id = r1.cycle_id
        JOIN audit_framework f ON f.id = c.framework_id
        WHERE r1.agency_id = ANY(agencies)
      ) x
      WHERE r.id = x.id AND r.previous_return_id IS DISTINCT FROM x.prev_id
    $$`);
    // Inserts and deletes per statement (a cycle's returns arrive in one INSERT); status changes per
    // row, only when the status (or the agency or cycle) really changed. The function's own UPDATE
    // sets previous_return_id alone, so it does not fire the row trigger again.
    await q.query(`CREATE FUNCTION audit_return_previous_new() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM audit_return_link_previous(ARRAY(SELECT DISTINCT agency_id FROM new_rows)); RETURN NULL; END $$`);
    await q.query(`CREATE FUNCTION audit_return_previous_old() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM audit_return_link_previous(ARRAY(SELECT DISTINCT agency_id FROM old_rows)); RETURN NULL; END $$`);
    await q.query(`CREATE FUNCTION audit_return_previous_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM audit_return_link_previous(ARRAY[OLD.agency_id, NEW.agency_id]); RETURN NULL; END $$`);
    await q.query(`CREATE FUNCTION audit_cycle_previous_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM audit_return_link_previous(ARRAY(SELECT DISTINCT agency_id FROM audit_return WHERE cycle_id = NEW.id)); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER audit_return_previous_insert AFTER INSERT ON audit_return
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_return_previous_new()`);
    await q.query(`CREATE TRIGGER audit_return_previous_delete AFTER DELETE ON audit_return
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_return_previous_old()`);
    await q.query(`CREATE TRIGGER audit_return_previous_update AFTER UPDATE OF status, agency_id, cycle_id ON audit_return FOR EACH ROW
      WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.agency_id IS DISTINCT FROM NEW.agency_id OR OLD.cycle_id IS DISTINCT FROM NEW.cycle_id)
      EXECUTE FUNCTION audit_return_previous_changed()`);
    await q.query(`CREATE TRIGGER audit_cycle_previous_update AFTER UPDATE OF opens_on, framework_id ON audit_cycle FOR EACH ROW
      WHEN (OLD.opens_on IS DISTINCT FROM NEW.opens_on OR OLD.framework_id IS DISTINCT FROM NEW.framework_id)
      EXECUTE FUNCTION audit_cycle_previous_changed()`);
    await q.query(`SELECT audit_return_link_previous(ARRAY(SELECT DISTINCT agency_id FROM audit_return))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_cycle_previous_update ON audit_cycle`);
    await q.query(`DROP TRIGGER audit_return_previous_update ON audit_return`);
    await q.query(`DROP TRIGGER audit_return_previous_delete ON audit_return`);
    await q.query(`DROP TRIGGER audit_return_previous_insert ON audit_return`);
    await q.query(`DROP FUNCTION audit_cycle_previous_changed()`);
    await q.query(`DROP FUNCTION audit_return_previous_changed()`);
    await q.query(`DROP FUNCTION audit_return_previous_old()`);
    await q.query(`DROP FUNCTION audit_return_previous_new()`);
    await q.query(`DROP FUNCTION audit_return_link_previous(uuid[])`);
    await q.query(`ALTER TABLE audit_return DROP COLUMN previous_return_id`);
  }
}
