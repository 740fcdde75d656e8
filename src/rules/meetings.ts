import { ident, sql, Sql } from '../database/sql';

/** DOMAIN.md: attended = PRESENT or DEPUTY. */
export const ATTENDED_STATUSES: readonly string[] = ['PRESENT', 'DEPUTY'];

export function isAttended(status: string | null): boolean {
  return status !== null && ATTENDED_STATUSES.includes(status);
}

export function attendedSql(alias: string): Sql {
  return sql`${ident(alias)}.status IN ('PRESENT', 'DEPUTY')`;
}

/**
 * DOMAIN.md: a HELD meeting is quorate when at least the quorum minimum of member agencies attend
 * and every required sector has an attending member agency.
 */
export function isQuorate(q: { attending: number; sectorsPresent: readonly string[]; minimum: number; required: readonly string[] }): boolean {
  return q.attending >= q.minimum && q.required.every((s) => q.sectorsPresent.includes(s));
}

/** The same rule in SQL, over expressions for the attending count, the sectors present (text[]), the minimum and the required sectors. */
export function quorateSql(q: { attending: Sql; sectorsPresent: Sql; minimum: Sql; required: Sql }): Sql {
  return sql`(${q.attending} >= ${q.minimum} AND ${q.required} <@ ${q.sectorsPresent})`;
}
