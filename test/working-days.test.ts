import { addMonths, bankHolidays, WorkingDays } from '../src/rules/working-days';

/** DOMAIN.md: working days are Mon–Fri less England's bank holidays and closure days; "within N working days of D" is the N-th working day after D. */
describe('working days in England', () => {
  const wd = new WorkingDays();

  it('knows Easter and the substitute days from the library, offline', () => {
    // 2024: Good Friday 29 March, Easter Monday 1 April; 2020: Boxing Day on a Saturday, substitute Monday 28 December.
    expect(bankHolidays(2024).map((h) => h.on)).toEqual(['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26']);
    expect(bankHolidays(2020).map((h) => h.on)).toContain('2020-12-28');
  });

  it('counts across a weekend', () => {
    // Aware on Wednesday 10 January 2024: Thu 11 (1), Fri 12 (2), [Sat, Sun], Mon 15 (3), Tue 16 (4), Wed 17 (5).
    expect(wd.addWorkingDays('2024-01-10', 5)).toBe('2024-01-17');
    // Aware on a Saturday: Mon 15 is the first working day after it, Fri 19 the fifth.
    expect(wd.addWorkingDays('2024-01-13', 5)).toBe('2024-01-19');
    expect(wd.workingDaysBetween('2024-01-10', '2024-01-17')).toBe(5);
  });

  it('counts across Easter: aware on the Thursday before Easter', () => {
    // Thu 28 March 2024: [Good Friday 29, Sat 30, Sun 31, Easter Monday 1 April], Tue 2 (1), Wed 3 (2), Thu 4 (3), Fri 5 (4), [Sat, Sun], Mon 8 (5).
    expect(wd.addWorkingDays('2024-03-28', 5)).toBe('2024-04-08');
    // Rapid review 15 working days from Mon 8 April: 9..12 (4), 15..19 (9), 22..26 (14), Mon 29 (15).
    expect(wd.addWorkingDays('2024-04-08', 15)).toBe('2024-04-29');
    expect(wd.workingDaysBetween('2024-03-28', '2024-04-08')).toBe(5);
    expect(wd.isWorkingDay('2024-03-29')).toBe(false);
    expect(wd.isWorkingDay('2024-03-28')).toBe(true);
  });

  it('takes the closure days an admin adds', () => {
    // The office shut on Tuesday 2 April 2024: the fifth working day after Thursday 28 March moves to Tue 9 April.
    const closed = new WorkingDays(new Set(['2024-04-02']));
    expect(closed.addWorkingDays('2024-03-28', 5)).toBe('2024-04-09');
    expect(closed.workingDaysBetween('2024-03-28', '2024-04-09')).toBe(5);
  });

  it('counts back for "at least 7 working days before publication"', () => {
    // Publication on Wed 10 April 2024: back 7 working days = 9, 8, 5, 4, 3, 2 April, [Easter Monday, Sun, Sat, Good Friday], Thu 28 March.
    expect(wd.addWorkingDays('2024-04-10', -7)).toBe('2024-03-28');
  });

  it('adds calendar months, clamped to the month end', () => {
    expect(addMonths('2024-01-15', 6)).toBe('2024-07-15');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
  });
});
