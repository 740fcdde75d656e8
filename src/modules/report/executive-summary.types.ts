import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../common/scalars';
import { ActionProgress } from '../action/action-progress';
import { AuditCycle } from '../audit/audit-cycle.entity';
import { TrendCounts } from '../audit/audit.types';
import { Board } from '../board/board.entity';
import { BusinessPlan, PlanPriority } from '../business-plan/business-plan.entity';
import { CaseReviewStatus } from '../case-review/case-review.entity';
import { AgencyAttendance } from '../meeting/attendance.types';
import { ScorecardSummary } from '../scorecard/scorecard.types';
import { AnnualReportModel } from './annual-report.model';

export enum ReportFormat {
  MARKDOWN = 'MARKDOWN',
  HTML = 'HTML',
}
registerEnumType(ReportFormat, { name: 'ReportFormat' });

/** The formats a report link opens in (GET /boards/:id/annual-report?format=...). */
export enum ReportFileFormat {
  HTML = 'html',
  MARKDOWN = 'md',
  CSV = 'csv',
  XLSX = 'xlsx',
}
registerEnumType(ReportFileFormat, { name: 'ReportFileFormat', description: 'HTML (printable to PDF), Markdown, the tables as CSV, or an Excel workbook with one sheet per table' });

@ObjectType()
export class SummaryAttendance {
  @Field(() => Float, { nullable: true }) overallRate: number | null;
  @Field(() => Int) meetingsHeld: number;
  @Field(() => Int) quorateMeetings: number;
  @Field(() => Float) threshold: number;
  @Field(() => [AgencyAttendance], { description: 'Member agencies whose attendance fell below the threshold' })
  agenciesBelowThreshold: AgencyAttendance[];
}

@ObjectType({ description: 'The latest audit cycle of the board that opened on or before the end of the period' })
export class SummaryAudit {
  @Field(() => AuditCycle) cycle: AuditCycle;
  @Field(() => Int) invited: number;
  @Field(() => Int) submitted: number;
  @Field(() => Float, { nullable: true, description: 'submitted / invited, 0..1' }) submissionRate: number | null;
  @Field(() => Int) outstanding: number;
  @Field(() => Int) fullyCompliant: number;
  @Field(() => TrendCounts) trends: TrendCounts;
}

@ObjectType()
export class StatusCount {
  @Field(() => CaseReviewStatus) status: CaseReviewStatus;
  @Field(() => Int) count: number;
}

@ObjectType()
export class SummaryCaseReviews {
  @Field(() => [StatusCount], { description: "Every review of the board (not delivered for another body) by its status on the period's last day" }) byStatus: StatusCount[];
  @Field(() => Int) referredInPeriod: number;
  @Field(() => Int) commissionedInPeriod: number;
  @Field(() => Int) publishedInPeriod: number;
  @Field(() => Int, { description: 'Actions on review recommendations still NOT_STARTED or IN_PROGRESS' }) openActions: number;
  @Field(() => Int, { description: 'Open and due before the end of the period (or today, if sooner)' }) overdueActions: number;
  @Field(() => Int, { description: 'Serious incident notifications made in the period' }) notificationsMade: number;
  @Field(() => Int, { description: 'Of those, made within 5 working days of awareness' }) notificationsOnTime: number;
  @Field(() => Int, { description: 'Rapid reviews sent to the Panel in the period' }) rapidReviewsCompleted: number;
  @Field(() => Int, { description: 'Of those, sent within 15 working days of the notification' }) rapidReviewsOnTime: number;
  @Field(() => Int, { description: 'Reviews COMMISSIONED or IN_PROGRESS on the period\'s last day' }) localReviewsInProgress: number;
  @Field(() => Int, { description: 'SARs that reached COMPLETED (or later) in the period, whenever they began' }) sarsConcluded: number;
  @Field(() => Int, { description: 'SARs COMMISSIONED or IN_PROGRESS on the period\'s last day' }) sarsOngoing: number;
  @Field(() => Int, { description: 'Findings of its reviews the board decided, in the period, not to implement (with reasons)' }) findingsNotImplemented: number;
  @Field(() => Int, { description: "Contributions to other areas' reviews in the period" }) contributions: number;
  @Field(() => Int, { description: 'Reviews delivered for another body (e.g. DHRs for a community safety partnership): not among byStatus' }) deliveredForOthers: number;
}

@ObjectType()
export class SummaryPriority {
  @Field(() => PlanPriority) priority: PlanPriority;
  @Field() code: string;
  @Field() title: string;
  @Field(() => ActionProgress) progress: ActionProgress;
}

@ObjectType({ description: 'The business plan covering the period' })
export class SummaryPlan {
  @Field(() => BusinessPlan) plan: BusinessPlan;
  @Field(() => ActionProgress) progress: ActionProgress;
  @Field(() => [SummaryPriority]) priorities: SummaryPriority[];
  @Field(() => [String], { description: 'Codes of priorities with little or no progress' }) littleOrNoProgress: string[];
}

@ObjectType({ description: "A board's partnership status over a period, in a fixed number of SQL statements" })
export class ExecutiveSummary {
  @Field(() => Board) board: Board;
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar) to: string;
  @Field(() => SummaryAttendance) attendance: SummaryAttendance;
  @Field(() => SummaryAudit, { nullable: true, description: "Section 11: the latest children's cycle" }) section11: SummaryAudit | null;
  @Field(() => SummaryAudit, { nullable: true, description: "The latest adults' safeguarding compliance cycle" }) adultsCompliance: SummaryAudit | null;
  @Field(() => SummaryCaseReviews) caseReviews: SummaryCaseReviews;
  @Field(() => SummaryPlan, { nullable: true }) businessPlan: SummaryPlan | null;
  @Field(() => ScorecardSummary, { nullable: true, description: "The data set's scorecard for the quarter ending on the period's end; null without a data set" }) scorecard: ScorecardSummary | null;
  @Field(() => [String], { description: 'Sentences built from the figures above' }) headlines: string[];

  /** Whether the board existed in the period (set up by its end): no "no meetings were held" of a board not yet set up. */
  existed: boolean;

  /** Everything the annual report shows, gathered on first use by the annualReport field. */
  loadReport: () => Promise<AnnualReportModel>;
}
