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

/** A return's rating counts (moderated where recorded, else self-assessed; or the self-assessed ones). */
export interface RatingCountsOf {
  standards: number;
  met: number;
  partiallyMet: number;
  notMet: number;
  notApplicable: number;
}

/**
 * DOMAIN.md: a return is fully compliant (GREEN) when no standard is NOT_MET or PARTIALLY_MET and
 * none is unrated: every standard MET or NOT_APPLICABLE.
 */
export function isFullyCompliant(c: RatingCountsOf): boolean {
  return c.notMet === 0 && c.partiallyMet === 0 && c.met + c.notApplicable === c.standards;
}

/** The same rule in SQL over a return's stored counts (alias `alias`), effective (`''`) or self-assessed (`'self_'`). */
export function fullyCompliantSql(alias: string, prefix: '' | 'self_' = ''): Sql {
  const c = (name: string) => ident(`${alias}.${prefix}${name}`);
  return sql`(${c('not_met')} = 0 AND ${c('partially_met')} = 0 AND ${c('met')} + ${c('not_applicable')} = ${ident(`${alias}.standards`)})`;
}

export type Trend = 'IMPROVED' | 'SUSTAINED' | 'DECLINED' | 'NEW';

/**
 * DOMAIN.md: a submitted return's trend is its share of applicable standards MET against its
 * previous return's, compared on exact fractions so rounding never turns a small decline into
 * "sustained"; NEW without a previous return, or when only one of the two has applicable standards.
 */
export function trendOfCounts(current: { applicable: number; met: number }, previous: { applicable: number; met: number } | null): Trend {
  if (!previous) return 'NEW';
  if (current.applicable === 0 || previous.applicable === 0) return current.applicable === previous.applicable ? 'SUSTAINED' : 'NEW';
  const diff = current.met * previous.applicable - previous.met * current.applicable;
  return diff > 0 ? 'IMPROVED' : diff < 0 ? 'DECLINED' : 'SUSTAINED';
}

/** The same rule in SQL over the stored counts of a return (`cur`) and of its previous return (`prev`, all NULL when none). */
export function trendSql(cur: string, prev: string): Sql {
  const c = (name: string) => ident(`${cur}.${name}`);
  const p = (name: string) => ident(`${prev}.${name}`);
  const curApplicable = sql`(${c('standards')} - ${c('not_applicable')})`;
  const prevApplicable = sql`(${p('standards')} - ${p('not_applicable')})`;
  const diff = sql`(${c('met')}::bigint * ${prevApplicable} - ${p('met')}::bigint * ${curApplicable})`;
  return sql`(CASE WHEN ${p('standards')} IS NULL THEN 'NEW'
    WHEN ${curApplicable} = 0 OR ${prevApplicable} = 0 THEN CASE WHEN ${curApplicable} = ${prevApplicable} THEN 'SUSTAINED' ELSE 'NEW' END
    WHEN ${diff} > 0 THEN 'IMPROVED' WHEN ${diff} < 0 THEN 'DECLINED' ELSE 'SUSTAINED' END)`;
}
