import { empty, ident, join, Queryable, query, raw, sql, Sql } from '../../database/sql';
import { activeDuringSql } from '../../rules/membership';
import { directionSql, IndicatorUnit, publishedValue, quartileSql, ragSql, suppressedSql } from '../../rules/scorecard';
import { Indicator } from './scorecard.entity';
import { AgencyCompleteness, DirectionOfTravel, RagStatus, ReportScorecardRow, Scorecard, ScorecardRow, ScorecardSummary } from './scorecard.types';

/**
 * The latest VALIDATED whole-area value (no breakdown) of a data set item matching `where`: only the
 * columns the scorecard reads, as each look-up's row is copied through several plan nodes (a tenth
 * of the statement's time with every column).
 */
function validated(alias: string, where: Sql): Sql {
  return sql`(SELECT o.period_from, o.period_to, o.value, o.numerator, o.commentary, o.indicator_version FROM observation o WHERE o.board_id = d.board_id AND o.indicator_id = d.indicator_id
    AND o.breakdown_dimension = '' AND o.status = 'VALIDATED' AND ${where}
    ORDER BY o.period_to DESC, o.period_from DESC, o.indicator_version DESC LIMIT 1) ${ident(alias)}`;
}

/** The same-length period just before `of`: it ends the day before `of` starts. */
function previousOf(of: string): Sql {
  const from = ident(`${of}.period_from`);
  const to = ident(`${of}.period_to`);
  return sql`o.period_to = ${from} - 1 AND o.period_from = (${from} - age(${to} + 1, ${from}))::date`;
}

/** The last year end (1 April to 31 March) strictly before the end of the current value's period. */
const YEAR_END_TO = sql`make_date(extract(year from c.period_to - 1)::int - CASE WHEN to_char(c.period_to - 1, 'MM-DD') >= '03-31' THEN 0 ELSE 1 END, 3, 31)`;

export interface RowRecord extends SummaryCounts {
  ind: Record<string, unknown>;
  period_from: string | null;
  period_to: string | null;
  new_data: boolean;
  value: number | null;
  previous: number | null;
  year_end: number | null;
  target: number | null;
  england: number | null;
  stat_neighbours: number | null;
  quartile: number | null;
  direction: DirectionOfTravel;
  direction_ye: DirectionOfTravel;
  rag: RagStatus | null;
  exception: boolean;
  suppressed: boolean;
  prev_suppressed: boolean;
  ye_suppressed: boolean;
  suppress_small: boolean;
  commentary: string | null;
}

/** The summary's counts, beside each row (window counts) or alone (scorecardSummarySql). */
export interface SummaryCounts {
  measures: number;
  with_new_data: number;
  improved: number;
  no_change: number;
  declined: number;
  not_comparable: number;
  red: number;
  amber: number;
  green: number;
  exceptions: number;
}

/**
 * The scorecard of one board for a reporting period, rows and summary in one statement: for each
 * indicator of the data set, its latest validated value on or before the period end, the previous
 * period of the same length and the one before it, the last year-end value, the latest benchmark,
 * then the rules of src/rules/scorecard.ts (direction of travel, quartile, RAG, suppression), and
 * the summary counts as window aggregates over the same rows.
 */
export async function scorecardRows(db: Queryable, boardId: string, periodStart: string, periodEnd: string): Promise<{ rows: ScorecardRow[]; summary: ScorecardSummary }> {
  return scorecardOf(await query<RowRecord>(db, scorecardSql(boardId, periodStart, periodEnd, sql`to_jsonb(i)`)), indicatorOf);
}

/**
 * The same rows and summary for the yearly report, whose rows name their indicator by title only: the
 * whole indicator (its supplier list is about 150 ids a row on a national data set) made up half of
 * the executive summary's time in PostgreSQL and its parsing in the hub.
 */
export function reportScorecardSql(boardId: string, periodStart: string, periodEnd: string): Sql {
  return scorecardSql(boardId, periodStart, periodEnd, sql`jsonb_build_object('id', i.id, 'key', i.key, 'title', i.title, 'unit', i.unit)`);
}

/** Reads reportScorecardSql's rows (`records` as PostgreSQL returns them, or the same rows as JSON). */
export function reportScorecardOf(records: RowRecord[]): { rows: ReportScorecardRow[]; summary: ScorecardSummary } {
  return scorecardOf(records, (j) => ({
    id: j.id as string,
    key: j.key as string,
    title: j.title as string,
    unit: j.unit as IndicatorUnit,
  }));
}

function scorecardSql(boardId: string, periodStart: string, periodEnd: string, indicatorSql: Sql, form: 'rows' | 'summary' = 'rows'): Sql {
  const same = (a: string, b: string) => sql`(${ident(`${a}.indicator_version`)} = ${ident(`${b}.indicator_version`)})`;
  // The summary's counts need neither the year-end value nor suppression: that form skips the
  // year-end look-up and keeps only the columns the counts read.
  const rows = form === 'rows';
  return sql`WITH base AS (
      SELECT d.position, d.rag_method, d.target, d.rag_tolerance, bo.suppress_small_numbers AS suppress_small,
        ${indicatorSql} AS ind, i.polarity, i.tolerance, i.unit, i.counts_people,
        c.period_from, c.period_to, c.value, c.numerator, c.commentary,
        (${sql`c.period_to >= ${periodStart}::date`}) AS new_data,
        p.value AS previous, p.numerator AS prev_numerator, ${same('p', 'c')} AS prev_same,
        pp.value AS previous2, ${same('pp', 'p')} AS pp_same,
        ${rows ? sql`y.value AS year_end, y.numerator AS ye_numerator, ${same('y', 'c')} AS ye_same` : sql`NULL::float8 AS year_end, NULL::float8 AS ye_numerator, NULL::boolean AS ye_same`},
        b.england, b.stat_neighbours, b.upper_quartile, b.median, b.lower_quartile
      FROM data_set_item d
      JOIN indicator i ON i.id = d.indicator_id
      JOIN board bo ON bo.id = d.board_id
      LEFT JOIN LATERAL ${validated('c', sql`o.period_to <= ${periodEnd}::date`)} ON true
      LEFT JOIN LATERAL ${validated('p', previousOf('c'))} ON true
      LEFT JOIN LATERAL ${validated('pp', previousOf('p'))} ON true
      ${rows ? sql`LEFT JOIN LATERAL ${validated('y', sql`o.period_to = ${YEAR_END_TO} AND o.period_from = (${YEAR_END_TO} + 1 - interval '1 year')::date`)} ON true` : empty}
      LEFT JOIN LATERAL (SELECT bm.england, bm.stat_neighbours, bm.upper_quartile, bm.median, bm.lower_quartile FROM benchmark bm WHERE bm.board_id = d.board_id AND bm.indicator_id = d.indicator_id AND bm.period_to <= ${periodEnd}::date
        ORDER BY bm.period_to DESC LIMIT 1) b ON true
      WHERE d.board_id = ${boardId}
    ), judged AS (
      SELECT base.*,
        ${directionSql(sql`base.value`, sql`base.previous`, sql`base.polarity::text`, sql`base.tolerance`, sql`base.prev_same`)} AS direction,
        ${directionSql(sql`base.value`, sql`base.year_end`, sql`base.polarity::text`, sql`base.tolerance`, sql`base.ye_same`)} AS direction_ye,
        ${directionSql(sql`base.previous`, sql`base.previous2`, sql`base.polarity::text`, sql`base.tolerance`, sql`base.pp_same`)} AS direction_before,
        ${quartileSql(sql`base.value`, sql`base.polarity::text`, sql`base.upper_quartile`, sql`base.median`, sql`base.lower_quartile`)} AS quartile,
        ${suppressedSql(sql`base.counts_people`, sql`base.unit::text`, sql`base.value`, sql`base.numerator`)} AS suppressed,
        ${suppressedSql(sql`base.counts_people`, sql`base.unit::text`, sql`base.previous`, sql`base.prev_numerator`)} AS prev_suppressed,
        ${suppressedSql(sql`base.counts_people`, sql`base.unit::text`, sql`base.year_end`, sql`base.ye_numerator`)} AS ye_suppressed
      FROM base
    ), rated AS (
      SELECT judged.*,
        ${ragSql(sql`judged.rag_method::text`, sql`judged.value`, sql`judged.polarity::text`, sql`judged.target`, sql`judged.rag_tolerance`, sql`judged.quartile`)} AS rag
      FROM judged
    ), flagged AS MATERIALIZED (
      -- Materialised: otherwise PostgreSQL inlines the CTEs and evaluates the direction, quartile and
      -- RAG expressions again in each window count that filters on them (about a sixth of the statement's time).
      SELECT ${rows ? sql`rated.*` : sql`rated.new_data, rated.direction, rated.rag`}, (rated.value IS NOT NULL AND (coalesce(rated.rag = 'RED', false) OR (rated.direction = 'DECLINED' AND rated.direction_before = 'DECLINED'))) AS exception
      FROM rated
    )
    ${rows ? sql`SELECT f.*, ${summaryCounts(raw(' OVER ()'))} FROM flagged f ORDER BY f.position` : sql`SELECT ${summaryCounts(empty)} FROM flagged f`}`;
}

/** The summary's counts over the flagged rows: window counts beside each row, or one row of counts alone. */
const SUMMARY_COUNTS: [string, Sql | null][] = [
  ['measures', null],
  ['with_new_data', sql`f.new_data`],
  ['improved', sql`f.new_data AND f.direction = 'IMPROVED'`],
  ['no_change', sql`f.new_data AND f.direction = 'NO_CHANGE'`],
  ['declined', sql`f.new_data AND f.direction = 'DECLINED'`],
  ['not_comparable', sql`f.new_data AND f.direction IN ('NOT_COMPARABLE', 'CHANGED')`],
  ['red', sql`f.rag = 'RED'`],
  ['amber', sql`f.rag = 'AMBER'`],
  ['green', sql`f.rag = 'GREEN'`],
  ['exceptions', sql`f.exception`],
];

function summaryCounts(over: Sql): Sql {
  return join(
    SUMMARY_COUNTS.map(([name, filter]) => sql`count(*)${filter ? sql` FILTER (WHERE ${filter})` : empty}${over} ::int AS ${ident(name)}`),
    ',\n      ',
  );
}

/**
 * The summary alone, one row of counts (summaryOf reads it): the executive summary shows the counts
 * and the sentence, and sending its 60 rows as JSON cost a third of the statement.
 */
export function scorecardSummarySql(boardId: string, periodStart: string, periodEnd: string): Sql {
  return scorecardSql(boardId, periodStart, periodEnd, sql`NULL::jsonb`, 'summary');
}

/** The counts of a row of either form (none: no measures). */
export function summaryOf(counts: SummaryCounts | undefined): ScorecardSummary {
  const n = (k: keyof SummaryCounts) => (counts ? counts[k] : 0);
  const summary: ScorecardSummary = {
    measures: n('measures'),
    withNewData: n('with_new_data'),
    improved: n('improved'),
    noChange: n('no_change'),
    declined: n('declined'),
    notComparable: n('not_comparable'),
    red: n('red'),
    amber: n('amber'),
    green: n('green'),
    exceptions: n('exceptions'),
    sentence: '',
  };
  summary.sentence = summarySentence(summary);
  return summary;
}

function scorecardOf<I extends Pick<Indicator, 'unit'>>(
  records: RowRecord[],
  indicatorFrom: (j: Record<string, unknown>) => I,
): { rows: (Omit<ScorecardRow, 'indicator'> & { indicator: I })[]; summary: ScorecardSummary } {
  const rows = records.map((r) => {
    const indicator = indicatorFrom(r.ind);
    const suppress = r.suppress_small && r.suppressed;
    return {
      indicator,
      periodFrom: r.period_from,
      periodTo: r.period_to,
      newData: !!r.new_data,
      value: r.value,
      previous: r.previous,
      yearEnd: r.year_end,
      target: r.target,
      england: r.england,
      statNeighbours: r.stat_neighbours,
      quartile: r.quartile,
      directionOfTravel: r.direction,
      directionFromYearEnd: r.direction_ye,
      rag: r.rag,
      exception: r.exception,
      suppressed: r.suppressed,
      publishedValue: publishedValue(indicator.unit as IndicatorUnit, r.value, suppress),
      commentary: r.commentary,
      previousSuppressed: r.suppress_small && r.prev_suppressed,
      yearEndSuppressed: r.suppress_small && r.ye_suppressed,
    };
  });
  return { rows, summary: summaryOf(records[0]) };
}

/** "Of 21 measures with new data, 9 improved, 7 showed no change and 5 declined." */
export function summarySentence(s: Pick<ScorecardSummary, 'withNewData' | 'improved' | 'noChange' | 'declined' | 'notComparable'>): string {
  if (s.withNewData === 0) return 'No measure has new data for this period.';
  const parts = [`${s.improved} improved`, `${s.noChange} showed no change`, `${s.declined} declined`];
  if (s.notComparable) parts.push(`${s.notComparable} could not be compared`);
  const list = `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `Of ${s.withNewData} ${s.withNewData === 1 ? 'measure' : 'measures'} with new data, ${list}.`;
}

function indicatorOf(j: Record<string, unknown>): Indicator {
  const camel = Object.fromEntries(Object.entries(j).map(([k, v]) => [k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()), v]));
  return Object.assign(new Indicator(), camel, { createdAt: new Date(j.created_at as string), updatedAt: new Date(j.updated_at as string) });
}

/**
 * Per supplying agency with a seat on the board during the period: the values due in the period (one per indicator of the data set it
 * supplies and per period of the indicator's frequency ending in the period: months, quarters
 * ending in March, June, September and December, years ending 31 March) and those still missing
 * (no SUBMITTED or VALIDATED value from the agency for that indicator and period).
 */
export async function completeness(db: Queryable, boardId: string, periodStart: string, periodEnd: string): Promise<AgencyCompleteness[]> {
  const rows = await query<{ agency_id: string; due: number; missing: number; missing_indicators: string[] }>(
    db,
    sql`WITH ends AS (
      SELECT (m + interval '1 month' - interval '1 day')::date AS period_to
      FROM generate_series(date_trunc('month', ${periodStart}::date), ${periodEnd}::date, interval '1 month') m
    ), due AS (
      SELECT s.agency_id, i.id AS indicator_id, i.key, e.period_to
      FROM data_set_item d
      JOIN indicator i ON i.id = d.indicator_id
      JOIN (SELECT DISTINCT m.agency_id FROM membership m WHERE m.board_id = ${boardId} AND ${activeDuringSql('m', periodStart, periodEnd)}) s
        ON s.agency_id = ANY(i.supplier_agency_ids)
      JOIN ends e ON e.period_to BETWEEN ${periodStart}::date AND ${periodEnd}::date
        AND (i.frequency = 'MONTH' OR (i.frequency = 'QUARTER' AND extract(month from e.period_to) IN (3, 6, 9, 12)) OR (i.frequency = 'YEAR' AND extract(month from e.period_to) = 3))
      WHERE d.board_id = ${boardId}
    ), judged AS (
      SELECT du.*, NOT EXISTS (SELECT 1 FROM observation o WHERE o.board_id = ${boardId} AND o.indicator_id = du.indicator_id
        AND o.agency_id = du.agency_id AND o.period_to = du.period_to AND o.status IN ('SUBMITTED', 'VALIDATED')) AS missing
      FROM due du
    )
    SELECT j.agency_id, count(*)::int AS due, count(*) FILTER (WHERE j.missing)::int AS missing,
      coalesce(array_agg(DISTINCT j.key ORDER BY j.key) FILTER (WHERE j.missing), '{}') AS missing_indicators
    FROM judged j GROUP BY j.agency_id ORDER BY j.agency_id`,
  );
  return rows.map((r) => ({ agencyId: r.agency_id, due: r.due, missing: r.missing, missingIndicators: r.missing_indicators }) as AgencyCompleteness);
}

export type ScorecardFigures = Omit<Scorecard, 'boardId'>;
