import { AttendanceStatus, UserRole } from '../src/common/enums';
import { hydrate, JsonRow, rowJson } from '../src/database/hydrate';
import { query, raw, sql } from '../src/database/sql';
import { Agency } from '../src/modules/agency/agency.entity';
import { AuditCycle } from '../src/modules/audit/audit-cycle.entity';
import { Board } from '../src/modules/board/board.entity';
import { Attendance, Meeting } from '../src/modules/meeting/meeting.entity';
import { Membership } from '../src/modules/membership/membership.entity';
import { Factories, factories, signedIn } from './helpers/factories';
import { startHub, TestHub } from './helpers/hub';

/** The partnership status read of the benchmark (bench/scenarios.ts). */
const STATUS = `query($id: ID!, $from: LocalDate!, $to: LocalDate!) {
  board(id: $id) {
    id name kind
    members { id role expectedToAttend representative startsOn agency { id name sector } }
    attendance(from: $from, to: $to) {
      meetingsHeld quorateMeetings overallRate threshold
      byAgency { agency { id name } expected attended apologies absent rate belowThreshold }
    }
    auditCycles { id name dueOn summary(asOf: $to) { invited submitted outstanding overdue fullyCompliant trends { improved sustained declined new } } }
    meetings(first: 3) { pageInfo { hasNextPage endCursor } nodes { id date title status attendance { status attendeeName agency { id name } } } }
  }
}`;
/** The same subtrees under the `boards` list, which the look-ahead does not handle: the loaders' own statements. */
const FALLBACK = STATUS.replace('query($id: ID!, $from: LocalDate!, $to: LocalDate!) {\n  board(id: $id) {', 'query($from: LocalDate!, $to: LocalDate!) {\n  boards {');

/** Issue 17: `board(id)` fetches its known nested subtrees in one statement; answers and access are those of the loaders' path. */
describe('look-ahead of a board read', () => {
  let hub: TestHub;
  let f: Factories;
  let frameworkId: string;

  beforeAll(async () => {
    hub = await startHub();
    f = factories(hub.ds);
    const admin = await signedIn(hub, f, UserRole.ADMIN);
    frameworkId = (await hub.gql(`{ auditFrameworks { id key } }`, {}, admin.token)).data.auditFrameworks.find((x: any) => x.key === 'SECTION_11_CHILDREN').id;
  });
  afterAll(() => hub.close());

  /** A board with n member agencies, n meetings with a full register and an audit cycle inviting them; its coordinator. */
  async function partnership(n: number) {
    const board = await f.board({ attendanceThreshold: 0.6 });
    const agencies = [];
    for (let a = 0; a < n; a++) agencies.push(await f.agency());
    for (const a of agencies) await f.membership(a.id, { boardId: board.id }, { representative: `Lead of ${a.name}` });
    for (let m = 0; m < n; m++) {
      const meeting = await f.meeting({ boardId: board.id }, `2024-0${(m % 9) + 1}-1${m % 10}`);
      for (let a = 0; a < n; a++) await f.attendance(meeting.id, agencies[a].id, (a + m) % 3 ? AttendanceStatus.PRESENT : AttendanceStatus.APOLOGIES);
    }
    const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    const cycle = await hub.gql(
      `mutation($i: CreateAuditCycleInput!) { createAuditCycle(input: $i) { id } }`,
      { i: { frameworkId, name: `Section 11 ${board.name}`, boardIds: [board.id], invitedAgencyIds: agencies.map((a) => a.id), opensOn: '2024-04-01', dueOn: '2024-07-31' } },
      coordinator.token,
    );
    expect(cycle.errors).toBeUndefined();
    return { board, agencies, coordinator };
  }

  const YEAR = { from: '2024-01-01', to: '2024-12-31' };

  // The second board is read with the statement built for the first (the same plan), filled in with its own id.
  it('answers as the loaders do, in two statements (the user and the look-ahead) whatever the size', async () => {
    const counts = [];
    for (const n of [2, 4]) {
      const { board, coordinator } = await partnership(n);
      hub.counter.reset();
      const ahead = await hub.gql(STATUS, { id: board.id, ...YEAR }, coordinator.token);
      expect(ahead.errors).toBeUndefined();
      counts.push(hub.counter.count);
      const fallback = await hub.gql(FALLBACK, YEAR, coordinator.token);
      expect(fallback.errors).toBeUndefined();
      expect(ahead.data.board).toEqual(fallback.data.boards[0]);
      expect(ahead.data.board.members).toHaveLength(n);
      expect(ahead.data.board.attendance.meetingsHeld).toBe(n);
      expect(ahead.data.board.auditCycles[0].summary).toMatchObject({ invited: n, submitted: 0, outstanding: n, overdue: n });
      expect(ahead.data.board.meetings.nodes).toHaveLength(Math.min(n, 3));
      expect(ahead.data.board.meetings.nodes[0].attendance).toHaveLength(n);
      expect(ahead.data.board.meetings.pageInfo.hasNextPage).toBe(n > 3);
    }
    expect(counts).toEqual([2, 2]);
  });

  it("looks ahead through fragments and variables, and never shows another board's rows", async () => {
    const mine = await partnership(2);
    const theirs = await partnership(3);
    const q = `query($id: ID!) { board(id: $id) { ...Status } }
      fragment Status on Board { members { agency { name } } attendance(from: "2024-01-01", to: "2024-12-31") { meetingsHeld } auditCycles { summary { invited } } }`;
    hub.counter.reset();
    const res = await hub.gql(q, { id: mine.board.id }, mine.coordinator.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.board.members.map((m: any) => m.agency.name).sort()).toEqual(mine.agencies.map((a) => a.name).sort());
    expect(hub.counter.count).toBe(2);
    // Another board's coordinator is refused that board, as before.
    const refused = await hub.gql(q, { id: mine.board.id }, theirs.coordinator.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.data).toBeNull();
  });

  it('computes only the per-agency attendance when nothing in the operation asks for people, head counts or decisions', async () => {
    const { board, coordinator } = await partnership(3);
    await hub.ds.query(`UPDATE membership SET representatives = ARRAY['Pat Lead'] WHERE board_id = $1`, [board.id]);
    const people = `attendance(from: "2024-01-01", to: "2024-12-31") { overallRate byPerson { name expected } attendeesPerMeeting { present } decisions }`;
    const agencies = `attendance(from: "2024-01-01", to: "2024-12-31") { overallRate byAgency { expected attended } }`;
    // The same board and period under a second root field (the loaders' path) and under an alias: one summary answers all.
    const q = `query($id: ID!) { board(id: $id) { ${agencies} again: ${people} } boards { id ${people} } }`;
    hub.counter.reset();
    const res = await hub.gql(q, { id: board.id }, coordinator.token);
    expect(res.errors).toBeUndefined();
    expect(hub.counter.statements.join('\n')).not.toMatch(/'\[\]'::json AS people/);
    const fromList = res.data.boards.find((b: any) => b.id === board.id).attendance;
    expect(fromList.byPerson).toHaveLength(3);
    expect(fromList.byPerson[0]).toMatchObject({ name: 'Pat Lead', expected: 3 });
    expect(fromList.attendeesPerMeeting).toHaveLength(3);
    expect(res.data.board.again).toEqual(fromList);
    expect(res.data.board.attendance.overallRate).toBe(fromList.overallRate);
    // Without them, the statement leaves people, head counts and decisions out; the figures asked for are the same.
    hub.counter.reset();
    const lean = await hub.gql(`query($id: ID!) { board(id: $id) { ${agencies} } }`, { id: board.id }, coordinator.token);
    expect(lean.data.board.attendance).toEqual(res.data.board.attendance);
    expect(hub.counter.statements.join('\n')).toMatch(/'\[\]'::json AS people/);
  });

  it('hydrates each entity from its JSON row exactly as a repository read does', async () => {
    const { board, agencies } = await partnership(2);
    const cases: [any, string, string][] = [
      [Board, 'board', `id = '${board.id}'`],
      [Agency, 'agency', `id = '${agencies[0].id}'`],
      [Membership, 'membership', `board_id = '${board.id}'`],
      [AuditCycle, 'audit_cycle', `board_ids && ARRAY['${board.id}'::uuid]`],
      [Meeting, 'meeting', `board_id = '${board.id}'`],
      [Attendance, 'attendance', `meeting_id IN (SELECT id FROM meeting WHERE board_id = '${board.id}')`],
    ];
    for (const [entity, table, where] of cases) {
      // The look-ahead's own JSON for a row (timestamps as epoch milliseconds).
      const built = await query<{ j: JsonRow }>(hub.ds, sql`SELECT ${rowJson(hub.ds, entity, 't')} AS j FROM ${raw(table)} t WHERE ${raw(where)} ORDER BY id`);
      const read = await hub.ds.getRepository(entity).createQueryBuilder('t').where(where.replace(/^(\w+)/, 't.$1')).orderBy('t.id').getMany();
      expect(built.length).toBeGreaterThan(0);
      expect(built.map((r) => hydrate(hub.ds, entity, r.j))).toEqual(read);
    }
  });

  it('keeps the milliseconds of a timestamp as pg does, at every edge (microseconds dropped, never rounded up)', async () => {
    const { board } = await partnership(1);
    const stamps = ['2024-03-31 23:59:59.999999+00', '2024-01-01 00:00:00.000001+00', '2025-06-30 12:34:56.123456+00', '2025-06-30 12:34:56.1239995+00', '1969-12-31 23:59:59.9995+00', '2099-12-31 23:59:59.999+00'];
    for (const stamp of stamps) {
      await hub.ds.query(`UPDATE board SET updated_at = $2 WHERE id = $1`, [board.id, stamp]);
      const [built] = await query<{ j: JsonRow }>(hub.ds, sql`SELECT ${rowJson(hub.ds, Board, 'b')} AS j FROM board b WHERE b.id = ${board.id}::uuid`);
      const read = await hub.ds.getRepository(Board).findOneByOrFail({ id: board.id });
      expect([stamp, hydrate(hub.ds, Board, built.j).updatedAt.getTime()]).toEqual([stamp, read.updatedAt.getTime()]);
    }
  });
});
