import { DataSource } from 'typeorm';
import { Access } from '../../access/access';
import { UserRole } from '../../common/enums';
import { BadInputError, ConflictError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { requireText } from '../../common/validation';
import { query, Queryable, sql } from '../../database/sql';
import { bankHolidays, weekday, WorkingDays } from '../../rules/working-days';
import { ClosureDay, WorkingDayCalendar } from './calendar.entity';
import { AddClosureDayInput } from './calendar.inputs';

/** England's working-day calendar: bank holidays (src/rules/working-days.ts) plus the closure days admins add. */
export class CalendarService {
  constructor(private readonly ds: DataSource, private readonly mutations: MutationRunner) {}

  /** The calendar every clock counts with, its closure days loaded once. */
  async calendar(db: Queryable = this.ds): Promise<WorkingDays> {
    const rows = await query<{ day: string }>(db, sql`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM closure_day`);
    return new WorkingDays(new Set(rows.map((r) => r.day)));
  }

  async year(access: Access, year: number): Promise<WorkingDayCalendar> {
    access.assertSignedIn();
    if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new BadInputError('year', 'Expected a year from 1990 to 2100');
    const cal = await this.calendar();
    const closures = await this.ds.getRepository(ClosureDay).find({ order: { day: 'ASC' } });
    const bank = bankHolidays(year).map((h) => ({ on: h.on, name: h.name, bankHoliday: true }));
    const closed = closures.filter((c) => c.day.startsWith(`${year}-`) && !bank.some((b) => b.on === c.day)).map((c) => ({ on: c.day, name: c.reason, bankHoliday: false }));
    const nonWorkingDays = [...bank, ...closed].filter((d) => weekday(d.on) !== 0 && weekday(d.on) !== 6).sort((a, b) => a.on.localeCompare(b.on));
    return { year, nonWorkingDays, workingDays: cal.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`) };
  }

  async addClosureDay(access: Access, input: AddClosureDayInput): Promise<ClosureDay> {
    access.assertRole(UserRole.ADMIN);
    const reason = requireText('reason', input.reason, 500);
    return this.mutations.run(access.me, 'addClosureDay', input, async (em) => {
      if (await em.getRepository(ClosureDay).existsBy({ day: input.day })) throw new ConflictError(`${input.day} is already a closure day`);
      const day = await em.save(em.create(ClosureDay, { day: input.day, reason }));
      return { result: day, entityType: 'ClosureDay', entityId: day.id, boardIds: [] };
    });
  }
}
