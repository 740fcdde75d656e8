import { ident, join, query, sql } from '../src/database/sql';
import { actionOn, actionOnSql, driftingSql, dueBySql, dueForReviewSql, isDrifting, isDueBy, isDueForReview, isOverdue, overdueSql } from '../src/rules/actions';
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
import { direction, directionSql, IndicatorPolarity, IndicatorUnit, quartile, quartileSql, rag, ragSql, suppressed, suppressedSql } from '../src/rules/scorecard';
import { comingDueSql, isComingDue } from '../src/rules/reminders';
import { concludedOn, concludedOnSql, publishedOn, publishedOnSql, statusOn, statusOnSql } from '../src/rules/reviews';
import { factories } from './helpers/factories';
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

  it('scorecard: direction of travel, quartile, RAG and suppression', async () => {
    // Its own generator, from the high bits: the low bits of the shared one repeat with a short period.
    let state = 7;
    const rand = (n: number) => Math.floor(((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648) * n);
    const pick = <T>(xs: readonly T[]) => xs[rand(xs.length)];
    const polarities = Object.values(IndicatorPolarity);
    const units = Object.values(IndicatorUnit);
    // Values on a coarse grid so equal values, exact tolerances and boundaries all occur.
    const v = () => pick([null, 0, 1, 2, 3.5, 4, 4.5, 5, 6, 10, 10.1, 10.5, 12]);
    const rows = Array.from({ length: N }, () => {
      const [lower, median, upper] = [v(), v(), v()].map((x) => x ?? 5).sort((a, b) => a - b);
      return {
        current: v(), earlier: v(), polarity: pick(polarities), tolerance: pick([0, 0.5, 1, 2]), same: rand(4) > 0,
        upper: rand(5) ? upper : null, median, lower, method: pick(['TARGET', 'QUARTILE'] as const), target: pick([null, 4, 5, 10]),
        countsPeople: rand(2) === 0, unit: pick(units), numerator: v(),
      };
    });
    const values = join(rows.map((r, i) => sql`(${i}::int, ${r.current}::float8, ${r.earlier}::float8, ${r.polarity}::text, ${r.tolerance}::float8, ${r.same}::boolean,
      ${r.upper}::float8, ${r.median}::float8, ${r.lower}::float8, ${r.method}::text, ${r.target}::float8, ${r.countsPeople}::boolean, ${r.unit}::text, ${r.numerator}::float8)`));
    const x = (c: string) => ident(`x.${c}`);
    const q = quartileSql(x('current_value'), x('polarity'), x('upper'), x('median'), x('lower'));
    const got = await query<{ d: string; q: number | null; rag: string | null; s: boolean }>(
      hub.ds,
      sql`SELECT ${directionSql(x('current_value'), x('earlier'), x('polarity'), x('tolerance'), x('same'))} AS d, ${q} AS q,
            ${ragSql(x('method'), x('current_value'), x('polarity'), x('target'), x('tolerance'), q)} AS rag,
            ${suppressedSql(x('counts_people'), x('unit'), x('current_value'), x('numerator'))} AS s
          FROM (VALUES ${values}) AS x(i, current_value, earlier, polarity, tolerance, same, upper, median, lower, method, target, counts_people, unit, numerator) ORDER BY x.i`,
    );
    expect(got.map((g) => g.d)).toEqual(rows.map((r) => direction(r.current, r.earlier, r.polarity, r.tolerance, r.same)));
    expect(got.map((g) => g.q)).toEqual(rows.map((r) => quartile(r.current, r.polarity, r.upper, r.median, r.lower)));
    expect(got.map((g) => g.rag)).toEqual(rows.map((r) => rag(r.method, r.current, r.polarity, r.target, r.tolerance, quartile(r.current, r.polarity, r.upper, r.median, r.lower))));
    expect(got.map((g) => g.s)).toEqual(rows.map((r) => suppressed(r.countsPeople, r.unit, r.current, r.numerator)));
    expect(new Set(got.map((g) => g.d))).toEqual(new Set(['IMPROVED', 'DECLINED', 'NO_CHANGE', 'CHANGED', 'NOT_COMPARABLE']));
    for (const c of ['RED', 'AMBER', 'GREEN']) expect(got.some((g) => g.rag === c)).toBe(true);
  });

  it('an action is coming due within N days (the weekly action digest)', async () => {
    const rows = Array.from({ length: N }, () => ({ status: pick(['NOT_STARTED', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED']), dueOn: pick(DAYS), today: day(), within: pick([0, 1, 14, 90, 365]) }));
    const values = join(rows.map((r, i) => sql`(${i}::int, ${r.status}, ${r.dueOn}::date, ${r.today}::date, ${r.within}::int)`));
    const got = await query<{ v: boolean }>(
      hub.ds,
      sql`SELECT ${comingDueSql('a', sql`a.today`, sql`a.within`)} AS v FROM (VALUES ${values}) AS a(i, status, due_on, today, within) ORDER BY a.i`,
    );
    expect(got.map((g) => g.v)).toEqual(rows.map((r) => isComingDue(r, r.today, r.within)));
    expect(got.some((g) => g.v) && got.some((g) => !g.v)).toBe(true);
  });

  it("a review's status and first publication on a day, from its events", async () => {
    // Real rows: the SQL form reads review_event. One review with events on the edge days, same-day ties included.
    const board = await factories(hub.ds).board();
    const [{ id }] = await hub.ds.query(`INSERT INTO case_review (board_id, type, reference, referred_on) VALUES ($1, 'SERIOUS_CASE_REVIEW', 'Parity', '2024-01-01') RETURNING id`, [board.id]);
    const kinds = ['STATUS', 'STATUS', 'STATUS', 'LEARNING_BRIEF', 'OVERVIEW_REPORT', 'PUBLICATION_DELAYED'];
    const statuses = ['REFERRED', 'COMMISSIONED', 'IN_PROGRESS', 'COMPLETED', 'PUBLISHED', 'CLOSED'];
    const events = Array.from({ length: 40 }, (_, i) => {
      const kind = pick(kinds);
      return { kind, status: kind === 'STATUS' ? pick(statuses) : null, on: day(), seq: i + 1 };
    });
    for (const e of events) await hub.ds.query(`INSERT INTO review_event (case_review_id, seq, kind, status, "on") VALUES ($1, $2, $3, $4, $5)`, [id, e.seq, e.kind, e.status, e.on]);
    const days = ['2023-12-31', ...DAYS.slice(0, 5), '2025-01-01'] as string[];
    for (const d of days) {
      const [got] = await query<{ status: string | null; published: string | null; concluded: string | null }>(
        hub.ds,
        sql`SELECT ${statusOnSql('c', d)}::text AS status, to_char(${publishedOnSql('c', d)}, 'YYYY-MM-DD') AS published,
          to_char(${concludedOnSql('c', d)}, 'YYYY-MM-DD') AS concluded FROM case_review c WHERE c.id = ${id}::uuid`,
      );
      expect(got).toEqual({ status: statusOn(events, d), published: publishedOn(events, d), concluded: concludedOn(events, d) });
    }
  });

  it("an action's status and RAG on a day, from its progress notes", async () => {
    // Real rows: the SQL form reads action_update. Actions with 0 to 4 notes on the edge days, same-day
    // ties and back-dated notes included; entry order set by created_at.
    const f = factories(hub.ds);
    const board = await f.board();
    const agency = await f.agency();
    const statuses = ['NOT_STARTED', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED'];
    const rags = ['RED', 'AMBER', 'GREEN', null];
    const actions: { id: string; status: string; rag: string | null; notes: { notedOn: string; seq: number; fromStatus: string | null; toStatus: string; fromRag: string | null; toRag: string | null }[] }[] = [];
    for (let k = 0; k < 40; k++) {
      const status = pick(statuses);
      const rag = pick(rags);
      const [{ id }] = await hub.ds.query(
        `INSERT INTO action (description, owner_agency_id, status, rag, source_type, source_id, source_label, board_ids) VALUES ('Parity', $1, $2, $3, 'PLAN_PRIORITY', gen_random_uuid(), 'Parity', $4) RETURNING id`,
        [agency.id, status, rag, [board.id]],
      );
      const notes = Array.from({ length: rand(5) }, (_, i) => ({
        notedOn: day(), seq: i + 1, fromStatus: i === 0 && rand(4) === 0 ? null : pick(statuses), toStatus: pick(statuses), fromRag: pick(rags), toRag: pick(rags),
      }));
      for (const n of notes) {
        await hub.ds.query(
          `INSERT INTO action_update (action_id, noted_on, note, from_status, to_status, from_rag, to_rag, created_at) VALUES ($1, $2, 'n', $3, $4, $5, $6, '2024-06-01'::timestamptz + $7 * interval '1 minute')`,
          [id, n.notedOn, n.fromStatus, n.toStatus, n.fromRag, n.toRag, n.seq],
        );
      }
      actions.push({ id, status, rag, notes });
    }
    const days = ['2023-12-31', ...DAYS.slice(0, 5), '2025-01-01'] as string[];
    for (const d of days) {
      const got = await query<{ id: string; status: string; rag: string | null }>(
        hub.ds,
        sql`SELECT a.id, ${actionOnSql('a', 'status', d)}::text AS status, ${actionOnSql('a', 'rag', d)}::text AS rag FROM action a WHERE a.id = ANY(${actions.map((a) => a.id)}::uuid[])`,
      );
      for (const a of actions) expect({ id: a.id, ...actionOn(a, a.notes, d) }).toEqual(got.find((g) => g.id === a.id));
    }
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
    // From the generator's high bits: its low bits repeat with a short period, and which statuses
    // appear would otherwise depend on how many draws the cases before this one made.
    const hi = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * n);
    const pickHi = <T>(xs: readonly T[]) => xs[hi(xs.length)];
    const registers = Array.from({ length: N }, () => Array.from({ length: hi(5) }, () => ({ capacity: pickHi(capacities), status: pickHi(statuses) })));
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
