import { AttendanceStatus, MeetingStatus, Sector, UserRole } from '../src/common/enums';
import { Factories, factories, signedIn } from './helpers/factories';
import { answers } from './helpers/audit';
import { startHub, TestHub } from './helpers/hub';

const { PRESENT, DEPUTY, APOLOGIES, ABSENT } = AttendanceStatus;
const SUMMARY = `query($b: ID!, $from: LocalDate!, $to: LocalDate!) { executiveSummary(boardId: $b, from: $from, to: $to) {
  attendance { overallRate meetingsHeld quorateMeetings threshold agenciesBelowThreshold { agency { name } rate } }
  section11 { cycle { name } invited submitted submissionRate outstanding fullyCompliant trends { improved sustained declined new } }
  adultsCompliance { cycle { name } }
  caseReviews { byStatus { status count } referredInPeriod commissionedInPeriod publishedInPeriod openActions overdueActions }
  businessPlan { plan { title } progress { percentComplete } littleOrNoProgress priorities { code progress { red amber green percentComplete littleOrNoProgress } } }
  headlines } }`;

describe('executive summary and annual report', () => {
  let hub: TestHub;
  let f: Factories;
  let framework: string;

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
   * A board whose every figure is worked out by hand in the test below. `scale` copies the whole
   * partnership that many times over (more agencies, meetings, returns, reviews, priorities) for the
   * statement count.
   */
  async function partnership(scale = 1, priorityTitle = 'Children are safe') {
    const board = await f.board({ quorumMinimum: 2 });
    const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    const t = coordinator.token;
    const agencies: (Awaited<ReturnType<Factories['agency']>> & { user: { token: string } })[] = [];
    for (let s = 0; s < scale; s++) {
      const names = scale === 1 ? ['Alpha Police', 'Beta Health', 'Gamma College'] : [`Alpha ${s}`, `Beta ${s}`, `Gamma ${s}`];
      for (const [i, name] of names.entries()) {
        const agency = await f.agency({ name: `${name} ${board.id.slice(0, 8)}`, sector: [Sector.POLICE, Sector.HEALTH_PROVIDER, Sector.EDUCATION][i] });
        await f.membership(agency.id, { boardId: board.id });
        agencies.push({ ...agency, user: await signedIn(hub, f, UserRole.AGENCY_USER, { agencyId: agency.id }) });
      }
    }
    // Three held meetings and one cancelled in 2024/25, the register repeated for each copy of the agencies.
    const registers: [string, AttendanceStatus[]][] = [
      ['2024-05-01', [PRESENT, PRESENT, ABSENT]],
      ['2024-07-01', [PRESENT, DEPUTY, APOLOGIES]],
      ['2024-10-01', [PRESENT, APOLOGIES, ABSENT]],
    ];
    for (const [date, statuses] of registers) {
      const m = await f.meeting({ boardId: board.id }, date);
      for (const [i, a] of agencies.entries()) await f.attendance(m.id, a.id, statuses[i % 3]);
    }
    await f.meeting({ boardId: board.id }, '2025-01-10', MeetingStatus.CANCELLED);

    const cycle = async (name: string, opensOn: string) =>
      (await ok(t, `mutation($i: CreateAuditCycleInput!) { createAuditCycle(input: $i) { id } }`, {
        frameworkId: framework, name, boardIds: [board.id], invitedAgencyIds: agencies.map((a) => a.id), opensOn, dueOn: '2099-09-30',
      })).id;
    const submit = async (a: (typeof agencies)[number], cycleId: string, ratings: string) => {
      const saved = await ok(a.user.token, `mutation($i: SaveAuditReturnInput!) { saveAuditReturn(input: $i) { id } }`, { cycleId, agencyId: a.id, assessments: answers(ratings) });
      await ok(a.user.token, `mutation($i: SubmitAuditReturnInput!) { submitAuditReturn(input: $i) { id } }`, { returnId: saved.id });
    };
    const previous = await cycle('S11 2023/24', '2023-06-01');
    const current = await cycle('S11 2024/25', '2024-06-01');
    for (const [i, a] of agencies.entries()) {
      if (i % 3 === 0) {
        await submit(a, previous, 'MMMMMMPP');
        await submit(a, current, 'MMMMMMMM');
      } else if (i % 3 === 1) {
        await submit(a, previous, 'MMMMMMMM');
        await submit(a, current, 'MMMMMMMP');
      }
    }

    const review = (i: Record<string, unknown>) => ok(t, `mutation($i: CreateCaseReviewInput!) { createCaseReview(input: $i) { id } }`, { boardId: board.id, type: 'SERIOUS_CASE_REVIEW', ...i });
    const decide = (id: string, commission: boolean, decidedOn: string) =>
      ok(t, `mutation($i: DecideCaseReviewInput!) { decideCaseReview(input: $i) { id } }`, { caseReviewId: id, commission, decidedOn, rationale: 'Panel decision' });
    const move = (id: string, status: string, on: string) => ok(t, `mutation($i: UpdateCaseReviewStatusInput!) { updateCaseReviewStatus(input: $i) { id } }`, { caseReviewId: id, status, on });
    const addAction = (i: Record<string, unknown>) => ok(t, `mutation($i: AddActionInput!) { addAction(input: $i) { id } }`, { ownerAgencyId: agencies[0].id, ...i });
    // Noted within 2024/25, so the report (which reads the plan as it stood at the year's end) agrees with today's figures.
    const update = (actionId: string, status: string) => ok(t, `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`, { actionId, note: `Now ${status}`, status, notedOn: '2025-01-15' });
    for (let s = 0; s < scale; s++) {
      const r1 = await review({ reference: `Child R${s}`, referredOn: '2024-01-10' });
      await decide(r1.id, true, '2024-02-01');
      await move(r1.id, 'IN_PROGRESS', '2024-03-01');
      await move(r1.id, 'PUBLISHED', '2024-09-15');
      const rec = await ok(t, `mutation($i: AddRecommendationInput!) { addRecommendation(input: $i) { id } }`, { caseReviewId: r1.id, text: 'Share information sooner' });
      await addAction({ recommendationId: rec.id, description: 'Overdue action', dueOn: '2024-12-31' });
      await update((await addAction({ recommendationId: rec.id, description: 'Open action', dueOn: '2025-06-30' })).id, 'IN_PROGRESS');
      await update((await addAction({ recommendationId: rec.id, description: 'Done action', dueOn: '2024-08-31' })).id, 'COMPLETE');
      await review({ reference: `Child S${s}`, referredOn: '2024-11-01' });
      await decide((await review({ reference: `Family T${s}`, referredOn: '2024-05-01' })).id, false, '2024-05-20');
    }

    const plan = await ok(t, `mutation($i: CreateBusinessPlanInput!) { createBusinessPlan(input: $i) { id } }`, { boardId: board.id, title: 'Business plan 2024/25', periodFrom: '2024-04-01', periodTo: '2025-03-31' });
    for (let s = 0; s < scale; s++) {
      const a = await ok(t, `mutation($i: AddPriorityInput!) { addPriority(input: $i) { id } }`, { businessPlanId: plan.id, code: scale === 1 ? 'A' : `A${s}`, title: priorityTitle });
      const b = await ok(t, `mutation($i: AddPriorityInput!) { addPriority(input: $i) { id } }`, { businessPlanId: plan.id, code: scale === 1 ? 'B' : `B${s}`, title: 'Adults are safe' });
      await update((await addAction({ priorityId: a.id, description: 'Plan action done', dueOn: '2026-12-31', rag: 'GREEN' })).id, 'COMPLETE');
      await update((await addAction({ priorityId: a.id, description: 'Plan action going', dueOn: '2026-12-31', rag: 'AMBER' })).id, 'IN_PROGRESS');
      await addAction({ priorityId: b.id, description: 'Plan action stuck', dueOn: '2026-12-31', rag: 'RED' });
    }
    return { board, coordinator, agencies };
  }

  const YEAR = { from: '2024-04-01', to: '2025-03-31' };

  it('works out every figure and sentence of a board by hand', async () => {
    const { board, coordinator } = await partnership();
    const res = await hub.gql(SUMMARY, { b: board.id, ...YEAR }, coordinator.token);
    expect(res.errors).toBeUndefined();
    const s = res.data.executiveSummary;
    // Alpha 3 of 3; Beta 2 of 3 (one deputy); Gamma 0 of 3. Overall 5 of 9. Quorum of 2: the October meeting had one.
    expect(s.attendance.overallRate).toBeCloseTo(5 / 9, 10);
    expect(s.attendance).toMatchObject({ meetingsHeld: 3, quorateMeetings: 2, threshold: 0.75 });
    expect(s.attendance.agenciesBelowThreshold.map((a: any) => [a.agency.name.split(' ').slice(0, 2).join(' '), a.rate])).toEqual([
      ['Beta Health', 2 / 3],
      ['Gamma College', 0],
    ]);
    // Alpha 75% -> 100% (improved, green); Beta 100% -> 87.5% (declined, amber); Gamma never submitted.
    expect(s.section11).toEqual({
      cycle: { name: 'S11 2024/25' },
      invited: 3,
      submitted: 2,
      submissionRate: 2 / 3,
      outstanding: 1,
      fullyCompliant: 1,
      trends: { improved: 1, sustained: 0, declined: 1, new: 0 },
    });
    expect(s.adultsCompliance).toBeNull();
    expect(s.caseReviews).toEqual({
      byStatus: [
        { status: 'REFERRED', count: 1 },
        { status: 'NOT_COMMISSIONED', count: 1 },
        { status: 'COMMISSIONED', count: 0 },
        { status: 'IN_PROGRESS', count: 0 },
        { status: 'PUBLISHED', count: 1 },
        { status: 'CLOSED', count: 0 },
      ],
      referredInPeriod: 2,
      commissionedInPeriod: 0,
      publishedInPeriod: 1,
      openActions: 2,
      overdueActions: 1,
    });
    expect(s.businessPlan).toEqual({
      plan: { title: 'Business plan 2024/25' },
      progress: { percentComplete: 33.3 },
      littleOrNoProgress: ['B'],
      priorities: [
        { code: 'A', progress: { red: 0, amber: 1, green: 1, percentComplete: 50, littleOrNoProgress: false } },
        { code: 'B', progress: { red: 1, amber: 0, green: 0, percentComplete: 0, littleOrNoProgress: true } },
      ],
    });
    expect(s.headlines).toEqual([
      'Attendance at board meetings was 56%; two agencies fell below the 75% threshold.',
      'Two of three board meetings were quorate.',
      'Two of three invited agencies submitted a Section 11 return for S11 2024/25.',
      'One agency was fully compliant.',
      // Gamma has no earlier return: nothing is claimed of it (issue 16).
      'Of the two agencies with an earlier Section 11 return, one sustained or improved compliance and one declined.',
      'One case review was published in the period.',
      'Two case review actions remain open, one overdue.',
      '33% of Business plan 2024/25 actions are complete; priority B shows little or no progress.',
    ]);
  });

  it('renders the annual report with small numbers suppressed unless the board turns that off', async () => {
    const { board, coordinator } = await partnership();
    const REPORT = `query($b: ID!, $from: LocalDate!, $to: LocalDate!) { executiveSummary(boardId: $b, from: $from, to: $to) { annualReport } }`;
    const md = (await hub.gql(REPORT, { b: board.id, ...YEAR }, coordinator.token)).data.executiveSummary.annualReport as string;
    for (const section of ['What the board did and how effective it was', "Partners' contribution", 'Section 11 audit', 'Case reviews', 'Business plan progress', 'What comes next']) {
      expect(md).toContain(`## ${section}`);
    }
    // Published reviews are public and actions are not about people: their counts always show.
    expect(md).toContain('- One case review was published in the period.');
    expect(md).toContain('| Child R0 | serious case review | published | 2024-01-10 | 2024-09-15 | 3 | 1 | 2 | 1 |');
    // Child S0 (referred, not yet published) is a case about a child: one such review reads "fewer than 5" and is not listed.
    expect(md).toContain('| referred | fewer than 5 |');
    expect(md).toContain('| Reviews not yet published |  | fewer than 5 |');
    expect(md).not.toContain('Child S0');
    expect(md).toMatch(/\| Alpha Police [^|]+\| police \| 3 \| 3 \| 100% \| no \| submitted, 100% met, green, improved \| 6 \| 1 \|/);
    expect(md).toMatch(/\| Gamma College [^|]+\| education \| 0 \| 3 \| 0% \| yes \| not submitted \| 0 \| 0 \|/);
    expect(md).toContain('Little or no progress: B Adults are safe.');
    // Section 11 by standard, over the two submitted returns: standards 1-7 met by both, 8 met by Alpha, partially met by Beta.
    expect(md).toMatch(/\| 1 \| [^|]+ \| 2 \| 0 \| 0 \| 0 \|/);
    expect(md).toMatch(/\| 8 \| [^|]+ \| 1 \| 1 \| 0 \| 0 \|/);
    expect(md).toContain('- Priority B (Adults are safe) showed little or no progress: carry it forward with a recovery plan and a named lead.');

    await ok(coordinator.token, `mutation($i: UpdateBoardInput!) { updateBoard(input: $i) { id } }`, { id: board.id, suppressSmallNumbers: false });
    const open = (await hub.gql(REPORT, { b: board.id, ...YEAR }, coordinator.token)).data.executiveSummary.annualReport as string;
    expect(open).not.toContain('fewer than 5');
    expect(open).toContain('- One case review was published in the period.');
    expect(open).toContain('| Child R0 | serious case review | published | 2024-01-10 | 2024-09-15 | 3 | 1 | 2 | 1 |');
    expect(open).toContain('| referred | 1 |');
    expect(open).toContain('| Child S0 | serious case review | referred | 2024-11-01 |  | 0 | 0 | 0 | 0 |');
  });

  it('serves the report over HTTP as Markdown and as HTML that escapes user text', async () => {
    const { board, coordinator } = await partnership(1, '<script>alert(1)</script>');
    const url = `/boards/${board.id}/annual-report?from=${YEAR.from}&to=${YEAR.to}`;
    const html = await hub.http().get(`${url}&format=html`).set('authorization', `Bearer ${coordinator.token}`);
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.text).not.toContain('<script>');
    const md = await hub.http().get(`${url}&format=md`).set('authorization', `Bearer ${coordinator.token}`);
    expect(md.status).toBe(200);
    expect(md.headers['content-type']).toMatch(/text\/markdown/);
    // Markdown escapes with backslashes, never HTML entities.
    expect(md.text).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(md.text).not.toContain('&lt;');

    const bad = await hub.http().get(`/boards/${board.id}/annual-report?from=2025-04-01&to=2024-03-31`).set('authorization', `Bearer ${coordinator.token}`);
    expect([bad.status, bad.body.errors[0].extensions.code, bad.body.errors[0].extensions.field]).toEqual([400, 'BAD_USER_INPUT', 'to']);
    const missing = await hub.http().get(`/boards/${board.id}/annual-report`).set('authorization', `Bearer ${coordinator.token}`);
    expect([missing.status, missing.body.errors[0].extensions.field]).toEqual([400, 'from']);
  });

  it('gives a viewer of another board, or an agency user, FORBIDDEN from both the query and the HTTP route', async () => {
    const { board, agencies } = await partnership();
    const other = await f.board();
    const stranger = await signedIn(hub, f, UserRole.VIEWER, { boardIds: [other.id] });
    const url = `/boards/${board.id}/annual-report?from=${YEAR.from}&to=${YEAR.to}&format=html`;
    for (const token of [stranger.token, agencies[0].user.token]) {
      const q = await hub.gql(SUMMARY, { b: board.id, ...YEAR }, token);
      expect(q.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const h = await hub.http().get(url).set('authorization', `Bearer ${token}`);
      expect([h.status, h.body.errors[0].extensions.code]).toEqual([403, 'FORBIDDEN']);
    }
    const anonymous = await hub.http().get(url);
    expect([anonymous.status, anonymous.body.errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    const viewer = await signedIn(hub, f, UserRole.VIEWER, { boardIds: [board.id] });
    expect((await hub.http().get(url).set('authorization', `Bearer ${viewer.token}`)).status).toBe(200);
    const nowhere = await hub.gql(SUMMARY, { b: '00000000-0000-4000-8000-000000000000', ...YEAR }, viewer.token);
    expect(nowhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('gives the board, cycle, plan, priorities and agencies read with its figures as their own queries give them', async () => {
    const { board, coordinator } = await partnership();
    const t = coordinator.token;
    // Every scalar field without arguments of a type, so a column the summary's rows left out shows.
    const scalars = async (type: string) => {
      const res = await hub.gql(`query($n: String!) { __type(name: $n) { fields { name args { name } type { kind ofType { kind ofType { kind ofType { kind } } } } } } }`, { n: type }, t);
      const leaf = (k: any): boolean => !!k && (k.kind === 'NON_NULL' || k.kind === 'LIST' ? leaf(k.ofType) : k.kind === 'SCALAR' || k.kind === 'ENUM');
      return res.data.__type.fields.filter((f: any) => !f.args.length && leaf(f.type)).map((f: any) => f.name).join(' ');
    };
    const [b, c, p, pp, a] = await Promise.all(['Board', 'AuditCycle', 'BusinessPlan', 'PlanPriority', 'Agency'].map(scalars));
    const res = await hub.gql(
      `query($b: ID!, $from: LocalDate!, $to: LocalDate!) { executiveSummary(boardId: $b, from: $from, to: $to) {
        board { ${b} } section11 { cycle { id ${c} } } businessPlan { plan { id ${p} } priorities { priority { ${pp} } } }
        attendance { agenciesBelowThreshold { agency { id ${a} } } } } }`,
      { b: board.id, ...YEAR },
      t,
    );
    expect(res.errors).toBeUndefined();
    const s = res.data.executiveSummary;
    const own = async (q: string, v: Record<string, unknown>) => {
      const r = await hub.gql(q, v, t);
      expect(r.errors).toBeUndefined();
      return Object.values(r.data)[0] as any;
    };
    expect(s.board).toEqual(await own(`query($id: ID!) { board(id: $id) { ${b} } }`, { id: board.id }));
    expect(s.section11.cycle).toEqual(await own(`query($id: ID!) { auditCycle(id: $id) { id ${c} } }`, { id: s.section11.cycle.id }));
    const plan = await own(`query($id: ID!) { businessPlan(id: $id) { id ${p} priorities { ${pp} } } }`, { id: s.businessPlan.plan.id });
    expect(s.businessPlan.plan).toEqual({ ...plan, priorities: undefined });
    expect(s.businessPlan.priorities.map((x: any) => x.priority)).toEqual(plan.priorities);
    expect(s.attendance.agenciesBelowThreshold.length).toBe(2);
    for (const x of s.attendance.agenciesBelowThreshold) expect(x.agency).toEqual(await own(`query($id: ID!) { agency(id: $id) { id ${a} } }`, { id: x.agency.id }));
  });

  it('issues the same number of SQL statements for a board of one and of three times the size', async () => {
    const summary = `attendance { agenciesBelowThreshold { agency { name } } } section11 { cycle { name } } businessPlan { priorities { code } } headlines`;
    const count = async (p: Awaited<ReturnType<typeof partnership>>, fields: string) => {
      hub.counter.reset();
      const res = await hub.gql(
        `query($b: ID!, $from: LocalDate!, $to: LocalDate!) { executiveSummary(boardId: $b, from: $from, to: $to) { ${fields} } }`,
        { b: p.board.id, ...YEAR },
        p.coordinator.token,
      );
      expect(res.errors).toBeUndefined();
      return hub.counter.count;
    };
    const small = await partnership(1);
    const large = await partnership(3);
    const withReport = `${summary} annualReport(format: HTML)`;
    expect(await count(large, summary)).toBe(await count(small, summary));
    expect(await count(large, withReport)).toBe(await count(small, withReport));
    // user, and one statement for every figure (board, attendance, member agencies, latest cycles
    // and their summary, case reviews, plan, priorities and progress, scorecard, whether the board
    // existed in the period); the agencies below threshold are primed from it
    expect(await count(small, summary)).toBe(2);
    // and for the report: partner agencies, returns, actions by owner, sub-groups, reviews,
    // review progress, return figures, plan rows as at the period's end without cancelled actions,
    // ratings by standard of the latest cycle, findings (SARs concluded, not implemented), external
    // learning with its actions at the period's end, the scorecard's rows (and one for sub-group
    // attendance on a board that has sub-groups)
    expect(await count(small, withReport)).toBe(14);
  });

  it('answers each board with its own figures when boards are read one after another for the same period', async () => {
    // The summary's statement is built once per period and filled in with each board (byIdTemplate).
    const small = await partnership(1);
    const large = await partnership(3);
    const read = async (p: Awaited<ReturnType<typeof partnership>>) => {
      const res = await hub.gql(
        `query($b: ID!, $from: LocalDate!, $to: LocalDate!) { executiveSummary(boardId: $b, from: $from, to: $to) {
          attendance { agenciesBelowThreshold { agency { name } } } section11 { invited submitted } businessPlan { priorities { code } } } }`,
        { b: p.board.id, ...YEAR },
        p.coordinator.token,
      );
      expect(res.errors).toBeUndefined();
      return res.data.executiveSummary;
    };
    for (const p of [small, large, small]) {
      const s = await read(p);
      // Beta and Gamma of each copy fall below the threshold; every agency is invited; A and B per copy.
      const copies = p === small ? 1 : 3;
      expect(s.attendance.agenciesBelowThreshold.map((a: any) => a.agency.name.split(' ').slice(-1)[0])).toEqual(Array(copies * 2).fill(p.board.id.slice(0, 8)));
      expect(s.section11).toEqual({ invited: copies * 3, submitted: copies * 2 });
      expect(s.businessPlan.priorities).toHaveLength(copies * 2);
    }
  });
});
