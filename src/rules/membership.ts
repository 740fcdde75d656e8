import { ident, sql, Sql } from '../database/sql';

/** DOMAIN.md: a membership is active on a date from its start to its end date, both included. */
export function isActiveOn(m: { startsOn: string; endsOn: string | null }, day: string): boolean {
  return m.startsOn <= day && (m.endsOn === null || m.endsOn >= day);
}

/** A membership active at some point of the period from..to. */
export function isActiveDuring(m: { startsOn: string; endsOn: string | null }, from: string, to: string): boolean {
  return m.startsOn <= to && (m.endsOn === null || m.endsOn >= from);
}

const day = (d: string | Sql): Sql => (typeof d === 'string' ? sql`${d}::date` : d);

/** The same rules in SQL over the membership table aliased `alias`; `on` a date value or a column (`col('h.date')`). */
export function activeOnSql(alias: string, on: string | Sql): Sql {
  const m = ident(alias);
  return sql`(${m}.starts_on <= ${day(on)} AND (${m}.ends_on IS NULL OR ${m}.ends_on >= ${day(on)}))`;
}

export function activeDuringSql(alias: string, from: string | Sql, to: string | Sql): Sql {
  const m = ident(alias);
  return sql`(${m}.starts_on <= ${day(to)} AND (${m}.ends_on IS NULL OR ${m}.ends_on >= ${day(from)}))`;
}

/** A column as the date to test on, e.g. the meeting's date. */
export const col = ident;
