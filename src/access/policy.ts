import { UserRole } from '../common/enums';
import { ReadScope } from './read-scope';

/**
 * Who may read each GraphQL object type: one table, default deny. The schema guard (guard.ts)
 * consults it for every object any field returns, whatever the path, and refuses to build a schema
 * with an object type missing here, so a new type cannot reach a client without a decision.
 *
 * - `entity`: decided per object from its own owners (board, body, agency), never from its parent.
 * - `directory`: shared reference data any signed-in user reads (the agency directory, frameworks).
 * - `partOf`: a value without identity computed for one parent object (figures, pages, summaries);
 *   it is only ever built by a field of that parent, which the guard checked, and every object it
 *   carries is checked again on its own.
 * - `public`: readable before signing in.
 *
 * Who may *change* things is decided by the `assertCan*` write rules in ./access.ts; the README's
 * access table lists both.
 */
export type ReadRule =
  | { kind: 'entity'; read: (obj: any, s: ReadScope) => boolean | Promise<boolean> }
  | { kind: 'directory' }
  | { kind: 'partOf'; parent: string }
  | { kind: 'public' };

const entity = (read: (obj: any, s: ReadScope) => boolean | Promise<boolean>): ReadRule => ({ kind: 'entity', read });
const partOf = (parent: string): ReadRule => ({ kind: 'partOf', parent });
const directory: ReadRule = { kind: 'directory' };

export const readPolicy = {
  // The partnership
  Board: entity((b, s) => s.board(b.id)),
  SubGroup: entity((g, s) => s.subGroup(g.id)),
  Membership: entity((m, s) => m.agencyId === s.agencyId || s.body(m)),
  Meeting: entity((m, s) => s.meetingObj(m)),
  OfficeHolder: entity((o, s) => s.board(o.boardId)),
  Attendance: entity((a, s) => s.meeting(a.meetingId)),
  RegisterEntry: entity((r, s) => s.meeting(r.meetingId)),
  AgendaItem: entity((i, s) => s.meeting(i.meetingId)),
  Decision: entity((d, s) => s.meeting(d.meetingId)),
  Agency: directory,
  User: entity((u, s) => s.person(u.id)),
  AuditLogEntry: entity((e, s) => s.isAdmin || (s.user?.role === UserRole.COORDINATOR && s.anyBoard(e.boardIds))),

  // Section 11 and adults' compliance audits
  AuditFramework: directory,
  AuditStandard: directory,
  AuditCycle: entity((c, s) => s.cycle(c)),
  AuditReturn: entity((r, s) => s.auditReturn(r)),
  AuditAssessment: entity((a, s) => s.auditReturnById(a.returnId)),
  AuditReturnVersion: entity((v, s) => s.auditReturnById(v.returnId)),
  OutstandingAuditReturn: entity((o, s) => (s.agencyId !== null ? o.agencyId === s.agencyId : s.cycleById(o.cycleId))),

  // Case reviews, business plans, the action tracker
  CaseReview: entity((r, s) => s.caseReview(r)),
  Recommendation: entity((r, s) => s.caseReviewById(r.caseReviewId)),
  ReviewEvent: entity((e, s) => s.caseReviewById(e.caseReviewId)),
  Finding: entity((f, s) => s.caseReviewById(f.caseReviewId)),
  SeriousIncident: entity((i, s) => s.board(i.boardId)),
  RapidReview: entity((r, s) => s.board(r.boardId)),
  ReviewContribution: entity((c, s) => s.board(c.boardId)),
  ExternalLearning: entity((x, s) => s.board(x.boardId)),
  ReviewClock: partOf('CaseReview'),
  ClosureDay: directory,
  WorkingDayCalendar: partOf('the workingDayCalendar query'),
  NonWorkingDay: partOf('WorkingDayCalendar'),
  BusinessPlan: entity((p, s) => s.businessPlan(p)),
  PlanPriority: entity((p, s) => s.businessPlanById(p.planId)),
  Action: entity((a, s) => s.action(a)),
  ActionUpdate: entity((u, s) => s.actionById(u.actionId)),
  ActionDueDateChange: entity((c, s) => s.actionById(c.actionId)),

  // The partnership data set and scorecard: indicators are shared reference data; values,
  // benchmarks and the data set belong to a board; an agency reads the values it supplied.
  Indicator: directory,
  IndicatorVersion: directory,
  DataSetItem: entity((d, s) => s.board(d.boardId)),
  Observation: entity((o, s) => s.observation(o)),
  ObservationVersion: entity((v, s) => s.observationById(v.observationId)),
  Benchmark: entity((b, s) => s.board(b.boardId)),
  Population: entity((p, s) => s.board(p.boardId)),
  Scorecard: entity((x, s) => s.board(x.boardId)),

  // Reports: for the board's coordinators, viewers and admins, not agency users.
  ExecutiveSummary: entity((x, s) => s.agencyId === null && s.board(x.board.id)),
  YearlyReport: entity((x, s) => s.agencyId === null && s.board(x.board.id)),

  // Reminders: a notification and your preferences are yours alone (admins included); a board's
  // reminder settings are read with the board.
  Notification: entity((n, s) => s.own(n.userId)),
  NotificationPreferences: entity((p, s) => s.own(p.userId)),
  ReminderSetting: entity((r, s) => s.board(r.boardId)),

  // Values computed for one parent
  AttendanceSummary: partOf('Board or SubGroup'),
  AgencyAttendance: partOf('AttendanceSummary'),
  PersonAttendance: partOf('AttendanceSummary'),
  MeetingAttendees: partOf('AttendanceSummary'),
  Compliance: partOf('AuditReturn'),
  CycleSummary: partOf('AuditCycle'),
  StandardSummary: partOf('CycleSummary'),
  RatingCounts: partOf('CycleSummary'),
  TrendCounts: partOf('CycleSummary'),
  VersionAssessment: partOf('AuditReturnVersion'),
  VersionAction: partOf('VersionAssessment'),
  ActionProgress: partOf('CaseReview, BusinessPlan or PlanPriority'),
  SummaryAttendance: partOf('ExecutiveSummary'),
  SummaryAudit: partOf('ExecutiveSummary'),
  SummaryCaseReviews: partOf('ExecutiveSummary'),
  SummaryPlan: partOf('ExecutiveSummary'),
  SummaryPriority: partOf('SummaryPlan'),
  StatusCount: partOf('SummaryCaseReviews'),
  DataSet: partOf('Board'),
  ScorecardRow: partOf('Scorecard'),
  ScorecardSummary: partOf('Scorecard or ExecutiveSummary'),
  AgencyCompleteness: partOf('Scorecard'),
  ImportReport: partOf('the importObservations or importBenchmarks mutation'),
  ImportProblem: partOf('ImportReport'),
  ChecklistItem: partOf('YearlyReport'),
  ReportRecipient: partOf('YearlyReport'),
  ReportClock: partOf('YearlyReport'),
  YearlyReportVersionView: partOf('YearlyReport'),
  PageInfo: partOf('a connection'),
  AgencyConnection: partOf('the agencies query'),
  MeetingConnection: partOf('Board or SubGroup'),
  AuditLogConnection: partOf('the auditLog query'),
  UserConnection: partOf('the users query'),
  NotificationConnection: partOf('the notifications query'),

  SignInPayload: { kind: 'public' },
} satisfies Record<string, ReadRule>;

export type PolicyType = keyof typeof readPolicy;
