import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { MeetingStatus } from '../../common/enums';
import { DateScalar } from '../../common/scalars';

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

@ObjectType({ description: "One named representative's attendance over a period (arrangements.md): expected at each convened meeting while the seat is active and expected; attended when PRESENT in person or virtually" })
export class PersonAttendance {
  @Field()
  name: string;

  @Field(() => ID)
  agencyId: string;

  @Field(() => Int)
  expected: number;

  @Field(() => Int, { description: 'PRESENT themselves (a deputy standing in counts for the agency, not for them)' })
  attended: number;

  @Field(() => Int)
  apologies: number;

  @Field(() => Float, { nullable: true, description: 'attended / expected; null when expected is 0' })
  rate: number | null;

  @Field()
  belowThreshold: boolean;
}

@ObjectType({ description: 'Who came to one convened meeting, by capacity (people IN_ATTENDANCE and OBSERVERs show here, never in rates)' })
export class MeetingAttendees {
  @Field(() => ID)
  meetingId: string;

  @Field(() => DateScalar)
  date: string;

  @Field(() => MeetingStatus)
  status: MeetingStatus;

  @Field(() => Int, { description: 'Everyone PRESENT, in any capacity' })
  present: number;

  @Field(() => Int)
  members: number;

  @Field(() => Int)
  deputies: number;

  @Field(() => Int)
  inAttendance: number;

  @Field(() => Int)
  observers: number;

  @Field(() => Int, { description: 'PRESENT virtually' })
  virtual: number;

  @Field(() => Int)
  apologies: number;
}

@ObjectType()
export class AttendanceSummary {
  @Field(() => Int, { description: 'HELD meetings (not ADJOURNED ones)' })
  meetingsHeld: number;

  @Field(() => Int, { description: 'HELD and ADJOURNED meetings: an adjourned meeting was convened, and its register counts towards attendance' })
  meetingsConvened: number;

  @Field(() => [PersonAttendance], { description: 'Per named representative, beside byAgency' })
  byPerson: PersonAttendance[];

  @Field(() => Float, { nullable: true, description: 'Sum of attended / sum of expected over byPerson' })
  overallPersonRate: number | null;

  @Field(() => [MeetingAttendees])
  attendeesPerMeeting: MeetingAttendees[];

  @Field(() => Int, { description: 'Decisions recorded at meetings in the period' })
  decisions: number;

  @Field(() => Int, { description: 'Decisions taken without decision quorum (a partnership without all three safeguarding partners present)' })
  decisionsWithoutQuorum: number;

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
