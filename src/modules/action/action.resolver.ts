import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateScalar, daysBetween } from '../../common/scalars';
import { Context } from '../../context';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { Action, ActionDueDateChange, ActionUpdate, Timescale } from './action.entity';
import { ActionsArgs, CarryForwardActionInput, UpdateActionInput } from './action.inputs';
import { isDrifting, isDueForReview, isOverdue } from '../../rules/actions';

@Resolver(() => Action)
export class ActionResolver {
  @Query(() => Action)
  action(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.action.get(ctx.access, id);
  }

  @Mutation(() => Action, { description: 'Appends a dated progress note, with any status and RAG change, to the action history' })
  updateAction(@Arg('input') input: UpdateActionInput, @Ctx() ctx: Context) {
    return ctx.services.action.update(ctx.access, input);
  }

  @Mutation(() => Action, { description: 'Carries an open action forward (to a later plan): returns the new action; the original links to it and keeps its history' })
  carryForwardAction(@Arg('input') input: CarryForwardActionInput, @Ctx() ctx: Context) {
    return ctx.services.action.carryForward(ctx.access, input);
  }

  @FieldResolver(() => Timescale, { description: 'DATE (due on dueOn) or ONGOING (reviewed on nextReviewOn; never overdue)' })
  timescale(@Root() a: Action): Timescale {
    return a.ongoing ? Timescale.ONGOING : Timescale.DATE;
  }

  @FieldResolver(() => [ActionDueDateChange], { description: 'Every change of due date or timescale, oldest first, with the old date and the reason' })
  dueDateChanges(@Root() a: Action, @Ctx() ctx: Context) {
    return ctx.loaders.dueDateChangesByAction.load(a.id);
  }

  @FieldResolver(() => Boolean, { description: 'The due date has moved twice or more' })
  drifting(@Root() a: Action): boolean {
    return isDrifting(a);
  }

  @FieldResolver(() => Boolean, { description: 'Open, with a next review date before asOf (default today)' })
  dueForReview(@Root() a: Action, @Ctx() ctx: Context, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string): boolean {
    return isDueForReview(a, asOf ?? ctx.clock.today());
  }

  @FieldResolver(() => Action, { nullable: true, description: 'The action this one was carried forward to' })
  carriedForwardTo(@Root() a: Action, @Ctx() ctx: Context) {
    return a.carriedForwardToId ? ctx.loaders.actionById.load(a.carriedForwardToId) : null;
  }

  @FieldResolver(() => [Action], { description: 'The actions carried forward into this one' })
  carriedForwardFrom(@Root() a: Action, @Ctx() ctx: Context) {
    return ctx.loaders.carriedFromByAction.load(a.id);
  }

  @FieldResolver(() => Agency)
  ownerAgency(@Root() a: Action, @Ctx() ctx: Context) {
    return ctx.loaders.agencyById.load(a.ownerAgencyId);
  }

  @FieldResolver(() => [ActionUpdate], { description: 'Progress notes, oldest first' })
  updates(@Root() a: Action, @Ctx() ctx: Context) {
    return ctx.loaders.updatesByAction.load(a.id);
  }

  @FieldResolver(() => Boolean)
  overdue(@Root() a: Action, @Ctx() ctx: Context, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string): boolean {
    return isOverdue(a, asOf ?? ctx.clock.today());
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Days past due on asOf; null unless overdue' })
  daysOverdue(@Root() a: Action, @Ctx() ctx: Context, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string): number | null {
    const day = asOf ?? ctx.clock.today();
    return isOverdue(a, day) ? daysBetween(a.dueOn!, day) : null;
  }
}

@Resolver(() => Board)
export class BoardActionsResolver {
  @FieldResolver(() => [Action], { description: 'Actions this board tracks, from every source' })
  actions(@Root() board: Board, @Args() args: ActionsArgs, @Ctx() ctx: Context) {
    return ctx.loaders.actionsByBoard.load({ id: board.id, args: { overdueOnly: args.overdueOnly, asOf: args.asOf ?? ctx.clock.today(), status: args.status, dueForReviewOnly: args.dueForReviewOnly, driftingOnly: args.driftingOnly } });
  }
}

@Resolver(() => Agency)
export class AgencyActionsResolver {
  @FieldResolver(() => [Action], { description: 'What the agency owes across every board and source (what you may see of it)' })
  actions(@Root() agency: Agency, @Args() args: ActionsArgs, @Ctx() ctx: Context) {
    return ctx.loaders.actionsByAgency.load({ id: agency.id, args: { overdueOnly: args.overdueOnly, asOf: args.asOf ?? ctx.clock.today(), status: args.status, dueForReviewOnly: args.dueForReviewOnly, driftingOnly: args.driftingOnly } });
  }
}
