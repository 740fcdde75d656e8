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

type Groups = ReturnType<typeof groups>;
type Union = Groups[number] extends () => infer R ? R : never;
type Intersect<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
export type Loaders = Intersect<Union>;

/** Each module's loaders, made together (they may share state, e.g. a page loader and its by-id loader). */
function groups(ds: DataSource, services: Services, access: Access) {
  return [
    () => createBoardLoaders(ds, services.board),
    () => createSubGroupLoaders(ds),
    () => createAgencyLoaders(ds),
    () => createMembershipLoaders(ds),
    () => createMeetingLoaders(ds, services.meeting, services.attendance, services.action, access),
    () => createUserLoaders(ds),
    () => createActionLoaders(services.action, access),
    () => createAuditLoaders(ds, services.audit, access),
    () => createCaseReviewLoaders(ds, services.caseReview),
    () => createBusinessPlanLoaders(ds, services.businessPlan),
    () => createScorecardLoaders(ds, services.scorecard),
    () => createNotificationLoaders(services.notification),
  ] as const;
}

/** Which group makes each loader, learnt once (by making every group once) and kept as getters on a prototype. */
let prototype: object | undefined;
const MADE = Symbol('loader groups made for this request');
interface LazyHolder {
  [MADE]: (Record<string, unknown> | undefined)[];
  makers: readonly (() => Record<string, unknown>)[];
}

function lazyPrototype(makers: readonly (() => Record<string, unknown>)[]): object {
  const proto: object = {};
  makers.forEach((make, g) => {
    for (const key of Object.keys(make())) {
      if (Object.prototype.hasOwnProperty.call(proto, key)) throw new Error(`Two loader groups name a loader ${key}`);
      Object.defineProperty(proto, key, {
        get(this: LazyHolder) {
          const made = (this[MADE][g] ??= this.makers[g]());
          return made[key];
        },
        enumerable: true,
      });
    }
  });
  return proto;
}

/**
 * Built per request: a loader's cache must never outlive the user it was filled for. A request uses
 * a few of the ~45 loaders, so each module's loaders are made when one of them is first asked for
 * (making them all cost about a tenth of a millisecond per request: issue 17's profile).
 */
export function createLoaders(ds: DataSource, services: Services, access: Access): Loaders {
  const makers = groups(ds, services, access) as unknown as readonly (() => Record<string, unknown>)[];
  prototype ??= lazyPrototype(makers);
  const holder = Object.create(prototype) as LazyHolder;
  holder[MADE] = [];
  holder.makers = makers;
  return holder as unknown as Loaders;
}
