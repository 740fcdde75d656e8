import { DataSource } from 'typeorm';
import { Access } from './access/access';
import { createActionLoaders } from './modules/action/action.loaders';
import { createAuditLoaders } from './modules/audit/audit.loaders';
import { createBusinessPlanLoaders } from './modules/business-plan/business-plan.loaders';
import { createCaseReviewLoaders } from './modules/case-review/case-review.loaders';
import { createAgencyLoaders } from './modules/agency/agency.loaders';
import { createBoardLoaders } from './modules/board/board.loaders';
import { createSubGroupLoaders } from './modules/sub-group/sub-group.loaders';
import { createMeetingLoaders } from './modules/meeting/meeting.loaders';
import { createMembershipLoaders } from './modules/membership/membership.loaders';
import { createUserLoaders } from './modules/user/user.loaders';
import { createScorecardLoaders } from './modules/scorecard/scorecard.loaders';
import { createNotificationLoaders } from './modules/notification/notification.loaders';
import { Services } from './services';

/** Built per request: a loader's cache must never outlive the user it was filled for. */
export function createLoaders(ds: DataSource, services: Services, access: Access) {
  return {
    ...createBoardLoaders(ds, services.board),
    ...createSubGroupLoaders(ds),
    ...createAgencyLoaders(ds),
    ...createMembershipLoaders(ds),
    ...createMeetingLoaders(ds, services.meeting, services.attendance, services.action, access),
    ...createUserLoaders(ds),
    ...createActionLoaders(services.action, access),
    ...createAuditLoaders(ds, services.audit, access),
    ...createCaseReviewLoaders(ds, services.caseReview),
    ...createBusinessPlanLoaders(ds, services.businessPlan),
    ...createScorecardLoaders(ds, services.scorecard),
    ...createNotificationLoaders(services.notification),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
