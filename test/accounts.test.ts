import { migrations } from '../migrations';
import jwt from 'jsonwebtoken';
import { TestClock } from '../src/common/clock';
import { loadConfig } from '../src/config/env';
import { MembershipRole, UserRole } from '../src/common/enums';
import { Factories, factories, TEST_PASSWORD } from './helpers/factories';
import { codeOf, GqlResult, startHub, TEST_SECRET, TestHub } from './helpers/hub';
import { rejecter } from './helpers/rejects';

const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token expiresAt userId } }`;
const USERS = `query($first: Int, $after: String, $role: UserRole, $active: Boolean, $search: String) {
  users(first: $first, after: $after, role: $role, active: $active, search: $search) { nodes { id email } pageInfo { hasNextPage endCursor } } }`;
const DEACTIVATE = `mutation($id: ID!) { deactivateUser(id: $id) { id active deactivatedAt } }`;
const REACTIVATE = `mutation($id: ID!) { reactivateUser(id: $id) { id active deactivatedAt } }`;
const CHANGE_PASSWORD = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token userId } }`;
const RESET_PASSWORD = `mutation($u: ID!, $n: String!) { resetPassword(userId: $u, newPassword: $n) { id } }`;
const ME = `{ me { id active } }`;

type User = { id: string; email: string };

/** A tag in every email of this file's users, so an admin's list can be narrowed to them exactly. */
const TAG = `acct${process.pid}${Math.random().toString(36).slice(2, 6)}`;
let seq = 0;
const email = (what: string) => `${what}-${TAG}-${++seq}@test.hub`;
const ids = (res: GqlResult) => (res.data?.users?.nodes ?? []).map((u: User) => u.id).sort();
const sorted = (...users: User[]) => users.map((u) => u.id).sort();

describe('accounts', () => {
  let hub: TestHub;
  let f: Factories;
  let signIn: (e: string, p?: string, bearer?: string) => Promise<GqlResult>;
  let tokenOf: (u: User) => Promise<string>;
  let boardA: { id: string };
  let boardB: { id: string };
  let admin: User, coordA: User, coordB: User, coordAB: User, viewerA: User, viewerB: User;
  let onA: User, viaSubGroup: User, endedSeat: User, futureSeat: User, onB: User;

  beforeAll(async () => {
    hub = await startHub();
    f = factories(hub.ds);
    signIn = (e, p = TEST_PASSWORD, bearer) => hub.gql(SIGN_IN, { e, p }, bearer);
    tokenOf = async (u) => {
      const res = await signIn(u.email);
      expect(res.errors).toBeUndefined();
      return res.data.signIn.token;
    };
    boardA = await f.board();
    boardB = await f.board();
    const sgA = await f.subGroup([boardA.id]);
    const agencyA = await f.agency();
    const agencySub = await f.agency();
    const agencyEnded = await f.agency();
    const agencyFuture = await f.agency();
    const agencyB = await f.agency();
    await f.membership(agencyA.id, { boardId: boardA.id });
    await f.membership(agencySub.id, { subGroupId: sgA.id }, { role: MembershipRole.ADVISER });
    await f.membership(agencyEnded.id, { boardId: boardA.id }, { startsOn: '2019-01-01', endsOn: '2021-03-31' });
    await f.membership(agencyFuture.id, { boardId: boardA.id }, { startsOn: '2099-01-01' });
    await f.membership(agencyB.id, { boardId: boardB.id });
    const u = (role: UserRole, what: string, o: { boardIds?: string[]; agencyId?: string } = {}) => f.user(role, { ...o, email: email(what) });
    admin = await u(UserRole.ADMIN, 'admin');
    coordA = await u(UserRole.COORDINATOR, 'coord-a', { boardIds: [boardA.id] });
    coordB = await u(UserRole.COORDINATOR, 'coord-b', { boardIds: [boardB.id] });
    coordAB = await u(UserRole.COORDINATOR, 'coord-ab', { boardIds: [boardA.id, boardB.id] });
    viewerA = await u(UserRole.VIEWER, 'viewer-a', { boardIds: [boardA.id] });
    viewerB = await u(UserRole.VIEWER, 'viewer-b', { boardIds: [boardB.id] });
    onA = await u(UserRole.AGENCY_USER, 'agency-a', { agencyId: agencyA.id });
    viaSubGroup = await u(UserRole.AGENCY_USER, 'agency-sub', { agencyId: agencySub.id });
    endedSeat = await u(UserRole.AGENCY_USER, 'agency-ended', { agencyId: agencyEnded.id });
    futureSeat = await u(UserRole.AGENCY_USER, 'agency-future', { agencyId: agencyFuture.id });
    onB = await u(UserRole.AGENCY_USER, 'agency-b', { agencyId: agencyB.id });
  });
  afterAll(() => hub.close());

  describe('users', () => {
    it('lists every user to an admin, with role, active and search filters, paged without gaps', async () => {
      const token = hub.tokenFor(admin.id);
      const all = sorted(admin, coordA, coordB, coordAB, viewerA, viewerB, onA, viaSubGroup, endedSeat, futureSeat, onB);
      expect(ids(await hub.gql(USERS, { search: TAG }, token))).toEqual(all);
      expect(ids(await hub.gql(USERS, { search: TAG, role: 'COORDINATOR' }, token))).toEqual(sorted(coordA, coordB, coordAB));
      expect(ids(await hub.gql(USERS, { search: TAG, active: false }, token))).toEqual([]);
      // Pages of 4 cover the 11 users once each.
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const res: GqlResult = await hub.gql(USERS, { search: TAG, first: 4, after }, token);
        seen.push(...res.data.users.nodes.map((n: User) => n.id));
        if (!res.data.users.pageInfo.hasNextPage) break;
        after = res.data.users.pageInfo.endCursor;
      }
      expect(seen.sort()).toEqual(all);
    });

    it("lists to a coordinator exactly their boards' users: coordinators and viewers sharing a board, agency users seated today directly or through a sub-group", async () => {
      // Not: board B's coordinator, viewer and agency user; the agency whose seat ended; the one whose seat starts in 2099; the admin.
      expect(ids(await hub.gql(USERS, {}, hub.tokenFor(coordA.id)))).toEqual(sorted(coordA, coordAB, viewerA, onA, viaSubGroup));
      expect(ids(await hub.gql(USERS, {}, hub.tokenFor(coordB.id)))).toEqual(sorted(coordB, coordAB, viewerB, onB));
      expect(ids(await hub.gql(USERS, {}, hub.tokenFor(coordAB.id)))).toEqual(sorted(coordA, coordB, coordAB, viewerA, viewerB, onA, viaSubGroup, onB));
      expect(ids(await hub.gql(USERS, { role: 'AGENCY_USER' }, hub.tokenFor(coordA.id)))).toEqual(sorted(onA, viaSubGroup));
      // A colleague's boards show only where the reader works.
      const colleague = await hub.gql(`query($s: String) { users(search: $s) { nodes { boards { id } canManageBoardIds } } }`, { s: 'coord-ab' }, hub.tokenFor(coordA.id));
      expect(colleague.data.users.nodes).toEqual([{ boards: [{ id: boardA.id }], canManageBoardIds: [boardA.id] }]);
    });

    it('refuses viewers, agency users and anonymous callers', async () => {
      expect(codeOf(await hub.gql(USERS, {}, hub.tokenFor(viewerA.id)))).toBe('FORBIDDEN');
      expect(codeOf(await hub.gql(USERS, {}, hub.tokenFor(onA.id)))).toBe('FORBIDDEN');
      expect(codeOf(await hub.gql(USERS, {}))).toBe('UNAUTHENTICATED');
    });
  });

  describe('me', () => {
    it('shows whether the account is active, when it last signed in, its boards, its agency and the boards it can manage', async () => {
      const q = `{ me { id email role active lastSignInAt deactivatedAt boards { id } agency { id } canManageBoardIds } }`;
      const before = Date.now();
      const coordinator = await hub.gql(q, {}, await tokenOf(coordAB));
      expect(coordinator.data.me).toMatchObject({ id: coordAB.id, active: true, deactivatedAt: null, agency: null, canManageBoardIds: [boardA.id, boardB.id].sort() });
      expect(coordinator.data.me.boards.map((b: { id: string }) => b.id).sort()).toEqual([boardA.id, boardB.id].sort());
      expect(new Date(coordinator.data.me.lastSignInAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
      const agencyUser = await hub.gql(q, {}, hub.tokenFor(viaSubGroup.id));
      expect(agencyUser.data.me).toMatchObject({ role: 'AGENCY_USER', lastSignInAt: null, canManageBoardIds: [] });
      expect(agencyUser.data.me.agency).not.toBeNull();
      const viewer = await hub.gql(q, {}, hub.tokenFor(viewerA.id));
      expect(viewer.data.me).toMatchObject({ boards: [{ id: boardA.id }], canManageBoardIds: [] });
    });
  });

  describe('deactivate and reactivate', () => {
    it("ends a deactivated user's sessions at once and refuses their sign-in; reactivation lets them sign in again, old tokens stay dead", async () => {
      const user = await f.user(UserRole.AGENCY_USER, { agencyId: (await hub.ds.query(`SELECT agency_id FROM app_user WHERE id = $1`, [onA.id]))[0].agency_id, email: email('leaver') });
      const token = await tokenOf(user);
      expect((await hub.gql(ME, {}, token)).data.me).toEqual({ id: user.id, active: true });

      const off = await hub.gql(DEACTIVATE, { id: user.id }, hub.tokenFor(coordA.id));
      expect(off.errors).toBeUndefined();
      expect(off.data.deactivateUser).toMatchObject({ id: user.id, active: false });
      expect(off.data.deactivateUser.deactivatedAt).not.toBeNull();
      const refused = await hub.gql(ME, {}, token);
      expect([refused.status, codeOf(refused)]).toEqual([401, 'UNAUTHENTICATED']);
      expect(codeOf(await signIn(user.email))).toBe('UNAUTHENTICATED');
      expect(codeOf(await hub.gql(DEACTIVATE, { id: user.id }, hub.tokenFor(coordA.id)))).toBe('CONFLICT');
      expect(ids(await hub.gql(USERS, { active: false }, hub.tokenFor(coordA.id)))).toEqual([user.id]);

      const on = await hub.gql(REACTIVATE, { id: user.id }, hub.tokenFor(coordA.id));
      expect(on.data.reactivateUser).toEqual({ id: user.id, active: true, deactivatedAt: null });
      expect(codeOf(await hub.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
      expect((await hub.gql(ME, {}, await tokenOf(user))).data.me).toEqual({ id: user.id, active: true });

      const log = await hub.ds.query(`SELECT operation, user_id, board_ids FROM audit_log_entry WHERE entity_id = $1 AND operation LIKE '%activateUser' ORDER BY id`, [user.id]);
      expect(log).toEqual([
        { operation: 'deactivateUser', user_id: coordA.id, board_ids: [boardA.id] },
        { operation: 'reactivateUser', user_id: coordA.id, board_ids: [boardA.id] },
      ]);
    });

    it('lets a coordinator change only users of their boards, never an admin or themselves; viewers never; nothing is written', async () => {
      const rejects = rejecter(hub, ['app_user', 'sign_in_attempt']);
      const state = () => hub.ds.query(`SELECT id, active, token_version, updated_at FROM app_user WHERE id = ANY($1) ORDER BY id`, [[onB.id, admin.id, coordA.id, viewerB.id]]);
      const before = await state();
      const coordinator = hub.tokenFor(coordA.id);
      await rejects(DEACTIVATE, { id: onB.id }, coordinator, 'FORBIDDEN');
      await rejects(DEACTIVATE, { id: viewerB.id }, coordinator, 'FORBIDDEN');
      await rejects(DEACTIVATE, { id: admin.id }, coordinator, 'FORBIDDEN');
      await rejects(DEACTIVATE, { id: coordA.id }, coordinator, 'FORBIDDEN');
      await rejects(DEACTIVATE, { id: coordA.id }, hub.tokenFor(viewerA.id), 'FORBIDDEN');
      await rejects(DEACTIVATE, { id: onA.id }, hub.tokenFor(onA.id), 'FORBIDDEN');
      await rejects(DEACTIVATE, { id: admin.id }, hub.tokenFor(admin.id), 'FORBIDDEN');
      await rejects(DEACTIVATE, { id: '00000000-0000-4000-8000-000000000000' }, hub.tokenFor(admin.id), 'NOT_FOUND');
      expect(await state()).toEqual(before);
      // The admin may deactivate anyone else, an admin included.
      const other = await f.user(UserRole.ADMIN, { email: email('admin2') });
      expect((await hub.gql(DEACTIVATE, { id: other.id }, hub.tokenFor(admin.id))).data.deactivateUser.active).toBe(false);
    });
  });

  describe('passwords and sessions', () => {
    it('changes your own password only with the current one, ends your other sessions and returns a fresh token', async () => {
      const user = await f.user(UserRole.VIEWER, { boardIds: [boardA.id], email: email('changer') });
      const other = await tokenOf(user);
      const current = await tokenOf(user);
      const rejects = rejecter(hub, ['app_user']);
      await rejects(CHANGE_PASSWORD, { c: 'not-the-password', n: 'a-brand-new-passphrase' }, current, 'BAD_USER_INPUT', 'currentPassword');
      await rejects(CHANGE_PASSWORD, { c: TEST_PASSWORD, n: 'too-short' }, current, 'BAD_USER_INPUT', 'newPassword');
      await rejects(CHANGE_PASSWORD, { c: TEST_PASSWORD, n: TEST_PASSWORD }, current, 'BAD_USER_INPUT', 'newPassword');
      expect((await hub.gql(ME, {}, other)).data.me.id).toBe(user.id);

      const changed = await hub.gql(CHANGE_PASSWORD, { c: TEST_PASSWORD, n: 'a-brand-new-passphrase' }, current);
      expect(changed.errors).toBeUndefined();
      expect(codeOf(await hub.gql(ME, {}, other))).toBe('UNAUTHENTICATED');
      expect(codeOf(await hub.gql(ME, {}, current))).toBe('UNAUTHENTICATED');
      expect((await hub.gql(ME, {}, changed.data.changePassword.token)).data.me.id).toBe(user.id);
      expect(codeOf(await signIn(user.email))).toBe('UNAUTHENTICATED');
      expect((await signIn(user.email, 'a-brand-new-passphrase')).data.signIn.userId).toBe(user.id);
      expect(codeOf(await hub.gql(CHANGE_PASSWORD, { c: 'x', n: 'another-long-password' }))).toBe('UNAUTHENTICATED');
    });

    it('lets an admin reset a password, ending that user’s sessions; nobody else may', async () => {
      const user = await f.user(UserRole.COORDINATOR, { boardIds: [boardA.id], email: email('forgetful') });
      const token = await tokenOf(user);
      const rejects = rejecter(hub, ['app_user']);
      await rejects(RESET_PASSWORD, { u: user.id, n: 'reset-by-the-coordinator' }, hub.tokenFor(coordA.id), 'FORBIDDEN');
      await rejects(RESET_PASSWORD, { u: user.id, n: 'short' }, hub.tokenFor(admin.id), 'BAD_USER_INPUT', 'newPassword');
      await rejects(RESET_PASSWORD, { u: '00000000-0000-4000-8000-000000000000', n: 'reset-by-the-admin-1' }, hub.tokenFor(admin.id), 'NOT_FOUND');
      expect((await hub.gql(ME, {}, token)).data.me.id).toBe(user.id);

      const reset = await hub.gql(RESET_PASSWORD, { u: user.id, n: 'reset-by-the-admin-1' }, hub.tokenFor(admin.id));
      expect(reset.data.resetPassword.id).toBe(user.id);
      expect(codeOf(await hub.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
      expect(codeOf(await signIn(user.email))).toBe('UNAUTHENTICATED');
      expect((await signIn(user.email, 'reset-by-the-admin-1')).data.signIn.userId).toBe(user.id);
    });

    it('signs out everywhere: every earlier token stops working, a new sign-in works', async () => {
      const user = await f.user(UserRole.VIEWER, { boardIds: [boardB.id], email: email('everywhere') });
      const older = await tokenOf(user);
      const newer = await tokenOf(user);
      const out = await hub.gql(`mutation { signOutEverywhere }`, {}, newer);
      expect(out.data).toEqual({ signOutEverywhere: true });
      for (const t of [older, newer]) {
        const res = await hub.gql(ME, {}, t);
        expect([res.status, codeOf(res), res.errors?.[0].message]).toEqual([401, 'UNAUTHENTICATED', 'This session has ended: sign in again']);
      }
      expect((await hub.gql(ME, {}, await tokenOf(user))).data.me.id).toBe(user.id);
    });

    it('never writes a password or a hash to the audit log', async () => {
      const rows: { input: string }[] = await hub.ds.query(
        `SELECT input::text AS input FROM audit_log_entry WHERE operation IN ('signIn', 'changePassword', 'resetPassword', 'signOutEverywhere', 'createUser')`,
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const { input } of rows) {
        expect(input).not.toMatch(/\$2[aby]\$|correct-horse|brand-new-passphrase|reset-by-the-admin/);
      }
    });
  });

  describe('signIn with a stale bearer token', () => {
    it('signs in although the request carries an expired or invalid token; other operations refuse that token with 401', async () => {
      const expired = jwt.sign({}, TEST_SECRET, { subject: coordA.id, expiresIn: -60, algorithm: 'HS256' });
      for (const bearer of [expired, 'not-a-token', jwt.sign({}, 'another-secret-of-at-least-32-characters', { subject: coordA.id })]) {
        const res = await signIn(coordA.email, TEST_PASSWORD, bearer);
        expect(res.errors).toBeUndefined();
        expect(res.data.signIn.userId).toBe(coordA.id);
      }
      const stale = await hub.gql(ME, {}, expired);
      expect([stale.status, codeOf(stale), stale.errors?.[0].message]).toEqual([401, 'UNAUTHENTICATED', 'Token expired: sign in again']);
    });
  });
});

describe('sign-in throttling', () => {
  const clock = new TestClock();
  let hub: TestHub;
  let second: TestHub;
  let f: Factories;
  let n = 0;
  /** Addresses from the documentation range, one per test, given through X-Forwarded-For (TRUST_PROXY on). */
  const address = () => `198.51.100.${(process.pid % 200) + ++n}`;

  async function signInFrom(h: TestHub, from: string, e: string, p: string) {
    const res = await h.http().post('/graphql').set('content-type', 'application/json').set('x-forwarded-for', from).send({ query: SIGN_IN, variables: { e, p } });
    return { ...(res.body as GqlResult), status: res.status, retryAfter: res.headers['retry-after'] };
  }

  beforeAll(async () => {
    hub = await startHub({ clock, config: { trustProxy: true } });
    // A second hub process on the same database, with its own pool and services.
    second = await startHub({ clock, config: { trustProxy: true } });
    f = factories(hub.ds);
  });
  afterAll(async () => {
    await second.close();
    await hub.close();
  });

  it('refuses the 6th attempt within a minute even with the right password, and lifts after the window', async () => {
    const user = await f.user(UserRole.VIEWER, { email: email('guessed') });
    const from = address();
    for (let i = 0; i < 5; i++) {
      expect(codeOf(await signInFrom(hub, from, user.email, `wrong-password-${i}`))).toBe('UNAUTHENTICATED');
      clock.advance(2000);
    }
    // 10 s after the first failure: locked for the remaining 50 s, from any address.
    const locked = await signInFrom(hub, address(), user.email, TEST_PASSWORD);
    expect(codeOf(locked)).toBe('TOO_MANY_REQUESTS');
    expect(locked.errors?.[0].extensions?.retryAfterSeconds).toBe(50);
    expect([locked.status, locked.retryAfter]).toEqual([429, '50']);
    expect(locked.data).toBeNull();

    clock.advance(30_000);
    const still = await signInFrom(hub, from, user.email, TEST_PASSWORD);
    expect([codeOf(still), still.errors?.[0].extensions?.retryAfterSeconds]).toEqual(['TOO_MANY_REQUESTS', 20]);

    clock.advance(20_001);
    const ok = await signInFrom(hub, from, user.email, TEST_PASSWORD);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.signIn.userId).toBe(user.id);

    // Recorded with email, address, time and outcome; never the password.
    const rows = await hub.ds.query(`SELECT s.outcome, s.client_address, s.user_id, row_to_json(s)::text AS raw FROM sign_in_attempt s WHERE email = $1 ORDER BY at, id`, [user.email]);
    expect(rows.map((r: { outcome: string }) => r.outcome)).toEqual(['WRONG_PASSWORD', 'WRONG_PASSWORD', 'WRONG_PASSWORD', 'WRONG_PASSWORD', 'WRONG_PASSWORD', 'THROTTLED', 'THROTTLED', 'SUCCEEDED']);
    expect(rows[0]).toMatchObject({ client_address: from, user_id: user.id });
    for (const r of rows) expect(r.raw).not.toMatch(/wrong-password|correct-horse|\$2[aby]\$/);
  });

  it('a successful sign-in clears the failures before it', async () => {
    const user = await f.user(UserRole.VIEWER, { email: email('typo') });
    const from = address();
    for (let i = 0; i < 4; i++) expect(codeOf(await signInFrom(hub, from, user.email, 'typo-password'))).toBe('UNAUTHENTICATED');
    expect((await signInFrom(hub, from, user.email, TEST_PASSWORD)).errors).toBeUndefined();
    for (let i = 0; i < 4; i++) expect(codeOf(await signInFrom(hub, from, user.email, 'typo-password'))).toBe('UNAUTHENTICATED');
    expect((await signInFrom(hub, from, user.email, TEST_PASSWORD)).errors).toBeUndefined();
    clock.advance(61_000);
  });

  it('limits one address across many emails (20 failures a minute), while other addresses sign in', async () => {
    const user = await f.user(UserRole.VIEWER, { email: email('bystander') });
    const from = address();
    for (let i = 0; i < 20; i++) {
      expect(codeOf(await signInFrom(hub, from, `nobody-${i}-${TAG}@test.hub`, 'guess-password'))).toBe('UNAUTHENTICATED');
    }
    const locked = await signInFrom(hub, from, user.email, TEST_PASSWORD);
    expect([locked.status, codeOf(locked), locked.errors?.[0].extensions?.retryAfterSeconds]).toEqual([429, 'TOO_MANY_REQUESTS', 60]);
    expect((await signInFrom(hub, address(), user.email, TEST_PASSWORD)).data.signIn.userId).toBe(user.id);
    clock.advance(60_001);
    expect((await signInFrom(hub, from, user.email, TEST_PASSWORD)).data.signIn.userId).toBe(user.id);
  });

  it('shares the counters between hub processes on one database', async () => {
    const user = await f.user(UserRole.VIEWER, { email: email('shared') });
    const from = address();
    for (let i = 0; i < 5; i++) {
      const h = i % 2 ? second : hub;
      expect(codeOf(await signInFrom(h, from, user.email, 'wrong-password'))).toBe('UNAUTHENTICATED');
    }
    expect(codeOf(await signInFrom(second, from, user.email, TEST_PASSWORD))).toBe('TOO_MANY_REQUESTS');
    expect(codeOf(await signInFrom(hub, from, user.email, TEST_PASSWORD))).toBe('TOO_MANY_REQUESTS');
    clock.advance(61_000);
  });

  it('counts parallel guesses before checking any, so a burst cannot overtake the limit', async () => {
    const user = await f.user(UserRole.VIEWER, { email: email('burst') });
    const from = address();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signInFrom(i % 2 ? second : hub, from, user.email, `burst-${i}`)));
    const codes = results.map(codeOf);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(7);
    clock.advance(61_000);
  });
});

describe('accounts configuration and migration', () => {
  it('reads the throttle numbers and TRUST_PROXY from the environment, refusing nonsense', () => {
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({ signInThrottle: { maxFailuresPerEmail: 5, maxFailuresPerAddress: 20, windowSeconds: 60 }, trustProxy: false });
    expect(
      loadConfig({ NODE_ENV: 'test', SIGN_IN_MAX_FAILURES_PER_EMAIL: '3', SIGN_IN_MAX_FAILURES_PER_ADDRESS: '50', SIGN_IN_WINDOW_SECONDS: '300', TRUST_PROXY: '1' }),
    ).toMatchObject({ signInThrottle: { maxFailuresPerEmail: 3, maxFailuresPerAddress: 50, windowSeconds: 300 }, trustProxy: 1 });
    expect(loadConfig({ NODE_ENV: 'test', TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(() => loadConfig({ NODE_ENV: 'test', SIGN_IN_WINDOW_SECONDS: '0', TRUST_PROXY: 'a;b' })).toThrow(/SIGN_IN_WINDOW_SECONDS[\s\S]*TRUST_PROXY/);
  });

  it('migrates down and up again on a database of its own', async () => {
    const hub = await startHub({ freshDatabase: 'hub_accounts_down' });
    try {
      const columns = async () =>
        (await hub.ds.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'app_user' ORDER BY column_name`)).map((r: { column_name: string }) => r.column_name);
      const table = async () => (await hub.ds.query(`SELECT to_regclass('sign_in_attempt') AS t`))[0].t;
      expect(await columns()).toEqual(expect.arrayContaining(['active', 'deactivated_at', 'last_sign_in_at', 'token_version']));
      // Undo the accounts migration and every later one.
      const later = migrations.length - migrations.findIndex((m) => m.name === 'Accounts1763880600000');
      for (let i = 0; i < later; i += 1) await hub.ds.undoLastMigration({ transaction: 'each' });
      expect(await columns()).toEqual(['agency_id', 'created_at', 'email', 'id', 'name', 'password_hash', 'role', 'updated_at']);
      expect(await table()).toBeNull();
      await hub.ds.runMigrations({ transaction: 'each' });
      expect(await table()).toBe('sign_in_attempt');
    } finally {
      await hub.close();
    }
  });
});
