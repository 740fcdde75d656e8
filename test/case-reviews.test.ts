import { UserRole } from '../src/common/enums';
import { Factories, factories, signedIn } from './helpers/factories';
import { startHub, TestHub } from './helpers/hub';
import { rejecter } from './helpers/rejects';

const TABLES = ['case_review', 'recommendation', 'action', 'action_update'];
const CREATE = `mutation($i: CreateCaseReviewInput!) { createCaseReview(input: $i) { id status reference } }`;
const DECIDE = `mutation($i: DecideCaseReviewInput!) { decideCaseReview(input: $i) { id status commissioned decidedOn daysToDecision } }`;
const STATUS = `mutation($i: UpdateCaseReviewStatusInput!) { updateCaseReviewStatus(input: $i) { id status startedOn publishedOn closedOn } }`;
const RECOMMEND = `mutation($i: AddRecommendationInput!) { addRecommendation(input: $i) { id number agency { id } } }`;
const ADD_ACTION = `mutation($i: AddActionInput!) { addAction(input: $i) { id status rag sourceType sourceLabel boardIds } }`;
const UPDATE_ACTION = `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id status rag } }`;

describe('case reviews', () => {
  let hub: TestHub;
  let f: Factories;
  let rejects: ReturnType<typeof rejecter>;

  beforeAll(async () => {
    hub = await startHub();
    f = factories(hub.ds);
    rejects = rejecter(hub, TABLES);
  });
  afterAll(() => hub.close());

  async function setUp() {
    const board = await f.board();
    const agency = await f.agency();
    await f.membership(agency.id, { boardId: board.id });
    const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    const viewer = await signedIn(hub, f, UserRole.VIEWER, { boardIds: [board.id] });
    return { board, agency, coordinator, viewer };
  }

  async function ok(query: string, i: Record<string, unknown>, token: string) {
    const res = await hub.gql(query, { i }, token);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data)[0] as any;
  }

  it('allows only the status flow REFERRED → COMMISSIONED → IN_PROGRESS → PUBLISHED → CLOSED', async () => {
    const { board, agency, coordinator } = await setUp();
    const t = coordinator.token;
    const review = await ok(CREATE, { boardId: board.id, type: 'SERIOUS_CASE_REVIEW', reference: 'Child BR', referredOn: '2024-01-10', themes: ['Neglect'], involvedAgencyIds: [agency.id] }, t);
    expect(review.status).toBe('REFERRED');
    const move = (status: string, on = '2024-06-01') => ({ i: { caseReviewId: review.id, status, on } });
    for (const s of ['COMMISSIONED', 'IN_PROGRESS', 'PUBLISHED', 'CLOSED', 'NOT_COMMISSIONED', 'REFERRED']) await rejects(STATUS, move(s), t, 'CONFLICT');
    await rejects(RECOMMEND, { i: { caseReviewId: review.id, text: 'Too early' } }, t, 'CONFLICT');

    const decided = await ok(DECIDE, { caseReviewId: review.id, commission: true, decidedOn: '2024-02-09', rationale: 'Criteria met: serious harm and concerns about agency working' }, t);
    expect(decided).toMatchObject({ status: 'COMMISSIONED', commissioned: true, decidedOn: '2024-02-09', daysToDecision: 30 });
    await rejects(DECIDE, { i: { caseReviewId: review.id, commission: false, decidedOn: '2024-02-10', rationale: 'Changed mind' } }, t, 'CONFLICT');
    for (const s of ['PUBLISHED', 'CLOSED', 'REFERRED', 'COMMISSIONED']) await rejects(STATUS, move(s), t, 'CONFLICT');

    expect((await ok(STATUS, { caseReviewId: review.id, status: 'IN_PROGRESS', on: '2024-03-01' }, t)).startedOn).toBe('2024-03-01');
    for (const s of ['CLOSED', 'COMMISSIONED', 'IN_PROGRESS']) await rejects(STATUS, move(s), t, 'CONFLICT');
    const rec = await ok(RECOMMEND, { caseReviewId: review.id, text: 'Agencies to escalate neglect concerns', agencyId: agency.id }, t);
    const rec2 = await ok(RECOMMEND, { caseReviewId: review.id, text: 'The board to audit neglect cases' }, t);
    expect([rec.number, rec2.number, rec2.agency]).toEqual([1, 2, null]);
    const action = await ok(ADD_ACTION, { recommendationId: rec.id, description: 'Neglect toolkit training', ownerAgencyId: agency.id, dueOn: '2024-12-31' }, t);
    expect(action).toMatchObject({ status: 'NOT_STARTED', sourceType: 'REVIEW_RECOMMENDATION', sourceLabel: 'Child BR: recommendation 1', boardIds: [board.id] });

    expect((await ok(STATUS, { caseReviewId: review.id, status: 'PUBLISHED', on: '2024-10-01' }, t)).publishedOn).toBe('2024-10-01');
    for (const s of ['IN_PROGRESS', 'COMMISSIONED']) await rejects(STATUS, move(s), t, 'CONFLICT');
    // Closing waits for every action to be COMPLETE or CANCELLED.
    const refused = await rejects(STATUS, move('CLOSED', '2024-11-01'), t, 'CONFLICT');
    expect(refused.errors![0].extensions!.openActions).toBe(1);
    await ok(UPDATE_ACTION, { actionId: action.id, note: 'Delivered to 240 staff', status: 'COMPLETE', rag: 'GREEN' }, t);
    expect((await ok(STATUS, { caseReviewId: review.id, status: 'CLOSED', on: '2024-11-01' }, t)).closedOn).toBe('2024-11-01');
    for (const s of ['PUBLISHED', 'CLOSED', 'IN_PROGRESS']) await rejects(STATUS, move(s), t, 'CONFLICT');
    await rejects(RECOMMEND, { i: { caseReviewId: review.id, text: 'Late' } }, t, 'CONFLICT');
    await rejects(ADD_ACTION, { i: { recommendationId: rec2.id, description: 'Too late now', ownerAgencyId: agency.id, dueOn: '2025-01-01' } }, t, 'CONFLICT');

    const notCommissioned = await ok(CREATE, { boardId: board.id, type: 'LEARNING_REVIEW', reference: 'Family K', referredOn: '2024-04-01' }, t);
    const nc = await ok(DECIDE, { caseReviewId: notCommissioned.id, commission: false, decidedOn: '2024-04-15', rationale: 'Single-agency learning; no SCR criteria' }, t);
    expect(nc).toMatchObject({ status: 'NOT_COMMISSIONED', commissioned: false, daysToDecision: 14 });
    for (const s of ['COMMISSIONED', 'IN_PROGRESS', 'PUBLISHED', 'CLOSED']) {
      await rejects(STATUS, { i: { caseReviewId: notCommissioned.id, status: s } }, t, 'CONFLICT');
    }
    await rejects(RECOMMEND, { i: { caseReviewId: notCommissioned.id, text: 'No' } }, t, 'CONFLICT');

    const filtered = await hub.gql(
      `query($id: ID!) { board(id: $id) { all: caseReviews { reference } closed: caseReviews(status: CLOSED) { reference } learning: caseReviews(type: LEARNING_REVIEW) { reference } none: caseReviews(type: DOMESTIC_HOMICIDE_REVIEW) { reference } } }`,
      { id: board.id },
      t,
    );
    expect(filtered.data.board).toEqual({
      all: [{ reference: 'Family K' }, { reference: 'Child BR' }],
      closed: [{ reference: 'Child BR' }],
      learning: [{ reference: 'Family K' }],
      none: [],
    });
  });

  it('refuses bad input of every case review mutation, writing nothing', async () => {
    const { board, agency, coordinator, viewer } = await setUp();
    const other = await setUp();
    const t = coordinator.token;
    const nobody = '00000000-0000-4000-8000-000000000000';
    const good = { boardId: board.id, type: 'SAFEGUARDING_ADULTS_REVIEW', reference: 'Mr A', referredOn: '2024-01-10' };
    await rejects(CREATE, { i: { ...good, boardId: nobody } }, t, 'BAD_USER_INPUT', 'boardId');
    await rejects(CREATE, { i: { ...good, type: 'INQUEST' } }, t, 'BAD_USER_INPUT');
    await rejects(CREATE, { i: { ...good, reference: '  ' } }, t, 'BAD_USER_INPUT', 'reference');
    await rejects(CREATE, { i: { ...good, referredOn: '2099-01-01' } }, t, 'BAD_USER_INPUT', 'referredOn');
    await rejects(CREATE, { i: { ...good, referredOn: '2024-13-01' } }, t, 'BAD_USER_INPUT');
    await rejects(CREATE, { i: { ...good, involvedAgencyIds: [nobody] } }, t, 'BAD_USER_INPUT', 'involvedAgencyIds');
    await rejects(CREATE, { i: good }, viewer.token, 'FORBIDDEN');
    await rejects(CREATE, { i: good }, other.coordinator.token, 'FORBIDDEN');
    const review = await ok(CREATE, good, t);
    await rejects(CREATE, { i: good }, t, 'CONFLICT');
    await rejects(CREATE, { i: { ...good, reference: 'mr a' } }, t, 'CONFLICT');

    const decide = { caseReviewId: review.id, commission: true, decidedOn: '2024-02-01', rationale: 'Criteria met' };
    await rejects(DECIDE, { i: { ...decide, decidedOn: '2024-01-09' } }, t, 'BAD_USER_INPUT', 'decidedOn');
    await rejects(DECIDE, { i: { ...decide, decidedOn: '2099-01-09' } }, t, 'BAD_USER_INPUT', 'decidedOn');
    await rejects(DECIDE, { i: { ...decide, rationale: ' ' } }, t, 'BAD_USER_INPUT', 'rationale');
    await rejects(DECIDE, { i: { ...decide, caseReviewId: nobody } }, t, 'NOT_FOUND');
    await rejects(DECIDE, { i: decide }, other.coordinator.token, 'FORBIDDEN');
    await rejects(DECIDE, { i: decide }, viewer.token, 'FORBIDDEN');
    await ok(DECIDE, decide, t);
    await rejects(STATUS, { i: { caseReviewId: review.id, status: 'IN_PROGRESS', on: '2024-01-31' } }, t, 'BAD_USER_INPUT', 'on');
    await rejects(STATUS, { i: { caseReviewId: review.id, status: 'IN_PROGRESS', on: '2099-01-31' } }, t, 'BAD_USER_INPUT', 'on');

    await rejects(RECOMMEND, { i: { caseReviewId: review.id, text: '' } }, t, 'BAD_USER_INPUT', 'text');
    await rejects(RECOMMEND, { i: { caseReviewId: review.id, text: 'Do better', agencyId: nobody } }, t, 'BAD_USER_INPUT', 'agencyId');
    await rejects(RECOMMEND, { i: { caseReviewId: review.id, text: 'Do better' } }, viewer.token, 'FORBIDDEN');
    const rec = await ok(RECOMMEND, { caseReviewId: review.id, text: 'Do better' }, t);

    const action = { recommendationId: rec.id, description: 'Train staff on MCA', ownerAgencyId: agency.id, dueOn: '2025-01-01' };
    await rejects(ADD_ACTION, { i: { ...action, recommendationId: undefined } }, t, 'BAD_USER_INPUT', 'recommendationId');
    await rejects(ADD_ACTION, { i: { ...action, priorityId: nobody } }, t, 'BAD_USER_INPUT', 'recommendationId');
    await rejects(ADD_ACTION, { i: { ...action, recommendationId: nobody } }, t, 'BAD_USER_INPUT', 'recommendationId');
    await rejects(ADD_ACTION, { i: { ...action, ownerAgencyId: nobody } }, t, 'BAD_USER_INPUT', 'ownerAgencyId');
    await rejects(ADD_ACTION, { i: { ...action, description: 'ab' } }, t, 'BAD_USER_INPUT', 'description');
    await rejects(ADD_ACTION, { i: { ...action, rag: 'PURPLE' } }, t, 'BAD_USER_INPUT');
    await rejects(ADD_ACTION, { i: action }, other.coordinator.token, 'FORBIDDEN');
    const agencyUser = await signedIn(hub, f, UserRole.AGENCY_USER, { agencyId: agency.id });
    await rejects(ADD_ACTION, { i: action }, agencyUser.token, 'FORBIDDEN');
  });

  it('gives an agency on two boards one tracker of what it owes, and nothing of other agencies', async () => {
    const north = await setUp();
    const south = await setUp();
    const police = north.agency;
    await f.membership(police.id, { boardId: south.board.id });
    const police2 = await signedIn(hub, f, UserRole.AGENCY_USER, { agencyId: police.id });
    const otherAgencyUser = await signedIn(hub, f, UserRole.AGENCY_USER, { agencyId: south.agency.id });

    const review = await ok(CREATE, { boardId: north.board.id, type: 'SERIOUS_CASE_REVIEW', reference: 'Baby Q', referredOn: '2024-01-10' }, north.coordinator.token);
    await ok(DECIDE, { caseReviewId: review.id, commission: true, decidedOn: '2024-01-20', rationale: 'Criteria met' }, north.coordinator.token);
    const rec = await ok(RECOMMEND, { caseReviewId: review.id, text: 'Improve information sharing at night' }, north.coordinator.token);
    const fromReview = await ok(ADD_ACTION, { recommendationId: rec.id, description: 'Out-of-hours protocol', ownerAgencyId: police.id, dueOn: '2024-06-30' }, north.coordinator.token);
    const plan = await ok(`mutation($i: CreateBusinessPlanInput!) { createBusinessPlan(input: $i) { id } }`, { boardId: south.board.id, title: 'Business plan 2024/25', periodFrom: '2024-04-01', periodTo: '2025-03-31' }, south.coordinator.token);
    const priority = await ok(`mutation($i: AddPriorityInput!) { addPriority(input: $i) { id code } }`, { businessPlanId: plan.id, code: '2a', title: 'Children are safe' }, south.coordinator.token);
    const fromPlan = await ok(ADD_ACTION, { priorityId: priority.id, description: 'CSE awareness for officers', ownerAgencyId: police.id, dueOn: '2025-03-31', rag: 'AMBER' }, south.coordinator.token);
    const notMine = await ok(ADD_ACTION, { priorityId: priority.id, description: 'Council CSE strategy', ownerAgencyId: south.agency.id, dueOn: '2024-05-31' }, south.coordinator.token);

    const TRACKER = `query($id: ID!) { agency(id: $id) { actions(asOf: "2024-09-01") { id overdue(asOf: "2024-09-01") sourceLabel recommendation { number caseReview { reference } } priority { code plan { title } } } } }`;
    const mine = (await hub.gql(TRACKER, { id: police.id }, police2.token)).data.agency.actions;
    expect(mine).toEqual([
      { id: fromReview.id, overdue: true, sourceLabel: 'Baby Q: recommendation 1', recommendation: { number: 1, caseReview: { reference: 'Baby Q' } }, priority: null },
      { id: fromPlan.id, overdue: false, sourceLabel: 'Business plan 2024/25: priority 2a', recommendation: null, priority: { code: '2a', plan: { title: 'Business plan 2024/25' } } },
    ]);
    const overdueOnly = await hub.gql(`query($id: ID!) { agency(id: $id) { actions(overdueOnly: true, asOf: "2024-09-01") { id } } }`, { id: police.id }, police2.token);
    expect(overdueOnly.data.agency.actions).toEqual([{ id: fromReview.id }]);
    // Each board's coordinator sees only what their board tracks.
    expect((await hub.gql(TRACKER, { id: police.id }, north.coordinator.token)).data.agency.actions.map((a: any) => a.id)).toEqual([fromReview.id]);
    // Another agency sees none of the police's actions, and the police none of the council's.
    expect((await hub.gql(TRACKER, { id: police.id }, otherAgencyUser.token)).data.agency.actions).toEqual([]);
    const priorityView = await hub.gql(`query($id: ID!) { businessPlan(id: $id) { priorities { actions { id } } } }`, { id: plan.id }, police2.token);
    expect(priorityView.data.businessPlan.priorities[0].actions).toEqual([{ id: fromPlan.id }]);

    // Owners update their own actions; nobody updates another agency's or another board's.
    expect(await ok(UPDATE_ACTION, { actionId: fromPlan.id, note: 'Half the officers trained', status: 'IN_PROGRESS', rag: 'GREEN' }, police2.token)).toMatchObject({ status: 'IN_PROGRESS', rag: 'GREEN' });
    await rejects(UPDATE_ACTION, { i: { actionId: notMine.id, note: 'Not ours' } }, police2.token, 'FORBIDDEN');
    await rejects(UPDATE_ACTION, { i: { actionId: fromPlan.id, note: 'Not our board' } }, north.coordinator.token, 'FORBIDDEN');
    await rejects(UPDATE_ACTION, { i: { actionId: fromPlan.id, note: 'Read only' } }, south.viewer.token, 'FORBIDDEN');
    // An action owned on a board the police do not sit on: theirs to see and update, but not the review behind it.
    const elsewhere = await setUp();
    const hidden = await ok(CREATE, { boardId: elsewhere.board.id, type: 'SAFEGUARDING_ADULTS_REVIEW', reference: 'Mrs H', referredOn: '2024-01-10' }, elsewhere.coordinator.token);
    await ok(DECIDE, { caseReviewId: hidden.id, commission: true, decidedOn: '2024-01-20', rationale: 'Criteria met' }, elsewhere.coordinator.token);
    const hiddenRec = await ok(RECOMMEND, { caseReviewId: hidden.id, text: 'Police to share intelligence' }, elsewhere.coordinator.token);
    const owed = await ok(ADD_ACTION, { recommendationId: hiddenRec.id, description: 'Intelligence-sharing protocol', ownerAgencyId: police.id, dueOn: '2025-06-30' }, elsewhere.coordinator.token);
    const seen = await hub.gql(`query($id: ID!) { action(id: $id) { sourceLabel recommendation { text caseReview { summary } } } }`, { id: owed.id }, police2.token);
    expect(seen.data.action).toEqual({ sourceLabel: 'Mrs H: recommendation 1', recommendation: null });
    expect((await hub.gql(`query($id: ID!) { caseReview(id: $id) { id } }`, { id: hidden.id }, police2.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const history = await hub.gql(`query($id: ID!) { action(id: $id) { updates { note fromStatus toStatus fromRag toRag } } }`, { id: fromPlan.id }, police2.token);
    expect(history.data.action.updates).toEqual([{ note: 'Half the officers trained', fromStatus: 'NOT_STARTED', toStatus: 'IN_PROGRESS', fromRag: 'AMBER', toRag: 'GREEN' }]);
  });
});
