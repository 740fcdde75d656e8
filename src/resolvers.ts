import { NonEmptyArray } from 'type-graphql';
import { ActionResolver, AgencyActionsResolver, BoardActionsResolver } from './modules/action/action.resolver';
import { AgencyAuditResolver, AuditCycleResolver, AuditFrameworkResolver, BoardAuditResolver, CycleSummaryResolver, OutstandingAuditReturnResolver } from './modules/audit/audit-cycle.resolver';
import { AuditAssessmentResolver, AuditReturnResolver, AuditReturnVersionResolver } from './modules/audit/audit-return.resolver';
import { ActionSourceResolver } from './modules/action/action-source.resolver';
import { BoardBusinessPlansResolver, BusinessPlanResolver, PlanPriorityResolver } from './modules/business-plan/business-plan.resolver';
import { BoardCaseReviewsResolver, CaseReviewResolver, RecommendationResolver } from './modules/case-review/case-review.resolver';
import { ExecutiveSummaryResolver } from './modules/report/executive-summary.resolver';
import { AgencyResolver } from './modules/agency/agency.resolver';
import { AuditLogResolver } from './modules/audit-log/audit-log.resolver';
import { BoardResolver } from './modules/board/board.resolver';
import { AgencyAttendanceResolver, AttendanceRecordResolver, MeetingResolver } from './modules/meeting/meeting.resolver';
import { MembershipResolver } from './modules/membership/membership.resolver';
import { SubGroupResolver } from './modules/sub-group/sub-group.resolver';
import { UserResolver } from './modules/user/user.resolver';
import { BoardReminderSettingsResolver, NotificationResolver } from './modules/notification/notification.resolver';

/** Every resolver class, one list for the app and the schema emitter. */
export const resolvers: NonEmptyArray<Function> = [
  BoardResolver,
  SubGroupResolver,
  AgencyResolver,
  MembershipResolver,
  MeetingResolver,
  AttendanceRecordResolver,
  AgencyAttendanceResolver,
  UserResolver,
  AuditLogResolver,
  ActionResolver,
  BoardActionsResolver,
  AgencyActionsResolver,
  AuditFrameworkResolver,
  AuditCycleResolver,
  CycleSummaryResolver,
  OutstandingAuditReturnResolver,
  BoardAuditResolver,
  AgencyAuditResolver,
  AuditReturnResolver,
  AuditAssessmentResolver,
  AuditReturnVersionResolver,
  ActionSourceResolver,
  CaseReviewResolver,
  RecommendationResolver,
  BoardCaseReviewsResolver,
  BusinessPlanResolver,
  PlanPriorityResolver,
  BoardBusinessPlansResolver,
  ExecutiveSummaryResolver,
  NotificationResolver,
  BoardReminderSettingsResolver,
];
