import pino from 'pino';
import { UserRole } from '../src/common/enums';
import { TestClock } from '../src/common/clock';
import { JobQueue } from '../src/jobs/queue';
import { answers } from './helpers/audit';
import { factories, Factories, signedIn } from './helpers/factories';
import { codeOf, startHub, TestHub } from './helpers/hub';
import { rejecter } from './helpers/rejects';
import { startSmtp, TestSmtp, waitUntil } from './helpers/smtp';

/**
 * Reminders end to end: a real SMTP server in this process receives what the job queue (pg-boss on
 * this test's own database) sends, on a fixed clock. Monday 2 March 2026 is "today" throughout, so
 * the weekly digests' period is 2026-03-02; the last test moves on a week.
 */
const TODAY = '2026-03-02';
const PUBLIC_URL = 'https://hub.example.org';

const CREATE_CYCLE = `mutation($i: CreateAuditCycleInput!) { createAuditCycle(input: $i) { id } }`;
const SAVE = `mutation($i: SaveAuditReturnInput!) { saveAuditReturn(input: $i) { id status } }`;
const SUBMIT = `mutation($i: SubmitAuditReturnInput!) { submitAuditReturn(input: $i) { id status } }`;
const RETURN = `mutation($i: ReturnAuditReturnInput!) { returnAuditReturn(input: $i) { id status } }`;
const VALIDATE = `mutation($i: ValidateAuditReturnInput!) { validateAuditReturn(input: $i) { id status } }`;
const NOTIFICATIONS = `query($first: Int, $after: String, $unreadOnly: Boolean) { notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
  unreadCount nodes { id kind title body reason link read readAt period subjectId emailStatus emailAttempts } pageInfo { hasNextPage endCursor } } }`;
const SET_SETTING = `mutation($i: SetReminderSettingInput!) { setReminderSetting(input: $i) { boardId kind enabled daysBefore } }`;

describe('reminders by email from the job queue', () => {
  let hub: TestHub;
  let f: Factories;
  let smtp: TestSmtp;
  let framework: string;
  let admin: { token: string };
  const clock = new TestClock(new Date(`${TODAY}T09:00:00Z`));
  const logLines: any[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(JSON.parse(line)) });

  beforeAll(async () => {
    // A database of its own: the queue's run covers every board in it, and the counts below are exact.
    hub = await startHub({ freshDatabase: 'hub_reminders', clock });
    f = factories(hub.ds);
    smtp = await startSmtp();
    admin = await signedIn(hub, f, UserRole.ADMIN);
    const res = await hub.gql(`{ auditFrameworks { id key } }`, {}, admin.token);
    framework = res.data.auditFrameworks.find((x: any) => x.key === 'SECTION_11_CHILDREN').id;
  });
  afterAll(async () => {
    await smtp.close();
    await hub.close();
  });

  async function startQueue(o: { smtpUrl?: string; retryLimit?: number } = {}) {
    return JobQueue.start({
      url: hub.url,
      ds: hub.ds,
      logger,
      clock,
      mail: { smtpUrl: o.smtpUrl ?? smtp.url, from: 'Hub <hub@example.org>', publicUrl: PUBLIC_URL, retryLimit: o.retryLimit ?? 2, retryDelaySeconds: 1 },
      remindersCron: '0 7 * * *',
      schedule: false,
      runOnStart: false,
      pollingIntervalSeconds: 0.5,
    });
  }

  /** Every job done: none created, retrying or active, and no notification waiting for its email. */
  async function queueIdle(): Promise<boolean> {
    const [{ jobs }] = await hub.ds.query(`SELECT count(*)::int AS jobs FROM pgboss.job WHERE state < 'completed'`);
    const [{ pending }] = await hub.ds.query(`SELECT count(*)::int AS pending FROM notification WHERE email_status = 'PENDING'`);
    return jobs === 0 && pending === 0;
  }

  async function ok(query: string, i: Record<string, unknown>, token: string) {
    const res = await hub.gql(query, { i }, token);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data)[0] as any;
  }

  /** A board with a coordinator and `n` invited agencies, each with one agency user. */
  async function partnership(n: number) {
    const board = await f.board();
    const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    const agencies = [];
    for (let i = 0; i < n; i++) {
      const agency = await f.agency();
      await f.membership(agency.id, { boardId: board.id });
      agencies.push({ ...agency, user: await signedIn(hub, f, UserRole.AGENCY_USER, { agencyId: agency.id }) });
    }
    return { board, coordinator, agencies };
  }

  async function cycle(token: string, boardId: string, agencyIds: string[], dueOn: string, opensOn = '2026-01-05') {
    return (await ok(CREATE_CYCLE, { frameworkId: framework, name: `Cycle due ${dueOn} ${Math.random().toString(36).slice(2, 6)}`, boardIds: [boardId], invitedAgencyIds: agencyIds, opensOn, dueOn }, token)).id as string;
  }

  it('sends, for a cycle with returns in every state, the right reminders and digests to the right people, with links, once', async () => {
    const p = await partnership(5);
    const [a1, a2, a3, a4, a5] = p.agencies;
    const viewer = await signedIn(hub, f, UserRole.VIEWER, { boardIds: [p.board.id] });
    const k = p.coordinator;
    const all = p.agencies.map((a) => a.id);
    // Due 2026-03-16: 14 days ahead, the default "due in N days" (N = 14).
    const soon = await cycle(k.token, p.board.id, all, '2026-03-16');
    // A1 never starts; A2 saves a draft; A3 submits (with one PARTIALLY_MET standard whose action was due
    // 2026-02-15: overdue); A4 submits and is sent back (RETURNED); A5 submits (an action due 2026-03-10,
    // 8 days ahead: coming due) and is validated.
    const r2 = await ok(SAVE, { cycleId: soon, agencyId: a2.id, assessments: answers('MM------') }, a2.user.token);
    const s3 = await ok(SAVE, { cycleId: soon, agencyId: a3.id, assessments: answers('MMMMMMMP', '2026-02-15') }, a3.user.token);
    await ok(SUBMIT, { returnId: s3.id }, a3.user.token);
    const s4 = await ok(SAVE, { cycleId: soon, agencyId: a4.id, assessments: answers('MMMMMMMM') }, a4.user.token);
    await ok(SUBMIT, { returnId: s4.id }, a4.user.token);
    await ok(RETURN, { returnId: s4.id, comment: 'Standard 2 needs evidence' }, k.token);
    const s5 = await ok(SAVE, { cycleId: soon, agencyId: a5.id, assessments: answers('MMMMMMMP', '2026-03-10') }, a5.user.token);
    await ok(SUBMIT, { returnId: s5.id }, a5.user.token);
    await ok(VALIDATE, { returnId: s5.id, moderatedRatings: [] }, k.token);
    // A1 alone is also invited to a cycle due today, one due 2026-02-20 (10 days late: the overdue week
    // that began 2026-02-28, the second after 2026-02-21), one due 2026-04-30 (59 days: too far ahead),
    // and one that opens only on 2026-04-01.
    const dueToday = await cycle(k.token, p.board.id, [a1.id], TODAY);
    const late = await cycle(k.token, p.board.id, [a1.id], '2026-02-20');
    const far = await cycle(k.token, p.board.id, [a1.id], '2026-04-30');
    await cycle(k.token, p.board.id, [a1.id], '2026-04-10', '2026-04-01');

    const q = await startQueue();
    try {
      await q.runRemindersNow();
      // Expected, worked out by hand:
      //  A1: due in 14 days (soon), due today, overdue (late)          3
      //  A2 (draft), A4 (returned): due in 14 days                      2
      //  A3, A5 (submitted, validated): no return reminder              0
      //  A3: action digest, 1 overdue; A5: action digest, 1 coming due   2
      //  coordinator: digest, 6 outstanding returns (soon: A1 A2 A4; today, late, far: A1), 1 overdue action  1
      //  viewer: nothing                                                  = 8
      const mine = () => smtp.messages.filter((m) => [...p.agencies.map((a) => a.user.user.email), k.user.email, viewer.user.email].includes(m.to[0]));
      await waitUntil(() => mine().length >= 8, '8 messages');
      await waitUntil(queueIdle, 'the queue to be idle');
      expect(mine()).toHaveLength(8);
      const to = (u: { user: { email: string } }) => smtp.to(u.user.email).map((m) => m.subject).sort();
      expect(to(a1.user)).toEqual([
        expect.stringMatching(/^Return due in 14 days: Cycle due 2026-03-16/),
        expect.stringMatching(/^Return due today: Cycle due 2026-03-02/),
        expect.stringMatching(/^Return overdue: Cycle due 2026-02-20/),
      ]);
      expect(to(a2.user)).toEqual([expect.stringMatching(/^Return due in 14 days/)]);
      expect(to(a3.user)).toEqual([`Actions for ${a3.name}: 1 overdue, 0 coming due`]);
      expect(to(a4.user)).toEqual([expect.stringMatching(/^Return due in 14 days/)]);
      expect(to(a5.user)).toEqual([`Actions for ${a5.name}: 0 overdue, 1 coming due`]);
      expect(to(k)).toEqual(['Weekly digest for your boards: 6 outstanding returns, 1 overdue action']);
      expect(to(viewer)).toEqual([]);

      // Links: a return that exists opens its page; one never started opens the cycle.
      const text = (u: { user: { email: string } }, subject: RegExp) => smtp.to(u.user.email).find((m) => subject.test(m.subject))!.text;
      expect(text(a1.user, /due in 14/)).toContain(`Open it in the hub: ${PUBLIC_URL}/cycles/${soon}`);
      expect(text(a1.user, /due today/)).toContain(`${PUBLIC_URL}/cycles/${dueToday}`);
      expect(text(a1.user, /overdue/)).toContain(`${PUBLIC_URL}/cycles/${late}`);
      expect(text(a1.user, /overdue/)).toMatch(/was due on 2026-02-20 \(10 days ago\).*every week until it is submitted/s);
      expect(text(a2.user, /due in 14/)).toContain(`${PUBLIC_URL}/returns/${r2.id}`);
      expect(text(a2.user, /due in 14/)).toContain('It is in draft.');
      expect(text(a4.user, /due in 14/)).toContain(`${PUBLIC_URL}/returns/${s4.id}`);
      expect(text(a4.user, /due in 14/)).toMatch(/returned by the board with a challenge/);
      expect(text(a3.user, /Actions/)).toMatch(/Overdue \(1\):\n- Improve standard 8 .*: due 2026-02-15, not started/);
      expect(text(a3.user, /Actions/)).toContain(`${PUBLIC_URL}/actions`);
      expect(text(a5.user, /Actions/)).toMatch(/Coming due \(1\):\n- Improve standard 8 .*: due 2026-03-10/);
      const digest = text(k, /Weekly digest/);
      expect(digest).toContain(`${PUBLIC_URL}/boards/${p.board.id}`);
      expect(digest).toContain(`${a1.name}, "Cycle due 2026-02-20`);
      expect(digest).toMatch(/overdue since 2026-02-20/);
      expect(digest).toContain(`${PUBLIC_URL}/cycles/${far}`);
      expect(digest).toContain(`${PUBLIC_URL}/returns/${s4.id}`);
      expect(digest).toMatch(/Overdue actions \(1\):/);
      // Every message says why it was sent, and comes from MAIL_FROM.
      for (const m of mine()) {
        expect(m.text).toMatch(/Why you received this: You (are a user of|coordinate) /);
        expect(m.from).toBe('hub@example.org');
      }
      expect(text(a1.user, /due today/)).toContain(`You are a user of ${a1.name}, which ${p.board.name} invited to the audit cycle`);

      // The same day again, twice at once: the sent-log holds, nothing new.
      const again = await Promise.all([q.runReminders(TODAY), q.runReminders(TODAY)]);
      expect(again.flat()).toEqual([]);
      await waitUntil(queueIdle, 'the queue to be idle');
      expect(mine()).toHaveLength(8);

      // Readable in the API, newest first, with read state; only by their owner.
      const list = await hub.gql(NOTIFICATIONS, { first: 2 }, a1.user.token);
      expect(list.errors).toBeUndefined();
      expect(list.data.notifications.unreadCount).toBe(3);
      expect(list.data.notifications.nodes).toHaveLength(2);
      expect(list.data.notifications.pageInfo.hasNextPage).toBe(true);
      const rest = await hub.gql(NOTIFICATIONS, { first: 2, after: list.data.notifications.pageInfo.endCursor }, a1.user.token);
      const nodes = [...list.data.notifications.nodes, ...rest.data.notifications.nodes];
      expect(nodes.map((n: any) => n.kind).sort()).toEqual(['RETURN_DUE_SOON', 'RETURN_DUE_TODAY', 'RETURN_OVERDUE']);
      expect(nodes.every((n: any) => n.emailStatus === 'SENT' && n.emailAttempts === 1 && n.read === false)).toBe(true);
      const overdue = nodes.find((n: any) => n.kind === 'RETURN_OVERDUE');
      expect(overdue).toMatchObject({ period: '2026-02-28', subjectId: late, link: `${PUBLIC_URL}/cycles/${late}` });

      const rejects = rejecter(hub, ['notification']);
      await rejects(`mutation($id: ID!) { markNotificationRead(id: $id) { id } }`, { id: overdue.id }, a2.user.token, 'FORBIDDEN');
      await rejects(`mutation($id: ID!) { markNotificationRead(id: $id) { id } }`, { id: overdue.id }, admin.token, 'FORBIDDEN');
      const read = await hub.gql(`mutation($id: ID!) { markNotificationRead(id: $id) { id read readAt } }`, { id: overdue.id }, a1.user.token);
      expect(read.data.markNotificationRead).toMatchObject({ id: overdue.id, read: true, readAt: '2026-03-02T09:00:00.000Z' });
      const unread = await hub.gql(NOTIFICATIONS, { unreadOnly: true }, a1.user.token);
      expect(unread.data.notifications.unreadCount).toBe(2);
      expect(unread.data.notifications.nodes.map((n: any) => n.id)).not.toContain(overdue.id);
      const allRead = await hub.gql(`mutation { markAllNotificationsRead }`, {}, a1.user.token);
      expect(allRead.data.markAllNotificationsRead).toBe(2);
      // Others see none of A1's.
      const others = await hub.gql(NOTIFICATIONS, {}, admin.token);
      expect(others.data.notifications.nodes.map((n: any) => n.id)).not.toContain(overdue.id);
    } finally {
      await q.stop();
    }
  });

  it('two workers on one database send each reminder once', async () => {
    const p = await partnership(3);
    // Due 2026-03-05, 3 days ahead: each of the 3 agencies' users is reminded once; the coordinator's
    // digest lists the 3 outstanding returns. 4 messages.
    await cycle(p.coordinator.token, p.board.id, p.agencies.map((a) => a.id), '2026-03-05');
    const [q1, q2] = [await startQueue(), await startQueue()];
    try {
      // Both replicas' schedules fire at once, and each also runs the rules directly, concurrently.
      await Promise.all([q1.runRemindersNow(), q2.runRemindersNow(), q1.runReminders(TODAY), q2.runReminders(TODAY)]);
      const people = [...p.agencies.map((a) => a.user.user.email), p.coordinator.user.email];
      const mine = () => smtp.messages.filter((m) => people.includes(m.to[0]));
      await waitUntil(() => mine().length >= 4, '4 messages');
      await waitUntil(queueIdle, 'the queue to be idle');
      expect(mine().map((m) => m.to[0]).sort()).toEqual([...people].sort());
      const [{ n }] = await hub.ds.query(`SELECT count(*)::int AS n FROM notification WHERE email_to = ANY($1)`, [people]);
      expect(n).toBe(4);
    } finally {
      await Promise.all([q1.stop(), q2.stop()]);
    }
  });

  it('retries a failing SMTP server with backoff, then reports the failure; nothing is lost', async () => {
    const p = await partnership(2);
    const [flaky, down] = p.agencies.map((a) => a.user.user.email);
    // The flaky mailbox refuses the first try only; the other refuses every try.
    const failing = await startSmtp({ fail: (rcpt, attempt) => (rcpt === flaky && attempt === 1) || rcpt === down });
    // Both agencies' returns are due in 3 days; the coordinator's digest goes through.
    await cycle(p.coordinator.token, p.board.id, p.agencies.map((a) => a.id), '2026-03-05');
    const q = await startQueue({ smtpUrl: failing.url, retryLimit: 2 });
    try {
      await q.runRemindersNow();
      await waitUntil(queueIdle, 'the queue to be idle (3 tries of the failing message, 1 s then 2 s backoff)', 25_000);
      expect(failing.to(flaky)).toHaveLength(1);
      expect(failing.attempts.get(flaky)).toBe(2);
      // 1 try + 2 retries, then given up.
      expect(failing.attempts.get(down)).toBe(3);
      expect(failing.to(down)).toHaveLength(0);
      const rows = await hub.ds.query(`SELECT email_to, email_status, email_attempts, email_error FROM notification WHERE email_to = ANY($1) ORDER BY email_attempts`, [[flaky, down]]);
      expect(rows).toEqual([
        { email_to: flaky, email_status: 'SENT', email_attempts: 2, email_error: null },
        { email_to: down, email_status: 'FAILED', email_attempts: 3, email_error: expect.stringMatching(/Mailbox busy/) },
      ]);
      // Reported: one error line naming the message and its recipient.
      const reported = logLines.filter((l) => l.msg === 'notification email failed: no retries left');
      expect(reported).toEqual([expect.objectContaining({ level: 50, to: down, attempts: 3 })]);
      // Not lost: the notification is still there for its reader, saying the email failed.
      const list = await hub.gql(NOTIFICATIONS, {}, p.agencies[1].user.token);
      expect(list.data.notifications.nodes).toEqual([expect.objectContaining({ kind: 'RETURN_DUE_SOON', emailStatus: 'FAILED', emailAttempts: 3, read: false })]);
    } finally {
      await q.stop();
      await failing.close();
    }
  }, 40_000);

  it('a reminder a board turns off is not sent; only its coordinators may turn it', async () => {
    const p = await partnership(2);
    const [a1, a2] = p.agencies;
    const rejects = rejecter(hub, ['reminder_setting']);
    const base = { boardId: p.board.id, kind: 'RETURN_DUE_SOON', enabled: false };
    await rejects(SET_SETTING, { i: base }, a1.user.token, 'FORBIDDEN');
    await rejects(SET_SETTING, { i: { ...base, kind: 'RETURN_DUE_TODAY', daysBefore: 3 } }, p.coordinator.token, 'BAD_USER_INPUT', 'daysBefore');
    await rejects(SET_SETTING, { i: { ...base, daysBefore: 0 } }, p.coordinator.token, 'BAD_USER_INPUT');
    // Due soon: on, but 3 days only. Coordinators' digest: off. Due today: off.
    await ok(SET_SETTING, { ...base, enabled: true, daysBefore: 3 }, p.coordinator.token);
    await ok(SET_SETTING, { boardId: p.board.id, kind: 'COORDINATOR_DIGEST', enabled: false }, p.coordinator.token);
    await ok(SET_SETTING, { boardId: p.board.id, kind: 'RETURN_DUE_TODAY', enabled: false }, p.coordinator.token);
    const settings = await hub.gql(`query($id: ID!) { board(id: $id) { reminderSettings { kind enabled daysBefore } } }`, { id: p.board.id }, p.coordinator.token);
    expect(settings.data.board.reminderSettings).toEqual([
      { kind: 'RETURN_DUE_SOON', enabled: true, daysBefore: 3 },
      { kind: 'RETURN_DUE_TODAY', enabled: false, daysBefore: null },
      { kind: 'RETURN_OVERDUE', enabled: true, daysBefore: null },
      { kind: 'AGENCY_ACTION_DIGEST', enabled: true, daysBefore: 14 },
      { kind: 'COORDINATOR_DIGEST', enabled: false, daysBefore: null },
    ]);
    // A1: due in 5 days (beyond 3: nothing) and due today (off: nothing). A2: due in 3 days: reminded.
    await cycle(p.coordinator.token, p.board.id, [a1.id], '2026-03-07');
    await cycle(p.coordinator.token, p.board.id, [a1.id], TODAY);
    await cycle(p.coordinator.token, p.board.id, [a2.id], '2026-03-05');
    const q = await startQueue();
    try {
      await q.runRemindersNow();
      await waitUntil(() => smtp.to(a2.user.user.email).length >= 1, "A2's reminder");
      await waitUntil(queueIdle, 'the queue to be idle');
      expect(smtp.to(a2.user.user.email).map((m) => m.subject)).toEqual([expect.stringMatching(/^Return due in 3 days/)]);
      expect(smtp.to(a1.user.user.email)).toEqual([]);
      expect(smtp.to(p.coordinator.user.email)).toEqual([]);
    } finally {
      await q.stop();
    }
  });

  it('a user who turned digests off gets none, but still gets reminders about returns', async () => {
    const p = await partnership(1);
    const [a] = p.agencies;
    const colleague = await signedIn(hub, f, UserRole.AGENCY_USER, { agencyId: a.id });
    // Digests off for the first agency user and the coordinator; the colleague keeps them.
    for (const token of [a.user.token, p.coordinator.token]) {
      const res = await hub.gql(`mutation { setNotificationPreferences(digests: false) { userId digests } }`, {}, token);
      expect(res.data.setNotificationPreferences.digests).toBe(false);
    }
    expect((await hub.gql(`{ notificationPreferences { digests } }`, {}, colleague.token)).data.notificationPreferences.digests).toBe(true);
    // A return due in 3 days with an overdue action (due 2026-02-01) from a draft's PARTIALLY_MET standard.
    const c = await cycle(p.coordinator.token, p.board.id, [a.id], '2026-03-05');
    await ok(SAVE, { cycleId: c, agencyId: a.id, assessments: answers('MMMMMMMP', '2026-02-01') }, a.user.token);
    const q = await startQueue();
    try {
      await q.runRemindersNow();
      // Colleague: the reminder and the action digest; the first user: the reminder only; the coordinator: nothing.
      await waitUntil(() => smtp.to(colleague.user.email).length >= 2 && smtp.to(a.user.user.email).length >= 1, 'the messages');
      await waitUntil(queueIdle, 'the queue to be idle');
      expect(smtp.to(colleague.user.email).map((m) => m.subject).sort()).toEqual([`Actions for ${a.name}: 1 overdue, 0 coming due`, expect.stringMatching(/^Return due in 3 days/)]);
      expect(smtp.to(a.user.user.email).map((m) => m.subject)).toEqual([expect.stringMatching(/^Return due in 3 days/)]);
      expect(smtp.to(p.coordinator.user.email)).toEqual([]);
    } finally {
      await q.stop();
    }
  });

  it('a week later: overdue reminders and digests repeat weekly, nothing else does', async () => {
    const p = await partnership(1);
    const [a] = p.agencies;
    // Due 2026-03-03 and 2026-03-10, both for A. On 2026-03-02: due in 1 day and due in 8 days, and the
    // coordinator's digest. On 2026-03-09: the first is overdue (its first overdue week, 2026-03-04), the
    // second due in 1 day was already reminded (due in N days: once per due date); a new digest week.
    const first = await cycle(p.coordinator.token, p.board.id, [a.id], '2026-03-03');
    await cycle(p.coordinator.token, p.board.id, [a.id], '2026-03-10');
    const q = await startQueue();
    try {
      const mine = () => smtp.messages.filter((m) => [a.user.user.email, p.coordinator.user.email].includes(m.to[0])).map((m) => m.subject);
      await q.runRemindersNow();
      await waitUntil(() => mine().length >= 3, 'the first week');
      await waitUntil(queueIdle, 'the queue to be idle');
      expect(mine()).toHaveLength(3);
      clock.set(new Date('2026-03-09T09:00:00Z'));
      await q.runRemindersNow();
      await waitUntil(() => mine().length >= 5, 'the second week');
      await waitUntil(queueIdle, 'the queue to be idle');
      const week2 = mine().slice(3).sort();
      expect(week2).toEqual([expect.stringMatching(/^Return overdue: Cycle due 2026-03-03/), 'Weekly digest for your boards: 2 outstanding returns']);
      const [{ period }] = await hub.ds.query(`SELECT period::text FROM notification WHERE subject_id = $1 AND kind = 'RETURN_OVERDUE'`, [first]);
      expect(period).toBe('2026-03-04');
    } finally {
      clock.set(new Date(`${TODAY}T09:00:00Z`));
      await q.stop();
    }
  });

  it('answers UNAUTHENTICATED without a token', async () => {
    expect(codeOf(await hub.gql(NOTIFICATIONS, {}))).toBe('UNAUTHENTICATED');
  });
});
