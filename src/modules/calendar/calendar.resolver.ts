import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { ClosureDay, WorkingDayCalendar } from './calendar.entity';
import { AddClosureDayInput } from './calendar.inputs';

@Resolver()
export class CalendarResolver {
  @Query(() => WorkingDayCalendar, { description: "England's bank holidays and the closure days on weekdays of a year, and its number of working days" })
  workingDayCalendar(@Arg('year', () => Int) year: number, @Ctx() ctx: Context) {
    return ctx.services.calendar.year(ctx.access, year);
  }

  @Mutation(() => ClosureDay, { description: 'Admins: a day no clock counts as a working day' })
  addClosureDay(@Arg('input') input: AddClosureDayInput, @Ctx() ctx: Context) {
    return ctx.services.calendar.addClosureDay(ctx.access, input);
  }
}
