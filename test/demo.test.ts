import { DEMO_PASSWORD, seedDemo } from '../seeds';
import { startHub, TestHub } from './helpers/hub';

/** The demo data reads the way the reference annual reports do. */
describe('demo data', () => {
  let hub: TestHub;
  let llrToken: string;
  let policeToken: string;

  beforeAll(async () => {
    hub = await startHub({ freshDatabase: 'hub_demo' });
    expect(await seedDemo(hub.ds, (p) => hub.app.services.user.hash(p))).toBe(true);
    expect(await seedDemo(hub.ds, (p) => hub.app.services.user.hash(p))).toBe(false);
    const signIn = async (email: string) =>
      (await hub.gql(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, { e: email, p: DEMO_PASSWORD })).data.signIn.token;
    llrToken = await signIn('coordinator.llr@demo.hub');
    policeToken = await signIn('police.leics@demo.hub');
  }, 60_000);
  afterAll(() => hub.close());

  it('Leicestershire and Rutland: Section 11 sustained or improved in all but one agency; eight fully compliant adults returns', async () => {
    const res = await hub.gql(
      `{ boards { name auditCycles { name isOpen framework { key }
          summary(asOf: "2015-03-31") { invited submitted outstanding overdue drafts returned validated fullyCompliant selfAssessedFullyCompliant
            trends { improved sustained declined new } } } } }`,
      {},
      llrToken,
    );
    expect(res.errors).toBeUndefined();
    const [llr] = res.data.boards;
    const cycle = (name: string) => llr.auditCycles.find((c: any) => c.name === name).summary;
    expect(cycle('Section 11 audit 2012/13').trends).toEqual({ improved: 0, sustained: 0, declined: 0, new: 12 });
    const s1314 = cycle('Section 11 audit 2013/14');
    expect(s1314).toMatchObject({ invited: 12, submitted: 12, validated: 12, outstanding: 0 });
    expect(s1314.trends.declined).toBe(1);
    expect(s1314.trends.improved + s1314.trends.sustained).toBe(11);
    const adults = cycle('Safeguarding adults compliance audit 2013/14');
    expect(adults).toMatchObject({ invited: 11, submitted: 11, selfAssessedFullyCompliant: 8, fullyCompliant: 8 });
    expect(cycle('Section 11 audit 2014/15')).toMatchObject({ invited: 9, submitted: 3, validated: 1, drafts: 1, returned: 1, outstanding: 6, overdue: 6 });
  });

  it('Leicestershire and Rutland test themselves against the national review, with its actions on the tracker', async () => {
    const res = await hub.gql(`{ boards { name externalLearning { source title publishedOn actions { status rag ownerAgency { name } } } } }`, {}, llrToken);
    expect(res.errors).toBeUndefined();
    const [learning] = res.data.boards.find((b: any) => b.name === 'Leicestershire and Rutland LSCB/SAB').externalLearning;
    expect(learning).toMatchObject({ source: 'Child Safeguarding Practice Review Panel', publishedOn: '2022-05-26' });
    expect(learning.actions.map((a: any) => [a.status, a.rag, a.ownerAgency.name]).sort()).toEqual([
      ['COMPLETE', 'GREEN', 'Leicestershire County Council Children and Family Services'],
      ['IN_PROGRESS', 'AMBER', 'Leicestershire Police'],
    ]);
  });

  it("the police's agency user sees its draft and its outstanding return", async () => {
    const me = await hub.gql(`{ me { agency { name outstandingAuditReturns { status cycle { name } } auditReturns { status cycle { name } } } } }`, {}, policeToken);
    expect(me.errors).toBeUndefined();
    expect(me.data.me.agency.outstandingAuditReturns).toEqual([{ status: 'DRAFT', cycle: { name: 'Section 11 audit 2014/15' } }]);
    expect(me.data.me.agency.auditReturns.map((r: any) => r.status)).toEqual(['DRAFT', 'VALIDATED', 'VALIDATED', 'VALIDATED']);
  });

  it("Blackpool's case reviews and Leicestershire and Rutland's 2014/15 business plan", async () => {
    const blackpool = await hub.gql(`mutation { signIn(email: "coordinator.blackpool@demo.hub", password: "${DEMO_PASSWORD}") { token } }`);
    const token = blackpool.data.signIn.token;
    const res = await hub.gql(`{ boards { name caseReviews { reference status publishedOn recommendations { actions { status } } } } }`, {}, token);
    const bscb = res.data.boards.find((b: any) => b.name.startsWith('Blackpool Safeguarding Children'));
    const byRef = Object.fromEntries(bscb.caseReviews.map((r: any) => [r.reference, r]));
    expect(byRef['Child BR']).toMatchObject({ status: 'PUBLISHED', publishedOn: '2014-12-10' });
    expect(byRef['Baby Q'].publishedOn).toMatch(/^2015-03/);
    expect(byRef['Child BT'].publishedOn).toMatch(/^2015-05/);
    expect(byRef['Child BS'].status).toBe('IN_PROGRESS');
    expect(bscb.caseReviews.filter((r: any) => r.status === 'COMMISSIONED')).toHaveLength(3);
    const statuses = new Set(bscb.caseReviews.flatMap((r: any) => r.recommendations.flatMap((x: any) => x.actions.map((a: any) => a.status))));
    expect([...statuses].sort()).toEqual(['CANCELLED', 'COMPLETE', 'IN_PROGRESS', 'NOT_STARTED']);

    const plans = await hub.gql(`{ boards { businessPlans { title priorities { code progress(asOf: "2015-03-31") { littleOrNoProgress red } } } } }`, {}, llrToken);
    const [plan] = plans.data.boards[0].businessPlans;
    expect(plan.title).toBe('LSCB/SAB Business Plan 2014/15');
    expect(plan.priorities.map((p: any) => p.code)).toEqual(['1', '2a', '2b', '2c', '3a', '3b', '4', '5']);
    expect(plan.priorities.filter((p: any) => p.progress.littleOrNoProgress).map((p: any) => p.code)).toEqual(['3b']);
  });

  it("reads Leicestershire and Rutland's 2013/14 annual report headlines off the data", async () => {
    const res = await hub.gql(`query($b: ID!) { executiveSummary(boardId: $b, from: "2013-04-01", to: "2014-03-31") { headlines annualReport } }`, {
      b: (await hub.gql(`{ boards { id } }`, {}, llrToken)).data.boards[0].id,
    }, llrToken);
    expect(res.errors).toBeUndefined();
    expect(res.data.executiveSummary.headlines).toContain('Section 11 returns show sustained or improved compliance in all but one agency.');
    expect(res.data.executiveSummary.headlines).toContain('Eight agencies were fully compliant.');
    expect(res.data.executiveSummary.annualReport).toContain('## Safeguarding adults compliance audit');
  });

  it("Leicestershire and Rutland's 2025/26 notifications (one rapid review late, flagged) and a SAR with a finding not implemented", async () => {
    const res = await hub.gql(`{ boards { name seriousIncidents { pseudonym caseReview { status clocks { name dueOn doneOn workingDaysTaken breached } } }
      caseReviews(type: SAFEGUARDING_ADULTS_REVIEW) { reference kind sarCriterion status findings { response reasons } } } }`, {}, llrToken);
    expect(res.errors).toBeUndefined();
    const llr = res.data.boards.find((b: any) => b.name.startsWith('Leicestershire'));
    const byName = Object.fromEntries(llr.seriousIncidents.map((i: any) => [i.pseudonym, i.caseReview]));
    // Child M: aware Thu 17 April 2025, notified Thu 24 April (3 working days over Easter); rapid review sent Wed 14 May, due Fri 16 May.
    expect(byName['Child M'].clocks.slice(0, 2)).toEqual([
      { name: 'NOTIFICATION', dueOn: '2025-04-28', doneOn: '2025-04-24', workingDaysTaken: 3, breached: false },
      { name: 'RAPID_REVIEW', dueOn: '2025-05-16', doneOn: '2025-05-14', workingDaysTaken: 13, breached: false },
    ]);
    // Child N: notified Fri 22 August 2025; rapid review due Mon 15 September, sent Wed 24 September (22 working days): late.
    expect(byName['Child N'].clocks[1]).toEqual({ name: 'RAPID_REVIEW', dueOn: '2025-09-15', doneOn: '2025-09-24', workingDaysTaken: 22, breached: true });
    expect(byName['Child N'].status).toBe('NO_FURTHER_REVIEW');
    const sar = llr.caseReviews.find((r: any) => r.reference === 'Adult K');
    expect(sar).toMatchObject({ kind: 'SAR', sarCriterion: 'MANDATORY', status: 'PUBLISHED' });
    expect(sar.findings.filter((f: any) => f.response === 'NOT_IMPLEMENTED')).toHaveLength(1);
  });

  it('holds the historic boards as they were beside the Leicester, Leicestershire and Rutland partnership of 2024/25', async () => {
    const historic = await hub.gql(`{ boards { name kind footprint } }`, {}, llrToken);
    expect(historic.data.boards).toEqual([{ name: 'Leicestershire and Rutland LSCB/SAB', kind: 'JOINT', footprint: ['Leicestershire and Rutland'] }]);
    const signIn = await hub.gql(`mutation { signIn(email: "coordinator.llrscp@demo.hub", password: "${DEMO_PASSWORD}") { token } }`);
    const token = signIn.data.signIn.token;
    const res = await hub.gql(
      `{ boards { name kind footprint officeHolders(asOf: "2025-03-31") { role personName }
          members(asOf: "2025-03-31") { role representatives }
          attendance(from: "2024-04-01", to: "2025-03-31") { meetingsHeld meetingsConvened overallRate overallPersonRate decisions
            byPerson { name expected } attendeesPerMeeting { status present } } } }`,
      {},
      token,
    );
    expect(res.errors).toBeUndefined();
    const [scp] = res.data.boards;
    expect(scp).toMatchObject({ name: 'Leicester, Leicestershire and Rutland Safeguarding Children Partnership', kind: 'SAFEGUARDING_CHILDREN_PARTNERSHIP', footprint: ['Leicester', 'Leicestershire', 'Rutland'] });
    // Five lead partners (three councils, the ICB, the police), three delegates, the scrutineer in office, the business manager.
    expect(scp.officeHolders.filter((o: any) => o.role === 'LEAD_SAFEGUARDING_PARTNER')).toHaveLength(5);
    expect(scp.officeHolders).toHaveLength(10);
    expect(scp.members.filter((m: any) => m.role === 'SAFEGUARDING_PARTNER')).toHaveLength(5);
    // Seven meetings convened, one adjourned; twelve named representatives, each expected at all seven.
    const a = scp.attendance;
    expect(a).toMatchObject({ meetingsHeld: 6, meetingsConvened: 7, decisions: 6 });
    expect(a.byPerson).toHaveLength(12);
    expect(a.byPerson.every((p: any) => p.expected === 7)).toBe(true);
    expect(a.attendeesPerMeeting.map((m: any) => m.status).filter((x: string) => x === 'ADJOURNED')).toHaveLength(1);
    expect(a.overallPersonRate).toBeGreaterThan(0);
    expect(a.overallRate).toBeGreaterThanOrEqual(a.overallPersonRate);
  });
});
