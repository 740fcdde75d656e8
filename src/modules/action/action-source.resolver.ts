import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { AuditAssessment } from '../audit/audit-return.entity';
import { PlanPriority } from '../business-plan/business-plan.entity';
import { Recommendation } from '../case-review/case-review.entity';
import { Action, ActionSourceType } from './action.entity';
import { AddActionInput } from './action.inputs';

/** Where each action came from, so one tracker can show every source side by side. */
@Resolver(() => Action)
export class ActionSourceResolver {
  @Mutation(() => Action)
  addAction(@Arg('input') input: AddActionInput, @Ctx() ctx: Context) {
    return ctx.services.addAction.add(ctx.access, input);
  }

  // An agency may own an action of a board it does not sit on: it sees the action and its label,
  // but the review or plan behind it only if it may read that board.
  @FieldResolver(() => Recommendation, { nullable: true, description: "Set when the action came from a case review recommendation on a board you can read" })
  async recommendation(@Root() a: Action, @Ctx() ctx: Context) {
    if (a.sourceType !== ActionSourceType.REVIEW_RECOMMENDATION) return null;
    const rec = await ctx.loaders.recommendationById.load(a.sourceId);
    const review = rec && (await ctx.loaders.caseReviewById.load(rec.caseReviewId));
    return review && (await ctx.access.canReadBoard(review.boardId)) ? rec : null;
  }

  @FieldResolver(() => PlanPriority, { nullable: true, description: 'Set when the action came from a business plan priority on a board you can read' })
  async priority(@Root() a: Action, @Ctx() ctx: Context) {
    if (a.sourceType !== ActionSourceType.PLAN_PRIORITY) return null;
    const priority = await ctx.loaders.priorityById.load(a.sourceId);
    const plan = priority && (await ctx.loaders.businessPlanById.load(priority.planId));
    return plan && (await ctx.access.canReadBoard(plan.boardId)) ? priority : null;
  }

  @FieldResolver(() => AuditAssessment, { nullable: true, description: "Set when the action came from an audit return's standard you may read" })
  async auditAssessment(@Root() a: Action, @Ctx() ctx: Context) {
    if (a.sourceType !== ActionSourceType.AUDIT_STANDARD) return null;
    const assessment = await ctx.loaders.assessmentById.load(a.sourceId);
    const ret = assessment && (await ctx.loaders.auditReturnById.load(assessment.returnId));
    const cycle = ret && (await ctx.loaders.auditCycleById.load(ret.cycleId));
    // The owner of an improvement action may be another agency than the one whose return it is in.
    return ret && cycle && ctx.services.audit.queries.canRead(ctx.access, ret, cycle) ? assessment : null;
  }
}
