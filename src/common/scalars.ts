import { LocalDateResolver } from 'graphql-scalars';

/** Calendar dates travel as YYYY-MM-DD strings end to end (pg's date parser is switched off). */
export const DateScalar = LocalDateResolver;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(value + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

// Built once: constructing an Intl.DateTimeFormat costs about 0.1 ms, paid on every request before.
const UK_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/**
 * The calendar date in the UK, where the boards are, at an instant (the clock's today). The UK's
 * offset from UTC is whole hours, so its date only changes on a UTC minute: the date of the minute
 * last asked about is kept (formatting was about 1% of a nested read's CPU, asked once per request).
 */
let lastMinute = NaN;
let lastDate = '';
export function ukDate(at: Date): string {
  const minute = Math.floor(at.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDate = UK_DATE.format(at);
    lastMinute = minute;
  }
  return lastDate;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / 86_400_000);
}
