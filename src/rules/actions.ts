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

/**
 * DOMAIN.md "a plan's actions as they stood then where history allows": an action's status and RAG
 * on a day, from its progress notes (each records the status and RAG before and after it). The
 * latest note dated on or before the day counts (ties: the later entered); before any note, the
 * state before the first note entered; with no notes, the action's own. Every action of the plan
 * counts, whenever it was entered: plans are often typed in after the fact, and nothing but a note
 * dates an action's state (README, "Business plan as at the period's end").
 */
export interface ActionNote {
  notedOn: string;
  /** Order of entry. */
  seq: number;
  fromStatus: string | null;
  toStatus: string;
  fromRag: string | null;
  toRag: string | null;
}

export function actionOn(a: { status: string; rag: string | null }, notes: readonly ActionNote[], day: string): { status: string; rag: string | null } {
  let last: ActionNote | null = null;
  let first: ActionNote | null = null;
  for (const n of notes) {
    if (!first || n.seq < first.seq) first = n;
    if (n.notedOn <= day && (!last || n.notedOn > last.notedOn || (n.notedOn === last.notedOn && n.seq > last.seq))) last = n;
  }
  if (last) return { status: last.toStatus, rag: last.toRag };
  // A first note without a "from" (the action's opening note) holds its state from the start.
  if (first) return first.fromStatus === null ? { status: first.toStatus, rag: first.toRag } : { status: first.fromStatus, rag: first.fromRag };
  return { status: a.status, rag: a.rag };
}

/** The same rule in SQL: `column` is 'status' or 'rag' of the action aliased `alias` on `day`. */
export function actionOnSql(alias: string, column: 'status' | 'rag', day: string | Sql): Sql {
  const d = typeof day === 'string' ? sql`${day}::date` : day;
  const a = ident(alias);
  const [to, from] = column === 'status' ? [sql`u.to_status`, sql`u.from_status`] : [sql`u.to_rag`, sql`u.from_rag`];
  const own = column === 'status' ? sql`${a}.status` : sql`${a}.rag`;
  // Rows, not values, are picked (a RAG may be null): 1 the latest note by the day, 2 the state before the first note, 3 the action's own.
  return sql`(SELECT x.v FROM (
      (SELECT ${to} AS v, 1 AS p FROM action_update u WHERE u.action_id = ${a}.id AND u.noted_on <= ${d} ORDER BY u.noted_on DESC, u.created_at DESC, u.id DESC LIMIT 1)
      UNION ALL (SELECT CASE WHEN u.from_status IS NULL THEN ${to} ELSE ${from} END, 2 FROM action_update u WHERE u.action_id = ${a}.id ORDER BY u.created_at, u.id LIMIT 1)
      UNION ALL SELECT ${own}, 3) x ORDER BY x.p LIMIT 1)`;
}

