import { ArrayMaxSize, ArrayMinSize, IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { AgendaItemKind, AgendaLinkType, AttendanceMode, AttendanceStatus, MeetingType, RegisterCapacity, RegisterStatus } from '../../common/enums';
import { PageArgs } from '../../common/pagination';
import { DateScalar } from '../../common/scalars';

@InputType()
export class ScheduleMeetingInput {
  @Field(() => ID, { nullable: true, description: 'Give either boardId or subGroupId' })
  @IsOptional()
  @IsUUID()
  boardId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  subGroupId?: string;

  @Field()
  @Length(2, 200)
  title: string;

  @Field(() => DateScalar)
  date: string;

  @Field(() => MeetingType, { nullable: true, description: 'Default BOARD for a board, SUB_GROUP for a sub-group' })
  @IsOptional()
  @IsEnum(MeetingType)
  type?: MeetingType;
}

@InputType()
export class RegisterEntryInput {
  @Field()
  @Length(1, 200)
  personName: string;

  @Field(() => ID, { nullable: true, description: 'None for a lay member or a guest' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @Field(() => RegisterCapacity)
  @IsEnum(RegisterCapacity)
  capacity: RegisterCapacity;

  @Field(() => RegisterStatus)
  @IsEnum(RegisterStatus)
  status: RegisterStatus;

  @Field(() => AttendanceMode, { defaultValue: AttendanceMode.IN_PERSON })
  @IsEnum(AttendanceMode)
  mode: AttendanceMode;
}

@InputType({ description: 'The whole per-person register of a meeting: it replaces the earlier one, and the per-agency records follow from it' })
export class RecordRegisterInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field(() => [RegisterEntryInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => RegisterEntryInput)
  entries: RegisterEntryInput[];
}

@InputType()
export class AdjournMeetingInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field({ nullable: true, description: 'e.g. "Not quorate: no police partner present"' })
  @IsOptional()
  @Length(1, 1000)
  reason?: string;
}

@InputType()
export class AddAgendaItemInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field()
  @Length(1, 500)
  title: string;

  @Field(() => AgendaItemKind)
  @IsEnum(AgendaItemKind)
  kind: AgendaItemKind;

  @Field(() => Int, { nullable: true, description: 'Place on the agenda from 1; default after the last item' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  position?: number;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  presentingAgencyId?: string;

  @Field(() => AgendaLinkType, { nullable: true })
  @IsOptional()
  @IsEnum(AgendaLinkType)
  linkType?: AgendaLinkType;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  linkId?: string;
}

@InputType()
export class RecordDecisionInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field()
  @Length(1, 4000)
  text: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  agendaItemId?: string;

  @Field(() => [ID], { defaultValue: [], description: 'The safeguarding partner agencies who agreed' })
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  agreedByAgencyIds: string[];
}

@InputType()
export class AttendanceRecordInput {
  @Field(() => ID)
  @IsUUID()
  agencyId: string;

  @Field(() => AttendanceStatus)
  @IsEnum(AttendanceStatus)
  status: AttendanceStatus;

  @Field({ nullable: true, description: 'Who came; for DEPUTY, the deputy' })
  @IsOptional()
  @Length(1, 200)
  attendeeName?: string;
}

@InputType()
export class RecordAttendanceInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field(() => [AttendanceRecordInput], { description: 'One record per member agency; records given again replace the earlier ones' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AttendanceRecordInput)
  records: AttendanceRecordInput[];
}

@InputType()
export class CancelMeetingInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 1000)
  reason?: string;
}

@ArgsType()
export class MeetingsArgs extends PageArgs {
  @Field(() => DateScalar, { nullable: true })
  from?: string;

  @Field(() => DateScalar, { nullable: true })
  to?: string;
}

@ArgsType()
export class PeriodArgs {
  @Field(() => DateScalar)
  from: string;

  @Field(() => DateScalar)
  to: string;
}
