import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "One agency's attendance over a period (only HELD meetings where it was expected count)" })
export class AgencyAttendance {
  @Field(() => ID)
  agencyId: string;

  @Field(() => Int, { description: 'HELD meetings at which the agency was an active member expected to attend' })
  expected: number;

  @Field(() => Int, { description: 'PRESENT or DEPUTY' })
  attended: number;

  @Field(() => Int)
  deputies: number;

  @Field(() => Int)
  apologies: number;

  @Field(() => Int, { description: 'ABSENT, or expected with no record' })
  absent: number;

  @Field(() => Float, { nullable: true, description: 'attended / expected; null when expected is 0' })
  rate: number | null;

  @Field()
  belowThreshold: boolean;
}

@ObjectType()
export class AttendanceSummary {
  @Field(() => Int)
  meetingsHeld: number;

  @Field(() => Int)
  quorateMeetings: number;

  @Field(() => Float, { nullable: true, description: 'Sum of attended / sum of expected; null when nothing was expected' })
  overallRate: number | null;

  @Field(() => Float)
  threshold: number;

  @Field(() => [AgencyAttendance])
  byAgency: AgencyAttendance[];
}

export interface MeetingQuorum {
  meetingId: string;
  attending: number;
  quorate: boolean;
}
