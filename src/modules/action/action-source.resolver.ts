import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { Action } from './action.entity';
import { AddActionInput } from './action.inputs';

/**
 * Adding an action to a source. The fields that lead from an action to its source (recommendation,
 * priority, auditAssessment) live in the modules that own those sources.
 */
@Resolver(() => Action)
export class ActionSourceResolver {
  @Mutation(() => Action)
  addAction(@Arg('input') input: AddActionInput, @Ctx() ctx: Context) {
    return ctx.services.addAction.add(ctx.access, input);
  }
}
