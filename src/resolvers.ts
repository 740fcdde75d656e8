import { NonEmptyArray } from 'type-graphql';
import { ActionResolver, AgencyActionsResolver, BoardActionsResolver } from './modules/action/action.resolver';
import { AgencyAuditResolver, AuditCycleResolver, AuditFrameworkResolver, BoardAuditResolver, CycleSummaryResolver, OutstandingAuditReturnResolver } from './modules/audit/audit-cycle.resolver';
import { ActionAuditAssessmentResolver, AuditAssessmentResolver, AuditReturnResolver, AuditReturnVersionResolver } from './modules/audit/audit-return.resolver';
import { ActionSourceResolver } from './modules/action/action-source.resolver';
import { ActionPriorityResolver, BoardBusinessPlansResolver, BusinessPlanResolver, PlanPriorityResolver } from './modules/business-plan/business-plan.resolver';
import { ActionRecommendationResolver, BoardCaseReviewsResolver, CaseReviewResolver, ExternalLearningResolver, RecommendationResolver, ReviewContributionResolver, SeriousIncidentResolver } from './modules/case-review/case-review.resolver';
import { CalendarResolver } from './modules/calendar/calendar.resolver';
import { ExecutiveSummaryResolver } from './modules/report/executive-summary.resolver';
import { YearlyReportResolver } from './modules/report/yearly-report.resolver';
import { AgencyResolver } from './modules/agency/agency.resolver';
import { AuditLogResolver } from './modules/audit-log/audit-log.resolver';
import { BoardOfficeHoldersResolver, BoardResolver, OfficeHolderResolver } from './modules/board/board.resolver';
import {
  ActionAgendaItemResolver,
  AgencyAttendanceResolver,
  AgendaItemResolver,
  AttendanceRecordResolver,
  BoardMeetingsResolver,
  DecisionResolver,
  MeetingAttendeesResolver,
  MeetingResolver,
  PersonAttendanceResolver,
  RegisterEntryResolver,
  SubGroupMeetingsResolver,
} from './modules/meeting/meeting.resolver';
import { AgencyMembershipsResolver, BoardMembersResolver, MembershipResolver, SubGroupMembersResolver } from './modules/membership/membership.resolver';
import { BoardSubGroupsResolver, SubGroupResolver } from './modules/sub-group/sub-group.resolver';
import { UserResolver } from './modules/user/user.resolver';
import { AgencyCompletenessResolver, BoardScorecardResolver, DataSetItemResolver, IndicatorResolver, ObservationResolver, ScorecardResolver } from './modules/scorecard/scorecard.resolver';
import { BoardReminderSettingsResolver, NotificationResolver } from './modules/notification/notification.resolver';

/** Every resolver class, one list for the app and the schema emitter. */
// type-graphql takes resolver classes as NonEmptyArray<Function>.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  BoardResolver,
  CalendarResolver,
  SeriousIncidentResolver,
  ReviewContributionResolver,
  ExternalLearningResolver,
  SubGroupResolver,
  BoardSubGroupsResolver,
  AgencyResolver,
  MembershipResolver,
  BoardMembersResolver,
  SubGroupMembersResolver,
  AgencyMembershipsResolver,
  MeetingResolver,
  BoardMeetingsResolver,
  SubGroupMeetingsResolver,
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
  ActionAuditAssessmentResolver,
  ActionRecommendationResolver,
  ActionPriorityResolver,
  CaseReviewResolver,
  RecommendationResolver,
  BoardCaseReviewsResolver,
  BusinessPlanResolver,
  PlanPriorityResolver,
  BoardBusinessPlansResolver,
  ExecutiveSummaryResolver,
  IndicatorResolver,
  DataSetItemResolver,
  ObservationResolver,
  ScorecardResolver,
  AgencyCompletenessResolver,
  BoardScorecardResolver,
  NotificationResolver,
  BoardReminderSettingsResolver,
  YearlyReportResolver,
  BoardOfficeHoldersResolver,
  OfficeHolderResolver,
  RegisterEntryResolver,
  AgendaItemResolver,
  DecisionResolver,
  PersonAttendanceResolver,
  MeetingAttendeesResolver,
  ActionAgendaItemResolver,
];
