import { ident, sql, Sql } from '../database/sql';

/** DOMAIN.md: a return counts as submitted once SUBMITTED or VALIDATED. */
export const SUBMITTED_STATUSES: readonly string[] = ['SUBMITTED', 'VALIDATED'];

export function isSubmitted(status: string): boolean {
  return SUBMITTED_STATUSES.includes(status);
}

export function submittedSql(alias: string): Sql {
  return sql`${ident(alias)}.status IN ('SUBMITTED', 'VALIDATED')`;
}

/** DOMAIN.md: the rating that counts is the moderated one where recorded, else the self-assessed one. */
export function countingRating<R extends string>(moderated: R | null, self: R | null): R | null {
  return moderated ?? self;
}

/**
 * The same rule in SQL: a function created by migration 1763880900000, which the trigger that
 * keeps each return's rating counts calls too, so the database and the code share one definition.
 */
export function countingRatingSql(alias: string): Sql {
  return sql`hub_counting_rating(${ident(alias)}.moderated_rating, ${ident(alias)}.self_rating)`;
}

/**
 * DOMAIN.md: the executive summary's Section 11 is "the latest cycle of the board that opened on or
 * before the period's end", per audience; ties on the opening date go to the cycle created last.
 */
export function latestCyclesSql(boardId: string, periodEnd: string): Sql {
  return sql`SELECT DISTINCT ON (f.audience) c.*, f.audience
    FROM audit_cycle c JOIN audit_framework f ON f.id = c.framework_id
    WHERE c.board_ids @> ARRAY[${boardId}]::uuid[] AND c.opens_on <= ${periodEnd}::date
    ORDER BY f.audience, c.opens_on DESC, c.created_at DESC`;
}
