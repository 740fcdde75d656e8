import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertPeriod } from '../../common/validation';
import { MeetingStatus } from '../../common/enums';
import { Connection } from '../../common/pagination';
import { Context } from '../../context';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { SubGroup } from '../sub-group/sub-group.entity';
import { Action } from '../action/action.entity';
import { AgencyAttendance, AttendanceSummary, MeetingAttendees, PersonAttendance } from './attendance.types';
import { AgendaItem, Attendance, Decision, Meeting, RegisterEntry } from './meeting.entity';
import {
  AddAgendaItemInput,
  AdjournMeetingInput,
  CancelMeetingInput,
  MeetingsArgs,
  PeriodArgs,
  RecordAttendanceInput,
  RecordDecisionInput,
  RecordRegisterInput,
  ScheduleMeetingInput,
} from './meeting.inputs';

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

  @Mutation(() => Meeting, { description: 'Records the whole per-person register (it replaces the earlier one); the per-agency records follow from it; the meeting becomes HELD unless ADJOURNED' })
  recordRegister(@Arg('input') input: RecordRegisterInput, @Ctx() ctx: Context) {
    return ctx.services.meeting.recordRegister(ctx.access, input);
  }

  @Mutation(() => Meeting, { description: 'Convened but not quorate: no business transacted; its register still counts towards attendance' })
  adjournMeeting(@Arg('input') input: AdjournMeetingInput, @Ctx() ctx: Context) {
    return ctx.services.meeting.adjourn(ctx.access, input);
  }

  @Mutation(() => AgendaItem)
  addAgendaItem(@Arg('input') input: AddAgendaItemInput, @Ctx() ctx: Context) {
    return ctx.services.meeting.addAgendaItem(ctx.access, input);
  }

  @Mutation(() => Decision, { description: 'A decision of a HELD meeting; whether it had decision quorum is decided from the register and kept' })
  recordDecision(@Arg('input') input: RecordDecisionInput, @Ctx() ctx: Context) {
    return ctx.services.meeting.recordDecision(ctx.access, input);
  }

  @FieldResolver(() => Board, { nullable: true })
  board(@Root() m: Meeting, @Ctx() ctx: Context) {
    return m.boardId ? ctx.loaders.boardById.load(m.boardId) : null;
  }

  @FieldResolver(() => [RegisterEntry], { description: 'The per-person register' })
  register(@Root() m: Meeting, @Ctx() ctx: Context) {
    return ctx.loaders.registerByMeeting.load(m.id);
  }

  @FieldResolver(() => [AgendaItem])
  agenda(@Root() m: Meeting, @Ctx() ctx: Context) {
    return ctx.loaders.agendaByMeeting.load(m.id);
  }

  @FieldResolver(() => [Decision])
  decisions(@Root() m: Meeting, @Ctx() ctx: Context) {
    return ctx.loaders.decisionsByMeeting.load(m.id);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Each of the three safeguarding partners present (lead or delegate, or a named representative or deputy). Null unless a partnership meeting that was convened; false when ADJOURNED',
  })
  async decisionQuorate(@Root() m: Meeting, @Ctx() ctx: Context) {
    if (m.status !== MeetingStatus.HELD && m.status !== MeetingStatus.ADJOURNED) return null;
    const q = await ctx.loaders.decisionQuorumByMeeting.load(m.id);
    if (!q?.partnership) return null;
    return m.status === MeetingStatus.HELD && q.decisionQuorate;
  }

  @FieldResolver(() => [Action], { description: "Open actions of the meeting's body due (or due for review) on or before the meeting date" })
  actionsDue(@Root() m: Meeting, @Ctx() ctx: Context) {
    return ctx.loaders.actionsDueByMeeting.load(m.id);
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

  @FieldResolver(() => Boolean, { nullable: true, description: 'Null unless the meeting was HELD or ADJOURNED (never quorate)' })
  async quorate(@Root() m: Meeting, @Ctx() ctx: Context) {
    if (m.status === MeetingStatus.ADJOURNED) return false;
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

@Resolver(() => RegisterEntry)
export class RegisterEntryResolver {
  @FieldResolver(() => Agency, { nullable: true })
  agency(@Root() r: RegisterEntry, @Ctx() ctx: Context) {
    return r.agencyId ? ctx.loaders.agencyById.load(r.agencyId) : null;
  }
}

@Resolver(() => AgendaItem)
export class AgendaItemResolver {
  @FieldResolver(() => Agency, { nullable: true })
  presentingAgency(@Root() i: AgendaItem, @Ctx() ctx: Context) {
    return i.presentingAgencyId ? ctx.loaders.agencyById.load(i.presentingAgencyId) : null;
  }

  @FieldResolver(() => [Action], { description: 'Actions agreed on this item' })
  actions(@Root() i: AgendaItem, @Ctx() ctx: Context) {
    return ctx.loaders.actionsBySource.load(i.id);
  }
}

@Resolver(() => Decision)
export class DecisionResolver {
  @FieldResolver(() => [Agency], { description: 'The safeguarding partners who agreed' })
  agreedBy(@Root() d: Decision, @Ctx() ctx: Context) {
    return ctx.loaders.agencyById.loadMany(d.agreedByAgencyIds);
  }

  @FieldResolver(() => AgendaItem, { nullable: true })
  agendaItem(@Root() d: Decision, @Ctx() ctx: Context) {
    return d.agendaItemId ? ctx.loaders.agendaItemById.load(d.agendaItemId) : null;
  }
}

@Resolver(() => PersonAttendance)
export class PersonAttendanceResolver {
  @FieldResolver(() => Agency)
  agency(@Root() p: PersonAttendance, @Ctx() ctx: Context) {
    return ctx.loaders.agencyById.load(p.agencyId);
  }
}

@Resolver(() => MeetingAttendees)
export class MeetingAttendeesResolver {
  @FieldResolver(() => Meeting)
  meeting(@Root() a: MeetingAttendees, @Ctx() ctx: Context) {
    return ctx.loaders.meetingById.load(a.meetingId);
  }
}

/** Where an action agreed at a meeting came from (the field lives with the data: agenda items are the meeting module's). */
@Resolver(() => Action)
export class ActionAgendaItemResolver {
  @FieldResolver(() => AgendaItem, { nullable: true, description: 'The agenda item of the meeting where it was agreed' })
  agendaItem(@Root() a: Action, @Ctx() ctx: Context) {
    return a.sourceType === 'MEETING' ? ctx.loaders.agendaItemById.load(a.sourceId) : null;
  }
}
