import { UserRole } from '../src/common/enums';
import { TestClock } from '../src/common/clock';
import { Factories, factories, signedIn } from './helpers/factories';
import { startHub, TestHub } from './helpers/hub';
import { rejecter } from './helpers/rejects';

/** Actions as work programmes hold them (arrangements.md): leads, ONGOING timescales, due-date history, drift, carry forward. */
describe('action timescales, drift and carrying forward', () => {
  let hub: TestHub;
  let f: Factories;
  let coord: string;
  let agencyToken: string;
  let agencyId: string;
  let boardId: string;
  const clock = new TestClock(new Date('2025-01-10T12:00:00Z'));
  const ADD = `mutation($i: AddActionInput!) { addAction(input: $i) { id timescale dueOn nextReviewOn lead } }`;
  const UPDATE = `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id status dueOn timescale drifting completionNote dueDateChanges { fromDueOn toDueOn reason changedOn } } }`;
  const CARRY = `mutation($i: CarryForwardActionInput!) { carryForwardAction(input: $i) { id status dueOn description lead sourceLabel carriedForwardFrom { id status } } }`;
  const run = async (q: string, i: Record<string, unknown>, token = coord) => {
    const res = await hub.gql(q, { i }, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return Object.values(res.data)[0] as any;
  };
  let p2024: string;
  let p2025: string;

  beforeAll(async () => {
    hub = await startHub({ clock });
    f = factories(hub.ds);
    const board = await f.board();
    boardId = board.id;
    agencyId = (await f.agency()).id;
    await f.membership(agencyId, { boardId });
    coord = (await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [boardId] })).token;
    agencyToken = (await signedIn(hub, f, UserRole.AGENCY_USER, { agencyId })).token;
    const plan = async (title: string, from: string, to: string) => {
      const p = await run(`mutation($i: CreateBusinessPlanInput!) { createBusinessPlan(input: $i) { id } }`, { boardId, title, periodFrom: from, periodTo: to });
      return (await run(`mutation($i: AddPriorityInput!) { addPriority(input: $i) { id } }`, { businessPlanId: p.id, code: '1', title: 'Neglect' })).id;
    };
    p2024 = await plan('Plan 2024/25', '2024-04-01', '2025-03-31');
    p2025 = await plan('Plan 2025/26', '2025-04-01', '2026-03-31');
  });
  afterAll(() => hub.close());

  it('an ONGOING action is never overdue, but due for review once its review date has passed', async () => {
    const a = await run(ADD, { priorityId: p2024, description: 'Monitor neglect referrals monthly', ownerAgencyId: agencyId, timescale: 'ONGOING', reviewFrequency: 'MONTHLY', nextReviewOn: '2024-12-31', lead: 'Head of Safeguarding' });
    expect(a).toMatchObject({ timescale: 'ONGOING', dueOn: null, nextReviewOn: '2024-12-31', lead: 'Head of Safeguarding' });
    const q = `query($id: ID!) { action(id: $id) { overdue(asOf: "2030-01-01") before: dueForReview(asOf: "2024-12-31") after: dueForReview(asOf: "2025-01-01") today: dueForReview } }`;
    const r = await hub.gql(q, { id: a.id }, coord);
    // Never overdue; due for review from the day after 2024-12-31 (today is 2025-01-10).
    expect(r.data.action).toEqual({ overdue: false, before: false, after: true, today: true });
    const list = await hub.gql(`query($id: ID!) { board(id: $id) { review: actions(dueForReviewOnly: true) { id } overdue: actions(overdueOnly: true, asOf: "2030-01-01") { id } } }`, { id: boardId }, coord);
    expect(list.data.board.review.map((x: any) => x.id)).toEqual([a.id]);
    expect(list.data.board.overdue.map((x: any) => x.id)).not.toContain(a.id);
  });

  it('a due date moved twice is drifting, with both old dates kept; completing needs a completion note', async () => {
    const a = await run(ADD, { priorityId: p2024, description: 'Publish the neglect toolkit', ownerAgencyId: agencyId, dueOn: '2024-09-30' });
    const once = await run(UPDATE, { actionId: a.id, note: 'Printing delayed', dueOn: '2024-11-30', dueDateReason: 'Printer delay' }, agencyToken);
    expect(once).toMatchObject({ dueOn: '2024-11-30', drifting: false });
    const twice = await run(UPDATE, { actionId: a.id, note: 'Consultation extended', dueOn: '2025-02-28', dueDateReason: 'Consultation extended by the partners' });
    expect(twice.drifting).toBe(true);
    expect(twice.dueDateChanges).toEqual([
      { fromDueOn: '2024-09-30', toDueOn: '2024-11-30', reason: 'Printer delay', changedOn: '2025-01-10' },
      { fromDueOn: '2024-11-30', toDueOn: '2025-02-28', reason: 'Consultation extended by the partners', changedOn: '2025-01-10' },
    ]);
    const drifting = await hub.gql(`query($id: ID!) { board(id: $id) { actions(driftingOnly: true) { id } } }`, { id: boardId }, coord);
    expect(drifting.data.board.actions.map((x: any) => x.id)).toEqual([a.id]);

    const rejects = rejecter(hub, ['action', 'action_update', 'action_due_date_change']);
    await rejects(UPDATE, { i: { actionId: a.id, note: 'Moved again', dueOn: '2025-03-31' } }, coord, 'BAD_USER_INPUT', 'dueDateReason');
    await rejects(UPDATE, { i: { actionId: a.id, note: 'x', timescale: 'ONGOING', dueDateReason: 'Now ongoing' } }, coord, 'BAD_USER_INPUT', 'nextReviewOn');
    await rejects(UPDATE, { i: { actionId: a.id, note: 'x', timescale: 'ONGOING', dueOn: '2025-01-01', dueDateReason: 'r' } }, coord, 'BAD_USER_INPUT', 'dueOn');
    await rejects(UPDATE, { i: { actionId: a.id, note: 'x', completionNote: '   ' } }, coord, 'BAD_USER_INPUT', 'completionNote');

    const done = await run(UPDATE, { actionId: a.id, note: 'Published', status: 'COMPLETE', completionNote: 'Toolkit published on the partnership website' }, agencyToken);
    expect(done).toMatchObject({ status: 'COMPLETE', completionNote: 'Toolkit published on the partnership website' });
  });

  it('carries an action forward to the next plan: a new action there, the original keeps its history', async () => {
    const a = await run(ADD, { priorityId: p2024, description: 'Audit neglect cases', ownerAgencyId: agencyId, dueOn: '2025-03-31', lead: 'QA lead' });
    await run(UPDATE, { actionId: a.id, note: 'Half the cases audited', status: 'IN_PROGRESS', rag: 'AMBER' });
    const rejects = rejecter(hub, ['action', 'action_update']);
    await rejects(CARRY, { i: { actionId: a.id, priorityId: p2025, note: 'Not mine to move' } }, agencyToken, 'FORBIDDEN');
    await rejects(CARRY, { i: { actionId: a.id, priorityId: p2024, note: 'Same place' } }, coord, 'BAD_USER_INPUT', 'priorityId');
    await rejects(CARRY, { i: { actionId: a.id, note: 'Nowhere' } }, coord, 'BAD_USER_INPUT', 'priorityId');
    const next = await run(CARRY, { actionId: a.id, priorityId: p2025, dueOn: '2025-09-30', note: 'Second half in 2025/26' });
    expect(next).toMatchObject({ status: 'NOT_STARTED', dueOn: '2025-09-30', description: 'Audit neglect cases', lead: 'QA lead', carriedForwardFrom: [{ id: a.id, status: 'CANCELLED' }] });
    const original = await hub.gql(`query($id: ID!) { action(id: $id) { status carriedForwardTo { id } updates { note toStatus } } }`, { id: a.id }, coord);
    expect(original.data.action.carriedForwardTo).toEqual({ id: next.id });
    expect(original.data.action.updates.map((u: any) => u.toStatus)).toEqual(['IN_PROGRESS', 'CANCELLED']);
    expect(original.data.action.updates[1].note).toMatch(/^Carried forward to .*: Second half in 2025\/26$/);
    await rejects(CARRY, { i: { actionId: a.id, priorityId: p2025, note: 'Again' } }, coord, 'CONFLICT');
  });
});
