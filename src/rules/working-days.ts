import Holidays from 'date-holidays';

/**
 * DOMAIN.md "Numbers and words": working days in England are Monday to Friday, less the bank
 * holidays of England and Wales (from `date-holidays`, region GB-ENG, public holidays only: Good
 * Friday and Easter Monday, substitute days included) and the closure days an admin adds. Every
 * statutory clock counts with this one calendar. "Within N working days of D" is the N-th working
 * day after D (D itself never counts).
 */
export interface BankHoliday {
  on: string;
  name: string;
}

const holidays = new Holidays('GB', 'ENG');
const byYear = new Map<number, BankHoliday[]>();

/** England's bank holidays of a year (no network: the library carries its own rules). */
export function bankHolidays(year: number): BankHoliday[] {
  let list = byYear.get(year);
  if (!list) {
    list = holidays
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      .map((h) => ({ on: h.date.slice(0, 10), name: h.name }))
      .sort((a, b) => a.on.localeCompare(b.on));
    byYear.set(year, list);
  }
  return list;
}

const DAY = 86_400_000;
const toTime = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fromTime = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Weekday of a calendar date: 0 Sunday … 6 Saturday. */
export function weekday(d: string): number {
  return new Date(toTime(d)).getUTCDay();
}

/** The working-day calendar with a loaded set of closure days (see CalendarService.calendar()). */
export class WorkingDays {
  constructor(readonly closureDays: ReadonlySet<string> = new Set()) {}

  isBankHoliday(d: string): boolean {
    return bankHolidays(Number(d.slice(0, 4))).some((h) => h.on === d);
  }

  isWorkingDay(d: string): boolean {
    const w = weekday(d);
    return w !== 0 && w !== 6 && !this.isBankHoliday(d) && !this.closureDays.has(d);
  }

  /** The N-th working day after `from` (N ≥ 1); N = 0 gives `from` itself. Negative N counts back. */
  addWorkingDays(from: string, n: number): string {
    const step = n < 0 ? -DAY : DAY;
    let t = toTime(from);
    for (let left = Math.abs(n); left > 0; ) {
      t += step;
      if (this.isWorkingDay(fromTime(t))) left--;
    }
    return fromTime(t);
  }

  /** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
  workingDaysBetween(from: string, to: string): number {
    let n = 0;
    for (let t = toTime(from) + DAY, end = toTime(to); t <= end; t += DAY) if (this.isWorkingDay(fromTime(t))) n++;
    return n;
  }
}

/** Calendar months after a date (the 6-month completion clock), clamped to the month's last day. */
export function addMonths(from: string, months: number): string {
  const [y, m, d] = from.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromTime(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)));
}
