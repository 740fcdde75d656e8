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

/**
 * arrangements.md: HELD and ADJOURNED meetings were convened; their registers count towards
 * attendance (people came). Only HELD ones count as held, and only they can be quorate.
 */
export const CONVENED_STATUSES: readonly string[] = ['HELD', 'ADJOURNED'];

export function isConvened(status: string): boolean {
  return CONVENED_STATUSES.includes(status);
}

export function convenedSql(alias: string): Sql {
  return sql`${ident(alias)}.status IN ('HELD', 'ADJOURNED')`;
}

/** A person on the register counts as attending for their agency when PRESENT as MEMBER or DEPUTY. */
export function isSeatAttendance(e: { capacity: string; status: string }): boolean {
  return e.status === 'PRESENT' && (e.capacity === 'MEMBER' || e.capacity === 'DEPUTY');
}

export function seatAttendanceSql(alias: string): Sql {
  const r = ident(alias);
  return sql`(${r}.status = 'PRESENT' AND ${r}.capacity IN ('MEMBER', 'DEPUTY'))`;
}

/**
 * The per-agency record a person register implies (arrangements.md: an agency attended when at
 * least one of its people was PRESENT as MEMBER or DEPUTY): PRESENT when a member came, DEPUTY when
 * only a deputy did, APOLOGIES when someone sent them, else ABSENT. People IN_ATTENDANCE or
 * OBSERVER say nothing of their agency's seat: an agency with only those has no record (null).
 */
export function agencyStatusFromRegister(entries: readonly { capacity: string; status: string }[]): string | null {
  const seat = entries.filter((e) => e.capacity === 'MEMBER' || e.capacity === 'DEPUTY');
  if (!seat.length) return null;
  if (seat.some((e) => e.capacity === 'MEMBER' && e.status === 'PRESENT')) return 'PRESENT';
  if (seat.some((e) => e.capacity === 'DEPUTY' && e.status === 'PRESENT')) return 'DEPUTY';
  if (seat.some((e) => e.status === 'APOLOGIES')) return 'APOLOGIES';
  return 'ABSENT';
}

/** The same rule as an aggregate over register rows aliased `alias` of one agency (NULL when it has no seat rows). */
export function agencyStatusFromRegisterSql(alias: string): Sql {
  const r = ident(alias);
  return sql`(CASE
    WHEN bool_or(${r}.capacity = 'MEMBER' AND ${r}.status = 'PRESENT') THEN 'PRESENT'
    WHEN bool_or(${r}.capacity = 'DEPUTY' AND ${r}.status = 'PRESENT') THEN 'DEPUTY'
    WHEN bool_or(${r}.capacity IN ('MEMBER', 'DEPUTY') AND ${r}.status = 'APOLOGIES') THEN 'APOLOGIES'
    WHEN bool_or(${r}.capacity IN ('MEMBER', 'DEPUTY')) THEN 'ABSENT' END)`;
}

/**
 * arrangements.md: a children's partnership meeting has decision quorum when each of the three
 * safeguarding partners (local authority, ICB, police) is present: the lead or delegate, or a named
 * representative or deputy of its membership. `groupsPresent` are the partner groups present.
 */
export function isDecisionQuorate(groupsPresent: readonly string[]): boolean {
  return ['LOCAL_AUTHORITY', 'HEALTH', 'POLICE'].every((g) => groupsPresent.includes(g));
}

export function decisionQuorateSql(groupsPresent: Sql): Sql {
  return sql`(ARRAY['LOCAL_AUTHORITY', 'HEALTH', 'POLICE']::text[] <@ ${groupsPresent})`;
}
