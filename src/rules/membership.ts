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

/**
 * arrangements.md: the three safeguarding partners are the local authority, the integrated care
 * board (a health commissioner) and the chief officer of police. Each sector answers to one of them.
 */
export type PartnerGroup = 'LOCAL_AUTHORITY' | 'HEALTH' | 'POLICE';
export const PARTNER_GROUPS: readonly PartnerGroup[] = ['LOCAL_AUTHORITY', 'HEALTH', 'POLICE'];

export function partnerGroupOf(sector: string): PartnerGroup | null {
  if (sector.startsWith('LOCAL_AUTHORITY_')) return 'LOCAL_AUTHORITY';
  if (sector === 'HEALTH_COMMISSIONER') return 'HEALTH';
  if (sector === 'POLICE') return 'POLICE';
  return null;
}

/** The same rule in SQL, over a sector expression (e.g. `ag.sector`): the group, or NULL. */
export function partnerGroupSql(sector: Sql): Sql {
  return sql`(CASE WHEN ${sector}::text LIKE 'LOCAL_AUTHORITY\\_%' THEN 'LOCAL_AUTHORITY' WHEN ${sector}::text = 'HEALTH_COMMISSIONER' THEN 'HEALTH' WHEN ${sector}::text = 'POLICE' THEN 'POLICE' END)`;
}
