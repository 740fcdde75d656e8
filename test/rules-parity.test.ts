import { join, query, sql } from '../src/database/sql';
import { isOverdue, overdueSql } from '../src/rules/actions';
import { countingRating, countingRatingSql, isSubmitted, submittedSql } from '../src/rules/audit';
import { attendedSql, isAttended, isQuorate, quorateSql } from '../src/rules/meetings';
import { activeDuringSql, activeOnSql, isActiveDuring, isActiveOn } from '../src/rules/membership';
import { reviewStatusOn, reviewStatusOnSql } from '../src/rules/report';
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

  it("a case review's status on a day (yearly report)", async () => {
    const opt = () => pick(DAYS);
    const rows = Array.from({ length: N }, () => {
      const referredOn = day();
      const commissioned = pick([true, false, null]);
      return { referredOn, commissioned, decidedOn: commissioned === null ? null : opt(), startedOn: opt(), publishedOn: opt(), closedOn: opt(), on: day() };
    });
    const values = join(
      rows.map(
        (r, i) => sql`(${i}::int, ${r.referredOn}::date, ${r.commissioned}::boolean, ${r.decidedOn}::date, ${r.startedOn}::date, ${r.publishedOn}::date, ${r.closedOn}::date, ${r.on}::date)`,
      ),
    );
    const got = await query<{ v: string | null }>(
      hub.ds,
      sql`SELECT ${reviewStatusOnSql('c', sql`c.on_day`)} AS v
          FROM (VALUES ${values}) AS c(i, referred_on, commissioned, decided_on, started_on, published_on, closed_on, on_day) ORDER BY c.i`,
    );
    expect(got.map((g) => g.v)).toEqual(rows.map((r) => reviewStatusOn(r, r.on)));
    expect(new Set(got.map((g) => g.v)).size).toBeGreaterThanOrEqual(6);
  });
});
