import { AttendanceStatus, MeetingStatus, UserRole } from '../src/common/enums';
import { countRows, Factories, factories, signedIn } from './helpers/factories';
import { GqlResult, startHub, TestHub } from './helpers/hub';

/** Every table a foundation mutation may write, plus the audit log: a rejected mutation changes none. */
const TABLES = ['board', 'sub_group', 'sub_group_board', 'agency', 'membership', 'meeting', 'attendance', 'app_user', 'user_board', 'audit_log_entry'];

describe('foundation mutations', () => {
  let hub: TestHub;
  let f: Factories;
  let board: { id: string };
  let otherBoard: { id: string };
  let coordinator: { token: string };
  let admin: { token: string };

  beforeAll(async () => {
    hub = await startHub();
    f = factories(hub.ds);
    board = await f.board();
    otherBoard = await f.board();
    coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    admin = await signedIn(hub, f, UserRole.ADMIN);
  });
  afterAll(() => hub.close());

  async function snapshot(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = await countRows(hub.ds, t);
    return out;
  }

  /** Runs a mutation that must fail with the code (and field), and proves nothing was written. */
  async function rejects(query: string, variables: Record<string, unknown>, token: string, code: string, field?: string): Promise<GqlResult> {
    const before = await snapshot();
    const res = await hub.gql(query, variables, token);
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    if (field) expect(res.errors?.[0]?.extensions?.field).toBe(field);
    expect(await snapshot()).toEqual(before);
    return res;
  }

  const CREATE_BOARD = `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id name attendanceThreshold quorumMinimum } }`;
  it('createBoard: creates, makes its coordinator its coordinator, and refuses bad input', async () => {
    const ok = await hub.gql(CREATE_BOARD, { i: { name: `Testborough SCB ${Date.now()}`, kind: 'CHILDREN', area: 'Testborough' } }, coordinator.token);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.createBoard).toMatchObject({ attendanceThreshold: 0.75, quorumMinimum: 1 });
    const read = await hub.gql(`query($id: ID!) { board(id: $id) { id } }`, { id: ok.data.createBoard.id }, coordinator.token);
    expect(read.data.board.id).toBe(ok.data.createBoard.id);
    await rejects(CREATE_BOARD, { i: { name: '   ', kind: 'CHILDREN', area: 'X area' } }, admin.token, 'BAD_USER_INPUT', 'name');
    await rejects(CREATE_BOARD, { i: { name: 'Valid name', kind: 'CHILDREN', area: 'X area', attendanceThreshold: 1.5 } }, admin.token, 'BAD_USER_INPUT', 'attendanceThreshold');
    await rejects(CREATE_BOARD, { i: { name: 'Valid name', kind: 'PETS', area: 'X area' } }, admin.token, 'BAD_USER_INPUT');
    await rejects(CREATE_BOARD, { i: { name: ok.data.createBoard.name, kind: 'CHILDREN', area: 'X area' } }, admin.token, 'CONFLICT');
    const viewer = await signedIn(hub, f, UserRole.VIEWER, { boardIds: [board.id] });
    await rejects(CREATE_BOARD, { i: { name: 'Valid name', kind: 'CHILDREN', area: 'X area' } }, viewer.token, 'FORBIDDEN');
  });

  const CREATE_SUB_GROUP = `mutation($i: CreateSubGroupInput!) { createSubGroup(input: $i) { id quorumMinimum boards { id } } }`;
  it('createSubGroup: serves two boards when their coordinator asks, and refuses bad input', async () => {
    const both = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id, otherBoard.id] });
    const ok = await hub.gql(CREATE_SUB_GROUP, { i: { boardIds: [board.id, otherBoard.id], name: 'Joint Training Group' } }, both.token);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.createSubGroup.boards.map((b: any) => b.id).sort()).toEqual([board.id, otherBoard.id].sort());
    await rejects(CREATE_SUB_GROUP, { i: { boardIds: [], name: 'Group' } }, admin.token, 'BAD_USER_INPUT', 'boardIds');
    await rejects(CREATE_SUB_GROUP, { i: { boardIds: ['00000000-0000-4000-8000-000000000000'], name: 'Group' } }, admin.token, 'BAD_USER_INPUT', 'boardIds');
    await rejects(CREATE_SUB_GROUP, { i: { boardIds: [board.id, otherBoard.id], name: 'Group' } }, coordinator.token, 'FORBIDDEN');
    await rejects(CREATE_SUB_GROUP, { i: { boardIds: [board.id], name: 'G' } }, coordinator.token, 'BAD_USER_INPUT', 'name');
  });

  const CREATE_AGENCY = `mutation($i: CreateAgencyInput!) { createAgency(input: $i) { id name sector } }`;
  it('createAgency: creates, refuses duplicates and bad sectors', async () => {
    const name = `Testshire Police ${Date.now()}`;
    const ok = await hub.gql(CREATE_AGENCY, { i: { name, sector: 'POLICE' } }, coordinator.token);
    expect(ok.data.createAgency).toMatchObject({ name, sector: 'POLICE' });
    await rejects(CREATE_AGENCY, { i: { name: name.toUpperCase(), sector: 'POLICE' } }, coordinator.token, 'CONFLICT');
    await rejects(CREATE_AGENCY, { i: { name: 'Another agency', sector: 'SPACE_AGENCY' } }, coordinator.token, 'BAD_USER_INPUT');
    await rejects(CREATE_AGENCY, { i: { name: '', sector: 'POLICE' } }, coordinator.token, 'BAD_USER_INPUT', 'name');
    const agencyUser = await signedIn(hub, f, UserRole.AGENCY_USER, { agencyId: ok.data.createAgency.id });
    await rejects(CREATE_AGENCY, { i: { name: 'Another agency', sector: 'POLICE' } }, agencyUser.token, 'FORBIDDEN');
  });

  const ADD = `mutation($i: AddMembershipInput!) { addMembership(input: $i) { id role expectedToAttend startsOn endsOn } }`;
  const END = `mutation($i: EndMembershipInput!) { endMembership(input: $i) { id endsOn } }`;
  it('addMembership and endMembership: keep history, refuse overlaps and bad dates', async () => {
    const agency = await f.agency();
    const adviser = await f.agency();
    const ok = await hub.gql(ADD, { i: { agencyId: agency.id, boardId: board.id, role: 'STATUTORY_PARTNER', startsOn: '2024-01-01', representative: 'Jo Bloggs', deputy: 'Sam Smith' } }, coordinator.token);
    expect(ok.data.addMembership).toMatchObject({ role: 'STATUTORY_PARTNER', expectedToAttend: true, endsOn: null });
    const adv = await hub.gql(ADD, { i: { agencyId: adviser.id, boardId: board.id, role: 'ADVISER', startsOn: '2024-01-01' } }, coordinator.token);
    expect(adv.data.addMembership.expectedToAttend).toBe(false);
    const id = ok.data.addMembership.id;
    await rejects(ADD, { i: { agencyId: agency.id, boardId: board.id, role: 'PARTNER', startsOn: '2024-06-01' } }, coordinator.token, 'CONFLICT');
    await rejects(ADD, { i: { agencyId: agency.id, role: 'PARTNER', startsOn: '2024-06-01' } }, coordinator.token, 'BAD_USER_INPUT', 'boardId');
    await rejects(ADD, { i: { agencyId: '00000000-0000-4000-8000-000000000000', boardId: board.id, role: 'PARTNER', startsOn: '2024-06-01' } }, coordinator.token, 'BAD_USER_INPUT', 'agencyId');
    await rejects(ADD, { i: { agencyId: agency.id, boardId: board.id, role: 'PARTNER', startsOn: '2024-02-30' } }, coordinator.token, 'BAD_USER_INPUT');
    await rejects(ADD, { i: { agencyId: agency.id, boardId: otherBoard.id, role: 'PARTNER', startsOn: '2024-06-01' } }, coordinator.token, 'FORBIDDEN');
    await rejects(END, { i: { membershipId: id, endsOn: '2023-12-31' } }, coordinator.token, 'BAD_USER_INPUT', 'endsOn');
    const ended = await hub.gql(END, { i: { membershipId: id, endsOn: '2024-06-30' } }, coordinator.token);
    expect(ended.data.endMembership.endsOn).toBe('2024-06-30');
    await rejects(END, { i: { membershipId: id, endsOn: '2024-07-31' } }, coordinator.token, 'CONFLICT');
    await rejects(END, { i: { membershipId: '00000000-0000-4000-8000-000000000000', endsOn: '2024-07-31' } }, coordinator.token, 'NOT_FOUND');
    // Re-joining after the seat ended is allowed, and both seats stay as history.
    const again = await hub.gql(ADD, { i: { agencyId: agency.id, boardId: board.id, role: 'PARTNER', startsOn: '2024-09-01' } }, coordinator.token);
    expect(again.errors).toBeUndefined();
    const hist = await hub.gql(`query($id: ID!) { agency(id: $id) { memberships { startsOn endsOn } } }`, { id: agency.id }, coordinator.token);
    expect(hist.data.agency.memberships).toEqual([{ startsOn: '2024-01-01', endsOn: '2024-06-30' }, { startsOn: '2024-09-01', endsOn: null }]);
  });

  const SCHEDULE = `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id status } }`;
  const RECORD = `mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { id status attendance { agency { id } status attendeeName } } }`;
  const CANCEL = `mutation($i: CancelMeetingInput!) { cancelMeeting(input: $i) { id status cancellationReason } }`;
  it('scheduleMeeting, recordAttendance and cancelMeeting: follow the meeting lifecycle and refuse bad input', async () => {
    const member = await f.agency();
    const outsider = await f.agency();
    await f.membership(member.id, { boardId: board.id }, { startsOn: '2024-01-01' });
    const scheduled = await hub.gql(SCHEDULE, { i: { boardId: board.id, title: 'Board meeting', date: '2024-03-01' } }, coordinator.token);
    expect(scheduled.data.scheduleMeeting.status).toBe('SCHEDULED');
    const meetingId = scheduled.data.scheduleMeeting.id;
    await rejects(SCHEDULE, { i: { title: 'Board meeting', date: '2024-03-01' } }, coordinator.token, 'BAD_USER_INPUT', 'boardId');
    await rejects(SCHEDULE, { i: { boardId: board.id, title: 'Board meeting', date: '01/03/2024' } }, coordinator.token, 'BAD_USER_INPUT');
    await rejects(RECORD, { i: { meetingId, records: [{ agencyId: outsider.id, status: 'PRESENT' }] } }, coordinator.token, 'BAD_USER_INPUT', 'records.0.agencyId');
    await rejects(RECORD, { i: { meetingId, records: [{ agencyId: member.id, status: 'PRESENT' }, { agencyId: member.id, status: 'ABSENT' }] } }, coordinator.token, 'BAD_USER_INPUT', 'records.1.agencyId');
    await rejects(RECORD, { i: { meetingId, records: [] } }, coordinator.token, 'BAD_USER_INPUT', 'records');
    await rejects(RECORD, { i: { meetingId, records: [{ agencyId: member.id, status: 'LATE' }] } }, coordinator.token, 'BAD_USER_INPUT');
    const held = await hub.gql(RECORD, { i: { meetingId, records: [{ agencyId: member.id, status: 'DEPUTY', attendeeName: 'Sam Smith' }] } }, coordinator.token);
    expect(held.data.recordAttendance).toMatchObject({ status: 'HELD', attendance: [{ agency: { id: member.id }, status: 'DEPUTY', attendeeName: 'Sam Smith' }] });
    // Correcting the register replaces the agency's record rather than adding a second one.
    const corrected = await hub.gql(RECORD, { i: { meetingId, records: [{ agencyId: member.id, status: 'PRESENT' }] } }, coordinator.token);
    expect(corrected.data.recordAttendance.attendance).toEqual([{ agency: { id: member.id }, status: 'PRESENT', attendeeName: null }]);
    await rejects(CANCEL, { i: { meetingId } }, coordinator.token, 'CONFLICT');
    const future = await f.meeting({ boardId: board.id }, '2099-01-01', MeetingStatus.SCHEDULED);
    await rejects(RECORD, { i: { meetingId: future.id, records: [{ agencyId: member.id, status: 'PRESENT' }] } }, coordinator.token, 'CONFLICT');
    const cancelled = await hub.gql(CANCEL, { i: { meetingId: future.id, reason: 'Chair unavailable' } }, coordinator.token);
    expect(cancelled.data.cancelMeeting).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Chair unavailable' });
    await rejects(CANCEL, { i: { meetingId: future.id } }, coordinator.token, 'CONFLICT');
    const past = await f.meeting({ boardId: board.id }, '2024-04-01', MeetingStatus.CANCELLED);
    await rejects(RECORD, { i: { meetingId: past.id, records: [{ agencyId: member.id, status: AttendanceStatus.PRESENT }] } }, coordinator.token, 'CONFLICT');
    await rejects(CANCEL, { i: { meetingId: '00000000-0000-4000-8000-000000000000' } }, coordinator.token, 'NOT_FOUND');
  });

  const CREATE_USER = `mutation($i: CreateUserInput!) { createUser(input: $i) { id email role agency { id } boards { id } } }`;
  it('createUser: admins create anyone, coordinators only within their boards; bad input writes nothing', async () => {
    const agency = await f.agency();
    await f.membership(agency.id, { boardId: board.id });
    const email = `lead-${Date.now()}@agency.test`;
    const ok = await hub.gql(CREATE_USER, { i: { email, name: 'Agency Lead', password: 'long-enough-pw', role: 'AGENCY_USER', agencyId: agency.id } }, coordinator.token);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.createUser).toMatchObject({ email, role: 'AGENCY_USER', agency: { id: agency.id } });
    const signIn = await hub.gql(`mutation { signIn(email: "${email}", password: "long-enough-pw") { token } }`);
    expect(signIn.data.signIn.token).toBeTruthy();
    const base = { name: 'Someone', password: 'long-enough-pw' };
    await rejects(CREATE_USER, { i: { ...base, email, role: 'VIEWER', boardIds: [board.id] } }, coordinator.token, 'CONFLICT');
    await rejects(CREATE_USER, { i: { ...base, email: 'not-an-email', role: 'VIEWER', boardIds: [board.id] } }, coordinator.token, 'BAD_USER_INPUT', 'email');
    await rejects(CREATE_USER, { i: { ...base, email: 'a@b.test', password: 'short', role: 'VIEWER', boardIds: [board.id] } }, coordinator.token, 'BAD_USER_INPUT', 'password');
    await rejects(CREATE_USER, { i: { ...base, email: 'a@b.test', role: 'AGENCY_USER' } }, coordinator.token, 'BAD_USER_INPUT', 'agencyId');
    await rejects(CREATE_USER, { i: { ...base, email: 'a@b.test', role: 'VIEWER' } }, coordinator.token, 'BAD_USER_INPUT', 'boardIds');
    await rejects(CREATE_USER, { i: { ...base, email: 'a@b.test', role: 'ADMIN' } }, coordinator.token, 'FORBIDDEN');
    await rejects(CREATE_USER, { i: { ...base, email: 'a@b.test', role: 'VIEWER', boardIds: [otherBoard.id] } }, coordinator.token, 'FORBIDDEN');
    const elsewhere = await f.agency();
    await rejects(CREATE_USER, { i: { ...base, email: 'a@b.test', role: 'AGENCY_USER', agencyId: elsewhere.id } }, coordinator.token, 'FORBIDDEN');
    const byAdmin = await hub.gql(CREATE_USER, { i: { ...base, email: `viewer-${Date.now()}@x.test`, role: 'VIEWER', boardIds: [otherBoard.id] } }, admin.token);
    expect(byAdmin.data.createUser.boards).toEqual([{ id: otherBoard.id }]);
  });

  it('pages the agency directory with a cursor and caps the page size at 100', async () => {
    const prefix = `Paged ${Date.now()}`;
    for (const n of ['C', 'A', 'B']) await f.agency({ name: `${prefix} ${n}` });
    const q = `query($s: String, $first: Int, $after: String) { agencies(search: $s, first: $first, after: $after) { nodes { name } pageInfo { hasNextPage endCursor } } }`;
    const p1 = await hub.gql(q, { s: prefix, first: 2 }, coordinator.token);
    expect(p1.data.agencies.nodes.map((a: any) => a.name)).toEqual([`${prefix} A`, `${prefix} B`]);
    expect(p1.data.agencies.pageInfo.hasNextPage).toBe(true);
    const p2 = await hub.gql(q, { s: prefix, first: 2, after: p1.data.agencies.pageInfo.endCursor }, coordinator.token);
    expect(p2.data.agencies.nodes.map((a: any) => a.name)).toEqual([`${prefix} C`]);
    expect(p2.data.agencies.pageInfo.hasNextPage).toBe(false);
    const tooMany = await hub.gql(q, { s: prefix, first: 101 }, coordinator.token);
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await hub.gql(q, { s: prefix, first: 2, after: 'garbage' }, coordinator.token);
    expect(badCursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
