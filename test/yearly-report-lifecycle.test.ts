import { AttendanceStatus, BoardKind, Sector, UserRole } from '../src/common/enums';
import { TestClock } from '../src/common/clock';
import { Factories, factories, signedIn } from './helpers/factories';
import { startHub, TestHub } from './helpers/hub';
import { rejecter } from './helpers/rejects';

/**
 * Issue 16: content per kind of board with its statutory checklist, and the lifecycle
 * DRAFT -> APPROVED -> PUBLISHED -> sent with its clocks and frozen versions. Today is 2025-05-01
 * (a TestClock), a month after the year 2024/25 ended.
 */
const YEAR = { from: '2024-04-01', to: '2025-03-31' };
const REPORT = `query($b: ID!, $from: LocalDate!, $to: LocalDate!) { yearlyReport(boardId: $b, from: $from, to: $to) {
  status dueOn approvedOn approvedBy publishedOn version recipients { name sentOn } clocks { name dueOn met daysLeft status }
  checklist { item source filled missing } versions { version status recordedOn } draft } }`;
const APPROVE = `mutation($i: ApproveYearlyReportInput!) { approveYearlyReport(input: $i) { status approvedOn approvedBy version } }`;
const PUBLISH = `mutation($i: PublishYearlyReportInput!) { publishYearlyReport(input: $i) { status publishedOn version recipients { name sentOn } clocks { name dueOn met daysLeft status } } }`;
const SENT = `mutation($i: RecordReportSentInput!) { recordReportSent(input: $i) { recipients { name sentOn } clocks { name met status } } }`;

describe('yearly report: content per kind of board, checklist and lifecycle', () => {
  let hub: TestHub;
  let f: Factories;
  const clock = new TestClock(new Date('2025-05-01T09:00:00Z'));

  beforeAll(async () => {
    hub = await startHub({ clock });
    f = factories(hub.ds);
  });
  afterAll(() => hub.close());

  async function ok(token: string, query: string, i: Record<string, unknown>) {
    const res = await hub.gql(query, { i }, token);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data)[0] as any;
  }

  /**
   * An SAB in 2024/25: Adult Social Care attends both meetings, the Ambulance Trust neither (no
   * attendance at all). SAR A (published 2024-10-01) concluded in the year, with one action owned by
   * the Ambulance Trust, completed, and two findings: one accepted, one not implemented with its
   * reasons; SAR B (in progress since 2024-11-01) ongoing at its end, with a finding decided after it.
   */
  async function sab() {
    const board = await f.board({ kind: BoardKind.ADULTS });
    const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    const t = coordinator.token;
    const asc = await f.agency({ name: `Adult Social Care ${board.id.slice(0, 8)}`, sector: Sector.LOCAL_AUTHORITY_ADULTS });
    const ambulance = await f.agency({ name: `Ambulance Trust ${board.id.slice(0, 8)}`, sector: Sector.HEALTH_PROVIDER });
    for (const a of [asc, ambulance]) await f.membership(a.id, { boardId: board.id });
    for (const date of ['2024-06-01', '2024-12-01']) {
      const m = await f.meeting({ boardId: board.id }, date);
      await f.attendance(m.id, asc.id, AttendanceStatus.PRESENT);
    }
    const review = async (reference: string, dates: [string, string, string, string | null]) => {
      const id = (await ok(t, `mutation($i: CreateCaseReviewInput!) { createCaseReview(input: $i) { id } }`, { boardId: board.id, type: 'SAFEGUARDING_ADULTS_REVIEW', reference, referredOn: dates[0] })).id;
      await ok(t, `mutation($i: DecideCaseReviewInput!) { decideCaseReview(input: $i) { id } }`, { caseReviewId: id, commission: true, decidedOn: dates[1], rationale: 'Criteria met' });
      await ok(t, `mutation($i: UpdateCaseReviewStatusInput!) { updateCaseReviewStatus(input: $i) { id } }`, { caseReviewId: id, status: 'IN_PROGRESS', on: dates[2] });
      if (dates[3]) {
        // A SAR concludes (COMPLETED) before it is published (the reviews module's flow).
        await ok(t, `mutation($i: UpdateCaseReviewStatusInput!) { updateCaseReviewStatus(input: $i) { id } }`, { caseReviewId: id, status: 'COMPLETED', on: dates[3] });
        await ok(t, `mutation($i: UpdateCaseReviewStatusInput!) { updateCaseReviewStatus(input: $i) { id } }`, { caseReviewId: id, status: 'PUBLISHED', on: dates[3] });
      }
      return id;
    };
    const a = await review('SAR A', ['2023-06-01', '2023-07-01', '2023-08-01', '2024-10-01']);
    const b = await review('SAR B', ['2024-09-01', '2024-10-01', '2024-11-01', null]);
    // SAR A's findings: one accepted, one the board decided not to implement, with the reasons.
    const finding = async (caseReviewId: string, text: string) => (await ok(t, `mutation($i: AddFindingInput!) { addFinding(input: $i) { id } }`, { caseReviewId, text })).id as string;
    const respond = (findingId: string, response: string, on: string, reasons?: string) =>
      ok(t, `mutation($i: RespondToFindingInput!) { respondToFinding(input: $i) { id } }`, { findingId, response, on, reasons });
    await respond(await finding(a, 'Crews hand over in writing'), 'ACCEPTED', '2024-10-15');
    await respond(await finding(a, 'A regional discharge team'), 'NOT_IMPLEMENTED', '2024-11-01', 'The ICB funds no regional team this year');
    // SAR B (ongoing): a finding decided after the year ended, so not in its report.
    await respond(await finding(b, 'Out-of-hours cover'), 'NOT_IMPLEMENTED', '2025-04-15', 'Decided after the year');
    const rec = await ok(t, `mutation($i: AddRecommendationInput!) { addRecommendation(input: $i) { id } }`, { caseReviewId: a, text: 'Hand over between crews' });
    const action = await ok(t, `mutation($i: AddActionInput!) { addAction(input: $i) { id } }`, { recommendationId: rec.id, ownerAgencyId: ambulance.id, description: 'Handover checklist', dueOn: '2025-01-31' });
    await ok(t, `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`, { actionId: action.id, note: 'Done', status: 'COMPLETE' });
    return { board, coordinator, asc, ambulance };
  }

  it("an SAB's report: what each member did, SARs concluded and ongoing, and a checklist that names what is missing", async () => {
    const { board, coordinator, ambulance } = await sab();
    const res = await hub.gql(REPORT, { b: board.id, ...YEAR }, coordinator.token);
    expect(res.errors).toBeUndefined();
    const r = res.data.yearlyReport;
    const md: string = r.draft;
    expect(md).toContain('## What each member did');
    expect(md).toContain('- Both board meetings were quorate.');
    // Ambulance Trust: 0 of 2 meetings, no return, 0 open, 0 overdue, 1 completed action.
    expect(md).toContain(`| ${ambulance.name} | health provider | 0 | 2 | 0% | yes | 0 | 0 | 1 |`);
    expect(md).toContain('## Safeguarding adults reviews');
    expect(md).toContain('Concluded in the year: SAR A (published 2024-10-01).');
    // One SAR ongoing: a case about a person, suppressed, plural.
    expect(md).toContain('Ongoing at the end of the year: fewer than 5 SARs.');
    // Schedule 2 (d) and (g): SAR A's two findings with the board's response; SAR B's, decided after the year, not.
    expect(md).toContain('Findings of the SARs concluded in the year: 2. Findings the board decided not to implement: 1, each with the reasons below.');
    expect(md).toContain("| Review | Finding | Board's response | Reasons for not implementing |");
    expect(md).toContain('| SAR A | 1\\. Crews hand over in writing | accepted |  |');
    expect(md).toContain('| SAR A | 2\\. A regional discharge team | not implemented | The ICB funds no regional team this year |');
    expect(md).not.toContain('Out-of-hours cover');
    // The case reviews section prints the executive summary's figures: no notifications on an SAB.
    expect(md).toContain('Findings the board decided in the period not to implement: 1 (with the reasons, under safeguarding adults reviews).');
    expect(md).toContain("Contributions to other areas' reviews: 0.");
    expect(md).not.toContain('Serious incidents notified');
    expect(md).not.toContain('## Feedback from children and families');
    expect(r.checklist.map((c: any) => [c.item.slice(0, 3), c.filled])).toEqual([
      ['(a)', true],
      ['(b)', false],
      ['(c)', true],
      ['(d)', true],
      ['(e)', true],
      ['(f)', true],
      ['(g)', true],
    ]);
    expect(r.checklist[1].missing).toBe('No business plan (strategic plan) covers the year.');
    expect(md).toContain('## Statutory checklist');
    expect(md).toContain('| (g) For each finding the board decided not to implement, the reasons | case reviews: responses to findings | yes |  |');
  });

  it("an SAB's checklist names SARs concluded without findings, and findings without a response", async () => {
    const board = await f.board({ kind: BoardKind.SAB });
    const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    const t = coordinator.token;
    // Two SARs concluded (COMPLETED) in the year, neither published: Adult C without findings, Adult D
    // with one finding the board has not responded to by the year's end (it responds in April 2025).
    const sar = async (reference: string) => {
      const id = (await ok(t, `mutation($i: CreateCaseReviewInput!) { createCaseReview(input: $i) { id } }`, { boardId: board.id, type: 'SAFEGUARDING_ADULTS_REVIEW', reference, referredOn: '2024-04-10' })).id;
      await ok(t, `mutation($i: DecideCaseReviewInput!) { decideCaseReview(input: $i) { id } }`, { caseReviewId: id, commission: true, decidedOn: '2024-05-01', rationale: 'Criteria met' });
      for (const [status, on] of [['IN_PROGRESS', '2024-06-01'], ['COMPLETED', '2025-02-01']]) {
        await ok(t, `mutation($i: UpdateCaseReviewStatusInput!) { updateCaseReviewStatus(input: $i) { id } }`, { caseReviewId: id, status, on });
      }
      return id;
    };
    await sar('Adult C');
    const d = await sar('Adult D');
    const fd = await ok(t, `mutation($i: AddFindingInput!) { addFinding(input: $i) { id } }`, { caseReviewId: d, text: 'Carers are not assessed' });
    await ok(t, `mutation($i: RespondToFindingInput!) { respondToFinding(input: $i) { id } }`, { findingId: fd.id, response: 'NOT_IMPLEMENTED', on: '2025-04-20', reasons: 'After the year' });
    const r = (await hub.gql(REPORT, { b: board.id, ...YEAR }, coordinator.token)).data.yearlyReport;
    const item = (p: string) => r.checklist.find((c: any) => c.item.startsWith(p));
    expect(item('(d)')).toMatchObject({ filled: false, missing: 'Findings are not recorded for every SAR concluded in the year.' });
    expect(item('(g)')).toMatchObject({
      filled: false, missing: 'Some findings of the SARs concluded in the year have no response (accepted, or not implemented with the reasons) by its end.',
    });
    // Two concluded SARs, not published: about people, "fewer than 5", and not named anywhere.
    expect(r.draft).toContain('Concluded in the year: fewer than 5 SARs.');
    expect(r.draft).toContain('| A SAR not yet published | 1\\. Carers are not assessed | no response yet |  |');
    expect(r.draft).not.toMatch(/Adult [CD]/);
  });

  it("a children's partnership's checklist names what the data cannot fill", async () => {
    const board = await f.board({ kind: BoardKind.CHILDREN });
    const viewer = await signedIn(hub, f, UserRole.VIEWER, { boardIds: [board.id] });
    const r = (await hub.gql(REPORT, { b: board.id, ...YEAR }, viewer.token)).data.yearlyReport;
    expect(r.checklist.filter((c: any) => !c.filled).map((c: any) => c.item)).toEqual([
      'The arrangements and who leads them (office holders)',
      "Evidence of the impact of the partners' and relevant agencies' work",
      'Priorities with little or no evidence of progress',
      'Decisions and actions on local and national review recommendations, and what improved',
      'How feedback from children and families was sought and used',
      'The engagement of relevant agencies and education (attendance, Section 11)',
      "Independent scrutiny's findings",
      "Each partner's contribution (budget)",
    ]);
    expect(r.checklist.every((c: any) => c.filled === (c.missing === null))).toBe(true);
    for (const s of ['The arrangements and who leads them', 'Evidence of impact', 'Feedback from children and families', 'Independent scrutiny', "Partners' financial contributions"]) {
      expect(r.draft).toMatch(new RegExp(`## ${s.replace(/[()]/g, '\\$&')}\\n\\nNo data: `));
    }
    expect(r.recipients).toEqual([
      { name: 'Child Safeguarding Practice Review Panel', sentOn: null },
      { name: 'Foundations (What Works Centre for Children & Families)', sentOn: null },
    ]);
  });

  it('moves DRAFT -> APPROVED -> PUBLISHED -> sent, freezing a version at each step, with its clocks', async () => {
    const { board, coordinator } = await sab();
    const t = coordinator.token;
    const key = { boardId: board.id, ...YEAR };
    const rejects = rejecter(hub, ['yearly_report', 'yearly_report_version', 'yearly_report_recipient']);
    let r = (await hub.gql(REPORT, { b: board.id, ...YEAR }, t)).data.yearlyReport;
    // Due three months after 2025-03-31; 60 days left on 2025-05-01.
    expect(r).toMatchObject({ status: 'DRAFT', dueOn: '2025-06-30', version: 0, approvedOn: null, publishedOn: null, versions: [] });
    expect(r.clocks).toEqual([
      { name: 'publication', dueOn: '2025-06-30', met: null, daysLeft: 60, status: '60 days left' },
      { name: 'dispatch', dueOn: null, met: null, daysLeft: null, status: 'starts at publication' },
    ]);
    expect(r.recipients).toHaveLength(6);

    await rejects(PUBLISH, { i: key }, t, 'CONFLICT');
    await rejects(SENT, { i: { ...key, recipient: 'The chief constable' } }, t, 'CONFLICT');
    const viewer = await signedIn(hub, f, UserRole.VIEWER, { boardIds: [board.id] });
    await rejects(APPROVE, { i: { ...key, approvedBy: 'Chair' } }, viewer.token, 'FORBIDDEN');
    await rejects(APPROVE, { i: { ...key, approvedBy: '  ' } }, t, 'BAD_USER_INPUT', 'approvedBy');
    await rejects(APPROVE, { i: { ...key, approvedBy: 'Chair', approvedOn: '2025-05-02' } }, t, 'BAD_USER_INPUT', 'approvedOn');

    expect(await ok(t, APPROVE, { ...key, approvedBy: 'Independent chair, Jane Smith', approvedOn: '2025-04-28' })).toEqual({
      status: 'APPROVED',
      approvedOn: '2025-04-28',
      approvedBy: 'Independent chair, Jane Smith',
      version: 1,
    });
    await rejects(APPROVE, { i: { ...key, approvedBy: 'Again' } }, t, 'CONFLICT');
    await rejects(PUBLISH, { i: { ...key, publishedOn: '2025-04-27' } }, t, 'BAD_USER_INPUT', 'publishedOn');

    clock.set(new Date('2025-05-12T09:00:00Z'));
    const published = await ok(t, PUBLISH, { ...key, publishedOn: '2025-05-10' });
    expect(published).toMatchObject({ status: 'PUBLISHED', publishedOn: '2025-05-10', version: 2 });
    // Published 51 days before the deadline; every recipient due by 2025-05-17, 5 days after today.
    expect(published.clocks).toEqual([
      { name: 'publication', dueOn: '2025-06-30', met: true, daysLeft: null, status: 'met on 2025-05-10' },
      { name: 'dispatch', dueOn: '2025-05-17', met: null, daysLeft: 5, status: '5 days left; sent to 0 of 6 recipients' },
    ]);
    await rejects(SENT, { i: { ...key, recipient: 'The Mayor' } }, t, 'BAD_USER_INPUT', 'recipient');
    await rejects(SENT, { i: { ...key, recipient: 'The chief constable', sentOn: '2025-05-09' } }, t, 'BAD_USER_INPUT', 'sentOn');

    let last: any;
    for (const [i, x] of published.recipients.entries()) last = await ok(t, SENT, { ...key, recipient: x.name, sentOn: i < 5 ? '2025-05-11' : '2025-05-12' });
    expect(last.recipients.every((x: any) => x.sentOn !== null)).toBe(true);
    expect(last.clocks[1]).toEqual({ name: 'dispatch', met: true, status: 'met on 2025-05-12' });

    r = (await hub.gql(REPORT, { b: board.id, ...YEAR }, t)).data.yearlyReport;
    expect(r.versions).toEqual([
      { version: 1, status: 'APPROVED', recordedOn: '2025-04-28' },
      { version: 2, status: 'PUBLISHED', recordedOn: '2025-05-10' },
    ]);
    // The frozen text is the draft as it stood.
    const [{ markdown }] = await hub.ds.query(`SELECT v.markdown FROM yearly_report_version v JOIN yearly_report y ON y.id = v.report_id WHERE y.board_id = $1 AND v.version = 2`, [board.id]);
    expect(markdown).toContain('Concluded in the year: SAR A (published 2024-10-01).');
    clock.set(new Date('2025-05-01T09:00:00Z'));
  });

  it('reads a yearly report in the same number of statements for a board with more members and reviews', async () => {
    const small = await sab();
    const large = await sab();
    // The larger board: three more members and one more SAR.
    for (let i = 0; i < 3; i++) await f.membership((await f.agency()).id, { boardId: large.board.id });
    await ok(large.coordinator.token, `mutation($i: CreateCaseReviewInput!) { createCaseReview(input: $i) { id } }`, { boardId: large.board.id, type: 'SAFEGUARDING_ADULTS_REVIEW', reference: 'SAR C', referredOn: '2024-12-01' });
    const count = async (x: { board: { id: string }; coordinator: { token: string } }) => {
      hub.counter.reset();
      const res = await hub.gql(REPORT, { b: x.board.id, ...YEAR }, x.coordinator.token);
      expect(res.errors).toBeUndefined();
      return hub.counter.count;
    };
    expect(await count(large)).toBe(await count(small));
  });
});
