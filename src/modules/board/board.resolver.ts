import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../../common/scalars';
import { Context } from '../../context';
import { isActiveOn } from '../../rules/membership';
import { Agency } from '../agency/agency.entity';
import { Board, OfficeHolder } from './board.entity';
import { AppointOfficeHolderInput, CreateBoardInput, EndOfficeHolderInput, UpdateBoardInput } from './board.inputs';


@Resolver(() => Board)
export class BoardResolver {
  @Query(() => [Board], { description: 'Boards you work for (all of them for an admin)' })
  boards(@Ctx() ctx: Context) {
    return ctx.services.board.list(ctx.access);
  }

  @Query(() => Board)
  board(@Arg('id', () => ID) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    // The nested members, attendance and cycle summaries come in the look-ahead's one statement.
    return ctx.services.board.get(ctx.access, id, ctx.lookahead.board(id, info));
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

@Resolver(() => Board)
export class BoardOfficeHoldersResolver {
  @FieldResolver(() => [OfficeHolder], { description: 'Office holders by role: those in office on asOf, or the whole history with includeEnded' })
  async officeHolders(
    @Root() board: Board,
    @Ctx() ctx: Context,
    @Arg('includeEnded', { defaultValue: false }) includeEnded: boolean,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ) {
    const all = await ctx.loaders.officeHoldersByBoard.load(board.id);
    const day = asOf ?? ctx.clock.today();
    return includeEnded ? all : all.filter((o) => isActiveOn(o, day));
  }

  @Mutation(() => OfficeHolder, { description: 'Names who holds an office of the board from a date' })
  appointOfficeHolder(@Arg('input') input: AppointOfficeHolderInput, @Ctx() ctx: Context) {
    return ctx.services.board.appointOfficeHolder(ctx.access, input);
  }

  @Mutation(() => OfficeHolder, { description: 'Ends a term of office; the holder stays in the history' })
  endOfficeHolder(@Arg('input') input: EndOfficeHolderInput, @Ctx() ctx: Context) {
    return ctx.services.board.endOfficeHolder(ctx.access, input);
  }
}

@Resolver(() => OfficeHolder)
export class OfficeHolderResolver {
  @FieldResolver(() => Board)
  board(@Root() o: OfficeHolder, @Ctx() ctx: Context) {
    return ctx.loaders.boardById.load(o.boardId);
  }

  @FieldResolver(() => Agency, { nullable: true })
  agency(@Root() o: OfficeHolder, @Ctx() ctx: Context): Promise<Agency | null> | null {
    return o.agencyId ? ctx.loaders.agencyById.load(o.agencyId) : null;
  }
}
