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
  BusinessPlan: entity((p, s) => s.businessPlan(p)),
  PlanPriority: entity((p, s) => s.businessPlanById(p.planId)),
  Action: entity((a, s) => s.action(a)),
  ActionUpdate: entity((u, s) => s.actionById(u.actionId)),
  ActionDueDateChange: entity((c, s) => s.actionById(c.actionId)),

  // Reports: for the board's coordinators, viewers and admins, not agency users.
  ExecutiveSummary: entity((x, s) => s.agencyId === null && s.board(x.board.id)),

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
  PageInfo: partOf('a connection'),
  AgencyConnection: partOf('the agencies query'),
  MeetingConnection: partOf('Board or SubGroup'),
  AuditLogConnection: partOf('the auditLog query'),
  UserConnection: partOf('the users query'),

  SignInPayload: { kind: 'public' },
} satisfies Record<string, ReadRule>;

export type PolicyType = keyof typeof readPolicy;
