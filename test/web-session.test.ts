import { createHash } from 'node:crypto';
import supertest from 'supertest';
import { AttendanceStatus, UserRole } from '../src/common/enums';
import { Factories, factories, TEST_PASSWORD } from './helpers/factories';
import { startHub, TestHub } from './helpers/hub';
import { ConfigError, loadConfig } from '../src/config/env';

/**
 * Issue 18: the web app's sessions (PostgreSQL, httpOnly SameSite=Lax cookie), CSRF refusal,
 * sign-in throttling shared with the API, deactivation ending a browser session at once, the
 * assets and GraphiQL served by the hub, and the CORS allow-list.
 */
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const cookieOf = (res: supertest.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('hub_session='));

describe('web app: sessions, CSRF, throttling', () => {
  let hub: TestHub;
  let f: Factories;

  beforeAll(async () => {
    hub = await startHub({ config: { signInThrottle: { maxFailuresPerEmail: 3, maxFailuresPerAddress: 100, windowSeconds: 60 }, corsOrigins: ['https://front.example.org'] } });
    f = factories(hub.ds);
  });
  afterAll(() => hub.close());

  async function signIn(email: string, password = TEST_PASSWORD) {
    const agent = supertest.agent(hub.app.handler);
    const page = await agent.get('/sign-in');
    const res = await agent.post('/sign-in').type('form').send({ _csrf: csrfOf(page.text), email, password });
    return { agent, res, page };
  }

  it('signs in with a session kept in PostgreSQL behind an httpOnly SameSite=Lax cookie, and signs out', async () => {
    const board = await f.board();
    const user = await f.user(UserRole.COORDINATOR, { boardIds: [board.id] });
    const anonymous = await supertest(hub.app.handler).get('/');
    expect([anonymous.status, anonymous.headers.location]).toEqual([303, '/sign-in']);
    // Pages without a form store no session for a visitor who is not signed in (saving one sets the cookie).
    const missing = await supertest(hub.app.handler).get('/no-such-page');
    expect([missing.status, cookieOf(missing)]).toEqual([404, undefined]);

    const { agent, res, page } = await signIn(user.email);
    const first = cookieOf(page)!;
    expect(first).toMatch(/HttpOnly/);
    expect(first).toMatch(/SameSite=Lax/);
    expect([res.status, res.headers.location]).toEqual([303, '/']);
    // A new session id on sign-in: the one handed out before it opens nothing.
    const signedInCookie = cookieOf(res)!;
    const value = /hub_session=([^;]+)/.exec(signedInCookie)![1];
    expect(first).not.toContain(value);
    // The table keys the cookie's hash, never the cookie itself.
    const rows = await hub.ds.query(`SELECT id, data FROM web_session WHERE id = $1`, [createHash('sha256').update(value).digest('hex')]);
    expect(rows).toHaveLength(1);
    expect(await hub.ds.query(`SELECT 1 FROM web_session WHERE id = $1`, [value])).toHaveLength(0);

    const home = await agent.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain(board.name);
    expect(home.headers['cache-control']).toBe('no-store');
    // Scripts from the hub and the page's own nonce only; never framed.
    const csp = home.headers['content-security-policy'];
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(home.text).toContain(`<script nonce="${nonce}">`);

    // Sign out needs the token too; then the session row is gone and pages ask for sign-in again.
    expect((await agent.post('/sign-out').type('form').send({})).status).toBe(403);
    const out = await agent.post('/sign-out').type('form').send({ _csrf: csrfOf(home.text) });
    expect([out.status, out.headers.location]).toEqual([303, '/sign-in']);
    expect(await hub.ds.query(`SELECT 1 FROM web_session WHERE id = $1`, [createHash('sha256').update(value).digest('hex')])).toHaveLength(0);
    expect((await agent.get('/')).status).toBe(303);
    // The same cookie replayed from elsewhere opens nothing either.
    expect((await supertest(hub.app.handler).get('/').set('cookie', `hub_session=${value}`)).status).toBe(303);
  });

  it('treats a malformed session cookie as no session (a page, never a server error)', async () => {
    for (const value of ['%E0%A4', '%', 'a;b']) {
      const res = await supertest(hub.app.handler).get('/sign-in').set('cookie', `hub_session=${value}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('Sign in');
    }
  });

  it('refuses every POST without the session’s CSRF token, and writes nothing', async () => {
    const board = await f.board();
    const agency = await f.agency();
    await f.membership(agency.id, { boardId: board.id });
    const meeting = await f.meeting({ boardId: board.id }, '2024-05-01');
    const user = await f.user(UserRole.COORDINATOR, { boardIds: [board.id] });
    const { agent } = await signIn(user.email);
    const form = await agent.get(`/meetings/${meeting.id}/register`);
    expect(form.status).toBe(200);
    const body = { [`status_${agency.id}`]: 'PRESENT' };
    for (const token of [undefined, 'forged', csrfOf(form.text).slice(0, -1) + 'x']) {
      const res = await agent.post(`/meetings/${meeting.id}/register`).type('form').send(token === undefined ? body : { ...body, _csrf: token });
      expect(res.status).toBe(403);
      expect(res.text).toContain('This form has expired or did not come from this site');
    }
    expect(await hub.ds.query(`SELECT 1 FROM attendance WHERE meeting_id = $1`, [meeting.id])).toHaveLength(0);
    // Another browser's token is not this one's.
    const other = await signIn(user.email);
    const otherToken = csrfOf((await other.agent.get('/')).text);
    expect((await agent.post(`/meetings/${meeting.id}/register`).type('form').send({ ...body, _csrf: otherToken })).status).toBe(403);
    const ok = await agent.post(`/meetings/${meeting.id}/register`).type('form').send({ ...body, _csrf: csrfOf(form.text) });
    expect(ok.status).toBe(303);
    expect(await hub.ds.query(`SELECT status FROM attendance WHERE meeting_id = $1`, [meeting.id])).toEqual([{ status: 'PRESENT' }]);
  });

  it('throttles sign-in with the API’s throttle: wrong passwords through the web and the API count together', async () => {
    const user = await f.user(UserRole.VIEWER);
    const wrong = await signIn(user.email, 'wrong-password-1');
    expect(wrong.res.status).toBe(401);
    expect(wrong.res.text).toContain('There is a problem');
    expect(wrong.res.text).toContain('Email or password is wrong');
    // Second failure through the API, third through the web: the limit is 3 per email.
    await hub.gql(`mutation { signIn(email: "${user.email}", password: "nope-nope-nope") { token } }`);
    await signIn(user.email, 'wrong-password-3');
    const refused = await signIn(user.email);
    expect(refused.res.status).toBe(429);
    expect(refused.res.text).toMatch(/Too many failed sign-ins. Try again in \d+ seconds/);
    expect(Number(refused.res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('changes the password: this browser stays signed in, every other session ends', async () => {
    const user = await f.user(UserRole.VIEWER);
    const { agent } = await signIn(user.email);
    const other = await signIn(user.email);
    const form = await agent.get('/account/password');
    const csrf = csrfOf(form.text);
    const wrong = await agent.post('/account/password').type('form').send({ _csrf: csrf, currentPassword: 'not-the-password', newPassword: 'a-new-long-password', confirmPassword: 'a-new-long-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('The current password is wrong');
    const mismatch = await agent.post('/account/password').type('form').send({ _csrf: csrf, currentPassword: TEST_PASSWORD, newPassword: 'a-new-long-password', confirmPassword: 'something-else' });
    expect(mismatch.text).toContain('The new passwords do not match');
    const ok = await agent.post('/account/password').type('form').send({ _csrf: csrf, currentPassword: TEST_PASSWORD, newPassword: 'a-new-long-password', confirmPassword: 'a-new-long-password' });
    expect([ok.status, ok.headers.location]).toEqual([303, '/']);
    const home = await agent.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Your password has been changed');
    expect((await other.agent.get('/')).status).toBe(303);
    expect((await signIn(user.email, 'a-new-long-password')).res.status).toBe(303);
  });

  it('signs out everywhere: every browser and every API token of the user end', async () => {
    const user = await f.user(UserRole.VIEWER);
    const { agent } = await signIn(user.email);
    const other = await signIn(user.email);
    const api = await hub.gql(`mutation { signIn(email: "${user.email}", password: "${TEST_PASSWORD}") { token } }`);
    const token = api.data.signIn.token;
    const form = await agent.get('/account/password');
    const out = await agent.post('/account/sign-out-everywhere').type('form').send({ _csrf: csrfOf(form.text) });
    expect([out.status, out.headers.location]).toEqual([303, '/sign-in']);
    expect((await agent.get('/sign-in')).text).toContain('You have been signed out on every device.');
    expect((await agent.get('/')).status).toBe(303);
    expect((await other.agent.get('/')).status).toBe(303);
    expect((await hub.gql('{ me { id } }', {}, token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('reads the CORS allow-list from CORS_ORIGINS', () => {
    expect(loadConfig({ NODE_ENV: 'test', CORS_ORIGINS: 'https://a.example.org, http://localhost:5173' }).corsOrigins).toEqual(['https://a.example.org', 'http://localhost:5173']);
    expect(loadConfig({ NODE_ENV: 'test' }).corsOrigins).toEqual([]);
    expect(() => loadConfig({ NODE_ENV: 'test', CORS_ORIGINS: 'https://a.example.org/app' })).toThrow(ConfigError);
  });

  it('ends a browser session at once when the user is deactivated', async () => {
    const user = await f.user(UserRole.VIEWER);
    const { agent } = await signIn(user.email);
    expect((await agent.get('/')).status).toBe(200);
    await hub.ds.query(`UPDATE app_user SET active = false, deactivated_at = now() WHERE id = $1`, [user.id]);
    const res = await agent.get('/');
    expect([res.status, res.headers.location]).toEqual([303, '/sign-in']);
  });

  it('the dashboard’s SQL statements do not grow with agencies, meetings and records', async () => {
    async function board(n: number) {
      const b = await f.board();
      const agencies = [];
      for (let a = 0; a < n; a++) agencies.push(await f.agency());
      for (const a of agencies) await f.membership(a.id, { boardId: b.id });
      for (let m = 0; m < n; m++) {
        const meeting = await f.meeting({ boardId: b.id }, `2024-0${m + 5}-10`);
        for (const a of agencies) await f.attendance(meeting.id, a.id, m % 2 ? AttendanceStatus.PRESENT : AttendanceStatus.APOLOGIES);
      }
      const user = await f.user(UserRole.COORDINATOR, { boardIds: [b.id] });
      const { agent } = await signIn(user.email);
      return { b, agent };
    }
    const count = async (n: number) => {
      const { b, agent } = await board(n);
      await agent.get(`/boards/${b.id}?year=2024`); // warm: both counts are of a second view, with no flash to clear
      hub.counter.reset();
      const res = await agent.get(`/boards/${b.id}?year=2024`);
      expect(res.status).toBe(200);
      return hub.counter.count;
    };
    const small = await count(2);
    expect(await count(4)).toBe(small);
  });

  it('links the yearly report for those who may read it', async () => {
    const board = await f.board();
    const coordinator = await f.user(UserRole.COORDINATOR, { boardIds: [board.id] });
    const { agent } = await signIn(coordinator.email);
    const page = await agent.get(`/boards/${board.id}/report?year=2024`);
    expect(page.status).toBe(200);
    // Absolute links (PUBLIC_URL), so they also open from an email; opened here by their path.
    const links = [...page.text.matchAll(/href="([^"]+\/boards\/[^"]+annual-report[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    expect(links).toHaveLength(4);
    expect(links[0]).toContain('from=2024-04-01&to=2025-03-31');
    const link = new URL(links[0], 'http://localhost');
    const opened = await supertest(hub.app.handler).get(link.pathname + link.search);
    expect(opened.status).toBe(200);
    expect(opened.text).toContain(board.name);
    // A coordinator of another board gets the 403 page, not links.
    const stranger = await f.user(UserRole.COORDINATOR, { boardIds: [(await f.board()).id] });
    expect((await (await signIn(stranger.email)).agent.get(`/boards/${board.id}/report`)).status).toBe(403);
  });

  it('serves GOV.UK Frontend and GraphiQL from the hub, keeps POST /graphql as it was, and answers CORS only for allowed origins', async () => {
    const http = () => supertest(hub.app.handler);
    for (const asset of ['/assets/govuk-frontend.min.css', '/assets/govuk-frontend.min.js', '/assets/hub.css', '/assets/images/favicon.svg', '/assets/graphiql/graphiql.js', '/assets/graphiql/react.js', '/assets/graphiql/react-dom.js', '/assets/graphiql/graphiql.css']) {
      expect([asset, (await http().get(asset)).status]).toEqual([asset, 200]);
    }
    const font = (await http().get('/assets/govuk-frontend.min.css')).text.match(/\/assets\/fonts\/[\w.-]+\.woff2/)![0];
    expect((await http().get(font)).status).toBe(200);
    const explorer = await http().get('/graphql').set('accept', 'text/html');
    expect(explorer.status).toBe(200);
    expect(explorer.text).toContain('/assets/graphiql/graphiql.js');
    expect(explorer.text).not.toMatch(/https?:\/\/(?!localhost)[a-z]/i);
    expect((await hub.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });

    const allowed = await http().options('/graphql').set('origin', 'https://front.example.org').set('access-control-request-method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://front.example.org');
    const denied = await http().post('/graphql').set('origin', 'https://evil.example.com').send({ query: '{ __typename }' });
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });
});
