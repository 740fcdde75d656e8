import { daysBetween } from '../common/scalars';
import { ident, sql, Sql } from '../database/sql';
import { isOpenAction, openActionSql } from './actions';

/**
 * When reminders are due. Every rule takes the clock's today (never the system date) and answers
 * the *period* a reminder belongs to: the sent-log's unique key is (user, kind, subject, period), so
 * a reminder is sent once per period however often the daily run happens, and a run missed (the
 * hub was down) is caught up by the next one rather than lost.
 */

export type ReturnReminderKind = 'RETURN_DUE_SOON' | 'RETURN_DUE_TODAY' | 'RETURN_OVERDUE';

/** Days between overdue reminders: the first the day after the due date, then weekly. */
export const OVERDUE_REPEAT_DAYS = 7;

export function addDays(day: string, days: number): string {
  const t = Date.parse(day + 'T00:00:00Z') + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Which return reminders a board has on; dueSoonDays null when the "due in N days" one is off. */
export interface ReturnReminderSettings {
  dueSoonDays: number | null;
  dueToday: boolean;
  overdue: boolean;
}

export interface ReturnReminder {
  kind: ReturnReminderKind;
  /** The sent-log period: the due date (due soon, due today) or the day this week's overdue reminder fell due. */
  period: string;
  /** Days until the due date (negative once overdue). */
  daysLeft: number;
}

/**
 * The reminder an outstanding return is due today, if any:
 * - due in N days: from N days before the due date until the day before it (one per due date);
 * - due today: on the due date;
 * - overdue: the day after the due date, then every 7 days (one per week of lateness).
 */
export function returnReminder(dueOn: string, today: string, s: ReturnReminderSettings): ReturnReminder | null {
  const daysLeft = daysBetween(today, dueOn);
  if (daysLeft > 0) return s.dueSoonDays !== null && daysLeft <= s.dueSoonDays ? { kind: 'RETURN_DUE_SOON', period: dueOn, daysLeft } : null;
  if (daysLeft === 0) return s.dueToday ? { kind: 'RETURN_DUE_TODAY', period: dueOn, daysLeft } : null;
  if (!s.overdue) return null;
  return { kind: 'RETURN_OVERDUE', period: overduePeriod(dueOn, today), daysLeft };
}

/** The day the current week's overdue reminder fell due: dueOn + 1, + 8, + 15, ... (on or before today). */
export function overduePeriod(dueOn: string, today: string): string {
  const late = daysBetween(dueOn, today);
  if (late < 1) throw new Error(`not overdue: due ${dueOn}, today ${today}`);
  return addDays(dueOn, 1 + OVERDUE_REPEAT_DAYS * Math.floor((late - 1) / OVERDUE_REPEAT_DAYS));
}

/** ISO weekday: 1 Monday ... 7 Sunday. */
export function isoWeekday(day: string): number {
  const d = new Date(day + 'T00:00:00Z').getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * The weekly digests' period: the latest `weekday` (default Monday) on or before today. A digest is
 * sent by the first run on or after that day, once per week.
 */
export function weeklyPeriod(today: string, weekday = 1): string {
  return addDays(today, -((isoWeekday(today) - weekday + 7) % 7));
}

/** Days in words for a message: "in 1 day", "in 14 days", "today", "3 days ago". */
export function dueInWords(daysLeft: number): string {
  if (daysLeft === 0) return 'today';
  const n = Math.abs(daysLeft);
  const days = `${n} day${n === 1 ? '' : 's'}`;
  return daysLeft > 0 ? `in ${days}` : `${days} ago`;
}

/**
 * An open action is "coming due" for the weekly digest when its due date falls from today to
 * `withinDays` days ahead (an overdue one is reported as overdue instead, src/rules/actions.ts).
 */
export function isComingDue(a: { status: string; dueOn: string | null }, today: string, withinDays: number): boolean {
  if (!isOpenAction(a.status) || a.dueOn === null) return false;
  const d = daysBetween(today, a.dueOn);
  return d >= 0 && d <= withinDays;
}

/** The same rule in SQL over the action table aliased `alias`; a parity test keeps them together. */
export function comingDueSql(alias: string, today: string | Sql, withinDays: number | Sql): Sql {
  const col = sql`${ident(alias)}.due_on`;
  const day = typeof today === 'string' ? sql`${today}::date` : today;
  const within = typeof withinDays === 'number' ? sql`${withinDays}::int` : withinDays;
  return sql`(${openActionSql(alias)} AND ${col} IS NOT NULL AND ${col} >= ${day} AND ${col} <= ${day} + ${within})`;
}
