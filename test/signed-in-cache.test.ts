import jwt from 'jsonwebtoken';
import { UserRole } from '../src/common/enums';
import { SignedInCache } from '../src/modules/auth/signed-in-cache';
import { factories, Factories } from './helpers/factories';
import { codeOf, startHub, TEST_SECRET, TestHub } from './helpers/hub';

const ME = `{ me { id role boards { id } } }`;
const AUTH_STATEMENT = /FROM app_user u LEFT JOIN user_board ub/;

/** Issue 17: a query takes the signed-in user from a short-lived cache; every change in this process applies at once. */
describe('the signed-in user cache', () => {
  let hub: TestHub;
  let f: Factories;

  beforeAll(async () => {
    // A TTL far longer than the test, so nothing here depends on time passing.
    hub = await startHub({ config: { authCacheMs: 60_000 } });
    f = factories(hub.ds);
  });
  afterAll(() => hub.close());

  const authQueries = () => hub.counter.statements.filter((s) => AUTH_STATEMENT.test(s)).length;

  it('reads the user for the first query of a token only; the next queries send no authentication statement', async () => {
    const board = await f.board();
    const user = await f.user(UserRole.VIEWER, { boardIds: [board.id] });
    const token = hub.tokenFor(user.id);
    hub.counter.reset();
    expect((await hub.gql(ME, {}, token)).data.me).toEqual({ id: user.id, role: 'VIEWER', boards: [{ id: board.id }] });
    expect(authQueries()).toBe(1);
    const first = hub.counter.count;
    hub.counter.reset();
    expect((await hub.gql(ME, {}, token)).data.me).toEqual({ id: user.id, role: 'VIEWER', boards: [{ id: board.id }] });
    expect([authQueries(), hub.counter.count]).toEqual([0, first - 1]);
  });

  it('checks a token once, but still refuses it from the second it expires (the verified token is kept, not its validity)', async () => {
    const user = await f.user(UserRole.ADMIN);
    const token = jwt.sign({ ver: 0 }, TEST_SECRET, { subject: user.id, expiresIn: 120, algorithm: 'HS256' });
    // The expiry is read from the token itself: the second may tick between reading the clock here and signing.
    const exp = (jwt.decode(token) as { exp: number }).exp;
    expect((await hub.gql(ME, {}, token)).data.me.id).toBe(user.id);
    expect((await hub.gql(ME, {}, token)).data.me.id).toBe(user.id);
    const clock = jest.spyOn(Date, 'now');
    try {
      // One second before its expiry it still answers; at its expiry it does not.
      clock.mockReturnValue((exp - 1) * 1000);
      expect((await hub.gql(ME, {}, token)).data?.me.id).toBe(user.id);
      clock.mockReturnValue(exp * 1000 + 1);
      const late = await hub.gql(ME, {}, token);
      expect([late.status, codeOf(late), late.errors?.[0].message]).toEqual([401, 'UNAUTHENTICATED', 'Token expired: sign in again']);
    } finally {
      clock.mockRestore();
    }
    // A token with one character changed is checked afresh and refused.
    const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    const bad = await hub.gql(ME, {}, forged);
    expect([bad.status, bad.errors?.[0].message]).toEqual([401, 'Invalid token']);
  });

  it('refuses a deactivated user at once, and their old token stays dead after reactivation', async () => {
    const board = await f.board();
    const coordinator = await f.user(UserRole.COORDINATOR, { boardIds: [board.id] });
    const viewer = await f.user(UserRole.VIEWER, { boardIds: [board.id] });
    const token = hub.tokenFor(viewer.id);
    expect((await hub.gql(ME, {}, token)).data.me.id).toBe(viewer.id);
    expect((await hub.gql(ME, {}, token)).data.me.id).toBe(viewer.id);
    const off = await hub.gql(`mutation($id: ID!) { deactivateUser(id: $id) { active } }`, { id: viewer.id }, hub.tokenFor(coordinator.id));
    expect(off.data.deactivateUser.active).toBe(false);
    const refused = await hub.gql(ME, {}, token);
    expect([refused.status, codeOf(refused)]).toEqual([401, 'UNAUTHENTICATED']);
    await hub.gql(`mutation($id: ID!) { reactivateUser(id: $id) { active } }`, { id: viewer.id }, hub.tokenFor(coordinator.id));
    expect(codeOf(await hub.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
  });

  it('ends every session at once on signOutEverywhere', async () => {
    const user = await f.user(UserRole.ADMIN);
    const token = hub.tokenFor(user.id);
    expect((await hub.gql(ME, {}, token)).data.me.id).toBe(user.id);
    expect((await hub.gql(`mutation { signOutEverywhere }`, {}, token)).errors).toBeUndefined();
    expect(codeOf(await hub.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
  });

  it('shows a board a coordinator has just set up at once (a role or board change is a mutation, which empties the cache)', async () => {
    const coordinator = await f.user(UserRole.COORDINATOR);
    const token = hub.tokenFor(coordinator.id);
    expect((await hub.gql(ME, {}, token)).data.me.boards).toEqual([]);
    const created = await hub.gql(`mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`, { i: { name: `Cache board ${coordinator.id}`, area: 'Rutland', kind: 'CHILDREN' } }, token);
    expect(created.errors).toBeUndefined();
    expect((await hub.gql(ME, {}, token)).data.me.boards).toEqual([{ id: created.data.createBoard.id }]);
  });

  it('reads the user afresh for every mutation: a change made elsewhere (another replica) stops writes at once, reads within the TTL', async () => {
    const user = await f.user(UserRole.ADMIN);
    const token = hub.tokenFor(user.id);
    expect((await hub.gql(ME, {}, token)).data.me.id).toBe(user.id);
    // Another hub process deactivates the account: this process has not seen the change.
    await hub.ds.query(`UPDATE app_user SET active = false, deactivated_at = now(), token_version = token_version + 1 WHERE id = $1`, [user.id]);
    const write = await hub.gql(`mutation { signOutEverywhere }`, {}, token);
    expect([write.status, codeOf(write)]).toEqual([401, 'UNAUTHENTICATED']);
    // The documented bound: a query may still pass until the entry expires (here 60 s; 5 s by default).
    expect((await hub.gql(ME, {}, token)).data.me.id).toBe(user.id);
  });
});

describe('SignedInCache', () => {
  const user = { id: 'u1', email: 'u@x', name: 'U', role: UserRole.VIEWER, agencyId: null, boardIds: ['b1'] };

  it('answers for one token version until its entry expires', () => {
    let now = 1_000;
    const cache = new SignedInCache(5_000, 100, () => now);
    cache.set('u1', 3, user, cache.begin());
    expect(cache.get('u1', 3)).toEqual(user);
    expect(cache.get('u1', 4)).toBeNull();
    now += 4_999;
    expect(cache.get('u1', 3)).toEqual(user);
    now += 1;
    expect(cache.get('u1', 3)).toBeNull();
  });

  it('does not keep a row read before the cache was emptied, and keeps nothing when off', () => {
    const cache = new SignedInCache(5_000);
    const readIn = cache.begin();
    cache.clear();
    cache.set('u1', 1, user, readIn);
    expect(cache.get('u1', 1)).toBeNull();
    const off = new SignedInCache(0);
    off.set('u1', 1, user, off.begin());
    expect(off.get('u1', 1)).toBeNull();
  });
});
