import { join, query, sql } from '../src/database/sql';
import { driftingSql, dueBySql, dueForReviewSql, isDrifting, isDueBy, isDueForReview, isOverdue, overdueSql } from '../src/rules/actions';
import { countingRating, countingRatingSql, isSubmitted, submittedSql } from '../src/rules/audit';
import {
  agencyStatusFromRegister,
  agencyStatusFromRegisterSql,
  attendedSql,
  convenedSql,
  decisionQuorateSql,
  isAttended,
  isConvened,
  isDecisionQuorate,
  isQuorate,
  isSeatAttendance,
  quorateSql,
  seatAttendanceSql,
} from '../src/rules/meetings';
import { activeDuringSql, activeOnSql, isActiveDuring, isActiveOn, partnerGroupOf, partnerGroupSql } from '../src/rules/membership';
import { startHub, TestHub } from './helpers/hub';

/**
 * Each rule that exists both in TypeScript and in SQL (src/rules/) is run both ways on the same
 * generated rows, edges included, and must agree on every row.
 */
let seed = 42;
const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
const pick = <T>(xs: readonly T[]) => xs[rand(xs.length)];
const DAYS = ['2024-01-01', '2024-01-02', '2024-03-31', '2024-04-01', '2024-12-31', null] as const;
const day = () => pick(DAYS.slice(0, 5)) as string;
const N = 300;

describe('rules agree in TypeScript and SQL', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(() => hub.close());

  it('an action is overdue', async () => {
    const rows = Array.from({ length: N }, () => ({ status: pick(['NOT_STARTED', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED']), dueOn: pick(DAYS), asOf: day() }));
    const values = join(rows.map((r, i) => sql`(${i}::int, ${r.status}, ${r.dueOn}::date, ${r.asOf}::date)`));
    const got = await query<{ i: number; v: boolean }>(hub.ds, sql`SELECT a.i, ${overdueSql('a', sql`a.as_of`)} AS v FROM (VALUES ${values}) AS a(i, status, due_on, as_of) ORDER BY a.i`);
    expect(got.map((g) => g.v)).toEqual(rows.map((r) => isOverdue(r, r.asOf)));
    expect(got.some((g) => g.v) && got.some((g) => !g.v)).toBe(true);
  });

  it('a membership is active on a date and during a period', async () => {
    const rows = Array.from({ length: N }, () => {
      const startsOn = day();
      const endsOn = pick([null, day(), day()]);
      const [from, to] = [day(), day()].sort();
      return { startsOn, endsOn: endsOn && endsOn < startsOn ? startsOn : endsOn, on: day(), from, to };
    });
    const values = join(rows.map((r, i) => sql`(${i}::int, ${r.startsOn}::date, ${r.endsOn}::date, ${r.on}::date, ${r.from}::date, ${r.to}::date)`));
    const got = await query<{ on: boolean; during: boolean }>(
      hub.ds,
      sql`SELECT ${activeOnSql('m', sql`m.on_day`)} AS on, ${activeDuringSql('m', sql`m.from_day`, sql`m.to_day`)} AS during
          FROM (VALUES ${values}) AS m(i, starts_on, ends_on, on_day, from_day, to_day) ORDER BY m.i`,
    );
    expect(got.map((g) => g.on)).toEqual(rows.map((r) => isActiveOn(r, r.on)));
    expect(got.map((g) => g.during)).toEqual(rows.map((r) => isActiveDuring(r, r.from, r.to)));
  });

  it('the rating that counts, and a submitted return', async () => {
    const ratings = ['MET', 'PARTIALLY_MET', 'NOT_MET', 'NOT_APPLICABLE', null] as const;
    const rows = Array.from({ length: N }, () => ({ moderated: pick(ratings), self: pick(ratings), status: pick(['DRAFT', 'SUBMITTED', 'RETURNED', 'VALIDATED']) }));
    const values = join(rows.map((r, i) => sql`(${i}::int, ${r.moderated}::audit_rating, ${r.self}::audit_rating, ${r.status})`));
    const got = await query<{ rating: string | null; submitted: boolean }>(
      hub.ds,
      sql`SELECT ${countingRatingSql('a')}::text AS rating, ${submittedSql('a')} AS submitted
          FROM (VALUES ${values}) AS a(i, moderated_rating, self_rating, status) ORDER BY a.i`,
    );
    expect(got.map((g) => g.rating)).toEqual(rows.map((r) => countingRating(r.moderated, r.self)));
    expect(got.map((g) => g.submitted)).toEqual(rows.map((r) => isSubmitted(r.status)));
  });

  it('attended and quorate', async () => {
    const sectors = ['POLICE', 'HEALTH_PROVIDER', 'LOCAL_AUTHORITY_CHILDREN', 'EDUCATION'];
    const subset = () => sectors.filter(() => rand(2) === 0);
    const rows = Array.from({ length: N }, () => ({
      status: pick(['PRESENT', 'DEPUTY', 'APOLOGIES', 'ABSENT']),
      attending: rand(6),
      minimum: rand(6),
      present: subset(),
      required: subset(),
    }));
    const values = join(rows.map((r, i) => sql`(${i}::int, ${r.status}, ${r.attending}::int, ${r.minimum}::int, ${r.present}::text[], ${r.required}::text[])`));
    const got = await query<{ attended: boolean; quorate: boolean }>(
      hub.ds,
      sql`SELECT ${attendedSql('x')} AS attended,
            ${quorateSql({ attending: sql`x.attending`, sectorsPresent: sql`x.present`, minimum: sql`x.minimum`, required: sql`x.required` })} AS quorate
          FROM (VALUES ${values}) AS x(i, status, attending, minimum, present, required) ORDER BY x.i`,
    );
    expect(got.map((g) => g.attended)).toEqual(rows.map((r) => isAttended(r.status)));
    expect(got.map((g) => g.quorate)).toEqual(rows.map((r) => isQuorate({ attending: r.attending, sectorsPresent: r.present, minimum: r.minimum, required: r.required })));
    expect(got.some((g) => g.quorate) && got.some((g) => !g.quorate)).toBe(true);
  });

  it('due for review, drifting and due by a day (arrangements.md)', async () => {
    const rows = Array.from({ length: N }, () => ({
      status: pick(['NOT_STARTED', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED']),
      dueOn: pick(DAYS),
      nextReviewOn: pick(DAYS),
      dueDateChangeCount: rand(5),
      asOf: day(),
    }));
    const values = join(rows.map((r, i) => sql`(${i}::int, ${r.status}, ${r.dueOn}::date, ${r.nextReviewOn}::date, ${r.dueDateChangeCount}::int, ${r.asOf}::date)`));
    const got = await query<{ review: boolean; drifting: boolean; due: boolean }>(
      hub.ds,
      sql`SELECT ${dueForReviewSql('a', sql`a.as_of`)} AS review, ${driftingSql('a')} AS drifting, ${dueBySql('a', sql`a.as_of`)} AS due
          FROM (VALUES ${values}) AS a(i, status, due_on, next_review_on, due_date_changes, as_of) ORDER BY a.i`,
    );
    expect(got.map((g) => g.review)).toEqual(rows.map((r) => isDueForReview(r, r.asOf)));
    expect(got.map((g) => g.drifting)).toEqual(rows.map((r) => isDrifting(r)));
    expect(got.map((g) => g.due)).toEqual(rows.map((r) => isDueBy(r, r.asOf)));
    expect([got.some((g) => g.review), got.some((g) => !g.review), got.some((g) => g.drifting), got.some((g) => g.due)]).toEqual([true, true, true, true]);
  });

  it('convened, seat attendance, the agency status a person register implies, partner groups and decision quorum', async () => {
    const capacities = ['MEMBER', 'DEPUTY', 'IN_ATTENDANCE', 'OBSERVER'];
    const statuses = ['PRESENT', 'APOLOGIES', 'ABSENT'];
    // Registers of 0 to 4 people for one agency each.
    const registers = Array.from({ length: N }, () => Array.from({ length: rand(5) }, () => ({ capacity: pick(capacities), status: pick(statuses) })));
    const flat = registers.flatMap((entries, i) => entries.map((e) => sql`(${i}::int, ${e.capacity}, ${e.status})`));
    const got = await query<{ i: number; v: string | null }>(
      hub.ds,
      sql`SELECT g.i, x.v FROM generate_series(0, ${N - 1}) AS g(i) LEFT JOIN (
            SELECT r.i, ${agencyStatusFromRegisterSql('r')} AS v FROM (VALUES ${join(flat)}) AS r(i, capacity, status) GROUP BY r.i) x ON x.i = g.i
          ORDER BY g.i`,
    );
    expect(got.map((g) => g.v)).toEqual(registers.map((entries) => agencyStatusFromRegister(entries)));
    expect(new Set(got.map((g) => g.v)).size).toBe(5);

    const people = registers.flat();
    const seat = await query<{ v: boolean }>(hub.ds, sql`SELECT ${seatAttendanceSql('r')} AS v FROM (VALUES ${join(flat)}) AS r(i, capacity, status)`);
    expect(seat.map((g) => g.v)).toEqual(people.map((e) => isSeatAttendance(e)));

    const meetingStatuses = ['SCHEDULED', 'HELD', 'ADJOURNED', 'CANCELLED'];
    const conv = await query<{ v: boolean }>(hub.ds, sql`SELECT ${convenedSql('m')} AS v FROM (VALUES ${join(meetingStatuses.map((st, i) => sql`(${i}::int, ${st})`))}) AS m(i, status) ORDER BY m.i`);
    expect(conv.map((g) => g.v)).toEqual(meetingStatuses.map(isConvened));

    const sectors = ['LOCAL_AUTHORITY_CHILDREN', 'LOCAL_AUTHORITY_ADULTS', 'LOCAL_AUTHORITY_OTHER', 'POLICE', 'HEALTH_COMMISSIONER', 'HEALTH_PROVIDER', 'EDUCATION', 'CAFCASS'];
    const groups = await query<{ v: string | null }>(hub.ds, sql`SELECT ${partnerGroupSql(sql`s.sector`)} AS v FROM (VALUES ${join(sectors.map((x, i) => sql`(${i}::int, ${x}::sector)`))}) AS s(i, sector) ORDER BY s.i`);
    expect(groups.map((g) => g.v)).toEqual(sectors.map(partnerGroupOf));

    const sets = Array.from({ length: N }, () => ['LOCAL_AUTHORITY', 'HEALTH', 'POLICE'].filter(() => rand(3) > 0));
    const quorum = await query<{ v: boolean }>(hub.ds, sql`SELECT ${decisionQuorateSql(sql`q.g`)} AS v FROM (VALUES ${join(sets.map((g, i) => sql`(${i}::int, ${g}::text[])`))}) AS q(i, g) ORDER BY q.i`);
    expect(quorum.map((g) => g.v)).toEqual(sets.map((g) => isDecisionQuorate(g)));
    expect([quorum.some((g) => g.v), quorum.some((g) => !g.v)]).toEqual([true, true]);
  });
});
