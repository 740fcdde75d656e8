import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { argsLoader, byIdLoader, groupedInKeyOrder } from '../../common/loader-utils';
import { ActionProgress, emptyProgress } from '../action/action-progress';
import { BusinessPlan, PlanPriority } from './business-plan.entity';
import { BusinessPlanService } from './business-plan.service';

export function createBusinessPlanLoaders(ds: DataSource, plans: BusinessPlanService) {
  return {
    businessPlanById: byIdLoader(ds, BusinessPlan),
    priorityById: byIdLoader(ds, PlanPriority),
    businessPlansByBoard: new DataLoader<string, BusinessPlan[]>(async (ids) => groupedInKeyOrder(ids, await plans.forBoards([...ids]), (p) => p.boardId)),
    prioritiesByPlan: new DataLoader<string, PlanPriority[]>(async (ids) => groupedInKeyOrder(ids, await plans.prioritiesOf([...ids]), (p) => p.planId)),
    priorityProgress: argsLoader<string, ActionProgress>((ids, asOf) => plans.progressOfPriorities(ids, asOf), emptyProgress),
    planProgress: argsLoader<string, ActionProgress>((ids, asOf) => plans.progressOfPlans(ids, asOf), emptyProgress),
  };
}
