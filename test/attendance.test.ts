import { AttendanceStatus, MeetingStatus, MembershipRole, Sector, UserRole } from '../src/common/enums';
import { Factories, factories, signedIn } from './helpers/factories';
import { startHub, TestHub } from './helpers/hub';

const ATTENDANCE = `query($id: ID!, $from: LocalDate!, $to: LocalDate!) {
  board(id: $id) {
    attendance(from: $from, to: $to) {
      meetingsHeld quorateMeetings overallRate
      byAgency { agency { name } expected attended apologies absent rate belowThreshold }
    }
    meetings(from: $from, to: $to, first: 10) { nodes { title status quorate attendingAgencies } }
  }
}`;

describe('attendance and quorum', () => {
  let hub: TestHub;
  let f: Factories;
  beforeAll(async () => {
    hub = await startHub();
    f = factories(hub.ds);
  });
  afterAll(() => hub.close());

  /**
   * Worked by hand. Period 2024-01-01..2024-12-31, threshold 0.75, quorum: 2 agencies incl. POLICE.
   * Meetings: M1 02-01 HELD, M2 04-01 HELD, M3 06-01 CANCELLED, M4 08-01 HELD, plus one HELD in 2023 (outside).
   * Council (LA children): M1 PRESENT, M2 DEPUTY, M4 PRESENT           -> expected 3, attended 3, rate 1
   * Police: M1 PRESENT, M2 APOLOGIES, M4 no record (absent)            -> expected 3, attended 1, apologies 1, absent 1, rate 1/3, below
   * Health (joined 2024-03-15): M2 PRESENT, M4 ABSENT                   -> expected 2, attended 1, absent 1, rate 0.5, below
   * Observer (not expected): M1 PRESENT                                -> expected 0, rate null, not below
   * Overall: attended 3+1+1 = 5 over expected 3+3+2 = 8 -> 0.625.
   * Quorum: M1 council+police (2, police) quorate; M2 council+health (2, no police) not; M4 council only (1) not.
   */
  it('computes every agency figure, the overall rate and quorum as DOMAIN.md defines them', async () => {
    const board = await f.board({ quorumMinimum: 2, quorumSectors: [Sector.POLICE] });
    const council = await f.agency({ name: `Council ${board.id}`, sector: Sector.LOCAL_AUTHORITY_CHILDREN });
    const police = await f.agency({ name: `Police ${board.id}`, sector: Sector.POLICE });
    const health = await f.agency({ name: `Health ${board.id}`, sector: Sector.HEALTH_PROVIDER });
    const observer = await f.agency({ name: `Observer ${board.id}`, sector: Sector.OTHER });
    const b = { boardId: board.id };
    await f.membership(council.id, b, { role: MembershipRole.STATUTORY_PARTNER });
    await f.membership(police.id, b, { role: MembershipRole.STATUTORY_PARTNER });
    await f.membership(health.id, b, { startsOn: '2024-03-15' });
    await f.membership(observer.id, b, { role: MembershipRole.OBSERVER, expectedToAttend: false });
    const before = await f.meeting(b, '2023-12-01');
    await f.attendance(before.id, police.id, AttendanceStatus.ABSENT);
    const m1 = await f.meeting(b, '2024-02-01', MeetingStatus.HELD, { title: 'M1' });
    const m2 = await f.meeting(b, '2024-04-01', MeetingStatus.HELD, { title: 'M2' });
    await f.meeting(b, '2024-06-01', MeetingStatus.CANCELLED, { title: 'M3' });
    const m4 = await f.meeting(b, '2024-08-01', MeetingStatus.HELD, { title: 'M4' });
    await f.attendance(m1.id, council.id, AttendanceStatus.PRESENT);
    await f.attendance(m1.id, police.id, AttendanceStatus.PRESENT);
    await f.attendance(m1.id, observer.id, AttendanceStatus.PRESENT);
    await f.attendance(m2.id, council.id, AttendanceStatus.DEPUTY, 'Deputy Head');
    await f.attendance(m2.id, police.id, AttendanceStatus.APOLOGIES);
    await f.attendance(m2.id, health.id, AttendanceStatus.PRESENT);
    await f.attendance(m4.id, council.id, AttendanceStatus.PRESENT);
    await f.attendance(m4.id, health.id, AttendanceStatus.ABSENT);
    const { token } = await signedIn(hub, f, UserRole.VIEWER, { boardIds: [board.id] });

    const res = await hub.gql(ATTENDANCE, { id: board.id, from: '2024-01-01', to: '2024-12-31' }, token);
    expect(res.errors).toBeUndefined();
    const a = res.data.board.attendance;
    expect(a.meetingsHeld).toBe(3);
    expect(a.quorateMeetings).toBe(1);
    expect(a.overallRate).toBeCloseTo(5 / 8, 10);
    const row = (name: string) => a.byAgency.find((r: any) => r.agency.name === name);
    expect(row(council.name)).toEqual({ agency: { name: council.name }, expected: 3, attended: 3, apologies: 0, absent: 0, rate: 1, belowThreshold: false });
    expect(row(police.name)).toMatchObject({ expected: 3, attended: 1, apologies: 1, absent: 1, belowThreshold: true });
    expect(row(police.name).rate).toBeCloseTo(1 / 3, 10);
    expect(row(health.name)).toMatchObject({ expected: 2, attended: 1, apologies: 0, absent: 1, rate: 0.5, belowThreshold: true });
    expect(row(observer.name)).toMatchObject({ expected: 0, attended: 0, rate: null, belowThreshold: false });
    const meetings = Object.fromEntries(res.data.board.meetings.nodes.map((m: any) => [m.title, m]));
    expect(meetings.M1).toMatchObject({ quorate: true, attendingAgencies: 2 });
    expect(meetings.M2).toMatchObject({ quorate: false, attendingAgencies: 2 });
    expect(meetings.M3).toMatchObject({ status: 'CANCELLED', quorate: null });
    expect(meetings.M4).toMatchObject({ quorate: false, attendingAgencies: 1 });
  });

  it('computes a sub-group over its own members and threshold, and ends memberships as history', async () => {
    const board = await f.board();
    const sg = await f.subGroup([board.id], { attendanceThreshold: 0.5, quorumMinimum: 1 });
    const a1 = await f.agency();
    const a2 = await f.agency();
    await f.membership(a1.id, { subGroupId: sg.id });
    // Left after the first meeting: expected once only.
    await f.membership(a2.id, { subGroupId: sg.id }, { endsOn: '2024-03-31' });
    const m1 = await f.meeting({ subGroupId: sg.id }, '2024-03-01');
    const m2 = await f.meeting({ subGroupId: sg.id }, '2024-05-01');
    await f.attendance(m1.id, a1.id, AttendanceStatus.APOLOGIES);
    await f.attendance(m1.id, a2.id, AttendanceStatus.PRESENT);
    await f.attendance(m2.id, a1.id, AttendanceStatus.PRESENT);
    const { token } = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    const res = await hub.gql(
      `query($id: ID!) { subGroup(id: $id) {
        boards { id }
        members { agency { id } }
        history: members(includeEnded: true) { agency { id } endsOn }
        attendance(from: "2024-01-01", to: "2024-12-31") { meetingsHeld quorateMeetings overallRate byAgency { agency { id } expected attended rate belowThreshold } }
      } }`,
      { id: sg.id },
      token,
    );
    expect(res.errors).toBeUndefined();
    const s = res.data.subGroup;
    expect(s.boards).toEqual([{ id: board.id }]);
    expect(s.members).toEqual([{ agency: { id: a1.id } }]);
    expect(s.history).toHaveLength(2);
    expect(s.attendance).toMatchObject({ meetingsHeld: 2, quorateMeetings: 2 });
    expect(s.attendance.overallRate).toBeCloseTo(2 / 3, 10);
    const byId = Object.fromEntries(s.attendance.byAgency.map((r: any) => [r.agency.id, r]));
    expect(byId[a1.id]).toMatchObject({ expected: 2, attended: 1, rate: 0.5, belowThreshold: false });
    expect(byId[a2.id]).toMatchObject({ expected: 1, attended: 1, rate: 1, belowThreshold: false });
  });

  it('rejects a period that ends before it starts', async () => {
    const board = await f.board();
    const { token } = await signedIn(hub, f, UserRole.ADMIN);
    const res = await hub.gql(ATTENDANCE, { id: board.id, from: '2024-12-31', to: '2024-01-01' }, token);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});
