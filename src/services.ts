import { DataSource } from 'typeorm';
import { Config, DEFAULT_PUBLIC_URL, DEFAULT_SIGN_IN_THROTTLE } from './config/env';
import { Clock, systemClock } from './common/clock';
import { MutationRunner } from './common/mutation';
import { ActionService } from './modules/action/action.service';
import { createAuditServices } from './modules/audit/audit.module';
import { AddActionService } from './modules/action/add-action.service';
import { ActionSourceRegistry } from './modules/action/action-sources';
import { BusinessPlanService } from './modules/business-plan/business-plan.service';
import { CaseReviewService } from './modules/case-review/case-review.service';
import { CalendarService } from './modules/calendar/calendar.service';
import { ExecutiveSummaryService } from './modules/report/executive-summary.service';
import { ReportLinkService } from './modules/report/report-link.service';
import { YearlyReportService } from './modules/report/yearly-report.service';
import { AgencyService } from './modules/agency/agency.service';
import { AuditLogService, recordAuditEntry } from './modules/audit-log/audit-log.service';
import { AuthService } from './modules/auth/auth.service';
import { SignInThrottle } from './modules/auth/sign-in-throttle';
import { BoardService } from './modules/board/board.service';
import { AttendanceService } from './modules/meeting/attendance.service';
import { MeetingService } from './modules/meeting/meeting.service';
import { MembershipService } from './modules/membership/membership.service';
import { SubGroupService } from './modules/sub-group/sub-group.service';
import { UserService } from './modules/user/user.service';
import { createScorecardServices } from './modules/scorecard/scorecard.module';
import { NotificationService } from './modules/notification/notification.service';

/** Services are stateless over the DataSource: built once per app, shared by every request. */
export function createServices(
  ds: DataSource,
  config: Pick<Config, 'jwtSecret' | 'jwtExpiresIn' | 'bcryptRounds'> & Partial<Pick<Config, 'signInThrottle' | 'mail' | 'authCacheMs'>>,
  clock: Clock = systemClock,
) {
  const mutations = new MutationRunner(ds, recordAuditEntry);
  const users = new UserService(ds, mutations, config.bcryptRounds, clock);
  const memberships = new MembershipService(ds, mutations);
  const actionSources = new ActionSourceRegistry();
  const actions = new ActionService(ds, mutations, clock, actionSources);
  const attendance = new AttendanceService(ds);
  const audit = createAuditServices(ds, mutations, actions, clock);
  const calendar = new CalendarService(ds, mutations);
  const caseReview = new CaseReviewService(ds, mutations, calendar);
  const businessPlan = new BusinessPlanService(ds, mutations);
  // The action module learns its sources from the modules that own them.
  actionSources.register(caseReview.actionSource());
  actionSources.register(caseReview.externalLearningSource());
  actionSources.register(businessPlan.actionSource());
  const scorecard = createScorecardServices(ds, mutations);
  const board = new BoardService(ds, mutations);
  const agency = new AgencyService(ds, mutations);
  const executiveSummary = new ExecutiveSummaryService(ds, attendance, audit.compliance, caseReview, businessPlan, scorecard.scorecard, agency);
  const meeting = new MeetingService(ds, mutations, memberships, attendance);
  actionSources.register(meeting.actionSource());
  return {
    clock,
    mutations,
    board,
    subGroup: new SubGroupService(ds, mutations),
    agency,
    membership: memberships,
    meeting,
    attendance,
    user: users,
    auth: new AuthService(users, mutations, config.jwtSecret, config.jwtExpiresIn, new SignInThrottle(ds, config.signInThrottle ?? DEFAULT_SIGN_IN_THROTTLE, clock), clock, config.authCacheMs ?? 0),
    auditLog: new AuditLogService(ds),
    action: actions,
    addAction: new AddActionService(ds, mutations, actions, actionSources),
    audit,
    caseReview,
    calendar,
    businessPlan,
    scorecard,
    notification: new NotificationService(ds, mutations, board, clock),
    executiveSummary,
    yearlyReport: new YearlyReportService(ds, mutations, executiveSummary),
    reportLinks: new ReportLinkService(config.jwtSecret, clock, executiveSummary, (id) => users.loadAuthUser(id), config.mail?.publicUrl ?? DEFAULT_PUBLIC_URL),
  };
}

export type Services = ReturnType<typeof createServices>;
