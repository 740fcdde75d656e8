import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Unique } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { DateScalar } from '../../common/scalars';

@ObjectType({ description: 'A day the partnership is closed, added by an admin: not a working day for any clock' })
@Entity()
@Unique('closure_day_day_key', ['day'])
export class ClosureDay extends BaseEntity {
  @Field(() => DateScalar)
  @Column({ type: 'date' })
  day: string;

  @Field()
  @Column('text')
  reason: string;
}

@ObjectType({ description: 'A non-working weekday: a bank holiday of England or a closure day' })
export class NonWorkingDay {
  @Field(() => DateScalar) on: string;
  @Field() name: string;
  @Field({ description: 'true: a bank holiday; false: a closure day an admin added' }) bankHoliday: boolean;
}

@ObjectType({ description: "England's working-day calendar for a year (DOMAIN.md: Monday to Friday less bank holidays and closure days)" })
export class WorkingDayCalendar {
  @Field() year: number;
  @Field(() => [NonWorkingDay]) nonWorkingDays: NonWorkingDay[];
  @Field({ description: 'Working days in the year' }) workingDays: number;
}
