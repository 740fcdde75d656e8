import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../../common/scalars';
import { statusOn } from '../../rules/reviews';
import { daysBetween } from '../../common/scalars';
import { Context } from '../../context';
import { ActionProgress } from '../action/action-progress';
import { Action, ActionSourceType } from '../action/action.entity';
import { Agency } from '../agency/agency.entity';
import { AsOfArgs } from '../../common/graphql-args';
import { Board } from '../board/board.entity';
import { CaseReview, CaseReviewKind, CaseReviewStatus, ExternalLearning, Finding, KIND_OF_TYPE, RapidReview, Recommendation, ReviewClock, ReviewContribution, ReviewEvent, SeriousIncident } from './case-review.entity';
import {
  AddFindingInput, AddRecommendationInput, CaseReviewsArgs, CreateCaseReviewInput, DecideCaseReviewInput, ExtendCompletionClockInput, NotifySeriousIncidentInput,
  RecordExternalLearningInput, RecordPublicationEventInput, RecordRapidReviewInput, RecordReviewContributionInput, RespondToFindingInput, UpdateCaseReviewStatusInput,
} from './case-review.inputs';

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

  @Mutation(() => SeriousIncident, { description: "Children's partnerships: a serious incident notified to the Panel; opens a CSPR (NOTIFIED)" })
  notifySeriousIncident(@Arg('input') input: NotifySeriousIncidentInput, @Ctx() ctx: Context) {
    return ctx.services.caseReview.notifySeriousIncident(ctx.access, input);
  }

  @Mutation(() => RapidReview, { description: 'The rapid review of a NOTIFIED incident; late is accepted and flagged on its clock' })
  recordRapidReview(@Arg('input') input: RecordRapidReviewInput, @Ctx() ctx: Context) {
    return ctx.services.caseReview.recordRapidReview(ctx.access, input);
  }

  @Mutation(() => CaseReview, { description: 'A dated publication event (learning brief, overview report, delay, decided not to publish, sent to the Panel, withdrawn)' })
  recordPublicationEvent(@Arg('input') input: RecordPublicationEventInput, @Ctx() ctx: Context) {
    return ctx.services.caseReview.recordPublicationEvent(ctx.access, input);
  }

  @Mutation(() => Finding)
  addFinding(@Arg('input') input: AddFindingInput, @Ctx() ctx: Context) {
    return ctx.services.caseReview.addFinding(ctx.access, input);
  }

  @Mutation(() => Finding, { description: 'ACCEPTED, or NOT_IMPLEMENTED with the reasons' })
  respondToFinding(@Arg('input') input: RespondToFindingInput, @Ctx() ctx: Context) {
    return ctx.services.caseReview.respondToFinding(ctx.access, input);
  }

  @Mutation(() => ReviewContribution, { description: "The board's contribution to another area's review" })
  recordReviewContribution(@Arg('input') input: RecordReviewContributionInput, @Ctx() ctx: Context) {
    return ctx.services.caseReview.recordContribution(ctx.access, input);
  }

  @Mutation(() => CaseReview, { description: 'Extends the completion clock with a recorded reason (an event COMPLETION_EXTENDED); CONFLICT on a review without the clock' })
  extendCompletionClock(@Arg('input') input: ExtendCompletionClockInput, @Ctx() ctx: Context) {
    return ctx.services.caseReview.extendCompletionClock(ctx.access, input);
  }

  @Mutation(() => ExternalLearning, { description: "External learning: a national or other area's review the board tests itself against; add actions with addAction(externalLearningId)" })
  recordExternalLearning(@Arg('input') input: RecordExternalLearningInput, @Ctx() ctx: Context) {
    return ctx.services.caseReview.recordExternalLearning(ctx.access, input);
  }

  @Query(() => SeriousIncident, { name: 'seriousIncident' })
  seriousIncidentById(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.caseReview.incident(ctx.access, id);
  }

  @FieldResolver(() => CaseReviewKind)
  kind(@Root() r: CaseReview) {
    return KIND_OF_TYPE[r.type];
  }

  @FieldResolver(() => [ReviewEvent], { description: 'Every status change and publication event, in order of entry' })
  events(@Root() r: CaseReview, @Ctx() ctx: Context) {
    return ctx.loaders.reviewEvents.load(r.id);
  }

  @FieldResolver(() => CaseReviewStatus, { nullable: true, description: 'The status on a day, from the events; null before the referral' })
  async statusOn(@Root() r: CaseReview, @Arg('date', () => DateScalar) date: string, @Ctx() ctx: Context) {
    return statusOn(await ctx.loaders.reviewEvents.load(r.id), date);
  }

  @FieldResolver(() => [ReviewClock], { description: 'Notification, rapid review, completion and pre-publication clocks that apply to it' })
  clocks(@Root() r: CaseReview, @Ctx() ctx: Context) {
    return ctx.loaders.reviewClocks.load({ id: r.id, args: ctx.clock.today() });
  }

  @FieldResolver(() => [Finding])
  findings(@Root() r: CaseReview, @Ctx() ctx: Context) {
    return ctx.loaders.reviewFindings.load(r.id);
  }

  @FieldResolver(() => SeriousIncident, { nullable: true, description: 'The notification a CSPR came from' })
  seriousIncident(@Root() r: CaseReview, @Ctx() ctx: Context) {
    return ctx.loaders.incidentByReview.load(r.id);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Working days in England from referral to the decision; null until decided' })
  async workingDaysToDecision(@Root() r: CaseReview, @Ctx() ctx: Context) {
    return r.decidedOn ? (await ctx.loaders.workingDays.load('england')).workingDaysBetween(r.referredOn, r.decidedOn) : null;
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

@Resolver(() => SeriousIncident)
export class SeriousIncidentResolver {
  @FieldResolver(() => CaseReview)
  caseReview(@Root() i: SeriousIncident, @Ctx() ctx: Context) {
    return ctx.loaders.caseReviewById.load(i.caseReviewId);
  }

  @FieldResolver(() => RapidReview, { nullable: true })
  rapidReview(@Root() i: SeriousIncident, @Ctx() ctx: Context) {
    return ctx.loaders.rapidReviewByIncident.load(i.id);
  }
}

@Resolver(() => ReviewContribution)
export class ReviewContributionResolver {
  @FieldResolver(() => [Agency])
  async agencies(@Root() c: ReviewContribution, @Ctx() ctx: Context) {
    return (await ctx.loaders.agencyById.loadMany(c.agencyIds)).filter((a): a is Agency => a instanceof Agency);
  }
}

@Resolver(() => ExternalLearning)
export class ExternalLearningResolver {
  @FieldResolver(() => [Action], { description: 'The actions taken against it (those you may read)' })
  actions(@Root() x: ExternalLearning, @Ctx() ctx: Context) {
    return ctx.loaders.actionsBySource.load(x.id);
  }

  @FieldResolver(() => Board)
  board(@Root() x: ExternalLearning, @Ctx() ctx: Context) {
    return ctx.loaders.boardById.load(x.boardId);
  }
}

@Resolver(() => Board)
export class BoardCaseReviewsResolver {
  @FieldResolver(() => [ExternalLearning], { description: "National and other areas' reviews the board tests itself against, newest first" })
  externalLearning(@Root() b: Board, @Ctx() ctx: Context) {
    return ctx.loaders.externalLearningByBoard.load(b.id);
  }

  @FieldResolver(() => [SeriousIncident], { description: 'Serious incident notifications, newest first' })
  seriousIncidents(@Root() b: Board, @Ctx() ctx: Context) {
    return ctx.loaders.incidentsByBoard.load(b.id);
  }

  @FieldResolver(() => [ReviewContribution], { description: "Contributions to other areas' reviews, newest first" })
  reviewContributions(@Root() b: Board, @Ctx() ctx: Context) {
    return ctx.loaders.contributionsByBoard.load(b.id);
  }

  @FieldResolver(() => [CaseReview], { description: 'Newest referral first' })
  caseReviews(@Root() b: Board, @Args() args: CaseReviewsArgs, @Ctx() ctx: Context) {
    return ctx.loaders.caseReviewsByBoard.load({ id: b.id, args: { status: args.status, type: args.type, on: args.on } });
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

  @FieldResolver(() => ExternalLearning, { nullable: true, description: 'Set when the action was taken against external learning of a board you can read' })
  externalLearning(@Root() a: Action, @Ctx() ctx: Context) {
    return a.sourceType === ActionSourceType.EXTERNAL_LEARNING ? ctx.loaders.externalLearningById.load(a.sourceId) : null;
  }
}
