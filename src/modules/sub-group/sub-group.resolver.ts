import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { today } from '../../common/scalars';
import { assertPeriod } from '../../common/validation';
import { Context } from '../../context';
import { Board } from '../board/board.entity';
import { AttendanceSummary } from '../meeting/attendance.types';
import { MeetingsArgs, PeriodArgs } from '../meeting/meeting.inputs';
import { MeetingConnection } from '../meeting/meeting.resolver';
import { Membership } from '../membership/membership.entity';
import { MembersArgs } from '../membership/membership.resolver';
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

  @FieldResolver(() => [Membership])
  async members(@Root() subGroup: SubGroup, @Args() args: MembersArgs, @Ctx() ctx: Context) {
    const seats = await ctx.loaders.membershipsBySubGroup.load(subGroup.id);
    return ctx.services.membership.filterActive(seats, args.asOf ?? today(), args.includeEnded);
  }

  @FieldResolver(() => MeetingConnection)
  meetings(@Root() subGroup: SubGroup, @Args() args: MeetingsArgs, @Ctx() ctx: Context) {
    if (args.from && args.to) assertPeriod(args.from, args.to);
    return ctx.loaders.meetingsBySubGroup.load({ id: subGroup.id, args: { first: args.first, after: args.after, from: args.from, to: args.to } });
  }

  @FieldResolver(() => AttendanceSummary)
  attendance(@Root() subGroup: SubGroup, @Args() { from, to }: PeriodArgs, @Ctx() ctx: Context) {
    assertPeriod(from, to);
    return ctx.loaders.subGroupAttendance.load({ id: subGroup.id, args: { from, to } });
  }
}
