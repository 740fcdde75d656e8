import { DataSource, In } from 'typeorm';
import { Access } from '../../access/access';
import { BadInputError, ForbiddenError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { isIsoDate } from '../../common/scalars';
import { assertFound, assertUuidOrNotFound } from '../../common/validation';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { upsertBenchmark } from './indicator.service';
import { checkObservation } from './observation.rules';
import { ObservationService } from './observation.service';
import { BENCHMARK_COLUMNS, columnOf, CsvRow, numberCell, OBSERVATION_COLUMNS, readCsv, scorecardCsv } from './scorecard-csv';
import { EDITABLE_OBSERVATION, Indicator, Observation, ObservationStatus } from './scorecard.entity';
import { completeness, reportScorecardOf, reportScorecardSql, RowRecord, scorecardRows, scorecardSummarySql, summaryOf, SummaryCounts } from './scorecard.queries';
import { ImportArgs } from './scorecard.inputs';
import { ImportProblem, ImportReport, ReportScorecardRow, Scorecard, ScorecardSummary } from './scorecard.types';
import { query, Sql } from '../../database/sql';

/** The row of summarySql. */
export type ScorecardCounts = SummaryCounts;

/** A quarter by default: the three months ending on the period end. */
export function defaultPeriodStart(periodEnd: string): string {
  const d = new Date(periodEnd + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCMonth(d.getUTCMonth() - 3);
  return d.toISOString().slice(0, 10);
}

export class ScorecardService {
  constructor(private readonly ds: DataSource, private readonly mutations: MutationRunner, private readonly observations: ObservationService) {}

  /** Everyone who reads the board reads its scorecard (validated values only). */
  async scorecard(access: Access, boardId: string, periodEnd: string, periodStart?: string | null): Promise<Scorecard> {
    access.assertSignedIn();
    assertUuidOrNotFound(boardId, 'Board');
    const board = assertFound(await this.ds.getRepository(Board).findOneBy({ id: boardId }), 'Board', boardId);
    await access.assertCanRead('Board', board, 'This scorecard belongs to a board you do not work for');
    if (!isIsoDate(periodEnd)) throw new BadInputError('periodEnd', 'Expected a date YYYY-MM-DD');
    const start = periodStart ?? defaultPeriodStart(periodEnd);
    if (!isIsoDate(start)) throw new BadInputError('periodStart', 'Expected a date YYYY-MM-DD');
    if (start > periodEnd) throw new BadInputError('periodStart', 'periodStart must not be after periodEnd');
    return this.figures(boardId, start, periodEnd);
  }

  /** The figures without the access check, for callers that checked already (the executive summary). */
  async figures(boardId: string, periodStart: string, periodEnd: string): Promise<Scorecard> {
    const { rows, summary } = await scorecardRows(this.ds, boardId, periodStart, periodEnd);
    return { boardId, periodStart, periodEnd, rows, summary, completeness: await completeness(this.ds, boardId, periodStart, periodEnd) };
  }

  /** The summary for the executive summary and annual report: the quarter ending on the period's end. */
  async summaryFor(boardId: string, periodEnd: string): Promise<ScorecardSummary | null> {
    const [counts] = await query<SummaryCounts>(this.ds, this.summarySql(boardId, periodEnd));
    return this.summaryFrom(counts ?? null);
  }

  /** The same quarter's summary with its rows (the yearly report's evidence of impact), in the same statement; null without measures. */
  async reportFor(boardId: string, periodEnd: string): Promise<{ summary: ScorecardSummary; rows: ReportScorecardRow[] } | null> {
    const { summary, rows } = reportScorecardOf(await query<RowRecord>(this.ds, reportScorecardSql(boardId, defaultPeriodStart(periodEnd), periodEnd)));
    return summary.measures ? { summary, rows } : null;
  }

  /**
   * The same quarter's summary alone, as a statement to nest (the executive summary), read with
   * summaryFrom: one row of counts, not the rows they count.
   */
  summarySql(boardId: string, periodEnd: string): Sql {
    return scorecardSummarySql(boardId, defaultPeriodStart(periodEnd), periodEnd);
  }

  /** summarySql's row; null without measures, as reportFor. */
  summaryFrom(counts: ScorecardCounts | null): ScorecardSummary | null {
    const summary = summaryOf(counts ?? undefined);
    return summary.measures ? summary : null;
  }

  async csv(access: Access, boardId: string, periodEnd: string, periodStart?: string | null): Promise<string> {
    const card = await this.scorecard(access, boardId, periodEnd, periodStart);
    return scorecardCsv(card.rows);
  }

  /**
   * Observations from CSV: every row checked first and every bad row reported with its line and
   * field; a dry run stops there, otherwise all rows are written in one transaction or none. The
   * board's coordinators import figures they collected as VALIDATED; an agency user imports its own
   * agency's values as SUBMITTED.
   */
  async importObservations(access: Access, args: ImportArgs): Promise<ImportReport> {
    const me = access.me;
    assertUuidOrNotFound(args.boardId, 'Board');
    const board = assertFound(await this.ds.getRepository(Board).findOneBy({ id: args.boardId }), 'Board', args.boardId);
    const coordinator = access.canManageBoard(board.id);
    if (!coordinator && !(me.role === 'AGENCY_USER' && me.agencyId)) throw new ForbiddenError('Only a coordinator of the board or a supplying agency can import values');
    const rows = readCsv(args.csv, OBSERVATION_COLUMNS, ['indicator', 'period_from', 'period_to', 'agency']);
    const problems: ImportProblem[] = [];
    const indicators = await this.ds.getRepository(Indicator).findBy({ key: In([...new Set(rows.map((r) => r.cells.indicator.toLowerCase()))]) });
    const byKey = new Map(indicators.map((i) => [i.key, i]));
    const agencyRefs = [...new Set(rows.map((r) => r.cells.agency))];
    const agencies = await this.ds.getRepository(Agency).find();
    const agencyOf = (ref: string) => agencies.find((a) => a.id === ref || a.name.toLowerCase() === ref.toLowerCase());
    void agencyRefs;
    const populations = new Map<string, number>(
      (await this.ds.query(`SELECT audience::text || ':' || year AS k, population FROM population WHERE board_id = $1`, [board.id])).map((p: { k: string; population: number }) => [p.k, p.population]),
    );
    const existing = await this.ds.getRepository(Observation).findBy({ boardId: board.id, indicatorId: In(indicators.map((i) => i.id)) });
    const seen = new Set<string>();
    const good: { row: CsvRow; ind: Indicator; agencyId: string; fields: Parameters<typeof checkObservation>[1]; checked: ReturnType<typeof checkObservation> }[] = [];
    for (const row of rows) {
      const before = problems.length;
      const bad = (field: string, message: string) => problems.push({ line: row.line, field, message });
      const ind = byKey.get(row.cells.indicator.toLowerCase());
      if (!ind) bad('indicator', `No indicator with key "${row.cells.indicator}"`);
      const agency = agencyOf(row.cells.agency ?? '');
      if (!agency) bad('agency', `No agency "${row.cells.agency}"`);
      else if (ind && !ind.supplierAgencyIds.includes(agency.id)) bad('agency', `${agency.name} does not supply ${ind.key}`);
      else if (ind && !coordinator && agency.id !== me.agencyId) bad('agency', 'You may only import your own agency’s values');
      const fields = {
        periodFrom: row.cells.period_from,
        periodTo: row.cells.period_to,
        value: numberCell(row, 'value', problems),
        numerator: numberCell(row, 'numerator', problems),
        denominator: numberCell(row, 'denominator', problems),
        breakdownDimension: row.cells.breakdown_dimension ?? '',
        breakdownCategory: row.cells.breakdown_category ?? '',
        commentary: row.cells.commentary || null,
      };
      if (!ind || !agency || problems.length > before) continue;
      const checked = checkObservation(ind, fields, populations.get(`${ind.audience}:${fields.periodFrom.slice(0, 4)}`) ?? null);
      for (const p of checked.problems) bad(columnOf(p.field), p.message);
      const cell = [ind.id, fields.periodFrom, fields.periodTo, fields.breakdownDimension.trim(), fields.breakdownCategory.trim()].join('|');
      if (seen.has(cell)) bad('period_to', 'The same indicator, period and breakdown appear twice in the file');
      seen.add(cell);
      const current = existing.find(
        (o) => o.indicatorId === ind.id && o.indicatorVersion === ind.version && o.periodFrom === fields.periodFrom && o.periodTo === fields.periodTo &&
          o.breakdownDimension === fields.breakdownDimension.trim() && o.breakdownCategory === fields.breakdownCategory.trim(),
      );
      if (current && !EDITABLE_OBSERVATION.includes(current.status)) bad('indicator', `A ${current.status} value for this period exists: the board returns it first`);
      if (problems.length === before) good.push({ row, ind, agencyId: agency.id, fields, checked });
    }
    if (args.dryRun || problems.length) return { dryRun: args.dryRun, rows: rows.length, imported: 0, problems };
    return this.mutations.run(me, 'importObservations', { boardId: board.id, rows: rows.length }, async (em) => {
      for (const g of good) {
        const current = await em.getRepository(Observation).findOneBy({
          indicatorId: g.ind.id, indicatorVersion: g.ind.version, boardId: board.id, periodFrom: g.fields.periodFrom, periodTo: g.fields.periodTo,
          breakdownDimension: (g.fields.breakdownDimension ?? "").trim(), breakdownCategory: (g.fields.breakdownCategory ?? "").trim(),
        });
        let o = await this.observations.write(em, g.ind, board.id, g.agencyId, g.fields, g.checked, current?.revision);
        o = await this.observations.moveTo(em, access, o, ObservationStatus.SUBMITTED, 'Imported from CSV');
        if (coordinator) await this.observations.moveTo(em, access, o, ObservationStatus.VALIDATED, 'Imported from CSV by the board');
      }
      return { result: { dryRun: false, rows: rows.length, imported: good.length, problems: [] }, entityType: 'Observation', entityId: null, boardIds: [board.id] };
    });
  }

  /** Benchmarks from CSV, for the board's coordinators: the same dry run, then all or nothing. */
  async importBenchmarks(access: Access, args: ImportArgs): Promise<ImportReport> {
    const me = access.me;
    assertUuidOrNotFound(args.boardId, 'Board');
    assertFound(await this.ds.getRepository(Board).findOneBy({ id: args.boardId }), 'Board', args.boardId);
    access.assertCanManageBoard(args.boardId);
    const rows = readCsv(args.csv, BENCHMARK_COLUMNS, ['indicator', 'period_from', 'period_to']);
    const indicators = await this.ds.getRepository(Indicator).find();
    const problems: ImportProblem[] = [];
    const good: Parameters<typeof upsertBenchmark>[1][] = [];
    for (const row of rows) {
      const before = problems.length;
      const bad = (field: string, message: string) => problems.push({ line: row.line, field, message });
      const ind = indicators.find((i) => i.key === row.cells.indicator.toLowerCase());
      if (!ind) bad('indicator', `No indicator with key "${row.cells.indicator}"`);
      if (!isIsoDate(row.cells.period_from)) bad('period_from', 'Expected a date YYYY-MM-DD');
      if (!isIsoDate(row.cells.period_to)) bad('period_to', 'Expected a date YYYY-MM-DD');
      else if (row.cells.period_to < row.cells.period_from) bad('period_to', 'period_to must not be before period_from');
      const [england, statNeighbours, upperQuartile, median, lowerQuartile] = ['england', 'stat_neighbours', 'upper_quartile', 'median', 'lower_quartile'].map((c) => numberCell(row, c, problems));
      const q = [upperQuartile, median, lowerQuartile];
      if (q.some((x) => x !== null) && q.some((x) => x === null)) bad('median', 'Give all three quartile boundaries or none');
      else if (upperQuartile !== null && !(upperQuartile >= median! && median! >= lowerQuartile!)) bad('upper_quartile', 'Expected upper_quartile ≥ median ≥ lower_quartile');
      if (problems.length === before && ind) {
        good.push({ indicatorId: ind.id, boardId: args.boardId, periodFrom: row.cells.period_from, periodTo: row.cells.period_to, england, statNeighbours, upperQuartile, median, lowerQuartile } as never);
      }
    }
    if (args.dryRun || problems.length) return { dryRun: args.dryRun, rows: rows.length, imported: 0, problems };
    return this.mutations.run(me, 'importBenchmarks', { boardId: args.boardId, rows: rows.length }, async (em) => {
      for (const b of good) await upsertBenchmark(em, b);
      return { result: { dryRun: false, rows: rows.length, imported: good.length, problems: [] }, entityType: 'Benchmark', entityId: null, boardIds: [args.boardId] };
    });
  }
}
