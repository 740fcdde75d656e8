import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertPeriod } from '../../common/validation';
import { MeetingStatus } from '../../common/enums';
import { Connection } from '../../common/pagination';
import { Context } from '../../context';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { SubGroup } from '../sub-group/sub-group.entity';
import { AgencyAttendance, AttendanceSummary } from './attendance.types';
import { Attendance, Meeting } from './meeting.entity';
import { CancelMeetingInput, MeetingsArgs, PeriodArgs, RecordAttendanceInput, ScheduleMeetingInput } from './meeting.inputs';

export const MeetingConnection = Connection(Meeting, 'Meeting');

@Resolver(() => Meeting)
export class MeetingResolver {
  @Query(() => Meeting)
  meeting(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.meeting.get(ctx.access, id);
  }

  @Mutation(() => Meeting)
  scheduleMeeting(@Arg('input') input: ScheduleMeetingInput, @Ctx() ctx: Context) {
    return ctx.services.meeting.schedule(ctx.access, input);
  }

  @Mutation(() => Meeting, { description: 'Records the register and marks the meeting HELD' })
  recordAttendance(@Arg('input') input: RecordAttendanceInput, @Ctx() ctx: Context) {
    return ctx.services.meeting.recordAttendance(ctx.access, input);
  }

  @Mutation(() => Meeting)
  cancelMeeting(@Arg('input') input: CancelMeetingInput, @Ctx() ctx: Context) {
    return ctx.services.meeting.cancel(ctx.access, input);
  }

  @FieldResolver(() => Board, { nullable: true })
  board(@Root() m: Meeting, @Ctx() ctx: Context) {
    return m.boardId ? ctx.loaders.boardById.load(m.boardId) : null;
  }

  @FieldResolver(() => SubGroup, { nullable: true })
  subGroup(@Root() m: Meeting, @Ctx() ctx: Context) {
    return m.subGroupId ? ctx.loaders.subGroupById.load(m.subGroupId) : null;
  }

  @FieldResolver(() => [Attendance], { description: 'The recorded register' })
  attendance(@Root() m: Meeting, @Ctx() ctx: Context) {
    return ctx.loaders.attendanceByMeeting.load(m.id);
  }

  @FieldResolver(() => Int, { description: 'Attending member agencies expected at the meeting' })
  async attendingAgencies(@Root() m: Meeting, @Ctx() ctx: Context) {
    return (await ctx.loaders.quorumByMeeting.load(m.id))?.attending ?? 0;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Null unless the meeting was HELD' })
  async quorate(@Root() m: Meeting, @Ctx() ctx: Context) {
    if (m.status !== MeetingStatus.HELD) return null;
    return (await ctx.loaders.quorumByMeeting.load(m.id))?.quorate ?? false;
  }
}

@Resolver(() => Attendance)
export class AttendanceRecordResolver {
  @FieldResolver(() => Agency)
  agency(@Root() a: Attendance, @Ctx() ctx: Context) {
    return ctx.loaders.agencyById.load(a.agencyId);
  }
}

@Resolver(() => AgencyAttendance)
export class AgencyAttendanceResolver {
  @FieldResolver(() => Agency)
  agency(@Root() a: AgencyAttendance, @Ctx() ctx: Context) {
    return ctx.loaders.agencyById.load(a.agencyId);
  }
}

@Resolver(() => Board)
export class BoardMeetingsResolver {
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

@Resolver(() => SubGroup)
export class SubGroupMeetingsResolver {
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
