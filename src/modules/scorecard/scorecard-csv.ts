import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { BadInputError } from '../../common/errors';
import { isUuid } from '../../common/validation';
import { publishedValue, IndicatorUnit } from '../../rules/scorecard';
import { Problem } from './observation.rules';
import { ScorecardRow } from './scorecard.types';

export const OBSERVATION_COLUMNS = ['indicator', 'period_from', 'period_to', 'value', 'numerator', 'denominator', 'agency', 'breakdown_dimension', 'breakdown_category', 'commentary'] as const;
export const BENCHMARK_COLUMNS = ['indicator', 'period_from', 'period_to', 'england', 'stat_neighbours', 'upper_quartile', 'median', 'lower_quartile'] as const;

export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

/**
 * Reads a CSV file with a header row (csv-parse): every record with the line it starts on. A file
 * that is not CSV at all, or lacks a required column, is refused whole (field `csv`).
 */
export function readCsv(text: string, columns: readonly string[], required: readonly string[]): CsvRow[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, info: true, bom: true }) as never;
  } catch (e) {
    throw new BadInputError('csv', `Not a readable CSV file: ${(e as Error).message}`);
  }
  if (!records.length) throw new BadInputError('csv', 'The file has no rows below its header');
  const header = Object.keys(records[0].record);
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) throw new BadInputError('csv', `Missing column(s): ${missing.join(', ')} (expected ${columns.join(', ')})`);
  const unknown = header.filter((c) => !columns.includes(c));
  if (unknown.length) throw new BadInputError('csv', `Unknown column(s): ${unknown.join(', ')} (expected ${columns.join(', ')})`);
  return records.map((r) => ({ line: r.info.lines, cells: r.record }));
}

/** A number cell: empty is null; anything else must be a plain number (a trailing % is allowed). */
export function numberCell(row: CsvRow, column: string, problems: (Problem & { line: number })[]): number | null {
  const raw = (row.cells[column] ?? '').replace(/%$/, '').replace(/,/g, '').trim();
  if (!raw) return null;
  const n = Number(raw);
  if (!Number.isFinite(n)) {
    problems.push({ line: row.line, field: column, message: `"${row.cells[column]}" is not a number` });
    return null;
  }
  return n;
}

export function idOrName(value: string): { id?: string; name?: string } {
  return isUuid(value) ? { id: value } : { name: value.toLowerCase() };
}

const FIELD_TO_COLUMN: Record<string, string> = {
  periodFrom: 'period_from',
  periodTo: 'period_to',
  breakdownDimension: 'breakdown_dimension',
  breakdownCategory: 'breakdown_category',
};
export const columnOf = (field: string) => FIELD_TO_COLUMN[field] ?? field;

/** The scorecard as published: suppressed cells read "fewer than 5" (counts) or "suppressed" (rates built on one). */
export function scorecardCsv(rows: ScorecardRow[]): string {
  return stringify(
    rows.map((r) => {
      const unit = r.indicator.unit as IndicatorUnit;
      return {
        indicator: r.indicator.key,
        title: r.indicator.title,
        period_from: r.periodFrom ?? '',
        period_to: r.periodTo ?? '',
        value: r.publishedValue,
        previous: publishedValue(unit, r.previous, r.previousSuppressed),
        year_end: publishedValue(unit, r.yearEnd, r.yearEndSuppressed),
        target: r.target ?? '',
        england: r.england ?? '',
        stat_neighbours: r.statNeighbours ?? '',
        quartile: r.quartile ?? '',
        direction_of_travel: r.directionOfTravel,
        direction_from_year_end: r.directionFromYearEnd,
        rag: r.rag ?? '',
        exception: r.exception ? 'yes' : '',
      };
    }),
    { header: true, columns: ['indicator', 'title', 'period_from', 'period_to', 'value', 'previous', 'year_end', 'target', 'england', 'stat_neighbours', 'quartile', 'direction_of_travel', 'direction_from_year_end', 'rag', 'exception'] },
  );
}
