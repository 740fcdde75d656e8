import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateScalar, daysBetween } from '../../common/scalars';
import { Context } from '../../context';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { Action, ActionUpdate } from './action.entity';
import { ActionsArgs, UpdateActionInput } from './action.inputs';
import { isOverdue } from '../../rules/actions';

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
    return ctx.loaders.actionsByBoard.load({ id: board.id, args: { overdueOnly: args.overdueOnly, asOf: args.asOf ?? ctx.clock.today(), status: args.status } });
  }
}

@Resolver(() => Agency)
export class AgencyActionsResolver {
  @FieldResolver(() => [Action], { description: 'What the agency owes across every board and source (what you may see of it)' })
  actions(@Root() agency: Agency, @Args() args: ActionsArgs, @Ctx() ctx: Context) {
    return ctx.loaders.actionsByAgency.load({ id: agency.id, args: { overdueOnly: args.overdueOnly, asOf: args.asOf ?? ctx.clock.today(), status: args.status } });
  }
}
