import { ident, sql, Sql } from '../database/sql';

/**
 * Rules of the yearly report (DOMAIN.md "Numbers and words"; domain/yearly-report.md), each in
 * TypeScript and as a SQL fragment, with parity cases in test/rules-parity.test.ts.
 */

const day = (d: string | Sql): Sql => (typeof d === 'string' ? sql`${d}::date` : d);

/** The dates a case review's status moves on, as the case-review module records them. */
export interface ReviewDates {
  referredOn: string;
  commissioned: boolean | null;
  decidedOn: string | null;
  startedOn: string | null;
  publishedOn: string | null;
  closedOn: string | null;
}

/** A published review is public: its count always shows (DOMAIN.md). */
export const PUBLIC_REVIEW_STATUSES: readonly string[] = ['PUBLISHED', 'CLOSED'];

export function isPublicReviewStatus(status: string | null): boolean {
  return status !== null && PUBLIC_REVIEW_STATUSES.includes(status);
}

/**
 * A body existed in a period when it was set up on or before the period's end: the earliest of the
 * day its record was created, its first membership's start and its first meeting. A period with no
 * held meetings says so only of a body that existed.
 */
export function existedBy(b: { createdOn: string; firstMembershipOn: string | null; firstMeetingOn: string | null }, periodEnd: string): boolean {
  const first = [b.createdOn, b.firstMembershipOn, b.firstMeetingOn].filter((x): x is string => x !== null).sort()[0];
  return first <= periodEnd;
}

/** The same for the board aliased `alias` (a row of `board`). */
export function boardExistedBySql(alias: string, periodEnd: string | Sql): Sql {
  const b = ident(alias);
  const d = day(periodEnd);
  return sql`(timezone('Europe/London', ${b}.created_at)::date <= ${d}
    OR EXISTS (SELECT 1 FROM membership em WHERE em.board_id = ${b}.id AND em.starts_on <= ${d})
    OR EXISTS (SELECT 1 FROM meeting mm WHERE mm.board_id = ${b}.id AND mm.date <= ${d}))`;
}

/**
 * Which statutory report a board writes, whatever its kind's name (the historic CHILDREN/ADULTS,
 * LSCB/SAB, or a safeguarding children partnership): children's, adults', or both for a joint board.
 */
export function reportAudience(kind: string): 'CHILDREN' | 'ADULTS' | 'JOINT' {
  if (kind === 'JOINT') return 'JOINT';
  return kind === 'ADULTS' || kind === 'SAB' ? 'ADULTS' : 'CHILDREN';
}
