import { Action, ActionDueDateChange, ActionUpdate } from '../modules/action/action.entity';
import { Agency } from '../modules/agency/agency.entity';
import { AuditLogEntry } from '../modules/audit-log/audit-log.entity';
import { AuditCycle } from '../modules/audit/audit-cycle.entity';
import { AuditFramework, AuditStandard } from '../modules/audit/audit-framework.entity';
import { AuditAssessment, AuditReturn, AuditReturnVersion } from '../modules/audit/audit-return.entity';
import { BusinessPlan, PlanPriority } from '../modules/business-plan/business-plan.entity';
import { CaseReview, ExternalLearning, Finding, RapidReview, Recommendation, ReviewContribution, ReviewEvent, SeriousIncident } from '../modules/case-review/case-review.entity';
import { ClosureDay } from '../modules/calendar/calendar.entity';
import { Board, OfficeHolder, UserBoard } from '../modules/board/board.entity';
import { AgendaItem, Attendance, Decision, Meeting, RegisterEntry } from '../modules/meeting/meeting.entity';
import { Membership } from '../modules/membership/membership.entity';
import { SubGroup, SubGroupBoard } from '../modules/sub-group/sub-group.entity';
import { User } from '../modules/user/user.entity';
import { SignInAttempt } from '../modules/auth/sign-in-attempt.entity';
import { Benchmark, DataSetItem, Indicator, IndicatorVersion, Observation, ObservationVersion, Population } from '../modules/scorecard/scorecard.entity';
import { Notification, NotificationPreference, ReminderSetting } from '../modules/notification/notification.entity';
import { YearlyReportRecipient, YearlyReportRecord, YearlyReportVersion } from '../modules/report/yearly-report.entity';
import { IdempotencyKey } from '../common/idempotency.entity';
import { WebSession } from '../web/web-session.entity';

/** Every TypeORM entity, listed once so the app, the CLI and the tests load the same model. */
export const entities = [Board, SubGroup, SubGroupBoard, Agency, Membership, Meeting, Attendance, User, UserBoard, AuditLogEntry, Action, ActionUpdate,
  AuditFramework, AuditStandard, AuditCycle, AuditReturn, AuditAssessment, AuditReturnVersion,
  CaseReview, Recommendation, ReviewEvent, SeriousIncident, RapidReview, Finding, ReviewContribution, ExternalLearning, ClosureDay, BusinessPlan, PlanPriority, SignInAttempt,
  Indicator, IndicatorVersion, DataSetItem, Observation, ObservationVersion, Benchmark, Population,
  Notification, ReminderSetting, NotificationPreference,
  YearlyReportRecord, YearlyReportVersion, YearlyReportRecipient, IdempotencyKey,
  OfficeHolder, ActionDueDateChange, RegisterEntry, AgendaItem, Decision, WebSession];
