import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { Board } from './board.entity';
import { CreateBoardInput, UpdateBoardInput } from './board.inputs';
import { SubGroup } from '../sub-group/sub-group.entity';
import { Membership } from '../membership/membership.entity';
import { MembersArgs } from '../membership/membership.resolver';
import { MeetingConnection } from '../meeting/meeting.resolver';
import { MeetingsArgs, PeriodArgs } from '../meeting/meeting.inputs';
import { AttendanceSummary } from '../meeting/attendance.types';

import { assertPeriod } from '../../common/validation';

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

  @FieldResolver(() => [SubGroup])
  subGroups(@Root() board: Board, @Ctx() ctx: Context) {
    return ctx.loaders.subGroupsByBoard.load(board.id);
  }

  @FieldResolver(() => [Membership], { description: 'Seats on the board: active on asOf (default today), or all history with includeEnded' })
  async members(@Root() board: Board, @Args() args: MembersArgs, @Ctx() ctx: Context) {
    const seats = await ctx.loaders.membershipsByBoard.load(board.id);
    return ctx.services.membership.filterActive(seats, args.asOf ?? ctx.clock.today(), args.includeEnded);
  }

  @FieldResolver(() => MeetingConnection)
  meetings(@Root() board: Board, @Args() args: MeetingsArgs, @Ctx() ctx: Context) {
    if (args.from && args.to) assertPeriod(args.from, args.to);
    return ctx.loaders.meetingsByBoard.load({ id: board.id, args: { first: args.first, after: args.after, from: args.from, to: args.to } });
  }

  @FieldResolver(() => AttendanceSummary)
  attendance(@Root() board: Board, @Args() { from, to }: PeriodArgs, @Ctx() ctx: Context) {
    assertPeriod(from, to);
    return ctx.loaders.boardAttendance.load({ id: board.id, args: { from, to } });
  }
}
