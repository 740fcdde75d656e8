import { recordAuditEntry } from '../src/modules/audit-log/audit-log.service';
import { migrations } from '../migrations';
import supertest from 'supertest';
import { createApp } from '../src/app';
import { AttendanceStatus, MeetingStatus, UserRole } from '../src/common/enums';
import { ConflictError } from '../src/common/errors';
import { createLogger } from '../src/common/logger';
import { MutationRunner } from '../src/common/mutation';
import { countRows, Factories, factories, signedIn, unique } from './helpers/factories';
import { codeOf, GqlResult, startHub, TEST_SECRET, TestHub } from './helpers/hub';

const RECORD = `mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { id status } }`;
const CANCEL = `mutation($i: CancelMeetingInput!) { cancelMeeting(input: $i) { id status cancellationReason } }`;
const ADD_SEAT = `mutation($i: AddMembershipInput!) { addMembership(input: $i) { id } }`;
const CREATE_REVIEW = `mutation($i: CreateCaseReviewInput!) { createCaseReview(input: $i) { id } }`;
const DECIDE = `mutation($i: DecideCaseReviewInput!) { decideCaseReview(input: $i) { id } }`;
const REVIEW_STATUS = `mutation($i: UpdateCaseReviewStatusInput!) { updateCaseReviewStatus(input: $i) { id status } }`;
const RECOMMEND = `mutation($i: AddRecommendationInput!) { addRecommendation(input: $i) { id } }`;
const ADD_ACTION = `mutation($i: AddActionInput!) { addAction(input: $i) { id } }`;
const UPDATE_ACTION = `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id status } }`;

/** A small deterministic generator, so a failing round can be replayed. */
function seeded(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
    shuffle: <T>(xs: T[]) => xs.map((x) => [next(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x),
  };
}

/** Figures the tests measured, printed once at the end (the issue asks for them). */
const figures: Record<string, unknown> = {};

describe('integrity under concurrency', () => {
  let hub: TestHub;
  let f: Factories;

  beforeAll(async () => {
    hub = await startHub();
    f = factories(hub.ds);
  });
  afterAll(async () => {
    console.info(`integrity figures: ${JSON.stringify(figures)}`);
    await hub.close();
  });

  async function boardWithCoordinator() {
    const board = await f.board();
    const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    return { board, token: coordinator.token };
  }

  const ok = (r: GqlResult) => !r.errors && r.status === 200;
  const internal = (rs: GqlResult[]) => rs.filter((r) => r.status >= 500 || r.errors?.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')).length;

  it('20 concurrent registers of one meeting, 5 rounds: no internal error, one record per agency, the last writer’s values', async () => {
    const { board, token } = await boardWithCoordinator();
    const agencies = await Promise.all(Array.from({ length: 6 }, () => f.agency()));
    for (const a of agencies) await f.membership(a.id, { boardId: board.id }, { startsOn: '2024-01-01' });
    const rand = seeded(20);
    const statuses = Object.values(AttendanceStatus);
    let calls = 0;
    let failures = 0;
    let internalErrors = 0;
    for (let round = 0; round < 5; round++) {
      const meeting = await f.meeting({ boardId: board.id }, '2024-05-01', MeetingStatus.SCHEDULED);
      const inputs = Array.from({ length: 20 }, (_, caller) => ({
        meetingId: meeting.id,
        // A random subset of the members, in a random order: the orders that used to deadlock.
        records: rand.shuffle(agencies.slice()).slice(0, 1 + rand.int(agencies.length)).map((a) => {
          const status = rand.pick(statuses);
          return { agencyId: a.id, status, attendeeName: status === 'PRESENT' || status === 'DEPUTY' ? `Caller ${round}.${caller}` : null };
        }),
      }));
      const results = await Promise.all(inputs.map((i) => hub.gql(RECORD, { i }, token)));
      calls += results.length;
      failures += results.filter((r) => !ok(r)).length;
      internalErrors += internal(results);
      if (results.some((r) => !ok(r))) console.log(JSON.stringify(results.filter((r) => !ok(r)).map((r) => r.errors)));

      // Each committed register was logged in commit order (it held the meeting's lock); the last one
      // that named an agency is what the register must say for it.
      const log: { input: { records: { agencyId: string; status: string; attendeeName: string | null }[] } }[] = await hub.ds.query(
        `SELECT input FROM audit_log_entry WHERE operation = 'recordAttendance' AND entity_id = $1 ORDER BY id`,
        [meeting.id],
      );
      expect(log).toHaveLength(results.filter(ok).length);
      const expected = new Map<string, { status: string; attendeeName: string | null }>();
      for (const entry of log) for (const r of entry.input.records) expected.set(r.agencyId, { status: r.status, attendeeName: r.attendeeName });
      const rows: { agency_id: string; status: string; attendee_name: string | null }[] = await hub.ds.query(
        `SELECT agency_id, status, attendee_name FROM attendance WHERE meeting_id = $1`,
        [meeting.id],
      );
      expect(rows).toHaveLength(expected.size);
      expect(new Set(rows.map((r) => r.agency_id)).size).toBe(rows.length);
      for (const row of rows) expect({ status: row.status, attendeeName: row.attendee_name }).toEqual(expected.get(row.agency_id));
      const [{ status }] = await hub.ds.query(`SELECT status FROM meeting WHERE id = $1`, [meeting.id]);
      expect(status).toBe('HELD');
    }
    figures.concurrentRegisters = { calls, failures, internalErrors };
    expect(internalErrors).toBe(0);
    expect(failures).toBe(0);
  });

  it('cancel and register sent together, 10 rounds: exactly one wins, the other gets CONFLICT', async () => {
    const { board, token } = await boardWithCoordinator();
    const agency = await f.agency();
    await f.membership(agency.id, { boardId: board.id }, { startsOn: '2024-01-01' });
    const wins = { cancel: 0, register: 0 };
    for (let round = 0; round < 10; round++) {
      const meeting = await f.meeting({ boardId: board.id }, '2024-06-01', MeetingStatus.SCHEDULED);
      const send = [
        () => hub.gql(CANCEL, { i: { meetingId: meeting.id, reason: 'Chair unavailable' } }, token),
        () => hub.gql(RECORD, { i: { meetingId: meeting.id, records: [{ agencyId: agency.id, status: 'PRESENT', attendeeName: 'DCI Jones' }] } }, token),
      ];
      // Alternate which one leaves first, so neither always has the head start.
      const [cancel, register] = round % 2 ? await Promise.all(send.map((s) => s())) : (await Promise.all(send.reverse().map((s) => s()))).reverse();
      expect([ok(cancel), ok(register)].filter(Boolean)).toHaveLength(1);
      const loser = ok(cancel) ? register : cancel;
      expect(codeOf(loser)).toBe('CONFLICT');
      const [m] = await hub.ds.query(`SELECT status, cancellation_reason FROM meeting WHERE id = $1`, [meeting.id]);
      const registered = await countRows(hub.ds, 'attendance', 'meeting_id = $1', [meeting.id]);
      if (ok(cancel)) {
        wins.cancel += 1;
        expect([m.status, m.cancellation_reason, registered]).toEqual(['CANCELLED', 'Chair unavailable', 0]);
      } else {
        wins.register += 1;
        expect([m.status, m.cancellation_reason, registered]).toEqual(['HELD', null, 1]);
      }
    }
    figures.cancelVsRegister = { rounds: 10, ...wins, bothWon: 0 };
  });

  it('8 identical addMembership at once: one seat, seven CONFLICT, on a board and on a sub-group', async () => {
    const { board, token } = await boardWithCoordinator();
    const subGroup = await f.subGroup([board.id]);
    const outcome: Record<string, { seats: number; conflicts: number; byConstraint: number }> = {};
    for (const body of [{ boardId: board.id }, { subGroupId: subGroup.id }]) {
      const agency = await f.agency();
      const i = { agencyId: agency.id, ...body, role: 'PARTNER', startsOn: '2024-04-01' };
      const results = await Promise.all(Array.from({ length: 8 }, () => hub.gql(ADD_SEAT, { i }, token)));
      expect(internal(results)).toBe(0);
      const conflicts = results.filter((r) => codeOf(r) === 'CONFLICT');
      expect(results.filter(ok)).toHaveLength(1);
      expect(conflicts).toHaveLength(7);
      for (const c of conflicts) expect(c.errors![0].message).toMatch(/already has a seat here/);
      const seats = await countRows(hub.ds, 'membership', 'agency_id = $1', [agency.id]);
      expect(seats).toBe(1);
      // The service's own check names the seat in the way; racing adds it cannot see meet the constraint.
      const byConstraint = conflicts.filter((c) => /on or after/.test(c.errors![0].message)).length;
      outcome[body.boardId ? 'board' : 'subGroup'] = { seats, conflicts: conflicts.length, byConstraint };
    }
    figures.identicalMemberships = outcome;
  });

  it('the database itself refuses overlapping seats (dates inclusive), and accepts back-to-back ones', async () => {
    const board = await f.board();
    const agency = await f.agency();
    await f.membership(agency.id, { boardId: board.id }, { startsOn: '2020-01-01', endsOn: '2020-12-31' });
    await expect(f.membership(agency.id, { boardId: board.id }, { startsOn: '2020-12-31' })).rejects.toMatchObject({
      driverError: { code: '23P01', constraint: 'membership_board_seat_excl' },
    });
    await f.membership(agency.id, { boardId: board.id }, { startsOn: '2021-01-01' });
    // Another board, or the same agency on a sub-group of the board, is another body.
    await f.membership(agency.id, { boardId: (await f.board()).id }, { startsOn: '2020-06-01' });
    await f.membership(agency.id, { subGroupId: (await f.subGroup([board.id])).id }, { startsOn: '2020-06-01' });
  });

  async function publishedReviewWithCompletedAction(boardId: string, token: string, n: number) {
    const agency = await f.agency();
    const one = async (q: string, i: Record<string, unknown>) => {
      const r = await hub.gql(q, { i }, token);
      expect(r.errors).toBeUndefined();
      return Object.values(r.data)[0] as { id: string };
    };
    const review = await one(CREATE_REVIEW, { boardId, type: 'LEARNING_REVIEW', reference: `Child R${n}-${Math.random().toString(36).slice(2, 7)}`, referredOn: '2024-01-10' });
    await one(DECIDE, { caseReviewId: review.id, commission: true, decidedOn: '2024-01-20', rationale: 'Learning for every agency' });
    await one(REVIEW_STATUS, { caseReviewId: review.id, status: 'IN_PROGRESS', on: '2024-02-01' });
    const rec = await one(RECOMMEND, { caseReviewId: review.id, text: 'Escalate neglect concerns' });
    const action = await one(ADD_ACTION, { recommendationId: rec.id, description: 'Neglect training', ownerAgencyId: agency.id, dueOn: '2024-12-31' });
    await one(REVIEW_STATUS, { caseReviewId: review.id, status: 'PUBLISHED', on: '2024-06-01' });
    await one(UPDATE_ACTION, { actionId: action.id, note: 'Delivered', status: 'COMPLETE', notedOn: '2024-07-01' });
    return { review, action };
  }

  it('close a review and reopen its action at once, 10 rounds: never a closed review with an open action', async () => {
    const { board, token } = await boardWithCoordinator();
    const wins = { close: 0, reopen: 0 };
    for (let round = 0; round < 10; round++) {
      const { review, action } = await publishedReviewWithCompletedAction(board.id, token, round);
      const [close, reopen] = await Promise.all([
        hub.gql(REVIEW_STATUS, { i: { caseReviewId: review.id, status: 'CLOSED', on: '2024-11-01' } }, token),
        hub.gql(UPDATE_ACTION, { i: { actionId: action.id, note: 'More to do after all', status: 'IN_PROGRESS', notedOn: '2024-10-01' } }, token),
      ]);
      expect([ok(close), ok(reopen)].filter(Boolean)).toHaveLength(1);
      expect(codeOf(ok(close) ? reopen : close)).toBe('CONFLICT');
      const [state] = await hub.ds.query(
        `SELECT c.status AS review, a.status AS action FROM case_review c, action a WHERE c.id = $1 AND a.id = $2`,
        [review.id, action.id],
      );
      expect(state).toEqual(ok(close) ? { review: 'CLOSED', action: 'COMPLETE' } : { review: 'PUBLISHED', action: 'IN_PROGRESS' });
      wins[ok(close) ? 'close' : 'reopen'] += 1;
    }
    const [{ n }] = await hub.ds.query(
      `SELECT count(*)::int AS n FROM case_review c JOIN recommendation r ON r.case_review_id = c.id
       JOIN action a ON a.source_type = 'REVIEW_RECOMMENDATION' AND a.source_id = r.id
       WHERE c.status = 'CLOSED' AND a.status IN ('NOT_STARTED', 'IN_PROGRESS')`,
    );
    expect(n).toBe(0);
    figures.closeVsReopen = { rounds: 10, ...wins, inconsistent: n };
  });

  it('refuses to change the status of an action whose review is closed; a progress note is still taken', async () => {
    const { board, token } = await boardWithCoordinator();
    const { review, action } = await publishedReviewWithCompletedAction(board.id, token, 99);
    expect(codeOf(await hub.gql(REVIEW_STATUS, { i: { caseReviewId: review.id, status: 'CLOSED', on: '2024-11-01' } }, token))).toBeUndefined();
    const before = await countRows(hub.ds, 'action_update', 'action_id = $1', [action.id]);
    for (const status of ['IN_PROGRESS', 'NOT_STARTED', 'CANCELLED']) {
      const r = await hub.gql(UPDATE_ACTION, { i: { actionId: action.id, note: 'Reopen', status, notedOn: '2024-11-02' } }, token);
      expect(codeOf(r)).toBe('CONFLICT');
      expect(r.errors![0].message).toMatch(/is closed/);
    }
    expect(await countRows(hub.ds, 'action_update', 'action_id = $1', [action.id])).toBe(before);
    const note = await hub.gql(UPDATE_ACTION, { i: { actionId: action.id, note: 'Impact audit done', notedOn: '2024-11-02' } }, token);
    expect(note.data.updateAction.status).toBe('COMPLETE');
  });

  it('retries a real deadlock inside the runner; a failure that keeps coming back is CONFLICT', async () => {
    const runner = new MutationRunner(hub.ds, recordAuditEntry);
    const [a, b] = [await f.agency(), await f.agency()];
    let arrived = 0;
    let release!: () => void;
    const bothLocked = new Promise<void>((resolve) => (release = resolve));
    const tries: Record<string, number> = { ab: 0, ba: 0 };
    // Two transactions lock the same two rows in opposite orders and meet in the middle: PostgreSQL
    // aborts one (40P01) after deadlock_timeout; the runner runs it again once the other has committed.
    const crossing = (key: string, first: string, second: string) =>
      runner.run(null, 'deadlockProbe', {}, async (em) => {
        tries[key] += 1;
        await em.query(`SELECT 1 FROM agency WHERE id = $1 FOR UPDATE`, [first]);
        if (++arrived === 2) release();
        await bothLocked;
        await em.query(`SELECT 1 FROM agency WHERE id = $1 FOR UPDATE`, [second]);
        return { result: key, entityType: 'Agency', entityId: null, boardIds: [] };
      });
    expect(await Promise.all([crossing('ab', a.id, b.id), crossing('ba', b.id, a.id)])).toEqual(['ab', 'ba']);
    expect(tries.ab + tries.ba).toBe(3);

    let attempts = 0;
    const always = runner.run(null, 'serializationProbe', {}, async () => {
      attempts += 1;
      throw Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' });
    });
    await expect(always).rejects.toBeInstanceOf(ConflictError);
    expect(attempts).toBe(3);
    figures.deadlockRetry = { deadlockedTransactions: 2, tries: tries.ab + tries.ba, persistentFailureAttempts: attempts };
  });

  it('answers a unique violation CONFLICT, with the key values in development only', async () => {
    const { board, token } = await boardWithCoordinator();
    const production = await createApp(hub.ds, { isProduction: true, jwtSecret: TEST_SECRET, jwtExpiresIn: '1h', bcryptRounds: 4 }, createLogger('silent'));
    try {
      for (const [mode, send] of [
        ['production', (i: unknown) => supertest(production.handler).post('/graphql').set('authorization', `Bearer ${token}`).send({ query: CREATE_REVIEW, variables: { i } })],
        ['development', (i: unknown) => hub.http().post('/graphql').set('authorization', `Bearer ${token}`).send({ query: CREATE_REVIEW, variables: { i } })],
      ] as const) {
        // Sent together, most pass the service's own check and meet the unique index instead.
        const i = { boardId: board.id, type: 'LEARNING_REVIEW', reference: `Family ${mode}`, referredOn: '2024-01-10' };
        const results = (await Promise.all(Array.from({ length: 8 }, () => send(i)))).map((r) => r.body as GqlResult);
        expect(results.filter((r) => !r.errors)).toHaveLength(1);
        const errors = results.flatMap((r) => r.errors ?? []);
        expect(errors.map((e) => e.extensions?.code)).toEqual(Array(7).fill('CONFLICT'));
        const leaked = errors.filter((e) => JSON.stringify(e).includes(board.id));
        if (mode === 'production') expect(leaked).toHaveLength(0);
        figures[`uniqueViolation_${mode}`] = { conflicts: errors.length, withKeyValues: leaked.length };
      }
    } finally {
      await production.stop();
    }
  });
});

describe('migration 1763880700000-integrity', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub({ freshDatabase: 'hub_integrity_migration' });
  });
  afterAll(() => hub.close());

  const constraints = async () =>
    (
      await hub.ds.query(
        `SELECT conname FROM pg_constraint WHERE conname IN ('membership_board_seat_excl', 'membership_sub_group_seat_excl', 'meeting_cancellation_reason_check') ORDER BY 1`,
      )
    ).map((r: { conname: string }) => r.conname);

  it('goes down and up again, stopping with the rows to fix when existing data breaks a rule', async () => {
    expect(await constraints()).toHaveLength(3);
    // Undo the integrity migration and every later one.
    const from = migrations.findIndex((m) => m.name === 'Integrity1763880700000');
    for (let i = from; i < migrations.length; i += 1) await hub.ds.undoLastMigration({ transaction: 'each' });
    expect(await constraints()).toEqual([]);

    // Rows of the schema as it stood then (the entities describe the latest one, so plain SQL).
    const one = async (text: string, params: unknown[]) => (await hub.ds.query(text, params))[0] as { id: string };
    const board = await one(`INSERT INTO board (name, kind, area, quorum_minimum) VALUES ($1, 'CHILDREN', 'Testshire', 1) RETURNING id`, [unique('Board')]);
    const agency = await one(`INSERT INTO agency (name, sector) VALUES ($1, 'OTHER') RETURNING id`, [unique('Agency')]);
    const seat = `INSERT INTO membership (agency_id, board_id, role, starts_on, expected_to_attend) VALUES ($1, $2, 'PARTNER', $3, true) RETURNING id`;
    const first = await one(seat, [agency.id, board.id, '2020-01-01']);
    const second = await one(seat, [agency.id, board.id, '2022-01-01']);
    const meeting = await one(`INSERT INTO meeting (board_id, title, date, status, cancellation_reason) VALUES ($1, 'Meeting', '2022-03-01', $2, 'Typed in the wrong box') RETURNING id`, [board.id, MeetingStatus.HELD]);

    const pair = [first.id, second.id].sort();
    await expect(hub.ds.runMigrations({ transaction: 'each' })).rejects.toThrow(new RegExp(`overlapping seats \\(pairs: 1\\)[\\s\\S]*memberships ${pair[0]} and ${pair[1]}`));
    expect(await constraints()).toEqual([]);
    await hub.ds.query(`UPDATE membership SET ends_on = '2021-12-31' WHERE id = $1`, [first.id]);
    await expect(hub.ds.runMigrations({ transaction: 'each' })).rejects.toThrow(new RegExp(`meeting ${meeting.id} \\(HELD\\)`));
    await hub.ds.query(`UPDATE meeting SET cancellation_reason = NULL WHERE id = $1`, [meeting.id]);
    expect((await hub.ds.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(migrations.slice(from).map((m) => m.name));
    expect(await constraints()).toHaveLength(3);
  });
});
