import { Sector, UserRole } from '../src/common/enums';
import { answers } from './helpers/audit';
import { Factories, factories, signedIn } from './helpers/factories';
import { startHub, TestHub } from './helpers/hub';
import { key, scorecardApi } from './helpers/scorecard';

/**
 * Issue 16: the defects of the annual report, each read over HTTP as a business manager would,
 * on a board whose every figure is worked out by hand below.
 */
describe('yearly report: the defects of the annual report (issue 16)', () => {
  let hub: TestHub;
  let f: Factories;
  let framework: string;
  const YEAR = { from: '2024-04-01', to: '2025-03-31' };

  beforeAll(async () => {
    hub = await startHub();
    f = factories(hub.ds);
    const admin = await signedIn(hub, f, UserRole.ADMIN);
    const res = await hub.gql(`{ auditFrameworks { id key version } }`, {}, admin.token);
    framework = res.data.auditFrameworks.find((x: any) => x.key === 'SECTION_11_CHILDREN' && x.version === 1).id;
  });
  afterAll(() => hub.close());

  async function ok(token: string, query: string, i: Record<string, unknown>) {
    const res = await hub.gql(query, { i }, token);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data)[0] as any;
  }

  /**
   * A children's board in 2024/25:
   * - agencies "Women's Centre" (voluntary, submits its Section 11 return: 8 of 8 met) and a police
   *   force (saves a draft only: 4 met, 4 partially met);
   * - three reviews published in the year (public, named), one in progress at the year's end and
   *   published after it (2025-06-01), one referred in the year;
   * - one action on a published review's recommendation, due 2024-12-31 and not started: overdue;
   * - plan priority A: one RED action cancelled, three AMBER in progress, one GREEN complete.
   */
  async function defectsBoard() {
    const board = await f.board({ quorumMinimum: 1 });
    const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    const t = coordinator.token;
    const centre = await f.agency({ name: `Women's Centre ${board.id.slice(0, 8)}`, sector: Sector.VOLUNTARY });
    const police = await f.agency({ name: `Police ${board.id.slice(0, 8)}`, sector: Sector.POLICE });
    for (const a of [centre, police]) await f.membership(a.id, { boardId: board.id });
    const m = await f.meeting({ boardId: board.id }, '2024-06-01');
    await f.attendance(m.id, centre.id, 'PRESENT' as any);
    await f.attendance(m.id, police.id, 'PRESENT' as any);

    const cycle = (await ok(t, `mutation($i: CreateAuditCycleInput!) { createAuditCycle(input: $i) { id } }`, {
      frameworkId: framework, name: 'S11 2024/25', boardIds: [board.id], invitedAgencyIds: [centre.id, police.id], opensOn: '2024-06-01', dueOn: '2099-09-30',
    })).id;
    const centreUser = await signedIn(hub, f, UserRole.AGENCY_USER, { agencyId: centre.id });
    const policeUser = await signedIn(hub, f, UserRole.AGENCY_USER, { agencyId: police.id });
    const saved = await ok(centreUser.token, `mutation($i: SaveAuditReturnInput!) { saveAuditReturn(input: $i) { id } }`, { cycleId: cycle, agencyId: centre.id, assessments: answers('MMMMMMMM') });
    await ok(centreUser.token, `mutation($i: SubmitAuditReturnInput!) { submitAuditReturn(input: $i) { id } }`, { returnId: saved.id });
    await ok(policeUser.token, `mutation($i: SaveAuditReturnInput!) { saveAuditReturn(input: $i) { id } }`, { cycleId: cycle, agencyId: police.id, assessments: answers('MMMMPPPP') });

    const review = async (reference: string, referredOn: string) =>
      (await ok(t, `mutation($i: CreateCaseReviewInput!) { createCaseReview(input: $i) { id } }`, { boardId: board.id, type: 'SERIOUS_CASE_REVIEW', reference, referredOn })).id as string;
    const decide = (id: string, decidedOn: string) =>
      ok(t, `mutation($i: DecideCaseReviewInput!) { decideCaseReview(input: $i) { id } }`, { caseReviewId: id, commission: true, decidedOn, rationale: 'Panel decision' });
    const move = (id: string, status: string, on: string) => ok(t, `mutation($i: UpdateCaseReviewStatusInput!) { updateCaseReviewStatus(input: $i) { id } }`, { caseReviewId: id, status, on });
    const published: string[] = [];
    for (const [i, ref] of ['Child P1', 'Child P2', 'Child P3'].entries()) {
      const id = await review(ref, '2023-10-01');
      await decide(id, '2023-11-01');
      await move(id, 'IN_PROGRESS', '2023-12-01');
      await move(id, 'PUBLISHED', `2024-0${i + 5}-15`);
      published.push(id);
    }
    const late = await review('Child L', '2024-05-01');
    await decide(late, '2024-06-01');
    await move(late, 'IN_PROGRESS', '2024-07-01');
    await move(late, 'PUBLISHED', '2025-06-01');
    await review('Child Q', '2025-01-15');
    const rec = await ok(t, `mutation($i: AddRecommendationInput!) { addRecommendation(input: $i) { id } }`, { caseReviewId: published[0], text: 'Share information sooner' });
    await ok(t, `mutation($i: AddActionInput!) { addAction(input: $i) { id } }`, { recommendationId: rec.id, ownerAgencyId: police.id, description: 'Train staff', dueOn: '2024-12-31' });

    const plan = await ok(t, `mutation($i: CreateBusinessPlanInput!) { createBusinessPlan(input: $i) { id } }`, { boardId: board.id, title: 'Plan 2024/25', periodFrom: '2024-04-01', periodTo: '2025-03-31' });
    const a = await ok(t, `mutation($i: AddPriorityInput!) { addPriority(input: $i) { id } }`, { businessPlanId: plan.id, code: 'A', title: 'Children are safe' });
    const action = async (rag: string, status: string | null) => {
      const x = await ok(t, `mutation($i: AddActionInput!) { addAction(input: $i) { id } }`, { priorityId: a.id, ownerAgencyId: centre.id, description: `Plan ${rag}`, dueOn: '2026-12-31', rag });
      // Noted within the year: the report reads the plan as it stood on its last day.
      if (status) await ok(t, `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`, { actionId: x.id, note: `Now ${status}`, status, notedOn: '2025-01-15' });
    };
    await action('RED', 'CANCELLED');
    for (let i = 0; i < 3; i++) await action('AMBER', 'IN_PROGRESS');
    await action('GREEN', 'COMPLETE');
    return { board, coordinator, centre, police };
  }

  const md = async (boardId: string, token: string, period = YEAR) => {
    const res = await hub.http().get(`/boards/${boardId}/annual-report?from=${period.from}&to=${period.to}&format=md`).set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    return res.text;
  };

  it('hides no count that is printed elsewhere, and no word gives a hidden count away', async () => {
    const { board, coordinator } = await defectsBoard();
    const text = await md(board.id, coordinator.token);
    // Returns and actions are not about people: always shown, and the same number everywhere.
    // Section 11: 1 of 2 submitted (the police draft does not count), 1 outstanding.
    expect(text).toContain('1 of 2 invited agencies submitted, 1 outstanding');
    expect(text).toContain('- Obtain the one outstanding Section 11 audit return for S11 2024/25.');
    expect(text).toContain('- Bring the one overdue case review action back on track.');
    expect(text).toContain('- One case review action remains open, one overdue.');
    expect(text).not.toMatch(/fewer than 5 (outstanding|overdue|case review action\b)/);
    // The reviews not yet published at the year's end (Child L in progress, Child Q referred) are about
    // children: one each, hidden, in the plural, and not listed by name.
    expect(text).toContain('| in progress | fewer than 5 |');
    expect(text).toContain('| referred | fewer than 5 |');
    expect(text).toContain('| Reviews not yet published |  | fewer than 5 |');
    expect(text).not.toMatch(/Child [LQ]/);
    expect(text).not.toMatch(/fewer than 5 [a-z ]*review\b/);
  });

  it('shows published, named reviews whatever their number', async () => {
    const { board, coordinator } = await defectsBoard();
    const text = await md(board.id, coordinator.token);
    // Three published in the year: public, so "3", never "fewer than 5".
    expect(text).toContain('- Three case reviews were published in the period.');
    expect(text).toContain('Published in the period: 3.');
    expect(text).toContain('| published | 3 |');
    for (const ref of ['Child P1', 'Child P2', 'Child P3']) expect(text).toContain(`| ${ref} | serious case review | published |`);
  });

  it("gives each review's status as it stood on the period's last day", async () => {
    const { board, coordinator } = await defectsBoard();
    await ok(coordinator.token, `mutation($i: UpdateBoardInput!) { updateBoard(input: $i) { id } }`, { id: board.id, suppressSmallNumbers: false });
    const text = await md(board.id, coordinator.token);
    // Child L was published on 2025-06-01, after the year: in progress then, with no publication date.
    expect(text).toMatch(/\| Child L \| serious case review \| in progress \| 2024-05-01 \|  \| 0 \| 0 \| 0 \| 0 \|/);
    expect(text).toContain('| Child Q | serious case review | referred | 2025-01-15 |');
    // Published in 2024/25: P1, P2, P3 only.
    expect(text).toContain('| published | 3 |');
    expect(text).toContain('| in progress | 1 |');
    // The year after, Child L reads published.
    const next = await md(board.id, coordinator.token, { from: '2025-04-01', to: '2026-03-31' });
    expect(next).toMatch(/\| Child L \| serious case review \| published \| 2024-05-01 \| 2025-06-01 \|/);
  });

  it("adds up each business plan row: cancelled actions are out of the total and of every RAG column", async () => {
    const { board, coordinator } = await defectsBoard();
    const text = await md(board.id, coordinator.token);
    // Five actions, one (RED) cancelled: 4 = 0 red + 3 amber + 1 green + 0 without RAG.
    expect(text).toContain('| A | Children are safe | 4 | 0 | 3 | 1 | 0 | 1 | 25% | no |');
    const row = text.split('\n').find((l) => l.startsWith('| A | Children are safe'))!.split('|').map((c) => c.trim());
    const [total, red, amber, green, none] = row.slice(3, 8).map(Number);
    expect(red + amber + green + none).toBe(total);
  });

  it('prints statuses as words and never prints a draft', async () => {
    const { board, coordinator, police } = await defectsBoard();
    const text = await md(board.id, coordinator.token);
    expect(text).not.toMatch(/\b[A-Z]{2,}_[A-Z_]+\b/);
    expect(text).not.toMatch(/\b(DRAFT|SUBMITTED|PUBLISHED|REFERRED|GREEN|AMBER|RED)\b/);
    expect(text).toMatch(/\| Women's Centre [^|]+\| voluntary \| 1 \| 1 \| 100% \| no \| submitted, 100% met, green, new \|/);
    // The police draft (50% met) is not a return yet.
    expect(text).toContain(`| ${police.name} | police | 1 | 1 | 100% | no | not submitted |`);
    expect(text).not.toContain('50% met');
  });

  it("keeps Markdown text as typed: \"Women's Centre\" is not an HTML entity", async () => {
    const { board, coordinator } = await defectsBoard();
    const text = await md(board.id, coordinator.token);
    expect(text).toContain("Women's Centre");
    expect(text).not.toMatch(/&#39;|&\\#39;|&amp;/);
  });

  /**
   * A children's partnership in 2024/25 (today is after the year):
   * - notifications: Child T, aware Thu 28 March 2024 (before Easter), notified Fri 5 April (4 working
   *   days: on time), rapid review sent Wed 24 April (13 working days: on time), LOCAL_REVIEW, so a CSPR
   *   commissioned on 24 April and still COMMISSIONED on 31 March 2025; Child U, aware 6 May (a bank
   *   holiday), notified 15 May (7 working days: late), rapid review sent 10 June (17: late), no further review;
   * - a finding of Child T decided not to be implemented on 1 December 2024, with its reasons;
   * - one contribution to another area's review in the year, one after it;
   * - plan priority A: action 1 RED, noted IN_PROGRESS/AMBER on 10 January 2025 and COMPLETE/GREEN today;
   *   action 2 AMBER, cancelled today. On 31 March 2025: two AMBER actions, none complete (0%);
   * - a scorecard of two measures for the quarter ending 31 March 2025: one up (40 -> 60), one down (70 -> 55).
   */
  it("prints the year's review figures, the scorecard as evidence of impact and the plan as it stood at the year's end", async () => {
    const board = await f.board();
    const agency = await f.agency({ name: `Children's Services ${board.id.slice(0, 8)}` });
    await f.membership(agency.id, { boardId: board.id });
    const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    const t = coordinator.token;
    const NOTIFY = `mutation($i: NotifySeriousIncidentInput!) { notifySeriousIncident(input: $i) { id caseReview { id } } }`;
    const RAPID = `mutation($i: RecordRapidReviewInput!) { recordRapidReview(input: $i) { id } }`;
    const childT = await ok(t, NOTIFY, { boardId: board.id, pseudonym: 'Child T', incidentOn: '2024-03-27', awareOn: '2024-03-28', notifiedOn: '2024-04-05', lookedAfter: true });
    await ok(t, RAPID, { seriousIncidentId: childT.id, meetingOn: '2024-04-18', sentToPanelOn: '2024-04-24', outcome: 'LOCAL_REVIEW', partnersAgreed: true });
    const childU = await ok(t, NOTIFY, { boardId: board.id, pseudonym: 'Child U', incidentOn: '2024-05-06', awareOn: '2024-05-06', notifiedOn: '2024-05-15', lookedAfter: false });
    await ok(t, RAPID, { seriousIncidentId: childU.id, meetingOn: '2024-06-03', sentToPanelOn: '2024-06-10', outcome: 'NO_FURTHER_REVIEW', partnersAgreed: true });
    const finding = await ok(t, `mutation($i: AddFindingInput!) { addFinding(input: $i) { id } }`, { caseReviewId: childT.caseReview.id, text: 'A single front door for referrals' });
    await ok(t, `mutation($i: RespondToFindingInput!) { respondToFinding(input: $i) { id } }`, {
      findingId: finding.id, response: 'NOT_IMPLEMENTED', on: '2024-12-01', reasons: 'The front door was recommissioned nationally',
    });
    const CONTRIBUTE = `mutation($i: RecordReviewContributionInput!) { recordReviewContribution(input: $i) { id } }`;
    await ok(t, CONTRIBUTE, { boardId: board.id, area: 'Otherton', reviewReference: 'Child Z', type: 'CHILD_SAFEGUARDING_PRACTICE_REVIEW', contributedOn: '2024-10-01' });

    const plan = await ok(t, `mutation($i: CreateBusinessPlanInput!) { createBusinessPlan(input: $i) { id } }`, { boardId: board.id, title: 'Plan 2024/25', periodFrom: '2024-04-01', periodTo: '2025-03-31' });
    const pr = await ok(t, `mutation($i: AddPriorityInput!) { addPriority(input: $i) { id } }`, { businessPlanId: plan.id, code: 'A', title: 'Safe at home' });
    const ADD = `mutation($i: AddActionInput!) { addAction(input: $i) { id } }`;
    const UPDATE = `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`;
    const a1 = await ok(t, ADD, { priorityId: pr.id, ownerAgencyId: agency.id, description: 'Audit referrals', dueOn: '2025-06-30', rag: 'RED' });
    const a2 = await ok(t, ADD, { priorityId: pr.id, ownerAgencyId: agency.id, description: 'Train staff', dueOn: '2025-06-30', rag: 'AMBER' });
    await ok(t, UPDATE, { actionId: a1.id, note: 'Under way', status: 'IN_PROGRESS', rag: 'AMBER', notedOn: '2025-01-10' });
    await ok(t, UPDATE, { actionId: a1.id, note: 'Audit done', status: 'COMPLETE', rag: 'GREEN' });
    await ok(t, UPDATE, { actionId: a2.id, note: 'Superseded', status: 'CANCELLED' });

    const api = scorecardApi(hub, t);
    for (const [title, before, after] of [['Re-referrals within 12 months', 40, 60], ['Assessments within 45 days', 70, 55]] as const) {
      const ind = await api.define({ key: key('impact'), title, unit: 'PERCENT', polarity: 'HIGHER_IS_BETTER', supplierAgencyIds: [agency.id] });
      await api.addToDataSet({ boardId: board.id, indicatorId: ind.id, ragMethod: 'TARGET', target: 50 });
      await api.enter({ boardId: board.id, agencyId: agency.id, indicatorId: ind.id, periodFrom: '2024-10-01', periodTo: '2024-12-31', value: before });
      await api.enter({ boardId: board.id, agencyId: agency.id, indicatorId: ind.id, periodFrom: '2025-01-01', periodTo: '2025-03-31', value: after });
    }
    const card = await api.scorecard(board.id, YEAR.to);

    const suppressed = await md(board.id, t);
    // Notifications and rapid reviews are about children: 2 and 1 read "fewer than 5" (suppression on).
    expect(suppressed).toContain(
      'Serious incidents notified to the Child Safeguarding Practice Review Panel: fewer than 5; notified within 5 working days of the local authority becoming aware: fewer than 5.',
    );
    expect(suppressed).toContain('Rapid reviews completed (sent to the Panel): fewer than 5; within 15 working days of the notification: fewer than 5.');
    // Child T is not yet published and its count is hidden: its finding is listed without its name.
    expect(suppressed).toContain('| A review not yet published | 1\\. A single front door for referrals | 2024-12-01 | The front door was recommissioned nationally |');
    expect(suppressed).not.toContain('Child T');

    // A contribution after the year changes nothing in it.
    await ok(t, CONTRIBUTE, { boardId: board.id, area: 'Elsewhere', reviewReference: 'Child Y', type: 'CHILD_SAFEGUARDING_PRACTICE_REVIEW', contributedOn: '2025-06-01' });
    await ok(t, `mutation($i: UpdateBoardInput!) { updateBoard(input: $i) { id } }`, { id: board.id, suppressSmallNumbers: false });
    const text = await md(board.id, t);
    expect(text).toContain('Serious incidents notified to the Child Safeguarding Practice Review Panel: 2; notified within 5 working days of the local authority becoming aware: 1.');
    expect(text).toContain('Rapid reviews completed (sent to the Panel): 2; within 15 working days of the notification: 1.');
    expect(text).toContain('Commissioned in the period: 1. Commissioned or in progress on 2025-03-31: 1. Published in the period: 0. Status as it stood on 2025-03-31.');
    expect(text).toContain("Contributions to other areas' reviews: 1.");
    expect(text).toContain('Findings the board decided in the period not to implement: 1, with the reasons below.');
    expect(text).toContain('| Child T | 1\\. A single front door for referrals | 2024-12-01 | The front door was recommissioned nationally |');
    // The report prints what the executive summary holds for the year (one home for the figures).
    const summary = (await hub.gql(`query($b: ID!, $from: LocalDate!, $to: LocalDate!) { executiveSummary(boardId: $b, from: $from, to: $to) {
      headlines caseReviews { notificationsMade notificationsOnTime rapidReviewsCompleted rapidReviewsOnTime commissionedInPeriod localReviewsInProgress contributions findingsNotImplemented } } }`,
      { b: board.id, ...YEAR }, t)).data.executiveSummary;
    expect(summary.caseReviews).toEqual({
      notificationsMade: 2, notificationsOnTime: 1, rapidReviewsCompleted: 2, rapidReviewsOnTime: 1, commissionedInPeriod: 1, localReviewsInProgress: 1, contributions: 1, findingsNotImplemented: 1,
    });

    // The plan as it stood on 31 March 2025: 2 actions = 0 red + 2 amber + 0 green + 0 without RAG, none complete.
    expect(text).toContain('| A | Safe at home | 2 | 0 | 2 | 0 | 0 | 0 | 0% | yes |');
    expect(text).toContain('Plan 2024/25: 0% of actions complete. Little or no progress: A Safe at home.');
    expect(text).toContain('- 0% of Plan 2024/25 actions are complete; priority A shows little or no progress.');
    // Today's summary reads today's state: the one action not cancelled is complete.
    expect(summary.headlines).toContain('100% of Plan 2024/25 actions are complete; every priority shows progress.');

    // Evidence of impact: each measure with its direction of travel, from the scorecard.
    const byTitle = ['Re-referrals within 12 months', 'Assessments within 45 days'];
    const directions = card.rows.map((x: any) => x.directionOfTravel);
    expect(directions).toEqual(['IMPROVED', 'DECLINED']);
    for (const [i, x] of card.rows.entries()) {
      expect(text).toContain(`| ${byTitle[i]} | ${x.publishedValue} | ${i === 0 ? 'improved' : 'declined'} | ${x.rag.toLowerCase()} |`);
    }
    expect(text).toContain("## Evidence of impact\n\nThe scorecard's measures with a value in the quarter ending 2025-03-31, each with its direction of travel from the previous period.");
    expect(text).toContain('## Performance scorecard');
    const checklist = (await hub.gql(`query($b: ID!, $from: LocalDate!, $to: LocalDate!) { yearlyReport(boardId: $b, from: $from, to: $to) { checklist { item filled missing } } }`,
      { b: board.id, ...YEAR }, t)).data.yearlyReport.checklist;
    expect(checklist.find((c: any) => c.item.startsWith('Evidence of the impact'))).toMatchObject({ filled: true, missing: null });
  });

  it("reports the external learning acted on in the year, its actions as they stood at the year's end", async () => {
    const board = await f.board();
    const agency = await f.agency();
    await f.membership(agency.id, { boardId: board.id });
    const { token: t } = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    const RECORD = `mutation($i: RecordExternalLearningInput!) { recordExternalLearning(input: $i) { id } }`;
    const ADD = `mutation($i: AddActionInput!) { addAction(input: $i) { id } }`;
    const UPDATE = `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`;
    // A (national, 2022): one action done in 2023, one started in the year and done after it: reported, 1 of 2 complete.
    const a = await ok(t, RECORD, { boardId: board.id, source: 'Child Safeguarding Practice Review Panel', title: 'National review A', publishedOn: '2022-05-26' });
    const done = await ok(t, ADD, { externalLearningId: a.id, ownerAgencyId: agency.id, description: 'Audit front door', dueOn: '2023-06-30' });
    await ok(t, UPDATE, { actionId: done.id, note: 'Audited', status: 'COMPLETE', notedOn: '2023-06-01' });
    const late = await ok(t, ADD, { externalLearningId: a.id, ownerAgencyId: agency.id, description: 'Train on curiosity', dueOn: '2025-06-30' });
    await ok(t, UPDATE, { actionId: late.id, note: 'Started', status: 'IN_PROGRESS', notedOn: '2024-10-01' });
    await ok(t, UPDATE, { actionId: late.id, note: 'Done', status: 'COMPLETE', notedOn: '2025-05-01' });
    // B (2021): its only action done before the year: not repeated in it.
    const b = await ok(t, RECORD, { boardId: board.id, source: 'Child Safeguarding Practice Review Panel', title: 'National review B', publishedOn: '2021-03-01' });
    const old = await ok(t, ADD, { externalLearningId: b.id, ownerAgencyId: agency.id, description: 'Old work', dueOn: '2022-03-31' });
    await ok(t, UPDATE, { actionId: old.id, note: 'Done', status: 'COMPLETE', notedOn: '2022-01-01' });
    // C: another area's review of the year, no action yet: reported.
    await ok(t, RECORD, { boardId: board.id, source: 'Northshire Safeguarding Children Partnership', area: 'Northshire', title: 'Child Q', publishedOn: '2024-09-01' });

    const text = await md(board.id, t);
    expect(text).toContain("Learning from national and other areas' reviews the board tested itself against: 2, with 1 of 2 actions complete on 2025-03-31.");
    expect(text).toContain('| Child Q | Northshire Safeguarding Children Partnership (Northshire) | 2024-09-01 | 0 | 0 | 0 |');
    expect(text).toContain('| National review A | Child Safeguarding Practice Review Panel | 2022-05-26 | 2 | 1 | 1 |');
    expect(text.indexOf('Child Q |')).toBeLessThan(text.indexOf('National review A |'));
    expect(text).not.toContain('National review B');
    const checklist = (await hub.gql(`query($b: ID!, $from: LocalDate!, $to: LocalDate!) { yearlyReport(boardId: $b, from: $from, to: $to) { checklist { item filled } } }`,
      { b: board.id, ...YEAR }, t)).data.yearlyReport.checklist;
    expect(checklist.find((c: any) => c.item.startsWith('Decisions and actions on local and national review'))).toMatchObject({ filled: true });
    // A year with none: said in words.
    expect(await md(board.id, t, { from: '2019-04-01', to: '2020-03-31' })).toContain("Learning from national and other areas' reviews: none recorded for the period.");
  });

  it('says nothing of meetings for a board not yet set up in the period', async () => {
    // A board created today with its first membership in 2020: it did not exist in 2014/15.
    const board = await f.board();
    const agency = await f.agency();
    await f.membership(agency.id, { boardId: board.id }, { startsOn: '2020-01-01' });
    const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    const old = await md(board.id, coordinator.token, { from: '2014-04-01', to: '2015-03-31' });
    expect(old).not.toMatch(/No board meetings were held/);
    expect(old).toContain('The board was not yet set up in the period 2014-04-01 to 2015-03-31');
    // In 2020/21 it existed and held none: that is said.
    const later = await md(board.id, coordinator.token, { from: '2020-04-01', to: '2021-03-31' });
    expect(later).toContain('- No board meetings were held in the period.');
    expect(later).toContain('The board held no meetings between 2020-04-01 and 2021-03-31.');
  });
});
