import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { AttendanceStatus } from '../../common/enums';
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
