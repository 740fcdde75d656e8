import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';

import { Context } from '../../context';
import { Board } from '../board/board.entity';
import { SubGroup } from './sub-group.entity';
import { CreateSubGroupInput } from './sub-group.inputs';

@Resolver(() => SubGroup)
export class SubGroupResolver {
  @Query(() => SubGroup)
  subGroup(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.subGroup.get(ctx.access, id);
  }

  @Mutation(() => SubGroup)
  createSubGroup(@Arg('input') input: CreateSubGroupInput, @Ctx() ctx: Context) {
    return ctx.services.subGroup.create(ctx.access, input);
  }

  @FieldResolver(() => [Board], { description: 'The boards it serves that you can read' })
  boards(@Root() subGroup: SubGroup, @Ctx() ctx: Context) {
    return ctx.loaders.boardsBySubGroup.load(subGroup.id);
  }
}

@Resolver(() => Board)
export class BoardSubGroupsResolver {
  @FieldResolver(() => [SubGroup])
  subGroups(@Root() board: Board, @Ctx() ctx: Context) {
    return ctx.loaders.subGroupsByBoard.load(board.id);
  }
}
