import { TestClock } from '../src/common/clock';
import { BoardKind, UserRole } from '../src/common/enums';
import { Factories, factories, signedIn } from './helpers/factories';
import { startHub, TestHub } from './helpers/hub';
import { rejecter } from './helpers/rejects';

/** Issue 14: notifications, rapid reviews, working-day clocks, events and publication (domain/reviews.md). */
const TABLES = ['case_review', 'review_event', 'serious_incident', 'rapid_review', 'finding', 'review_contribution', 'external_learning', 'closure_day', 'action'];
const CREATE = `mutation($i: CreateCaseReviewInput!) { createCaseReview(input: $i) { id status kind sarCriterion } }`;
const DECIDE = `mutation($i: DecideCaseReviewInput!) { decideCaseReview(input: $i) { id status workingDaysToDecision daysToDecision } }`;
const STATUS = `mutation($i: UpdateCaseReviewStatusInput!) { updateCaseReviewStatus(input: $i) { id status } }`;
const NOTIFY = `mutation($i: NotifySeriousIncidentInput!) { notifySeriousIncident(input: $i) { id caseReview { id status kind } } }`;
const RAPID = `mutation($i: RecordRapidReviewInput!) { recordRapidReview(input: $i) { id outcome sentToPanelOn } }`;
const PUBLISH = `mutation($i: RecordPublicationEventInput!) { recordPublicationEvent(input: $i) { id status publishedOn } }`;
const FINDING = `mutation($i: AddFindingInput!) { addFinding(input: $i) { id number } }`;
const RESPOND = `mutation($i: RespondToFindingInput!) { respondToFinding(input: $i) { id response reasons } }`;
const RECOMMEND = `mutation($i: AddRecommendationInput!) { addRecommendation(input: $i) { id } }`;
const ADD_ACTION = `mutation($i: AddActionInput!) { addAction(input: $i) { id } }`;
const UPDATE_ACTION = `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id status } }`;
const CLOCKS = `query($id: ID!) { caseReview(id: $id) { status clocks { name startedOn dueOn doneOn workingDaysTaken breached } } }`;
const SUMMARY = `query($b: ID!, $from: LocalDate!, $to: LocalDate!) { executiveSummary(boardId: $b, from: $from, to: $to) { caseReviews {
  byStatus { status count } publishedInPeriod notificationsMade notificationsOnTime rapidReviewsCompleted rapidReviewsOnTime
  sarsConcluded sarsOngoing findingsNotImplemented contributions deliveredForOthers localReviewsInProgress } } }`;

describe('case reviews as the law runs them', () => {
  let hub: TestHub;
  let f: Factories;
  let rejects: ReturnType<typeof rejecter>;
  const clock = new TestClock(new Date('2025-03-31T12:00:00Z'));

  beforeAll(async () => {
    hub = await startHub({ clock });
    f = factories(hub.ds);
    rejects = rejecter(hub, TABLES);
  });
  afterAll(() => hub.close());

  async function setUp(kind = BoardKind.CHILDREN) {
    const board = await f.board({ kind });
    const agency = await f.agency();
    await f.membership(agency.id, { boardId: board.id });
    const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    return { board, agency, t: coordinator.token };
  }
  async function ok(query: string, i: Record<string, unknown>, token: string) {
    const res = await hub.gql(query, { i }, token);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data)[0] as any;
  }
  const clocksOf = async (id: string, t: string) => (await hub.gql(CLOCKS, { id }, t)).data.caseReview;

  it('runs notification and rapid review clocks in working days: one on time over Easter, one late (flagged, not blocked)', async () => {
    const { board, t } = await setUp();
    // Aware Thursday 28 March 2024 (before Good Friday): due the 5th working day after = Mon 8 April
    // (Tue 2, Wed 3, Thu 4, Fri 5, Mon 8; Good Friday and Easter Monday are bank holidays). Notified Fri 5 April: 4 working days.
    const onTime = await ok(NOTIFY, { boardId: board.id, pseudonym: 'Child T', incidentOn: '2024-03-27', awareOn: '2024-03-28', notifiedOn: '2024-04-05', lookedAfter: true }, t);
    expect(onTime.caseReview).toMatchObject({ status: 'NOTIFIED', kind: 'CSPR' });
    // Rapid review due 15 working days after Fri 5 April: 8-12 (5), 15-19 (10), 22-26 (15) = Fri 26 April. Sent Wed 24 April: 13 working days.
    const rr = await ok(RAPID, { seriousIncidentId: onTime.id, meetingOn: '2024-04-18', sentToPanelOn: '2024-04-24', outcome: 'LOCAL_REVIEW', partnersAgreed: true }, t);
    expect(rr).toMatchObject({ outcome: 'LOCAL_REVIEW', sentToPanelOn: '2024-04-24' });
    const a = await clocksOf(onTime.caseReview.id, t);
    expect(a.status).toBe('COMMISSIONED');
    expect(a.clocks.slice(0, 2)).toEqual([
      { name: 'NOTIFICATION', startedOn: '2024-03-28', dueOn: '2024-04-08', doneOn: '2024-04-05', workingDaysTaken: 4, breached: false },
      { name: 'RAPID_REVIEW', startedOn: '2024-04-05', dueOn: '2024-04-26', doneOn: '2024-04-24', workingDaysTaken: 13, breached: false },
    ]);
    // Completion: 6 calendar months from the decision to commission (24 April) = 24 October 2024; not done by 31 March 2025.
    expect(a.clocks[2]).toMatchObject({ name: 'COMPLETION', dueOn: '2024-10-24', doneOn: null, breached: true });

    // Late: aware Mon 6 May 2024 is a bank holiday; due the 5th working day after = Mon 13 May (7, 8, 9, 10, 13). Notified Wed 15 May: 7 working days, breached.
    const late = await ok(NOTIFY, { boardId: board.id, pseudonym: 'Child U', incidentOn: '2024-05-06', awareOn: '2024-05-06', notifiedOn: '2024-05-15', lookedAfter: false }, t);
    // Rapid review due 15 working days after Wed 15 May: 16,17 (2), 20-24 (7), [Mon 27 May bank holiday] 28-31 (11), 3-6 June (15) = Thu 6 June. Sent Mon 10 June: 17, late but accepted.
    await ok(RAPID, { seriousIncidentId: late.id, meetingOn: '2024-06-03', sentToPanelOn: '2024-06-10', outcome: 'NO_FURTHER_REVIEW', partnersAgreed: true }, t);
    const b = await clocksOf(late.caseReview.id, t);
    expect(b.status).toBe('NO_FURTHER_REVIEW');
    expect(b.clocks).toEqual([
      { name: 'NOTIFICATION', startedOn: '2024-05-06', dueOn: '2024-05-13', doneOn: '2024-05-15', workingDaysTaken: 7, breached: true },
      { name: 'RAPID_REVIEW', startedOn: '2024-05-15', dueOn: '2024-06-06', doneOn: '2024-06-10', workingDaysTaken: 17, breached: true },
    ]);
    // A second rapid review of the same incident: CONFLICT, nothing written.
    await rejects(RAPID, { i: { seriousIncidentId: late.id, meetingOn: '2024-06-04' } }, t, 'CONFLICT');

    // On-time rates for 2024/25: 2 notifications, 1 on time; 2 rapid reviews, 1 on time.
    const res = await hub.gql(SUMMARY, { b: board.id, from: "2024-04-01", to: "2025-03-31" }, t);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    const s = res.data.executiveSummary.caseReviews;
    expect(s).toMatchObject({ notificationsMade: 2, notificationsOnTime: 1, rapidReviewsCompleted: 2, rapidReviewsOnTime: 1 });
    // The notifications before April 2024 only: the Child T one was made on 5 April, so none in 2023/24.
    const prior = (await hub.gql(SUMMARY, { b: board.id, from: '2023-04-01', to: '2024-03-31' }, t)).data.executiveSummary.caseReviews;
    expect(prior).toMatchObject({ notificationsMade: 0, rapidReviewsCompleted: 0 });
  });

  it('knows the status on any day, and a period keeps its counts when later events are entered', async () => {
    const { board, t } = await setUp();
    const r = await ok(CREATE, { boardId: board.id, type: 'SERIOUS_CASE_REVIEW', reference: 'Child BR', referredOn: '2017-03-01' }, t);
    await ok(DECIDE, { caseReviewId: r.id, commission: true, decidedOn: '2017-04-03', rationale: 'Criteria met' }, t);
    await ok(STATUS, { caseReviewId: r.id, status: 'IN_PROGRESS', on: '2017-06-01' }, t);
    const other = await ok(CREATE, { boardId: board.id, type: 'SERIOUS_CASE_REVIEW', reference: 'Child AZ', referredOn: '2016-01-04' }, t);
    await ok(DECIDE, { caseReviewId: other.id, commission: true, decidedOn: '2016-02-01', rationale: 'Criteria met' }, t);
    await ok(STATUS, { caseReviewId: other.id, status: 'IN_PROGRESS', on: '2016-03-01' }, t);
    await ok(PUBLISH, { caseReviewId: other.id, kind: 'OVERVIEW_REPORT', on: '2017-11-20' }, t);
    const period = { b: board.id, from: '2017-01-01', to: '2017-12-31' };
    const before = (await hub.gql(SUMMARY, period, t)).data.executiveSummary.caseReviews;
    // 2017: Child AZ published on 20 November (1), Child BR in progress on 31 December.
    expect(before.publishedInPeriod).toBe(1);
    expect(before.byStatus.filter((x: any) => x.count > 0)).toEqual([{ status: 'IN_PROGRESS', count: 1 }, { status: 'PUBLISHED', count: 1 }]);

    // 2018: Child BR's learning brief on 15 January, its overview report on 2 March (publication dates differ).
    await ok(PUBLISH, { caseReviewId: r.id, kind: 'LEARNING_BRIEF', on: '2018-01-15' }, t);
    await ok(PUBLISH, { caseReviewId: r.id, kind: 'OVERVIEW_REPORT', on: '2018-03-02' }, t);
    expect((await hub.gql(SUMMARY, period, t)).data.executiveSummary.caseReviews).toEqual(before);
    const y2018 = (await hub.gql(SUMMARY, { b: board.id, from: '2018-01-01', to: '2018-12-31' }, t)).data.executiveSummary.caseReviews;
    expect(y2018.publishedInPeriod).toBe(1); // published from its first (learning brief), counted once

    const q = `query($id: ID!) { caseReview(id: $id) { publishedOn events { kind status on }
      a: statusOn(date: "2017-02-28") b: statusOn(date: "2017-03-01") c: statusOn(date: "2017-04-02") d: statusOn(date: "2017-04-03")
      e: statusOn(date: "2017-06-01") f: statusOn(date: "2018-01-14") g: statusOn(date: "2018-01-15") h: statusOn(date: "2030-01-01") } }`;
    const got = (await hub.gql(q, { id: r.id }, t)).data.caseReview;
    // Board lists for a period: on 31 December 2017 Child BR was IN_PROGRESS (it is PUBLISHED today).
    const lists = (await hub.gql(`query($b: ID!) { board(id: $b) { then: caseReviews(status: IN_PROGRESS, on: "2017-12-31") { reference }
      now: caseReviews(status: IN_PROGRESS) { reference } before: caseReviews(on: "2016-12-31") { reference } } }`, { b: board.id }, t)).data.board;
    expect(lists).toEqual({ then: [{ reference: 'Child BR' }], now: [], before: [{ reference: 'Child AZ' }] });
    expect([got.a, got.b, got.c, got.d, got.e, got.f, got.g, got.h]).toEqual([null, 'REFERRED', 'REFERRED', 'COMMISSIONED', 'IN_PROGRESS', 'IN_PROGRESS', 'PUBLISHED', 'PUBLISHED']);
    expect(got.publishedOn).toBe('2018-01-15');
    expect(got.events.map((e: any) => `${e.kind}:${e.status ?? ''}:${e.on}`)).toEqual([
      'STATUS:REFERRED:2017-03-01', 'STATUS:COMMISSIONED:2017-04-03', 'STATUS:IN_PROGRESS:2017-06-01',
      'LEARNING_BRIEF::2018-01-15', 'STATUS:PUBLISHED:2018-01-15', 'OVERVIEW_REPORT::2018-03-02',
    ]);
  });

  it('closes a review decided not to be published once its actions are done; refused moves write nothing', async () => {
    const { board, agency, t } = await setUp();
    const r = await ok(CREATE, { boardId: board.id, type: 'LEARNING_REVIEW', reference: 'Family G', referredOn: '2024-01-08' }, t);
    // Referred Mon 8 January, decided Mon 22 January: 14 calendar days, 10 working days.
    expect(await ok(DECIDE, { caseReviewId: r.id, commission: true, decidedOn: '2024-01-22', rationale: 'Learning to draw' }, t)).toMatchObject({ daysToDecision: 14, workingDaysToDecision: 10 });
    await ok(STATUS, { caseReviewId: r.id, status: 'IN_PROGRESS', on: '2024-02-01' }, t);
    // Not yet decided not to publish: IN_PROGRESS → CLOSED is refused.
    await rejects(STATUS, { i: { caseReviewId: r.id, status: 'CLOSED', on: '2024-06-01' } }, t, 'CONFLICT');
    await rejects(PUBLISH, { i: { caseReviewId: r.id, kind: 'DECIDED_NOT_TO_PUBLISH', on: '2024-05-01' } }, t, 'BAD_USER_INPUT');
    const rec = await ok(RECOMMEND, { caseReviewId: r.id, text: 'Share the learning' }, t);
    const action = await ok(ADD_ACTION, { recommendationId: rec.id, description: 'Briefing to staff', ownerAgencyId: agency.id, dueOn: '2024-09-30' }, t);
    await ok(PUBLISH, { caseReviewId: r.id, kind: 'DECIDED_NOT_TO_PUBLISH', on: '2024-05-01', reason: 'The family could be identified' }, t);
    await rejects(PUBLISH, { i: { caseReviewId: r.id, kind: 'OVERVIEW_REPORT', on: '2024-05-02' } }, t, 'CONFLICT');
    // One action open: closing is refused.
    await rejects(STATUS, { i: { caseReviewId: r.id, status: 'CLOSED', on: '2024-06-01' } }, t, 'CONFLICT');
    await ok(UPDATE_ACTION, { actionId: action.id, status: 'COMPLETE', note: "Done", notedOn: "2024-07-01" }, t);
    expect(await ok(STATUS, { caseReviewId: r.id, status: 'CLOSED', on: '2024-07-02' }, t)).toMatchObject({ status: 'CLOSED' });
  });

  it('counts SARs concluded in the year and ongoing at its end, and lists findings not implemented with reasons', async () => {
    const { board, t } = await setUp(BoardKind.ADULTS);
    await rejects(NOTIFY, { i: { boardId: board.id, pseudonym: 'Adult X', incidentOn: '2024-01-02', awareOn: '2024-01-02', notifiedOn: '2024-01-03', lookedAfter: false } }, t, 'BAD_USER_INPUT');
    const sar = async (reference: string, referredOn: string, decidedOn: string) => {
      const r = await ok(CREATE, { boardId: board.id, type: 'SAFEGUARDING_ADULTS_REVIEW', reference, referredOn, sarCriterion: 'MANDATORY' }, t);
      expect(r).toMatchObject({ kind: 'SAR', sarCriterion: 'MANDATORY' });
      await ok(DECIDE, { caseReviewId: r.id, commission: true, decidedOn, rationale: 's44(1) met' }, t);
      await ok(STATUS, { caseReviewId: r.id, status: 'IN_PROGRESS', on: decidedOn }, t);
      return r;
    };
    const a = await sar('Adult A', '2023-01-10', '2023-02-01'); // began before 2024/25, concluded in it
    const b = await sar('Adult B', '2024-05-01', '2024-06-03'); // began in it, ongoing at its end
    await sar('Adult C', '2023-06-01', '2023-07-03'); // began before, ongoing at its end
    await rejects(STATUS, { i: { caseReviewId: a.id, status: 'PUBLISHED', on: '2024-08-01' } }, t, 'CONFLICT'); // a SAR completes first
    await ok(STATUS, { caseReviewId: a.id, status: 'COMPLETED', on: '2024-08-01' }, t);
    // A DHR delivered for the community safety partnership is not one of the board's own reviews.
    await ok(CREATE, { boardId: board.id, type: 'DOMESTIC_HOMICIDE_REVIEW', reference: 'DHR 1', referredOn: '2024-05-01', deliveredFor: 'Testshire Community Safety Partnership' }, t);
    const f1 = await ok(FINDING, { caseReviewId: b.id, text: 'Self-neglect was not recognised' }, t);
    const f2 = await ok(FINDING, { caseReviewId: b.id, text: 'A single named worker is needed' }, t);
    await rejects(RESPOND, { i: { findingId: f2.id, response: 'NOT_IMPLEMENTED', on: '2024-09-01' } }, t, 'BAD_USER_INPUT');
    await ok(RESPOND, { findingId: f1.id, response: 'ACCEPTED', on: '2024-09-01' }, t);
    expect(await ok(RESPOND, { findingId: f2.id, response: 'NOT_IMPLEMENTED', reasons: 'No funding for the post this year', on: '2024-09-01' }, t)).toMatchObject({ reasons: 'No funding for the post this year' });
    await ok(`mutation($i: RecordReviewContributionInput!) { recordReviewContribution(input: $i) { id } }`,
      { boardId: board.id, area: 'Otherton SAB', reviewReference: 'Adult Z', type: 'SAFEGUARDING_ADULTS_REVIEW', contributedOn: '2024-10-01' }, t);

    const res = await hub.gql(SUMMARY, { b: board.id, from: "2024-04-01", to: "2025-03-31" }, t);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    const s = res.data.executiveSummary.caseReviews;
    // Concluded: Adult A (1). Ongoing on 31 March 2025: Adult B and Adult C (2). DHR 1 apart.
    expect(s).toMatchObject({ sarsConcluded: 1, sarsOngoing: 2, findingsNotImplemented: 1, contributions: 1, deliveredForOthers: 1 });
    expect(s.byStatus.find((x: any) => x.status === 'REFERRED').count).toBe(0);
    const list = (await hub.gql(`query($id: ID!) { caseReview(id: $id) { findings { number response reasons } } }`, { id: b.id }, t)).data.caseReview.findings;
    expect(list).toEqual([{ number: 1, response: 'ACCEPTED', reasons: null }, { number: 2, response: 'NOT_IMPLEMENTED', reasons: 'No funding for the post this year' }]);
  });

  it('extends the completion clock with a recorded reason; refused without a reason, without a clock, or once it stopped', async () => {
    const { board, t } = await setUp();
    const EXTEND = `mutation($i: ExtendCompletionClockInput!) { extendCompletionClock(input: $i) { id status } }`;
    const COMPLETION = `query($id: ID!) { caseReview(id: $id) { clocks { name startedOn dueOn originalDueOn extensionReason doneOn breached } events { kind on reason dueOn } } }`;
    const completionOf = async (id: string) => {
      const r = (await hub.gql(COMPLETION, { id }, t)).data.caseReview;
      return { clock: r.clocks.find((c: any) => c.name === 'COMPLETION'), events: r.events };
    };
    const r = await ok(CREATE, { boardId: board.id, type: 'CHILD_SAFEGUARDING_PRACTICE_REVIEW', reference: 'Child E', referredOn: '2024-06-03' }, t);
    // Referred, not decided: no completion clock to extend.
    await rejects(EXTEND, { i: { caseReviewId: r.id, months: 2, reason: 'Police investigation', on: '2024-06-10' } }, t, 'CONFLICT');
    await ok(DECIDE, { caseReviewId: r.id, commission: true, decidedOn: '2024-06-14', rationale: 'Criteria met' }, t);
    // Decided 14 June 2024: due 6 calendar months later, 14 December 2024.
    expect((await completionOf(r.id)).clock).toMatchObject({ startedOn: '2024-06-14', dueOn: '2024-12-14', originalDueOn: null, extensionReason: null });

    // Refused, nothing written: no reason, a blank one, both forms, neither, a date not after the current due date, 0 months.
    await rejects(EXTEND, { i: { caseReviewId: r.id, months: 3, reason: '   ', on: '2024-11-20' } }, t, 'BAD_USER_INPUT', 'reason');
    await rejects(EXTEND, { i: { caseReviewId: r.id, months: 3, dueOn: '2025-03-14', reason: 'Trial', on: '2024-11-20' } }, t, 'BAD_USER_INPUT', 'dueOn');
    await rejects(EXTEND, { i: { caseReviewId: r.id, reason: 'Trial', on: '2024-11-20' } }, t, 'BAD_USER_INPUT', 'dueOn');
    await rejects(EXTEND, { i: { caseReviewId: r.id, dueOn: '2024-12-14', reason: 'Trial', on: '2024-11-20' } }, t, 'BAD_USER_INPUT', 'dueOn');
    await rejects(EXTEND, { i: { caseReviewId: r.id, months: 0, reason: 'Trial', on: '2024-11-20' } }, t, 'BAD_USER_INPUT', 'months');
    await rejects(EXTEND, { i: { caseReviewId: r.id, months: 3, reason: 'Trial', on: '2024-06-13' } }, t, 'BAD_USER_INPUT', 'on');
    await rejects(EXTEND, { i: { caseReviewId: r.id, months: 3, reason: 'Trial', on: '2025-04-01' } }, t, 'BAD_USER_INPUT', 'on');
    // Not through recordPublicationEvent.
    await rejects(PUBLISH, { i: { caseReviewId: r.id, kind: 'COMPLETION_EXTENDED', on: '2024-11-20', reason: 'Trial' } }, t, 'BAD_USER_INPUT', 'kind');

    // 3 months on 14 December 2024 = 14 March 2025, still breached on 31 March 2025 (today).
    await ok(EXTEND, { caseReviewId: r.id, months: 3, reason: 'Criminal proceedings: the police asked the review to pause', on: '2024-11-20' }, t);
    let c = await completionOf(r.id);
    expect(c.clock).toEqual({
      name: 'COMPLETION', startedOn: '2024-06-14', dueOn: '2025-03-14', originalDueOn: '2024-12-14',
      extensionReason: 'Criminal proceedings: the police asked the review to pause', doneOn: null, breached: true,
    });
    expect(c.events.filter((e: any) => e.kind === 'COMPLETION_EXTENDED')).toEqual([
      { kind: 'COMPLETION_EXTENDED', on: '2024-11-20', reason: 'Criminal proceedings: the police asked the review to pause', dueOn: '2025-03-14' },
    ]);
    // A second extension to a date: the latest entered counts; no longer breached on 31 March 2025.
    await ok(EXTEND, { caseReviewId: r.id, dueOn: '2025-06-30', reason: 'The family asked for time to contribute', on: '2025-03-10' }, t);
    c = await completionOf(r.id);
    expect(c.clock).toMatchObject({ dueOn: '2025-06-30', originalDueOn: '2024-12-14', extensionReason: 'The family asked for time to contribute', doneOn: null, breached: false });

    // Published 20 March 2025: the clock stopped, met (20 March is before 30 June). An extension agreed after it: CONFLICT.
    await ok(STATUS, { caseReviewId: r.id, status: 'IN_PROGRESS', on: '2024-07-01' }, t);
    await ok(PUBLISH, { caseReviewId: r.id, kind: 'OVERVIEW_REPORT', on: '2025-03-20' }, t);
    expect((await completionOf(r.id)).clock).toMatchObject({ dueOn: '2025-06-30', doneOn: '2025-03-20', breached: false });
    await rejects(EXTEND, { i: { caseReviewId: r.id, months: 1, reason: 'Late', on: '2025-03-25' } }, t, 'CONFLICT');

    // A review decided not to be commissioned has no completion clock.
    const n = await ok(CREATE, { boardId: board.id, type: 'LEARNING_REVIEW', reference: 'Child F', referredOn: '2024-06-03' }, t);
    await ok(DECIDE, { caseReviewId: n.id, commission: false, decidedOn: '2024-06-20', rationale: 'Criteria not met' }, t);
    await rejects(EXTEND, { i: { caseReviewId: n.id, months: 1, reason: 'Trial', on: '2024-07-01' } }, t, 'CONFLICT');
    // Another board's coordinator may not extend it.
    const other = await setUp();
    await rejects(EXTEND, { i: { caseReviewId: r.id, months: 1, reason: 'Trial', on: '2025-03-15' } }, other.t, 'FORBIDDEN');
  });

  it("records external learning and actions against it through the tracker", async () => {
    const { board, agency, t } = await setUp();
    const RECORD = `mutation($i: RecordExternalLearningInput!) { recordExternalLearning(input: $i) { id source title area publishedOn summary } }`;
    const national = await ok(RECORD, {
      boardId: board.id, source: 'Child Safeguarding Practice Review Panel', title: 'Child protection in England', publishedOn: '2022-05-26', summary: 'Information sharing and multi-agency decision making',
    }, t);
    expect(national).toMatchObject({ area: null, publishedOn: '2022-05-26' });
    const elsewhere = await ok(RECORD, { boardId: board.id, source: 'Northshire Safeguarding Children Partnership', title: 'Child Q', area: 'Northshire', publishedOn: '2024-09-01' }, t);
    // Refused, nothing written: a blank title, a future date, an unknown board, another board's coordinator.
    await rejects(RECORD, { i: { boardId: board.id, source: 'Panel', title: '  ', publishedOn: '2024-01-01' } }, t, 'BAD_USER_INPUT', 'title');
    await rejects(RECORD, { i: { boardId: board.id, source: 'Panel', title: 'Later', publishedOn: '2025-04-01' } }, t, 'BAD_USER_INPUT', 'publishedOn');
    await rejects(RECORD, { i: { boardId: '00000000-0000-4000-8000-000000000000', source: 'Panel', title: 'Nowhere', publishedOn: '2024-01-01' } }, t, 'BAD_USER_INPUT', 'boardId');
    const other = await setUp();
    await rejects(RECORD, { i: { boardId: board.id, source: 'Panel', title: 'Not yours', publishedOn: '2024-01-01' } }, other.t, 'FORBIDDEN');

    // Actions through the tracker, like any other source.
    const ADD = `mutation($i: AddActionInput!) { addAction(input: $i) { id sourceType sourceLabel externalLearning { id title } } }`;
    const action = await ok(ADD, { externalLearningId: elsewhere.id, ownerAgencyId: agency.id, description: 'Test our strategy meetings against Child Q', dueOn: '2025-06-30' }, t);
    expect(action).toMatchObject({ sourceType: 'EXTERNAL_LEARNING', sourceLabel: 'External learning: Child Q', externalLearning: { id: elsewhere.id, title: 'Child Q' } });
    await rejects(ADD, { i: { externalLearningId: '00000000-0000-4000-8000-000000000000', ownerAgencyId: agency.id, description: 'Nothing to act on', dueOn: '2025-06-30' } }, t, 'BAD_USER_INPUT', 'externalLearningId');
    await rejects(ADD, { i: { externalLearningId: elsewhere.id, ownerAgencyId: agency.id, description: 'Not your board', dueOn: '2025-06-30' } }, other.t, 'FORBIDDEN');
    await ok(UPDATE_ACTION, { actionId: action.id, status: 'COMPLETE', note: 'Audited 12 strategy meetings', notedOn: '2025-03-01' }, t);

    const list = (await hub.gql(`query($b: ID!) { board(id: $b) { externalLearning { title area actions { description status } } } }`, { b: board.id }, t)).data.board.externalLearning;
    // Newest first.
    expect(list).toEqual([
      { title: 'Child Q', area: 'Northshire', actions: [{ description: 'Test our strategy meetings against Child Q', status: 'COMPLETE' }] },
      { title: 'Child protection in England', area: null, actions: [] },
    ]);
    expect(national.id).toBeDefined();
    // Another board's coordinator reads none of it.
    expect((await hub.gql(`query($b: ID!) { board(id: $b) { externalLearning { id } } }`, { b: board.id }, other.t)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('has a working-day calendar with closure days an admin adds', async () => {
    const admin = await signedIn(hub, f, UserRole.ADMIN);
    const { t } = await setUp();
    const cal = (await hub.gql(`query { workingDayCalendar(year: 2031) { workingDays nonWorkingDays { on name bankHoliday } } }`, {}, t)).data.workingDayCalendar;
    // 2031: 261 weekdays less 8 bank holidays on weekdays = 253.
    expect(cal.nonWorkingDays.filter((d: any) => d.bankHoliday)).toHaveLength(8);
    expect(cal.workingDays).toBe(253);
    const ADD = `mutation($i: AddClosureDayInput!) { addClosureDay(input: $i) { day reason } }`;
    await rejects(ADD, { i: { day: '2031-12-29', reason: 'Council closure' } }, t, 'FORBIDDEN');
    await ok(ADD, { day: '2031-12-29', reason: 'Council closure' }, admin.token);
    await rejects(ADD, { i: { day: '2031-12-29', reason: 'Again' } }, admin.token, 'CONFLICT');
    expect((await hub.gql(`query { workingDayCalendar(year: 2031) { workingDays } }`, {}, t)).data.workingDayCalendar.workingDays).toBe(252);
  });
});
