import { ident, sql, Sql } from '../database/sql';

/**
 * domain/reviews.md: every status change of a case review is an event with its date, so the
 * status on any past day is known. The status on a day is that of the latest STATUS event dated on
 * or before it (ties: the later entered, by `seq`); null before the review existed. Every period
 * figure reads the status on the period's last day, so later events never change it.
 */
export interface StatusEvent {
  kind: string;
  status: string | null;
  on: string;
  seq: number;
}

export function statusOn<E extends StatusEvent>(events: readonly E[], day: string): string | null {
  let best: E | null = null;
  for (const e of events) {
    if (e.kind !== 'STATUS' || e.on > day) continue;
    if (!best || e.on > best.on || (e.on === best.on && e.seq > best.seq)) best = e;
  }
  return best?.status ?? null;
}

/** The same rule in SQL: the status on `day` of the review aliased `alias` (a parity test keeps them together). */
export function statusOnSql(alias: string, day: string | Sql): Sql {
  const d = typeof day === 'string' ? sql`${day}::date` : day;
  return sql`(SELECT e.status FROM review_event e WHERE e.case_review_id = ${ident(alias)}.id AND e.kind = 'STATUS' AND e."on" <= ${d} ORDER BY e."on" DESC, e.seq DESC LIMIT 1)`;
}

/** Publication events that make a review published (from the first of them). */
export const PUBLISHING_EVENTS: readonly string[] = ['LEARNING_BRIEF', 'OVERVIEW_REPORT'];

/** The day a review was first published (overview report or learning brief), on or before `day`; null if not. */
export function publishedOn<E extends StatusEvent>(events: readonly E[], day: string): string | null {
  const dates = events.filter((e) => (PUBLISHING_EVENTS.includes(e.kind) || e.status === 'PUBLISHED') && e.on <= day).map((e) => e.on);
  return dates.length ? dates.sort()[0] : null;
}

export function publishedOnSql(alias: string, day: string | Sql): Sql {
  const d = typeof day === 'string' ? sql`${day}::date` : day;
  return sql`(SELECT min(e."on") FROM review_event e WHERE e.case_review_id = ${ident(alias)}.id AND (e.kind IN ('LEARNING_BRIEF', 'OVERVIEW_REPORT') OR e.status = 'PUBLISHED') AND e."on" <= ${d})`;
}

/** Statuses that conclude a review (a SAR concluded in a year, whenever it began: domain/reviews.md). */
export const CONCLUDED_STATUSES: readonly string[] = ['COMPLETED', 'PUBLISHED', 'CLOSED'];

/** The day a review concluded: its first move to COMPLETED, PUBLISHED or CLOSED on or before `day`; null if not yet. */
export function concludedOn<E extends StatusEvent>(events: readonly E[], day: string): string | null {
  const dates = events.filter((e) => e.kind === 'STATUS' && e.status !== null && CONCLUDED_STATUSES.includes(e.status) && e.on <= day).map((e) => e.on);
  return dates.length ? dates.sort()[0] : null;
}

export function concludedOnSql(alias: string, day: string | Sql): Sql {
  const d = typeof day === 'string' ? sql`${day}::date` : day;
  return sql`(SELECT min(e."on") FROM review_event e WHERE e.case_review_id = ${ident(alias)}.id AND e.kind = 'STATUS' AND e.status IN ('COMPLETED', 'PUBLISHED', 'CLOSED') AND e."on" <= ${d})`;
}
