import { MembershipRole, UserRole } from '../src/common/enums';
import { Factories, factories, signedIn } from './helpers/factories';
import { codeOf, startHub, TestHub } from './helpers/hub';

describe('access across two boards', () => {
  let hub: TestHub;
  let f: Factories;
  let boardA: { id: string };
  let boardB: { id: string };
  let sgB: { id: string };
  let agencyOnA: { id: string };
  let agencyOnB: { id: string };
  let meetingB: { id: string };

  beforeAll(async () => {
    hub = await startHub();
    f = factories(hub.ds);
    boardA = await f.board();
    boardB = await f.board();
    sgB = await f.subGroup([boardB.id]);
    agencyOnA = await f.agency();
    agencyOnB = await f.agency();
    await f.membership(agencyOnA.id, { boardId: boardA.id });
    await f.membership(agencyOnB.id, { boardId: boardB.id });
    // agencyOnA also sits on a sub-group of board B, so it reaches B through the sub-group.
    await f.membership(agencyOnA.id, { subGroupId: sgB.id }, { role: MembershipRole.PARTNER });
    meetingB = await f.meeting({ boardId: boardB.id }, '2024-05-01');
  });
  afterAll(() => hub.close());

  it('refuses anonymous and malformed credentials with UNAUTHENTICATED', async () => {
    expect(codeOf(await hub.gql(`{ boards { id } }`))).toBe('UNAUTHENTICATED');
    const bad = await hub.gql(`{ boards { id } }`, {}, 'not-a-token');
    expect(codeOf(bad)).toBe('UNAUTHENTICATED');
    expect(bad.status).toBe(401);
  });

  it("keeps a coordinator of board A out of board B's members, meetings, attendance and sub-groups", async () => {
    const { token } = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [boardA.id] });
    const list = await hub.gql(`{ boards { id } }`, {}, token);
    expect(list.data.boards.map((b: any) => b.id)).toEqual([boardA.id]);
    for (const q of [
      `query($id: ID!) { board(id: $id) { members { id } } }`,
      `query($id: ID!) { board(id: $id) { meetings { nodes { id } } } }`,
      `query($id: ID!) { board(id: $id) { attendance(from: "2024-01-01", to: "2024-12-31") { overallRate } } }`,
    ]) {
      const res = await hub.gql(q, { id: boardB.id }, token);
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(res.data?.board ?? null).toBeNull();
    }
    expect(codeOf(await hub.gql(`query($id: ID!) { subGroup(id: $id) { id } }`, { id: sgB.id }, token))).toBe('FORBIDDEN');
    expect(codeOf(await hub.gql(`query($id: ID!) { meeting(id: $id) { id } }`, { id: meetingB.id }, token))).toBe('FORBIDDEN');
    // The agency directory is shared, but an agency's seats on other boards are not.
    const seats = await hub.gql(`query($id: ID!) { agency(id: $id) { memberships { boardId } } }`, { id: agencyOnB.id }, token);
    expect(seats.data.agency.memberships).toEqual([]);
  });

  it('lets an agency user see the boards its agency sits on, and of a board where it holds only a sub-group seat, that sub-group alone', async () => {
    const { token } = await signedIn(hub, f, UserRole.AGENCY_USER, { agencyId: agencyOnA.id });
    const list = await hub.gql(`{ boards { id } }`, {}, token);
    expect(list.data.boards.map((b: any) => b.id)).toEqual([boardA.id]);
    const sg = await hub.gql(`query($id: ID!) { subGroup(id: $id) { id boards { id } members { agency { id } } } }`, { id: sgB.id }, token);
    expect(sg.data.subGroup).toEqual({ id: sgB.id, boards: [], members: [{ agency: { id: agencyOnA.id } }] });
    expect(codeOf(await hub.gql(`query($id: ID!) { board(id: $id) { id } }`, { id: boardB.id }, token))).toBe('FORBIDDEN');
    expect(codeOf(await hub.gql(`query($id: ID!) { meeting(id: $id) { id } }`, { id: meetingB.id }, token))).toBe('FORBIDDEN');
    const other = await f.board();
    expect(codeOf(await hub.gql(`query($id: ID!) { board(id: $id) { id } }`, { id: other.id }, token))).toBe('FORBIDDEN');
    // ...and changes nothing on them.
    const res = await hub.gql(`mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }`, { i: { boardId: boardA.id, title: 'Board', date: '2030-01-01' } }, token);
    expect(codeOf(res)).toBe('FORBIDDEN');
  });

  it('lets a viewer read its board and change nothing', async () => {
    const { token } = await signedIn(hub, f, UserRole.VIEWER, { boardIds: [boardA.id] });
    expect((await hub.gql(`query($id: ID!) { board(id: $id) { id } }`, { id: boardA.id }, token)).data.board.id).toBe(boardA.id);
    const res = await hub.gql(`mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }`, { i: { boardId: boardA.id, title: 'Board', date: '2030-01-01' } }, token);
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(codeOf(await hub.gql(`{ auditLog { nodes { id } } }`, {}, token))).toBe('FORBIDDEN');
  });

  it('shows coordinators the audit log of their boards only, and admins all of it', async () => {
    const coordA = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [boardA.id] });
    const coordB = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [boardB.id] });
    const admin = await signedIn(hub, f, UserRole.ADMIN);
    const made = await hub.gql(
      `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }`,
      { i: { boardId: boardA.id, title: 'Audit me', date: '2030-02-01' } },
      coordA.token,
    );
    const id = made.data.scheduleMeeting.id;
    const q = `query($e: ID) { auditLog(entityId: $e) { nodes { operation entityId userId boardIds input } } }`;
    const forA = await hub.gql(q, { e: id }, coordA.token);
    expect(forA.data.auditLog.nodes).toEqual([
      { operation: 'scheduleMeeting', entityId: id, userId: coordA.user.id, boardIds: [boardA.id], input: { boardId: boardA.id, title: 'Audit me', date: '2030-02-01' } },
    ]);
    expect((await hub.gql(q, { e: id }, coordB.token)).data.auditLog.nodes).toEqual([]);
    expect((await hub.gql(q, { e: id }, admin.token)).data.auditLog.nodes).toHaveLength(1);
    // Rows cannot be changed or removed, even by the database owner.
    await expect(hub.ds.query(`UPDATE audit_log_entry SET operation = 'x' WHERE entity_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(hub.ds.query(`DELETE FROM audit_log_entry WHERE entity_id = $1`, [id])).rejects.toThrow(/append-only/);
  });

  it('signs in with email and password, and refuses a wrong password', async () => {
    const user = await f.user(UserRole.VIEWER, { boardIds: [boardA.id] });
    const ok = await hub.gql(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token expiresAt userId } }`, { e: user.email.toUpperCase(), p: 'correct-horse-battery' });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.signIn.userId).toBe(user.id);
    expect(new Date(ok.data.signIn.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = await hub.gql(`{ me { email role boards { id } } }`, {}, ok.data.signIn.token);
    expect(me.data.me).toEqual({ email: user.email, role: 'VIEWER', boards: [{ id: boardA.id }] });
    const wrong = await hub.gql(`mutation { signIn(email: "${user.email}", password: "wrong-password") { token } }`);
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    const nobody = await hub.gql(`mutation { signIn(email: "nobody@nowhere.test", password: "wrong-password") { token } }`);
    expect(codeOf(nobody)).toBe('UNAUTHENTICATED');
  });
});
