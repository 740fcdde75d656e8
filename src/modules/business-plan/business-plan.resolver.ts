import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';

import { Context } from '../../context';
import { ActionProgress } from '../action/action-progress';
import { Action, ActionSourceType } from '../action/action.entity';
import { AsOfArgs } from '../../common/graphql-args';
import { Board } from '../board/board.entity';
import { SubGroup } from '../sub-group/sub-group.entity';
import { BusinessPlan, PlanPriority } from './business-plan.entity';
import { AddPriorityInput, CreateBusinessPlanInput } from './business-plan.inputs';

@Resolver(() => BusinessPlan)
export class BusinessPlanResolver {
  @Query(() => BusinessPlan)
  businessPlan(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.businessPlan.get(ctx.access, id);
  }

  @Mutation(() => BusinessPlan)
  createBusinessPlan(@Arg('input') input: CreateBusinessPlanInput, @Ctx() ctx: Context) {
    return ctx.services.businessPlan.create(ctx.access, input);
  }

  @Mutation(() => PlanPriority)
  addPriority(@Arg('input') input: AddPriorityInput, @Ctx() ctx: Context) {
    return ctx.services.businessPlan.addPriority(ctx.access, input);
  }

  @FieldResolver(() => Board)
  board(@Root() p: BusinessPlan, @Ctx() ctx: Context) {
    return ctx.loaders.boardById.load(p.boardId);
  }

  @FieldResolver(() => [PlanPriority])
  priorities(@Root() p: BusinessPlan, @Ctx() ctx: Context) {
    return ctx.loaders.prioritiesByPlan.load(p.id);
  }

  @FieldResolver(() => ActionProgress, { description: 'Roll-up of every priority’s actions' })
  progress(@Root() p: BusinessPlan, @Args() args: AsOfArgs, @Ctx() ctx: Context) {
    return ctx.loaders.planProgress.load({ id: p.id, args: args.asOf ?? ctx.clock.today() });
  }
}

@Resolver(() => PlanPriority)
export class PlanPriorityResolver {
  @FieldResolver(() => BusinessPlan)
  plan(@Root() p: PlanPriority, @Ctx() ctx: Context) {
    return ctx.loaders.businessPlanById.load(p.planId);
  }

  @FieldResolver(() => SubGroup, { nullable: true })
  leadSubGroup(@Root() p: PlanPriority, @Ctx() ctx: Context) {
    return p.leadSubGroupId ? ctx.loaders.subGroupById.load(p.leadSubGroupId) : null;
  }

  @FieldResolver(() => [Action])
  actions(@Root() p: PlanPriority, @Ctx() ctx: Context) {
    return ctx.loaders.actionsBySource.load(p.id);
  }

  @FieldResolver(() => ActionProgress)
  progress(@Root() p: PlanPriority, @Args() args: AsOfArgs, @Ctx() ctx: Context) {
    return ctx.loaders.priorityProgress.load({ id: p.id, args: args.asOf ?? ctx.clock.today() });
  }
}

@Resolver(() => Board)
export class BoardBusinessPlansResolver {
  @FieldResolver(() => [BusinessPlan], { description: 'Newest period first' })
  businessPlans(@Root() b: Board, @Ctx() ctx: Context) {
    return ctx.loaders.businessPlansByBoard.load(b.id);
  }
}

@Resolver(() => Action)
export class ActionPriorityResolver {
  @FieldResolver(() => PlanPriority, { nullable: true, description: 'Set when the action came from a business plan priority on a board you can read' })
  priority(@Root() a: Action, @Ctx() ctx: Context) {
    return a.sourceType === ActionSourceType.PLAN_PRIORITY ? ctx.loaders.priorityById.load(a.sourceId) : null;
  }
}
