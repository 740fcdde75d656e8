import { UserRole } from '../src/common/enums';
import { Factories, factories, signedIn } from './helpers/factories';
import { startHub, TestHub } from './helpers/hub';
import { rejecter } from './helpers/rejects';

const CREATE_PLAN = `mutation($i: CreateBusinessPlanInput!) { createBusinessPlan(input: $i) { id title periodFrom periodTo } }`;
const ADD_PRIORITY = `mutation($i: AddPriorityInput!) { addPriority(input: $i) { id code position leadSubGroup { id } } }`;
const ADD_ACTION = `mutation($i: AddActionInput!) { addAction(input: $i) { id } }`;
const UPDATE_ACTION = `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id status } }`;
const PROGRESS = `total red amber green unrated notStarted inProgress complete cancelled overdue open percentComplete littleOrNoProgress`;

describe('business plans', () => {
  let hub: TestHub;
  let f: Factories;
  let rejects: ReturnType<typeof rejecter>;

  beforeAll(async () => {
    hub = await startHub();
    f = factories(hub.ds);
    rejects = rejecter(hub, ['business_plan', 'plan_priority', 'action']);
  });
  afterAll(() => hub.close());

  async function ok(query: string, i: Record<string, unknown>, token: string) {
    const res = await hub.gql(query, { i }, token);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data)[0] as any;
  }

  it('rolls up actions per priority and per plan, worked out by hand for two dates', async () => {
    const board = await f.board();
    const agency = await f.agency();
    const t = (await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] })).token;
    const plan = await ok(CREATE_PLAN, { boardId: board.id, title: 'Business plan 2024/25', periodFrom: '2024-04-01', periodTo: '2025-03-31' }, t);
    const pA = await ok(ADD_PRIORITY, { businessPlanId: plan.id, code: 'A', title: 'Assurance' }, t);
    const pB = await ok(ADD_PRIORITY, { businessPlanId: plan.id, code: 'B', title: 'Voice of the child' }, t);
    const pC = await ok(ADD_PRIORITY, { businessPlanId: plan.id, code: 'C', title: 'Neglect' }, t);
    expect([pA.position, pB.position, pC.position]).toEqual([1, 2, 3]);
    const action = async (priorityId: string, dueOn: string, rag: string | null, status?: string) => {
      const created = await ok(ADD_ACTION, { priorityId, description: `Action due ${dueOn}`, ownerAgencyId: agency.id, dueOn, ...(rag ? { rag } : {}) }, t);
      if (status) await ok(UPDATE_ACTION, { actionId: created.id, note: `Now ${status}`, status }, t);
    };
    // A: complete/green, in progress/amber due 1 May, not started/red due 1 July, cancelled/unrated.
    await action(pA.id, '2024-03-01', 'GREEN', 'COMPLETE');
    await action(pA.id, '2024-05-01', 'AMBER', 'IN_PROGRESS');
    await action(pA.id, '2024-07-01', 'RED');
    await action(pA.id, '2024-01-01', null, 'CANCELLED');
    // B: nothing yet. C: not started/unrated due 1 April, in progress/red due 1 September.
    await action(pC.id, '2024-04-01', null);
    await action(pC.id, '2024-09-01', 'RED', 'IN_PROGRESS');

    const q = `query($id: ID!, $asOf: LocalDate) { businessPlan(id: $id) { progress(asOf: $asOf) { ${PROGRESS} } priorities { code progress(asOf: $asOf) { ${PROGRESS} } } } }`;
    const june = (await hub.gql(q, { id: plan.id, asOf: '2024-06-01' }, t)).data.businessPlan;
    expect(june.priorities).toEqual([
      { code: 'A', progress: { total: 4, red: 1, amber: 1, green: 1, unrated: 1, notStarted: 1, inProgress: 1, complete: 1, cancelled: 1, overdue: 1, open: 2, percentComplete: 33.3, littleOrNoProgress: false } },
      { code: 'B', progress: { total: 0, red: 0, amber: 0, green: 0, unrated: 0, notStarted: 0, inProgress: 0, complete: 0, cancelled: 0, overdue: 0, open: 0, percentComplete: null, littleOrNoProgress: true } },
      { code: 'C', progress: { total: 2, red: 1, amber: 0, green: 0, unrated: 1, notStarted: 1, inProgress: 1, complete: 0, cancelled: 0, overdue: 1, open: 2, percentComplete: 0, littleOrNoProgress: true } },
    ]);
    // Whole plan: one complete of five not cancelled = 20%.
    expect(june.progress).toEqual({ total: 6, red: 2, amber: 1, green: 1, unrated: 2, notStarted: 2, inProgress: 2, complete: 1, cancelled: 1, overdue: 2, open: 4, percentComplete: 20, littleOrNoProgress: true });
    const august = (await hub.gql(q, { id: plan.id, asOf: '2024-08-01' }, t)).data.businessPlan;
    expect(august.priorities.map((p: any) => p.progress.overdue)).toEqual([2, 0, 1]);
    expect(august.progress.overdue).toBe(3);
    const board2 = await hub.gql(`query($id: ID!) { board(id: $id) { businessPlans { title } actions(overdueOnly: true, asOf: "2024-08-01") { sourceLabel } } }`, { id: board.id }, t);
    expect(board2.data.board.businessPlans).toEqual([{ title: 'Business plan 2024/25' }]);
    expect(board2.data.board.actions.map((x: any) => x.sourceLabel)).toEqual([
      'Business plan 2024/25: priority C',
      'Business plan 2024/25: priority A',
      'Business plan 2024/25: priority A',
    ]);
  });

  it('refuses bad plan and priority input, writing nothing', async () => {
    const board = await f.board();
    const otherBoard = await f.board();
    const mine = await f.subGroup([board.id]);
    const theirs = await f.subGroup([otherBoard.id]);
    const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    const viewer = await signedIn(hub, f, UserRole.VIEWER, { boardIds: [board.id] });
    const t = coordinator.token;
    const nobody = '00000000-0000-4000-8000-000000000000';
    const good = { boardId: board.id, title: 'Business plan 2025/26', periodFrom: '2025-04-01', periodTo: '2026-03-31' };
    await rejects(CREATE_PLAN, { i: { ...good, periodTo: '2025-03-31' } }, t, 'BAD_USER_INPUT', 'periodTo');
    await rejects(CREATE_PLAN, { i: { ...good, boardId: nobody } }, t, 'BAD_USER_INPUT', 'boardId');
    await rejects(CREATE_PLAN, { i: { ...good, title: '   ' } }, t, 'BAD_USER_INPUT', 'title');
    await rejects(CREATE_PLAN, { i: good }, viewer.token, 'FORBIDDEN');
    await rejects(CREATE_PLAN, { i: { ...good, boardId: otherBoard.id } }, t, 'FORBIDDEN');
    const plan = await ok(CREATE_PLAN, good, t);

    const priority = { businessPlanId: plan.id, code: '2a', title: 'Children are safe', leadSubGroupId: mine.id };
    expect((await ok(ADD_PRIORITY, priority, t)).leadSubGroup).toEqual({ id: mine.id });
    await rejects(ADD_PRIORITY, { i: priority }, t, 'CONFLICT');
    await rejects(ADD_PRIORITY, { i: { ...priority, code: '2b', leadSubGroupId: theirs.id } }, t, 'BAD_USER_INPUT', 'leadSubGroupId');
    await rejects(ADD_PRIORITY, { i: { ...priority, code: ' ' } }, t, 'BAD_USER_INPUT', 'code');
    await rejects(ADD_PRIORITY, { i: { ...priority, code: '2b', businessPlanId: nobody } }, t, 'NOT_FOUND');
    await rejects(ADD_PRIORITY, { i: { ...priority, code: '2b' } }, viewer.token, 'FORBIDDEN');
    const stranger = await signedIn(hub, f, UserRole.VIEWER, { boardIds: [otherBoard.id] });
    const read = await hub.gql(`query($id: ID!) { businessPlan(id: $id) { id } }`, { id: plan.id }, stranger.token);
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
