import { sql, Sql } from '../database/sql';

/**
 * The scorecard's rules (domain/scorecard.md, DOMAIN.md "Numbers and words"): direction of travel,
 * national quartile, RAG and small-number suppression, each as a TypeScript function and the same
 * rule as a SQL expression over column fragments, held together by test/rules-parity.test.ts.
 */
export enum IndicatorUnit {
  COUNT = 'COUNT',
  PERCENT = 'PERCENT',
  RATE_PER_10K = 'RATE_PER_10K',
  DAYS = 'DAYS',
  WORKING_DAYS = 'WORKING_DAYS',
  SCORE = 'SCORE',
}

export enum IndicatorPolarity {
  HIGHER_IS_BETTER = 'HIGHER_IS_BETTER',
  LOWER_IS_BETTER = 'LOWER_IS_BETTER',
  NEUTRAL = 'NEUTRAL',
}

export type Direction = 'IMPROVED' | 'NO_CHANGE' | 'DECLINED' | 'CHANGED' | 'NOT_COMPARABLE';
export type Rag = 'RED' | 'AMBER' | 'GREEN';

/** Values are compared to 6 decimals, so 0.1 + 0.2 against 0.3 is no change. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** One decimal, halves away from zero (PostgreSQL's round(numeric, 1) does the same). */
export function round1(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x) * 10 + 1e-9) / 10;
}

/** Percent = numerator / denominator × 100; rate per 10,000 = numerator / population × 10,000; one decimal. */
export function derivedValue(unit: IndicatorUnit, numerator: number, denominator: number): number {
  return round1((numerator / denominator) * (unit === IndicatorUnit.RATE_PER_10K ? 10_000 : 100));
}

/**
 * Direction of travel from an earlier value: IMPROVED or DECLINED when the change in the better
 * direction (by polarity) exceeds the tolerance, NO_CHANGE otherwise; NEUTRAL indicators only
 * CHANGED or NO_CHANGE; NOT_COMPARABLE when either value is missing or the definitions differ.
 */
export function direction(current: number | null, earlier: number | null, polarity: IndicatorPolarity, tolerance: number, sameDefinition: boolean): Direction {
  if (current === null || earlier === null || !sameDefinition) return 'NOT_COMPARABLE';
  const change = round6(current - earlier);
  if (polarity === IndicatorPolarity.NEUTRAL) return Math.abs(change) > tolerance ? 'CHANGED' : 'NO_CHANGE';
  const better = polarity === IndicatorPolarity.HIGHER_IS_BETTER ? change : -change;
  if (better > tolerance) return 'IMPROVED';
  if (better < -tolerance) return 'DECLINED';
  return 'NO_CHANGE';
}

export function directionSql(current: Sql, earlier: Sql, polarity: Sql, tolerance: Sql, sameDefinition: Sql): Sql {
  const change = sql`round((${current} - ${earlier})::numeric, 6)`;
  const better = sql`(CASE WHEN ${polarity} = 'HIGHER_IS_BETTER' THEN ${change} ELSE -${change} END)`;
  return sql`(CASE
    WHEN ${current} IS NULL OR ${earlier} IS NULL OR NOT coalesce(${sameDefinition}, false) THEN 'NOT_COMPARABLE'
    WHEN ${polarity} = 'NEUTRAL' THEN CASE WHEN abs(${change}) > ${tolerance} THEN 'CHANGED' ELSE 'NO_CHANGE' END
    WHEN ${better} > ${tolerance} THEN 'IMPROVED'
    WHEN ${better} < -${tolerance} THEN 'DECLINED'
    ELSE 'NO_CHANGE' END)`;
}

/**
 * National quartile, 1 = best by polarity: for higher-is-better at or above the upper quartile
 * is 1, at or above the median 2, at or above the lower quartile 3, else 4 (mirrored for
 * lower-is-better). Null for NEUTRAL indicators or without all three boundaries.
 */
export function quartile(value: number | null, polarity: IndicatorPolarity, upper: number | null, median: number | null, lower: number | null): number | null {
  if (value === null || upper === null || median === null || lower === null || polarity === IndicatorPolarity.NEUTRAL) return null;
  if (polarity === IndicatorPolarity.HIGHER_IS_BETTER) return value >= upper ? 1 : value >= median ? 2 : value >= lower ? 3 : 4;
  return value <= lower ? 1 : value <= median ? 2 : value <= upper ? 3 : 4;
}

export function quartileSql(value: Sql, polarity: Sql, upper: Sql, median: Sql, lower: Sql): Sql {
  return sql`(CASE
    WHEN ${value} IS NULL OR ${upper} IS NULL OR ${median} IS NULL OR ${lower} IS NULL OR ${polarity} = 'NEUTRAL' THEN NULL
    WHEN ${polarity} = 'HIGHER_IS_BETTER' THEN CASE WHEN ${value} >= ${upper} THEN 1 WHEN ${value} >= ${median} THEN 2 WHEN ${value} >= ${lower} THEN 3 ELSE 4 END
    ELSE CASE WHEN ${value} <= ${lower} THEN 1 WHEN ${value} <= ${median} THEN 2 WHEN ${value} <= ${upper} THEN 3 ELSE 4 END END)`;
}

/**
 * RAG. By target: GREEN on or better than the target, AMBER worse but within the tolerance, RED
 * beyond it. By quartile: GREEN top, AMBER the middle two, RED bottom. Null for NEUTRAL indicators,
 * without a value, or without a target (quartile) to judge by.
 */
export function rag(method: 'TARGET' | 'QUARTILE', value: number | null, polarity: IndicatorPolarity, target: number | null, tolerance: number, q: number | null): Rag | null {
  if (value === null || polarity === IndicatorPolarity.NEUTRAL) return null;
  if (method === 'QUARTILE') return q === null ? null : q === 1 ? 'GREEN' : q === 4 ? 'RED' : 'AMBER';
  if (target === null) return null;
  const shortfall = round6(polarity === IndicatorPolarity.HIGHER_IS_BETTER ? target - value : value - target);
  return shortfall <= 0 ? 'GREEN' : shortfall <= tolerance ? 'AMBER' : 'RED';
}

export function ragSql(method: Sql, value: Sql, polarity: Sql, target: Sql, tolerance: Sql, q: Sql): Sql {
  const shortfall = sql`round((CASE WHEN ${polarity} = 'HIGHER_IS_BETTER' THEN ${target} - ${value} ELSE ${value} - ${target} END)::numeric, 6)`;
  return sql`(CASE
    WHEN ${value} IS NULL OR ${polarity} = 'NEUTRAL' THEN NULL
    WHEN ${method} = 'QUARTILE' THEN CASE WHEN ${q} IS NULL THEN NULL WHEN ${q} = 1 THEN 'GREEN' WHEN ${q} = 4 THEN 'RED' ELSE 'AMBER' END
    WHEN ${target} IS NULL THEN NULL
    WHEN ${shortfall} <= 0 THEN 'GREEN'
    WHEN ${shortfall} <= ${tolerance} THEN 'AMBER'
    ELSE 'RED' END)`;
}

/**
 * Small numbers (DOMAIN.md): in published output a count of people between 1 and 4 reads "fewer
 * than 5"; a rate or percentage whose numerator is such a count is suppressed too.
 */
export function suppressed(countsPeople: boolean, unit: IndicatorUnit, value: number | null, numerator: number | null): boolean {
  if (!countsPeople) return false;
  const small = (x: number | null) => x !== null && x > 0 && x < 5;
  return (unit === IndicatorUnit.COUNT && small(value)) || small(numerator);
}

export function suppressedSql(countsPeople: Sql, unit: Sql, value: Sql, numerator: Sql): Sql {
  return sql`coalesce(${countsPeople} AND ((${unit} = 'COUNT' AND ${value} > 0 AND ${value} < 5) OR (${numerator} > 0 AND ${numerator} < 5)), false)`;
}

/** The published words for a value: "fewer than 5" for a suppressed count, "suppressed" for a rate built on one. */
export function publishedValue(unit: IndicatorUnit, value: number | null, isSuppressed: boolean): string {
  if (isSuppressed) return unit === IndicatorUnit.COUNT ? 'fewer than 5' : 'suppressed';
  if (value === null) return '';
  return unit === IndicatorUnit.PERCENT ? `${value}%` : String(value);
}
