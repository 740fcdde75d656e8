import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "The rating that counts" (DOMAIN.md: moderated where recorded, else self-assessed) as one SQL
 * function. The trigger that keeps each return's rating counts and the per-standard summaries both
 * call it, and src/rules/audit.ts is its TypeScript twin (a parity test keeps them together).
 */
export class CountingRating1763880900000 implements MigrationInterface {
  name = 'CountingRating1763880900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION hub_counting_rating(moderated audit_rating, self audit_rating) RETURNS audit_rating
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(moderated, self) $$`);
    await q.query(refreshCounts('hub_counting_rating(a.moderated_rating, a.self_rating)'));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(refreshCounts('coalesce(a.moderated_rating, a.self_rating)'));
    await q.query(`DROP FUNCTION hub_counting_rating(audit_rating, audit_rating)`);
  }
}

/** The body of migration 1763880400000's function, with the counting rating given. */
function refreshCounts(counting: string): string {
  return `CREATE OR REPLACE FUNCTION audit_return_refresh_counts(ids uuid[]) RETURNS void LANGUAGE sql AS $$
      UPDATE audit_return r SET
        standards = x.standards, met = x.met, partially_met = x.partially_met, not_met = x.not_met, not_applicable = x.not_applicable,
        self_met = x.self_met, self_partially_met = x.self_partially_met, self_not_met = x.self_not_met, self_not_applicable = x.self_not_applicable
      FROM (
        SELECT r2.id, count(s.id)::int AS standards,
          count(*) FILTER (WHERE ${counting} = 'MET')::int AS met,
          count(*) FILTER (WHERE ${counting} = 'PARTIALLY_MET')::int AS partially_met,
          count(*) FILTER (WHERE ${counting} = 'NOT_MET')::int AS not_met,
          count(*) FILTER (WHERE ${counting} = 'NOT_APPLICABLE')::int AS not_applicable,
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
    $$`;
}
