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
  // but the review, plan or return behind it only if it may read that (the guard decides).
  @FieldResolver(() => Recommendation, { nullable: true, description: "Set when the action came from a case review recommendation on a board you can read" })
  recommendation(@Root() a: Action, @Ctx() ctx: Context) {
    return a.sourceType === ActionSourceType.REVIEW_RECOMMENDATION ? ctx.loaders.recommendationById.load(a.sourceId) : null;
  }

  @FieldResolver(() => PlanPriority, { nullable: true, description: 'Set when the action came from a business plan priority on a board you can read' })
  priority(@Root() a: Action, @Ctx() ctx: Context) {
    return a.sourceType === ActionSourceType.PLAN_PRIORITY ? ctx.loaders.priorityById.load(a.sourceId) : null;
  }

  @FieldResolver(() => AuditAssessment, { nullable: true, description: "Set when the action came from an audit return's standard you may read" })
  auditAssessment(@Root() a: Action, @Ctx() ctx: Context) {
    return a.sourceType === ActionSourceType.AUDIT_STANDARD ? ctx.loaders.assessmentById.load(a.sourceId) : null;
  }
}
