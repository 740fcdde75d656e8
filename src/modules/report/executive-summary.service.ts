import { DataSource } from 'typeorm';
import { Access } from '../../access/access';
import { UserRole } from '../../common/enums';
import { ForbiddenError } from '../../common/errors';
import { assertFound, assertPeriod, assertUuidOrNotFound } from '../../common/validation';
import { setPrefetched } from '../../common/prefetched';
import { hydrate, JsonRow, rowJson } from '../../database/hydrate';
import { query, sql, Sql } from '../../database/sql';
import { byIdTemplate } from '../../database/statement-template';
import { actionOnSql, openActionSql, overdueSql } from '../../rules/actions';
import { latestCyclesSql } from '../../rules/audit';
import { activeDuringSql } from '../../rules/membership';
import { boardExistedBySql } from '../../rules/report';
import { ActionProgress, emptyProgress, progressOf, ProgressRow } from '../action/action-progress';
import { Agency } from '../agency/agency.entity';
import { AgencyService } from '../agency/agency.service';
import { AuditComplianceService, CycleCountsRow, ReturnFigures } from '../audit/audit-compliance.service';
import { AuditCycle } from '../audit/audit-cycle.entity';
import { CycleSummary, StandardSummary } from '../audit/audit.types';
import { Board } from '../board/board.entity';
import { BusinessPlan, PlanPriority } from '../business-plan/business-plan.entity';
import { BusinessPlanService } from '../business-plan/business-plan.service';
import { CaseReviewService, FindingAtEnd, LearningAtEnd, PeriodFiguresRow } from '../case-review/case-review.service';
import { AttendanceRow, AttendanceService } from '../meeting/attendance.service';
import { AttendanceSummary } from '../meeting/attendance.types';
import { ScorecardCounts, ScorecardService } from '../scorecard/scorecard.service';
import { ReportScorecardRow } from '../scorecard/scorecard.types';
import { buildAnnualReport } from './annual-report.builder';
import { AnnualReportModel } from './annual-report.model';
import { ExecutiveSummary, SummaryAudit, SummaryPlan } from './executive-summary.types';
import { attendanceHeadline, businessPlanHeadline, caseReviewHeadlines, quorumHeadline, section11Headlines } from './headlines';

export interface PartnerFigures {
  agencies: { id: string; name: string; sector: string }[];
  returns: { id: string; agency_id: string; cycle_id: string; status: string; figures?: ReturnFigures }[];
  actions: { owner_agency_id: string; open: number; overdue: number; completed: number }[];
  subGroups: { id: string; name: string }[];
  subGroupAttendance: Map<string, AttendanceSummary>;
  /** Reviews open at some point of the period, each with its status as it stood on the period's last day. */
  reviews: ReviewAtEnd[];
  reviewProgress: Map<string, ActionProgress>;
  /** Business plan priorities' actions as they stood on the period's last day, cancelled ones left out of every column so the row adds up. */
  planRows: Map<string, PlanRow>;
  /** Findings of SARs concluded in the period and findings decided in it not to be implemented, as at its end. */
  findings: FindingAtEnd[];
  /** External learning reported in the period, its actions as at the period's end. */
  learning: LearningAtEnd[];
  /** Per latest cycle, how its submitted returns rated each standard. */
  standards: Map<string, StandardSummary[]>;
  /** The scorecard's rows for the summary's quarter: the evidence of impact (empty without a data set). */
  scorecardRows: ReportScorecardRow[];
}

/** summarySql's row: each part as JSON. */
interface SummaryRow {
  board: JsonRow;
  existed: boolean;
  attendance: AttendanceRow;
  agencies: JsonRow[];
  cycles: { audience: string; cycle: JsonRow }[];
  cycle_summaries: CycleCountsRow[];
  reviews: PeriodFiguresRow;
  plan: JsonRow | null;
  priorities: JsonRow[];
  priority_progress: ProgressRow[];
  plan_progress: ProgressRow[];
  scorecard: ScorecardCounts | null;
}

export interface ReviewAtEnd {
  id: string;
  reference: string;
  type: string;
  statusAtEnd: string;
  referredOn: string;
  publishedOn: string | null;
  /** First COMPLETED, PUBLISHED or CLOSED by the period's end. */
  concludedOn: string | null;
}

/** One priority's actions not cancelled, as they stood on the period's last day: total = red + amber + green + unrated. */
export interface PlanRow {
  total: number;
  red: number;
  amber: number;
  green: number;
  unrated: number;
  cancelled: number;
  /** Of total, COMPLETE then. */
  complete: number;
}


/**
 * The executive summary and the annual report behind it, from aggregates in SQL: the number of
 * statements is fixed whatever the size of the board (test/executive-summary.test.ts states it).
 */
export class ExecutiveSummaryService {
  constructor(
    private readonly ds: DataSource,
    private readonly attendance: AttendanceService,
    private readonly compliance: AuditComplianceService,
    private readonly reviews: CaseReviewService,
    private readonly plans: BusinessPlanService,
    private readonly scorecards: ScorecardService,
    private readonly agencies: AgencyService,
  ) {}

  /** Board-wide figures name every agency's results, so they are for the board's own people, not other agencies. */
  async assertCanRead(access: Access, boardId: string): Promise<Board> {
    const me = access.me;
    assertUuidOrNotFound(boardId, 'Board');
    const board = assertFound(await this.ds.getRepository(Board).findOneBy({ id: boardId }), 'Board', boardId);
    if (me.role === UserRole.AGENCY_USER) throw new ForbiddenError('The executive summary is for the board: coordinators, viewers and admins');
    await access.assertCanRead('ExecutiveSummary', { board }, 'You do not work for this board');
    return board;
  }

  /**
   * assertCanRead's decision without reading the board when the reader may read it: the rule needs
   * only the board's id, and the summary's one statement reads the board (none: NOT_FOUND). A
   * refusal goes through assertCanRead, so a board that does not exist is NOT_FOUND as before.
   */
  private async assertMayRead(access: Access, boardId: string): Promise<void> {
    const me = access.me;
    assertUuidOrNotFound(boardId, 'Board');
    if (me.role !== UserRole.AGENCY_USER) {
      try {
        await access.assertCanRead('ExecutiveSummary', { board: { id: boardId } }, 'You do not work for this board');
        return;
      } catch (e) {
        if (!(e instanceof ForbiddenError)) throw e;
      }
    }
    await this.assertCanRead(access, boardId);
  }

  async build(access: Access, boardId: string, from: string, to: string): Promise<ExecutiveSummary> {
    assertPeriod(from, to);
    await this.assertMayRead(access, boardId);
    // Overdue is judged at the end of the period, or today for a period not over yet.
    const asOf = to < access.today ? to : access.today;
    const [row] = await query<SummaryRow>(this.ds, this.statement(boardId, from, to, asOf));
    const board = hydrate(this.ds, Board, assertFound(row, 'Board', boardId).board);
    const attendance = this.attendance.attendanceSummaries(row.attendance, [board.id]).get(board.id)!;
    const audits = this.latestAudits(row);
    const caseReviews = this.reviews.periodFiguresOf(row.reviews, from, to);
    const plan = this.planFigures(row);
    const agencies = new Map(row.agencies.map((r) => hydrate(this.ds, Agency, r)).map((a) => [a.id, a]));
    const existed = row.existed;
    const below = attendance.byAgency.filter((a) => a.belowThreshold);
    // agenciesBelowThreshold { agency } answered from the same statement: no resolver, loader or statement of its own.
    for (const a of below) {
      const agency = agencies.get(a.agencyId);
      if (agency) setPrefetched(a, 'agency', agency);
    }
    const summary: ExecutiveSummary = {
      board,
      from,
      to,
      attendance: {
        overallRate: attendance.overallRate,
        meetingsHeld: attendance.meetingsHeld,
        quorateMeetings: attendance.quorateMeetings,
        threshold: attendance.threshold,
        agenciesBelowThreshold: below,
      },
      section11: audits.get('CHILDREN') ?? null,
      adultsCompliance: audits.get('ADULTS') ?? null,
      caseReviews,
      businessPlan: plan,
      scorecard: this.scorecards.summaryFrom(row.scorecard),
      headlines: [],
      existed,
      loadReport: undefined as never,
    };
    const belowNames = below.map((a) => agencies.get(a.agencyId)?.name ?? 'an agency');
    summary.headlines = this.headlines(summary, belowNames, false);
    // The report's per-partner detail costs its own statements: gathered only when asked for.
    let report: Promise<AnnualReportModel> | undefined;
    summary.loadReport = () =>
      (report ??= this.partnerFigures(board.id, from, to, asOf, plan?.priorities.map((p) => p.priority.id) ?? [], [...audits.values()].map((a) => a.cycle.id)).then(
        (partners) => buildAnnualReport(summary, attendance, partners, (planAtEnd) => this.headlines(summary, belowNames, board.suppressSmallNumbers, planAtEnd), access.today),
      ));
    return summary;
  }

  /** summarySql, built once per period and filled in with the board. */
  private readonly statement = byIdTemplate((boardId: string, from: string, to: string, asOf: string) => this.summarySql(boardId, from, to, asOf));

  /**
   * Every figure of the summary in one statement, each part as JSON built by PostgreSQL from the
   * statement its module owns: the parts were 14 statements in four dependent round trips, and
   * each round trip cost the hub more (writing, parsing, TypeORM's entities) than PostgreSQL's work.
   * No row: the board does not exist. Every part is for one board, so the statement keeps a generic plan.
   * Entities come as rowJson rows (timestamps as epoch milliseconds, numerics as pg's text) for hydrate().
   */
  private summarySql(boardId: string, from: string, to: string, asOf: string): Sql {
    const latest = sql`c.id IN (SELECT l.id FROM latest l)`;
    const ofPlan = sql`p.plan_id IN (SELECT pl.id FROM plan pl)`;
    return sql`WITH latest AS (${latestCyclesSql(boardId, to)}),
      -- The plan covering the period: of those overlapping it, the one starting latest.
      plan AS (SELECT p.* FROM business_plan p WHERE p.board_id = ${boardId}::uuid AND p.period_from <= ${to}::date AND p.period_to >= ${from}::date
        ORDER BY p.period_from DESC, p.created_at DESC LIMIT 1)
      SELECT ${rowJson(this.ds, Board, 'b')} AS board, ${boardExistedBySql('b', to)} AS existed,
        (SELECT to_json(x) FROM (${this.attendance.attendanceSql('board', [boardId], from, to, 'agencies')}) x) AS attendance,
        -- The member agencies: names for the headlines, rows for agenciesBelowThreshold { agency }.
        ${this.agencies.rowsSql(sql`SELECT DISTINCT m.agency_id FROM membership m WHERE m.board_id = b.id`)} AS agencies,
        (SELECT coalesce(json_agg(json_build_object('audience', l.audience, 'cycle', ${rowJson(this.ds, AuditCycle, 'l')}) ORDER BY l.audience), '[]') FROM latest l) AS cycles,
        (SELECT coalesce(json_agg(to_json(x)), '[]') FROM (${this.compliance.summariesSql(latest, asOf)}) x) AS cycle_summaries,
        (SELECT to_json(x) FROM (${this.reviews.periodFiguresSql(boardId, from, to, asOf)}) x) AS reviews,
        (SELECT ${rowJson(this.ds, BusinessPlan, 'pl')} FROM plan pl) AS plan,
        (SELECT coalesce(json_agg(${rowJson(this.ds, PlanPriority, 'pp')} ORDER BY pp.position), '[]') FROM plan_priority pp WHERE pp.plan_id IN (SELECT pl.id FROM plan pl)) AS priorities,
        (SELECT coalesce(json_agg(to_json(x)), '[]') FROM (${this.plans.progressOfPrioritiesSql(ofPlan, asOf)}) x) AS priority_progress,
        (SELECT coalesce(json_agg(to_json(x)), '[]') FROM (${this.plans.progressOfPlansSql(ofPlan, asOf)}) x) AS plan_progress,
        (SELECT to_json(x) FROM (${this.scorecards.summarySql(boardId, to)}) x) AS scorecard
      FROM board b WHERE b.id = ${boardId}::uuid`;
  }

  /** `planAtEnd`: the report's plan figures as they stood on the period's last day (the summary's are today's). */
  private headlines(s: ExecutiveSummary, belowNames: string[], suppress: boolean, planAtEnd?: { percentComplete: number | null; stalled: string[] }): string[] {
    const lines = [
      attendanceHeadline({ meetingsHeld: s.attendance.meetingsHeld, overallRate: s.attendance.overallRate, threshold: s.attendance.threshold, belowThreshold: belowNames, existed: s.existed }),
      quorumHeadline(s.attendance.meetingsHeld, s.attendance.quorateMeetings, s.existed),
    ].filter((l): l is string => l !== null);
    for (const [audit, kind] of [[s.section11, 'Section 11'], [s.adultsCompliance, 'safeguarding adults compliance']] as const) {
      if (!audit) continue;
      lines.push(
        ...section11Headlines({
          kind,
          cycleName: audit.cycle.name,
          invited: audit.invited,
          submitted: audit.submitted,
          fullyCompliant: audit.fullyCompliant,
          improved: audit.trends.improved,
          sustained: audit.trends.sustained,
          declined: audit.trends.declined,
        }),
      );
    }
    lines.push(...caseReviewHeadlines({ ...s.caseReviews, suppress }));
    if (s.businessPlan) {
      const p = planAtEnd ?? { percentComplete: s.businessPlan.progress.percentComplete, stalled: s.businessPlan.littleOrNoProgress };
      lines.push(businessPlanHeadline({ title: s.businessPlan.plan.title, ...p }));
    }
    if (s.scorecard) lines.push(`Scorecard: ${s.scorecard.sentence}`);
    return lines;
  }

  /** The latest cycle of each audience (children's Section 11, adults' compliance) opened by the end of the period. */
  private latestAudits(row: SummaryRow): Map<string, SummaryAudit> {
    const summaries = this.compliance.toSummaries(row.cycle_summaries);
    return new Map(
      row.cycles.map((l) => {
        const cycle = hydrate(this.ds, AuditCycle, l.cycle);
        const s: CycleSummary = summaries.get(cycle.id)!;
        return [
          l.audience,
          { cycle, invited: s.invited, submitted: s.submitted, submissionRate: s.submissionRate, outstanding: s.outstanding, fullyCompliant: s.fullyCompliant, trends: s.trends },
        ];
      }),
    );
  }

  /** The plan covering the period (summarySql picks it) with its priorities' progress. */
  private planFigures(row: SummaryRow): SummaryPlan | null {
    if (!row.plan) return null;
    const plan = hydrate(this.ds, BusinessPlan, row.plan);
    const priorities = row.priorities.map((p) => hydrate(this.ds, PlanPriority, p));
    const byPriority = progressOf(row.priority_progress, priorities.map((p) => p.id));
    const byPlan = progressOf(row.plan_progress, [plan.id]);
    const rows = priorities.map((p) => ({ priority: p, code: p.code, title: p.title, progress: byPriority.get(p.id) ?? emptyProgress() }));
    return {
      plan,
      progress: byPlan.get(plan.id) ?? emptyProgress(),
      priorities: rows,
      littleOrNoProgress: rows.filter((r) => r.progress.littleOrNoProgress).map((r) => r.code),
    };
  }

  /** What only the annual report shows: each partner's results, sub-groups, the reviews one by one. */
  private async partnerFigures(boardId: string, from: string, to: string, asOf: string, priorityIds: string[], cycleIds: string[]): Promise<PartnerFigures> {
    const [agencies, returns, actions, subGroups, reviews, planRows, findings, learning, scorecard] = await Promise.all([
      query(this.ds,
        sql`SELECT DISTINCT a.id, a.name, a.sector FROM agency a JOIN membership m ON m.agency_id = a.id
         WHERE m.board_id = ${boardId} AND ${activeDuringSql('m', from, to)} ORDER BY a.name`,
      ),
      query(this.ds,
        sql`SELECT r.id, r.agency_id, r.cycle_id, r.status FROM audit_return r
         WHERE r.cycle_id IN (SELECT l.id FROM (${latestCyclesSql(boardId, to)}) l)`,
      ),
      query(this.ds,
        sql`SELECT owner_agency_id,
           count(*) FILTER (WHERE ${openActionSql('a')})::int AS open,
           count(*) FILTER (WHERE ${overdueSql('a', asOf)})::int AS overdue,
           count(*) FILTER (WHERE a.status = 'COMPLETE')::int AS completed
         FROM action a WHERE a.board_ids @> ARRAY[${boardId}]::uuid[] GROUP BY owner_agency_id`,
      ),
      query(this.ds, sql`SELECT sg.id, sg.name FROM sub_group sg JOIN sub_group_board b ON b.sub_group_id = sg.id WHERE b.board_id = ${boardId} ORDER BY sg.name`),
      // Each review as it stood on the period's last day (its events), so later events never change an earlier year.
      this.reviews.asAt(boardId, from, to).then((rows): ReviewAtEnd[] =>
        rows
          .filter((r) => r.status !== 'NOT_COMMISSIONED')
          .map((r) => ({ id: r.id, reference: r.reference, type: r.type, statusAtEnd: r.status, referredOn: r.referredOn, publishedOn: r.publishedOn, concludedOn: r.concludedOn })),
      ),
      // Each action as it stood on the period's last day (its progress notes; rules/actions.ts).
      // Cancelled actions are left out of every column, so a row's total is the sum of its RAG columns.
      priorityIds.length
        ? query<PlanRow & { id: string }>(this.ds,
            sql`SELECT p.id,
               count(x.id) FILTER (WHERE x.status <> 'CANCELLED')::int AS total,
               count(x.id) FILTER (WHERE x.status <> 'CANCELLED' AND x.rag = 'RED')::int AS red,
               count(x.id) FILTER (WHERE x.status <> 'CANCELLED' AND x.rag = 'AMBER')::int AS amber,
               count(x.id) FILTER (WHERE x.status <> 'CANCELLED' AND x.rag = 'GREEN')::int AS green,
               count(x.id) FILTER (WHERE x.status <> 'CANCELLED' AND x.rag IS NULL)::int AS unrated,
               count(x.id) FILTER (WHERE x.status = 'CANCELLED')::int AS cancelled,
               count(x.id) FILTER (WHERE x.status = 'COMPLETE')::int AS complete
             FROM plan_priority p LEFT JOIN (
               SELECT a.id, a.source_id, ${actionOnSql('a', 'status', to)}::text AS status, ${actionOnSql('a', 'rag', to)}::text AS rag
               FROM action a WHERE a.source_type = 'PLAN_PRIORITY' AND a.source_id = ANY(${priorityIds}::uuid[])
             ) x ON x.source_id = p.id
             WHERE p.id = ANY(${priorityIds}::uuid[]) GROUP BY p.id`,
          ).then((rows) => new Map(rows.map(({ id, ...r }) => [id, r])))
        : Promise.resolve(new Map<string, PlanRow>()),
      // Findings: SARs concluded in the year (Care Act Schedule 2 (d)), and those not implemented with the reasons.
      this.reviews.findingsAsAt(boardId, from, to),
      this.reviews.learningAsAt(boardId, from, to),
      this.scorecards.reportFor(boardId, to),
    ]);
    const [subGroupAttendance, reviewProgress, figures, standards] = await Promise.all([
      subGroups.length ? this.attendance.summaries('subGroup', subGroups.map((s: { id: string }) => s.id), from, to) : Promise.resolve(new Map()),
      this.reviews.progressOf(reviews.map((r) => r.id), asOf),
      this.compliance.forReturns(returns.map((r: { id: string }) => r.id)),
      cycleIds.length ? this.compliance.standardSummaries(cycleIds) : Promise.resolve(new Map<string, StandardSummary[]>()),
    ]);
    return {
      agencies,
      returns: returns.map((r: PartnerFigures['returns'][number]) => ({ ...r, figures: figures.get(r.id) })),
      actions,
      subGroups,
      subGroupAttendance,
      reviews,
      reviewProgress,
      planRows,
      standards,
      findings,
      learning,
      scorecardRows: scorecard?.rows ?? [],
    };
  }
}
