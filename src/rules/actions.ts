import { ident, sql, Sql } from '../database/sql';

/** DOMAIN.md: an action is open while NOT_STARTED or IN_PROGRESS. */
export const OPEN_ACTION_STATUSES: readonly string[] = ['NOT_STARTED', 'IN_PROGRESS'];

export function isOpenAction(status: string): boolean {
  return OPEN_ACTION_STATUSES.includes(status);
}

/** DOMAIN.md: overdue = open and due before the day asked about (an action with no due date never is). */
export function isOverdue(a: { status: string; dueOn: string | null }, asOf: string): boolean {
  return isOpenAction(a.status) && a.dueOn !== null && a.dueOn < asOf;
}

/** The same rules in SQL, over the action table aliased `alias`; a parity test keeps them together. */
export function openActionSql(alias: string): Sql {
  return sql`${ident(alias)}.status IN ('NOT_STARTED', 'IN_PROGRESS')`;
}

export function overdueSql(alias: string, asOf: string | Sql): Sql {
  const day = typeof asOf === 'string' ? sql`${asOf}::date` : asOf;
  // IS NOT NULL keeps the answer false, not unknown, for an action with no due date (as in TypeScript).
  return sql`(${openActionSql(alias)} AND ${ident(alias)}.due_on IS NOT NULL AND ${ident(alias)}.due_on < ${day})`;
}

/** arrangements.md: due for review = open, with a next review date before the day asked about. An ONGOING action is never overdue (it has no due date). */
export function isDueForReview(a: { status: string; nextReviewOn: string | null }, asOf: string): boolean {
  return isOpenAction(a.status) && a.nextReviewOn !== null && a.nextReviewOn < asOf;
}

export function dueForReviewSql(alias: string, asOf: string | Sql): Sql {
  const day = typeof asOf === 'string' ? sql`${asOf}::date` : asOf;
  return sql`(${openActionSql(alias)} AND ${ident(alias)}.next_review_on IS NOT NULL AND ${ident(alias)}.next_review_on < ${day})`;
}

/** arrangements.md: an action whose due date has moved twice or more is drifting. */
export const DRIFT_AFTER_CHANGES = 2;

export function isDrifting(a: { dueDateChangeCount: number }): boolean {
  return a.dueDateChangeCount >= DRIFT_AFTER_CHANGES;
}

export function driftingSql(alias: string): Sql {
  return sql`(${ident(alias)}.due_date_changes >= ${DRIFT_AFTER_CHANGES})`;
}

/** arrangements.md (Meeting.actionsDue): open, with its due date or next review date on or before the day. */
export function isDueBy(a: { status: string; dueOn: string | null; nextReviewOn: string | null }, day: string): boolean {
  return isOpenAction(a.status) && ((a.dueOn !== null && a.dueOn <= day) || (a.nextReviewOn !== null && a.nextReviewOn <= day));
}

export function dueBySql(alias: string, day: string | Sql): Sql {
  const d = typeof day === 'string' ? sql`${day}::date` : day;
  const a = ident(alias);
  return sql`(${openActionSql(alias)} AND ((${a}.due_on IS NOT NULL AND ${a}.due_on <= ${d}) OR (${a}.next_review_on IS NOT NULL AND ${a}.next_review_on <= ${d})))`;
}
