import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { Board } from './board.entity';
import { CreateBoardInput, UpdateBoardInput } from './board.inputs';


@Resolver(() => Board)
export class BoardResolver {
  @Query(() => [Board], { description: 'Boards you work for (all of them for an admin)' })
  boards(@Ctx() ctx: Context) {
    return ctx.services.board.list(ctx.access);
  }

  @Query(() => Board)
  board(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.board.get(ctx.access, id);
  }

  @Mutation(() => Board)
  createBoard(@Arg('input') input: CreateBoardInput, @Ctx() ctx: Context) {
    return ctx.services.board.create(ctx.access, input);
  }

  @Mutation(() => Board, { description: 'Change a board’s name, thresholds, quorum rule or small-number suppression' })
  updateBoard(@Arg('input') input: UpdateBoardInput, @Ctx() ctx: Context) {
    return ctx.services.board.update(ctx.access, input);
  }
}
