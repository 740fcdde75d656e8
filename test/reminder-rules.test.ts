import { TestClock } from '../src/common/clock';
import { ConfigError, loadConfig } from '../src/config/env';
import { addDays, dueInWords, isComingDue, overduePeriod, returnReminder, weeklyPeriod } from '../src/rules/reminders';

/** The reminder rules on their own (no database), on a fixed clock. */
describe('reminder rules', () => {
  // Monday 2 March 2026, 09:00 in London (GMT).
  const clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
  const today = clock.today();
  const all = { dueSoonDays: 14, dueToday: true, overdue: true };

  it('due in N days: from N days before the due date to the day before, one period per due date', () => {
    expect(today).toBe('2026-03-02');
    // 14 days ahead: reminded; 15: not yet; 1: still the same event (period = the due date).
    expect(returnReminder('2026-03-16', today, all)).toEqual({ kind: 'RETURN_DUE_SOON', period: '2026-03-16', daysLeft: 14 });
    expect(returnReminder('2026-03-17', today, all)).toBeNull();
    expect(returnReminder('2026-03-03', today, all)).toEqual({ kind: 'RETURN_DUE_SOON', period: '2026-03-03', daysLeft: 1 });
    // Turned off, or a shorter N.
    expect(returnReminder('2026-03-16', today, { ...all, dueSoonDays: null })).toBeNull();
    expect(returnReminder('2026-03-06', today, { ...all, dueSoonDays: 3 })).toBeNull();
    expect(returnReminder('2026-03-05', today, { ...all, dueSoonDays: 3 })).toMatchObject({ kind: 'RETURN_DUE_SOON', daysLeft: 3 });
  });

  it('due today, on the due date only', () => {
    expect(returnReminder(today, today, all)).toEqual({ kind: 'RETURN_DUE_TODAY', period: today, daysLeft: 0 });
    expect(returnReminder(today, today, { ...all, dueToday: false })).toBeNull();
  });

  it('overdue: the day after the due date, then every 7 days', () => {
    // Due 2026-03-01: 1 day late, the first overdue week began today.
    expect(returnReminder('2026-03-01', today, all)).toEqual({ kind: 'RETURN_OVERDUE', period: '2026-03-02', daysLeft: -1 });
    // Due 2026-02-20: 10 days late; weeks began 02-21 and 02-28.
    expect(overduePeriod('2026-02-20', today)).toBe('2026-02-28');
    // 7 days late: still the first week (02-24); 8 days late: the second began today.
    expect(overduePeriod('2026-02-23', today)).toBe('2026-02-24');
    expect(overduePeriod('2026-02-22', today)).toBe('2026-03-02');
    expect(returnReminder('2026-02-20', today, { ...all, overdue: false })).toBeNull();
    expect(() => overduePeriod(today, today)).toThrow(/not overdue/);
  });

  it('a missed daily run is caught up by the next: the period is the same whichever day in it the run happens', () => {
    clock.advance(3 * 86_400_000);
    // Thursday 5 March: the overdue week that began 02-28 has not ended, the digest week began Monday.
    expect(overduePeriod('2026-02-20', clock.today())).toBe('2026-02-28');
    expect(weeklyPeriod(clock.today())).toBe('2026-03-02');
    clock.set(new Date('2026-03-02T09:00:00Z'));
  });

  it('weekly digests: the latest Monday on or before today (or another weekday)', () => {
    expect(weeklyPeriod('2026-03-02')).toBe('2026-03-02');
    expect(weeklyPeriod('2026-03-08')).toBe('2026-03-02');
    expect(weeklyPeriod('2026-03-09')).toBe('2026-03-09');
    expect(weeklyPeriod('2026-03-02', 5)).toBe('2026-02-27');
  });

  it('an action is coming due from today to N days ahead, while open', () => {
    expect(isComingDue({ status: 'NOT_STARTED', dueOn: today }, today, 14)).toBe(true);
    expect(isComingDue({ status: 'IN_PROGRESS', dueOn: '2026-03-16' }, today, 14)).toBe(true);
    expect(isComingDue({ status: 'IN_PROGRESS', dueOn: '2026-03-17' }, today, 14)).toBe(false);
    expect(isComingDue({ status: 'IN_PROGRESS', dueOn: '2026-03-01' }, today, 14)).toBe(false);
    expect(isComingDue({ status: 'COMPLETE', dueOn: '2026-03-05' }, today, 14)).toBe(false);
    expect(isComingDue({ status: 'NOT_STARTED', dueOn: null }, today, 14)).toBe(false);
  });

  it('dates and words', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30'); // across the change to BST
    expect([dueInWords(1), dueInWords(14), dueInWords(0), dueInWords(-1), dueInWords(-10)]).toEqual(['in 1 day', 'in 14 days', 'today', '1 day ago', '10 days ago']);
  });
});

describe('mail and job configuration', () => {
  it('runs the job worker by default, except under NODE_ENV=test; JOBS_ENABLED decides when given', () => {
    expect(loadConfig({}).jobsEnabled).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).jobsEnabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', JOBS_ENABLED: 'true' }).jobsEnabled).toBe(true);
    expect(loadConfig({ JOBS_ENABLED: 'false' }).jobsEnabled).toBe(false);
  });

  it('reads SMTP_URL, MAIL_FROM and PUBLIC_URL, with defaults that log instead of sending', () => {
    expect(loadConfig({}).mail).toEqual({ smtpUrl: undefined, from: 'Partnership hub <no-reply@hub.local>', publicUrl: 'http://localhost:4000', retryLimit: 5, retryDelaySeconds: 60 });
    const c = loadConfig({ SMTP_URL: 'smtps://hub:secret@smtp.example.org:465', MAIL_FROM: 'LSCB <lscb@example.org>', PUBLIC_URL: 'https://hub.example.org/', MAIL_RETRY_LIMIT: '2' });
    expect(c.mail).toMatchObject({ smtpUrl: 'smtps://hub:secret@smtp.example.org:465', from: 'LSCB <lscb@example.org>', publicUrl: 'https://hub.example.org', retryLimit: 2 });
    expect(c.remindersCron).toBe('0 7 * * *');
  });

  it('refuses a malformed SMTP_URL, JOBS_ENABLED or REMINDERS_CRON at boot, naming each', () => {
    let err: unknown;
    try {
      loadConfig({ SMTP_URL: 'mail.example.org', JOBS_ENABLED: 'yes', REMINDERS_CRON: 'daily' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    expect(problems).toMatch(/SMTP_URL/);
    expect(problems).toMatch(/JOBS_ENABLED/);
    expect(problems).toMatch(/REMINDERS_CRON/);
  });
});
