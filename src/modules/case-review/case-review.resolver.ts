import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { daysBetween } from '../../common/scalars';
import { Context } from '../../context';
import { ActionProgress } from '../action/action-progress';
import { Action, ActionSourceType } from '../action/action.entity';
import { Agency } from '../agency/agency.entity';
import { AsOfArgs } from '../../common/graphql-args';
import { Board } from '../board/board.entity';
import { CaseReview, Recommendation } from './case-review.entity';
import { AddRecommendationInput, CaseReviewsArgs, CreateCaseReviewInput, DecideCaseReviewInput, UpdateCaseReviewStatusInput } from './case-review.inputs';

@Resolver(() => CaseReview)
export class CaseReviewResolver {
  @Query(() => CaseReview)
  caseReview(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.caseReview.get(ctx.access, id);
  }

  @Mutation(() => CaseReview)
  createCaseReview(@Arg('input') input: CreateCaseReviewInput, @Ctx() ctx: Context) {
    return ctx.services.caseReview.create(ctx.access, input);
  }

  @Mutation(() => CaseReview, { description: 'Commission the review or not' })
  decideCaseReview(@Arg('input') input: DecideCaseReviewInput, @Ctx() ctx: Context) {
    return ctx.services.caseReview.decide(ctx.access, input);
  }

  @Mutation(() => CaseReview, { description: 'COMMISSIONED → IN_PROGRESS → PUBLISHED → CLOSED; anything else is a CONFLICT' })
  updateCaseReviewStatus(@Arg('input') input: UpdateCaseReviewStatusInput, @Ctx() ctx: Context) {
    return ctx.services.caseReview.updateStatus(ctx.access, input);
  }

  @Mutation(() => Recommendation)
  addRecommendation(@Arg('input') input: AddRecommendationInput, @Ctx() ctx: Context) {
    return ctx.services.caseReview.addRecommendation(ctx.access, input);
  }

  @FieldResolver(() => Board)
  board(@Root() r: CaseReview, @Ctx() ctx: Context) {
    return ctx.loaders.boardById.load(r.boardId);
  }

  @FieldResolver(() => [Agency])
  async involvedAgencies(@Root() r: CaseReview, @Ctx() ctx: Context) {
    return (await ctx.loaders.agencyById.loadMany(r.involvedAgencyIds)).filter((a): a is Agency => a instanceof Agency);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Days from referral to the decision; null until decided' })
  daysToDecision(@Root() r: CaseReview) {
    return r.decidedOn ? daysBetween(r.referredOn, r.decidedOn) : null;
  }

  @FieldResolver(() => [Recommendation])
  recommendations(@Root() r: CaseReview, @Ctx() ctx: Context) {
    return ctx.loaders.recommendationsByReview.load(r.id);
  }

  @FieldResolver(() => ActionProgress, { description: 'Roll-up of the actions on all its recommendations' })
  actionProgress(@Root() r: CaseReview, @Args() args: AsOfArgs, @Ctx() ctx: Context) {
    return ctx.loaders.reviewProgress.load({ id: r.id, args: args.asOf ?? ctx.clock.today() });
  }
}

@Resolver(() => Recommendation)
export class RecommendationResolver {
  @FieldResolver(() => CaseReview)
  caseReview(@Root() r: Recommendation, @Ctx() ctx: Context) {
    return ctx.loaders.caseReviewById.load(r.caseReviewId);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'Null: addressed to the whole partnership' })
  agency(@Root() r: Recommendation, @Ctx() ctx: Context) {
    return r.agencyId ? ctx.loaders.agencyById.load(r.agencyId) : null;
  }

  @FieldResolver(() => [Action])
  actions(@Root() r: Recommendation, @Ctx() ctx: Context) {
    return ctx.loaders.actionsBySource.load(r.id);
  }
}

@Resolver(() => Board)
export class BoardCaseReviewsResolver {
  @FieldResolver(() => [CaseReview], { description: 'Newest referral first' })
  caseReviews(@Root() b: Board, @Args() args: CaseReviewsArgs, @Ctx() ctx: Context) {
    return ctx.loaders.caseReviewsByBoard.load({ id: b.id, args: { status: args.status, type: args.type } });
  }
}

// An agency may own an action of a board it does not sit on: it sees the action and its label, but
// the review behind it only if it may read that board (the read policy decides).
@Resolver(() => Action)
export class ActionRecommendationResolver {
  @FieldResolver(() => Recommendation, { nullable: true, description: 'Set when the action came from a case review recommendation on a board you can read' })
  recommendation(@Root() a: Action, @Ctx() ctx: Context) {
    return a.sourceType === ActionSourceType.REVIEW_RECOMMENDATION ? ctx.loaders.recommendationById.load(a.sourceId) : null;
  }
}
