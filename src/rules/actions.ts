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
