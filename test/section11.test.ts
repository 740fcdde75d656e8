import { BoardKind, UserRole } from '../src/common/enums';
import { Factories, factories, signedIn } from './helpers/factories';
import { startHub, TestHub } from './helpers/hub';
import { answers } from './helpers/audit';
import { rejecter } from './helpers/rejects';

const TABLES = ['audit_cycle', 'audit_return', 'audit_assessment', 'audit_return_version', 'action'];
const CREATE_CYCLE = `mutation($i: CreateAuditCycleInput!) { createAuditCycle(input: $i) { id name opensOn dueOn boards { id } invitedAgencies { id } } }`;
const SAVE = `mutation($i: SaveAuditReturnInput!) { saveAuditReturn(input: $i) { id status revision } }`;
const SUBMIT = `mutation($i: SubmitAuditReturnInput!) { submitAuditReturn(input: $i) { id status revision late } }`;
const RETURN = `mutation($i: ReturnAuditReturnInput!) { returnAuditReturn(input: $i) { id status challengeComment } }`;
const VALIDATE = `mutation($i: ValidateAuditReturnInput!) { validateAuditReturn(input: $i) { id status } }`;
const SHARE = `mutation($i: ShareAuditReturnInput!) { shareAuditReturn(input: $i) { id status cycle { id } sharedFrom { id } } }`;
const COMPLIANCE = `applicable met partiallyMet notMet notApplicable unrated percentMet rag`;
const RETURN_FIGURES = `query($id: ID!) { auditReturn(id: $id) { status late trend compliance { ${COMPLIANCE} } selfAssessedCompliance { ${COMPLIANCE} } } }`;

describe('Section 11 audits', () => {
  let hub: TestHub;
  let f: Factories;
  let rejects: ReturnType<typeof rejecter>;
  let childrenFramework: string;
  let adultsFramework: string;

  beforeAll(async () => {
    hub = await startHub();
    f = factories(hub.ds);
    rejects = rejecter(hub, TABLES);
    const admin = await signedIn(hub, f, UserRole.ADMIN);
    const res = await hub.gql(`{ auditFrameworks { id key version audience standards { code title guidance } } }`, {}, admin.token);
    expect(res.errors).toBeUndefined();
    const children = res.data.auditFrameworks.find((x: any) => x.key === 'SECTION_11_CHILDREN');
    const adults = res.data.auditFrameworks.find((x: any) => x.key === 'SAFEGUARDING_ADULTS_COMPLIANCE');
    childrenFramework = children.id;
    adultsFramework = adults.id;
    expect(children.standards.map((s: any) => s.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(children.standards[7].title).toMatch(/Information sharing/);
    expect(adults.standards.map((s: any) => s.title)).toContain('Making Safeguarding Personal');
    expect(adults.standards.every((s: any) => s.guidance.length > 10)).toBe(true);
  });
  afterAll(() => hub.close());

  /** A board with its coordinator and viewer, and agencies each with one agency user. */
  async function partnership(agencyCount: number, kind = BoardKind.CHILDREN) {
    const board = await f.board({ kind });
    const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    const viewer = await signedIn(hub, f, UserRole.VIEWER, { boardIds: [board.id] });
    const agencies = [];
    for (let i = 0; i < agencyCount; i++) {
      const agency = await f.agency();
      await f.membership(agency.id, { boardId: board.id });
      agencies.push({ ...agency, user: await signedIn(hub, f, UserRole.AGENCY_USER, { agencyId: agency.id }) });
    }
    return { board, coordinator, viewer, agencies };
  }

  async function cycle(token: string, boardIds: string[], agencyIds: string[], o: Record<string, unknown> = {}) {
    const res = await hub.gql(
      CREATE_CYCLE,
      { i: { frameworkId: childrenFramework, name: `Section 11 ${Math.random()}`, boardIds, invitedAgencyIds: agencyIds, opensOn: '2024-04-01', dueOn: '2099-07-31', ...o } },
      token,
    );
    expect(res.errors).toBeUndefined();
    return res.data.createAuditCycle.id as string;
  }

  async function ok(query: string, i: Record<string, unknown>, token: string) {
    const res = await hub.gql(query, { i }, token);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data)[0] as any;
  }

  async function submitted(token: string, cycleId: string, agencyId: string, ratings: string) {
    const saved = await ok(SAVE, { cycleId, agencyId, assessments: answers(ratings) }, token);
    return ok(SUBMIT, { returnId: saved.id }, token);
  }

  it('works out a return and a cycle summary, moderated against self-assessed, by hand', async () => {
    const p = await partnership(3);
    const [a, b, c] = p.agencies;
    const cycleId = await cycle(p.coordinator.token, [p.board.id], p.agencies.map((x) => x.id));

    // A: 1-5 MET, 6 PARTIALLY_MET, 7 NOT_MET, 8 not applicable: 5 of 7 applicable met = 71.4%, RED.
    const ra = await submitted(a.user.token, cycleId, a.id, 'MMMMMPNX');
    expect(ra).toMatchObject({ status: 'SUBMITTED', late: false });
    // B: all eight met: 100%, GREEN.
    const rb = await submitted(b.user.token, cycleId, b.id, 'MMMMMMMM');
    // The board moderates A: standard 3 down to PARTIALLY_MET, standard 7 up to PARTIALLY_MET.
    await ok(VALIDATE, { returnId: ra.id, moderatedRatings: [{ standardCode: '3', rating: 'PARTIALLY_MET' }, { standardCode: '7', rating: 'PARTIALLY_MET' }] }, p.coordinator.token);

    const figures = (await hub.gql(RETURN_FIGURES, { id: ra.id }, a.user.token)).data.auditReturn;
    expect(figures).toEqual({
      status: 'VALIDATED',
      late: false,
      trend: 'NEW',
      // Moderated: met 1,2,4,5; partially 3,6,7; n/a 8 -> 4 of 7 = 57.1%, AMBER.
      compliance: { applicable: 7, met: 4, partiallyMet: 3, notMet: 0, notApplicable: 1, unrated: 0, percentMet: 57.1, rag: 'AMBER' },
      selfAssessedCompliance: { applicable: 7, met: 5, partiallyMet: 1, notMet: 1, notApplicable: 1, unrated: 0, percentMet: 71.4, rag: 'RED' },
    });
    const fb = (await hub.gql(RETURN_FIGURES, { id: rb.id }, p.viewer.token)).data.auditReturn;
    expect(fb.compliance).toMatchObject({ applicable: 8, met: 8, percentMet: 100, rag: 'GREEN' });

    // C never started. Judged before and after the due date of 2099-07-31.
    const SUMMARY = `query($id: ID!, $asOf: LocalDate) { auditCycle(id: $id) { summary(asOf: $asOf) {
      invited submitted validated outstanding overdue late drafts returned submissionRate fullyCompliant selfAssessedFullyCompliant
      trends { improved sustained declined new }
      standards { code met partiallyMet notMet notApplicable selfAssessed { met partiallyMet notMet notApplicable } } } } }`;
    const before = (await hub.gql(SUMMARY, { id: cycleId, asOf: '2099-07-31' }, p.coordinator.token)).data.auditCycle.summary;
    expect(before).toMatchObject({ invited: 3, submitted: 2, validated: 1, outstanding: 1, overdue: 0, drafts: 0, returned: 0, fullyCompliant: 1, selfAssessedFullyCompliant: 1 });
    expect(before.submissionRate).toBeCloseTo(2 / 3, 10);
    expect(before.trends).toEqual({ improved: 0, sustained: 0, declined: 0, new: 2 });
    const after = (await hub.gql(SUMMARY, { id: cycleId, asOf: '2099-08-01' }, p.coordinator.token)).data.auditCycle.summary;
    expect(after.overdue).toBe(1);
    const std = (code: string) => after.standards.find((s: any) => s.code === code);
    expect(std('3')).toEqual({ code: '3', met: 1, partiallyMet: 1, notMet: 0, notApplicable: 0, selfAssessed: { met: 2, partiallyMet: 0, notMet: 0, notApplicable: 0 } });
    expect(std('7')).toEqual({ code: '7', met: 1, partiallyMet: 1, notMet: 0, notApplicable: 0, selfAssessed: { met: 1, partiallyMet: 0, notMet: 1, notApplicable: 0 } });
    expect(std('8')).toEqual({ code: '8', met: 1, partiallyMet: 0, notMet: 0, notApplicable: 1, selfAssessed: { met: 1, partiallyMet: 0, notMet: 0, notApplicable: 1 } });

    // C starts late; its draft shows unrated standards, and submitting after the due date is late.
    const draft = await ok(SAVE, { cycleId, agencyId: c.id, assessments: answers('MM------') }, c.user.token);
    const draftFigures = (await hub.gql(RETURN_FIGURES, { id: draft.id }, c.user.token)).data.auditReturn;
    expect(draftFigures.compliance).toMatchObject({ applicable: 8, met: 2, unrated: 6, percentMet: 25, rag: null });
    expect(draftFigures.trend).toBeNull();
    await ok(SAVE, { cycleId, agencyId: c.id, basedOnRevision: draft.revision, assessments: answers('MMMMMMMM') }, c.user.token);
    expect((await ok(SUBMIT, { returnId: draft.id }, c.user.token)).late).toBe(false);
    // A return first submitted after its cycle's due date is late.
    const pastDue = await cycle(p.coordinator.token, [p.board.id], [c.id], { dueOn: '2024-07-31' });
    expect((await submitted(c.user.token, pastDue, c.id, 'MMMMMMMM')).late).toBe(true);
  });

  it('keeps each return\'s previous return as submissions, returns for amendment and validations arrive in any order', async () => {
    const p = await partnership(1);
    const [a] = p.agencies;
    const c1 = await cycle(p.coordinator.token, [p.board.id], [a.id], { opensOn: '2021-04-01', dueOn: '2021-07-31' });
    const c2 = await cycle(p.coordinator.token, [p.board.id], [a.id], { opensOn: '2022-04-01', dueOn: '2022-07-31' });
    const c3 = await cycle(p.coordinator.token, [p.board.id], [a.id], { opensOn: '2023-04-01', dueOn: '2023-07-31' });
    const read = async (id: string) =>
      (await hub.gql(`query($id: ID!) { auditReturn(id: $id) { trend previousReturn { cycle { id } } } }`, { id }, p.coordinator.token)).data.auditReturn;
    const summary = async (id: string) =>
      (await hub.gql(`query($id: ID!) { auditCycle(id: $id) { summary { fullyCompliant trends { improved sustained declined new } } } }`, { id }, p.coordinator.token)).data
        .auditCycle.summary;
    // The latest cycle first: nothing before it yet. 7 of 8 met.
    const r3 = await submitted(a.user.token, c3, a.id, 'MMMMMMMP');
    expect(await read(r3.id)).toEqual({ trend: 'NEW', previousReturn: null });
    // The first cycle, late: 8 of 8; the third now declines against it.
    const r1 = await submitted(a.user.token, c1, a.id, 'MMMMMMMM');
    expect(await read(r3.id)).toEqual({ trend: 'DECLINED', previousReturn: { cycle: { id: c1 } } });
    expect(await summary(c3)).toEqual({ fullyCompliant: 0, trends: { improved: 0, sustained: 0, declined: 1, new: 0 } });
    // The second: 6 of 8; the third improves on it, and the second declines against the first.
    const r2 = await submitted(a.user.token, c2, a.id, 'MMMMMMPP');
    expect(await read(r3.id)).toEqual({ trend: 'IMPROVED', previousReturn: { cycle: { id: c2 } } });
    expect(await read(r2.id)).toEqual({ trend: 'DECLINED', previousReturn: { cycle: { id: c1 } } });
    // The board sends the second back: no longer submitted, so the third reads against the first again.
    await ok(RETURN, { returnId: r2.id, comment: 'Standard 7: no evidence' }, p.coordinator.token);
    expect(await read(r3.id)).toEqual({ trend: 'DECLINED', previousReturn: { cycle: { id: c1 } } });
    expect(await summary(c2)).toEqual({ fullyCompliant: 0, trends: { improved: 0, sustained: 0, declined: 0, new: 0 } });
    // Resubmitted and validated with standard 8 moderated to MET (7 of 8); the third, moderated to 8 of 8, improves on it.
    await ok(SUBMIT, { returnId: r2.id }, a.user.token);
    await ok(VALIDATE, { returnId: r2.id, moderatedRatings: [{ standardCode: '8', rating: 'MET' }] }, p.coordinator.token);
    await ok(VALIDATE, { returnId: r3.id, moderatedRatings: [{ standardCode: '8', rating: 'MET' }] }, p.coordinator.token);
    expect(await read(r3.id)).toEqual({ trend: 'IMPROVED', previousReturn: { cycle: { id: c2 } } });
    expect(await summary(c3)).toEqual({ fullyCompliant: 1, trends: { improved: 1, sustained: 0, declined: 0, new: 0 } });
    expect(await read(r1.id)).toEqual({ trend: 'NEW', previousReturn: null });
    // The stored links agree with the definition (the latest earlier submitted return of the framework) for every return.
    const [{ wrong }] = await hub.ds.query(`SELECT count(*)::int AS wrong FROM audit_return r JOIN audit_cycle c ON c.id = r.cycle_id JOIN audit_framework f ON f.id = c.framework_id
      WHERE r.previous_return_id IS DISTINCT FROM (SELECT r2.id FROM audit_return r2 JOIN audit_cycle c2 ON c2.id = r2.cycle_id JOIN audit_framework f2 ON f2.id = c2.framework_id
        WHERE r2.agency_id = r.agency_id AND f2.key = f.key AND r2.status IN ('SUBMITTED', 'VALIDATED') AND (c2.opens_on, c2.created_at, c2.id) < (c.opens_on, c.created_at, c.id)
        ORDER BY c2.opens_on DESC, c2.created_at DESC, c2.id DESC LIMIT 1)`);
    expect(wrong).toBe(0);
  });

  it('reads the trend across three cycles of the framework', async () => {
    const p = await partnership(2);
    const [a, b] = p.agencies;
    const ids = [a.id, b.id];
    const c1 = await cycle(p.coordinator.token, [p.board.id], ids, { opensOn: '2022-04-01', dueOn: '2022-07-31' });
    const c2 = await cycle(p.coordinator.token, [p.board.id], ids, { opensOn: '2023-04-01', dueOn: '2023-07-31' });
    const c3 = await cycle(p.coordinator.token, [p.board.id], ids, { opensOn: '2024-04-01', dueOn: '2024-07-31' });
    // A: 6 of 8 (75%), then 7 of 7 (100%), then 6 of 7 (85.7%).
    await submitted(a.user.token, c1, a.id, 'MMMMMMPP');
    const a2 = await submitted(a.user.token, c2, a.id, 'MMMMMMMX');
    const a3 = await submitted(a.user.token, c3, a.id, 'MMMMMMPX');
    // B: 7 of 8 (87.5%) in the first and third; skips the second. Moderation in the third takes it to 6 of 8.
    await submitted(b.user.token, c1, b.id, 'MMMMMMMP');
    const b3 = await submitted(b.user.token, c3, b.id, 'MMMMMMMP');
    const trendOf = async (id: string) => (await hub.gql(`query($id: ID!) { auditReturn(id: $id) { trend previousReturn { cycle { id } } } }`, { id }, p.coordinator.token)).data.auditReturn;
    expect(await trendOf(a2.id)).toEqual({ trend: 'IMPROVED', previousReturn: { cycle: { id: c1 } } });
    expect(await trendOf(a3.id)).toEqual({ trend: 'DECLINED', previousReturn: { cycle: { id: c2 } } });
    expect(await trendOf(b3.id)).toEqual({ trend: 'SUSTAINED', previousReturn: { cycle: { id: c1 } } });
    await ok(VALIDATE, { returnId: b3.id, moderatedRatings: [{ standardCode: '1', rating: 'PARTIALLY_MET' }] }, p.coordinator.token);
    expect((await trendOf(b3.id)).trend).toBe('DECLINED');
    const summary = (await hub.gql(`query($id: ID!) { auditCycle(id: $id) { summary { trends { improved sustained declined new } } } }`, { id: c3 }, p.coordinator.token)).data.auditCycle.summary;
    expect(summary.trends).toEqual({ improved: 0, sustained: 0, declined: 2, new: 0 });
    // Per agency across its cycles: newest first.
    const history = await hub.gql(`query($id: ID!) { agency(id: $id) { auditReturns { cycle { id } compliance { percentMet } trend } } }`, { id: a.id }, a.user.token);
    expect(history.data.agency.auditReturns).toEqual([
      { cycle: { id: c3 }, compliance: { percentMet: 85.7 }, trend: 'DECLINED' },
      { cycle: { id: c2 }, compliance: { percentMet: 100 }, trend: 'IMPROVED' },
      { cycle: { id: c1 }, compliance: { percentMet: 75 }, trend: 'NEW' },
    ]);
  });

  it('keeps every version: submit, challenge, amend, resubmit, validate', async () => {
    const p = await partnership(1);
    const [a] = p.agencies;
    const cycleId = await cycle(p.coordinator.token, [p.board.id], [a.id]);
    const first = await submitted(a.user.token, cycleId, a.id, 'MMMMMMMM');
    await rejects(SAVE, { i: { cycleId, agencyId: a.id, basedOnRevision: first.revision, assessments: answers('MMMMMMMN') } }, a.user.token, 'CONFLICT');
    await ok(RETURN, { returnId: first.id, comment: 'Standard 5: training figures show 60% take-up, not MET' }, p.coordinator.token);
    const amended = await ok(SAVE, { cycleId, agencyId: a.id, basedOnRevision: first.revision + 1, assessments: answers('MMMMPMMM').slice(4, 5) }, a.user.token);
    expect(amended.status).toBe('RETURNED');
    await ok(SUBMIT, { returnId: first.id, basedOnRevision: amended.revision }, a.user.token);
    await ok(VALIDATE, { returnId: first.id, comment: 'Accepted after challenge' }, p.coordinator.token);
    await rejects(VALIDATE, { i: { returnId: first.id } }, p.coordinator.token, 'CONFLICT');
    await rejects(RETURN, { i: { returnId: first.id, comment: 'Again' } }, p.coordinator.token, 'CONFLICT');

    const res = await hub.gql(
      `query($id: ID!) { auditReturn(id: $id) { status challengeComment versions { number kind status comment byName assessments { standardCode rating evidence actions { description } } } } }`,
      { id: first.id },
      a.user.token,
    );
    const v = res.data.auditReturn.versions;
    expect(v.map((x: any) => [x.number, x.kind, x.status])).toEqual([
      [1, 'SUBMITTED', 'SUBMITTED'],
      [2, 'RETURNED', 'RETURNED'],
      [3, 'SUBMITTED', 'SUBMITTED'],
      [4, 'VALIDATED', 'VALIDATED'],
    ]);
    expect(v[0].assessments[4]).toMatchObject({ standardCode: '5', rating: 'MET', actions: [] });
    expect(v[1].comment).toMatch(/60% take-up/);
    expect(v[2].assessments[4]).toMatchObject({ standardCode: '5', rating: 'PARTIALLY_MET', actions: [{ description: 'Improve standard 5' }] });
    expect(v[3].comment).toBe('Accepted after challenge');
    // Versions cannot be changed even from inside the database.
    await expect(hub.ds.query(`UPDATE audit_return_version SET comment = 'x' WHERE return_id = $1`, [first.id])).rejects.toThrow(/append-only/);
  });

  it('refuses a submission with the field at fault, and writes nothing', async () => {
    const p = await partnership(1);
    const [a] = p.agencies;
    const cycleId = await cycle(p.coordinator.token, [p.board.id], [a.id]);
    const draft = await ok(SAVE, { cycleId, agencyId: a.id, assessments: answers('MMM-MMMM') }, a.user.token);
    const missing = await rejects(SUBMIT, { i: { returnId: draft.id } }, a.user.token, 'BAD_USER_INPUT', 'assessments.4.rating');
    expect(missing.errors![0].extensions!.problems).toEqual([{ field: 'assessments.4.rating', message: expect.stringMatching(/no rating/) }]);
    const noAction = answers('MMMMMPMM').map((x) => ({ ...x, actions: [] }));
    const saved = await ok(SAVE, { cycleId, agencyId: a.id, basedOnRevision: draft.revision, assessments: noAction }, a.user.token);
    await rejects(SUBMIT, { i: { returnId: draft.id } }, a.user.token, 'BAD_USER_INPUT', 'assessments.6.actions');
    await rejects(SUBMIT, { i: { returnId: draft.id, basedOnRevision: saved.revision - 1 } }, a.user.token, 'CONFLICT');
    // A cancelled action does not count.
    const withAction = await ok(SAVE, { cycleId, agencyId: a.id, basedOnRevision: saved.revision, assessments: [answers('MMMMMPMM')[5]] }, a.user.token);
    const actionId = (await hub.ds.query(`SELECT id FROM action WHERE source_type = 'AUDIT_STANDARD' AND owner_agency_id = $1`, [a.id]))[0].id;
    const cancel = await hub.gql(`mutation($i: UpdateActionInput!) { updateAction(input: $i) { status } }`, { i: { actionId, note: 'Not needed', status: 'CANCELLED' } }, p.coordinator.token);
    expect(cancel.errors).toBeUndefined();
    await rejects(SUBMIT, { i: { returnId: draft.id } }, a.user.token, 'BAD_USER_INPUT', 'assessments.6.actions');
    await ok(SAVE, { cycleId, agencyId: a.id, basedOnRevision: withAction.revision, assessments: [answers('MMMMMPMM')[5]] }, a.user.token);
    expect((await ok(SUBMIT, { returnId: draft.id }, a.user.token)).status).toBe('SUBMITTED');
    await rejects(SUBMIT, { i: { returnId: draft.id } }, a.user.token, 'CONFLICT');
  });

  it('refuses every bad input of createAuditCycle and saveAuditReturn, writing nothing', async () => {
    const p = await partnership(2);
    const [a, b] = p.agencies;
    const other = await partnership(0);
    const good = { frameworkId: childrenFramework, name: 'Section 11 2024/25', boardIds: [p.board.id], invitedAgencyIds: [a.id], opensOn: '2024-04-01', dueOn: '2024-07-31' };
    const nobody = '00000000-0000-4000-8000-000000000000';
    const t = p.coordinator.token;
    await rejects(CREATE_CYCLE, { i: { ...good, frameworkId: nobody } }, t, 'BAD_USER_INPUT', 'frameworkId');
    await rejects(CREATE_CYCLE, { i: { ...good, frameworkId: adultsFramework } }, t, 'BAD_USER_INPUT', 'frameworkId');
    await rejects(CREATE_CYCLE, { i: { ...good, dueOn: '2024-03-31' } }, t, 'BAD_USER_INPUT', 'dueOn');
    await rejects(CREATE_CYCLE, { i: { ...good, dueOn: '2024-02-30' } }, t, 'BAD_USER_INPUT');
    await rejects(CREATE_CYCLE, { i: { ...good, boardIds: [p.board.id, nobody] } }, t, 'BAD_USER_INPUT', 'boardIds');
    await rejects(CREATE_CYCLE, { i: { ...good, invitedAgencyIds: [a.id, nobody] } }, t, 'BAD_USER_INPUT', 'invitedAgencyIds');
    await rejects(CREATE_CYCLE, { i: { ...good, invitedAgencyIds: [] } }, t, 'BAD_USER_INPUT', 'invitedAgencyIds');
    await rejects(CREATE_CYCLE, { i: { ...good, boardIds: ['not-a-uuid'] } }, t, 'BAD_USER_INPUT', 'boardIds');
    await rejects(CREATE_CYCLE, { i: { ...good, name: '  ' } }, t, 'BAD_USER_INPUT', 'name');
    await rejects(CREATE_CYCLE, { i: { ...good, boardIds: [p.board.id, other.board.id] } }, t, 'FORBIDDEN');
    await rejects(CREATE_CYCLE, { i: good }, p.viewer.token, 'FORBIDDEN');
    await rejects(CREATE_CYCLE, { i: good }, a.user.token, 'FORBIDDEN');

    const cycleId = await cycle(t, [p.board.id], [a.id]);
    const save = (o: Record<string, unknown>) => ({ cycleId, agencyId: a.id, assessments: answers('MM'), ...o });
    await rejects(SAVE, { i: save({ cycleId: nobody }) }, t, 'BAD_USER_INPUT', 'cycleId');
    await rejects(SAVE, { i: save({ agencyId: b.id }) }, t, 'BAD_USER_INPUT', 'agencyId');
    await rejects(SAVE, { i: save({ assessments: [{ standardCode: '9', rating: 'MET' }] }) }, t, 'BAD_USER_INPUT', 'assessments.0.standardCode');
    await rejects(SAVE, { i: save({ assessments: [{ standardCode: '1', rating: 'MET' }, { standardCode: '1', rating: 'NOT_MET' }] }) }, t, 'BAD_USER_INPUT', 'assessments.1.standardCode');
    await rejects(SAVE, { i: save({ assessments: [{ standardCode: '1', rating: 'GOOD' }] }) }, t, 'BAD_USER_INPUT');
    await rejects(SAVE, { i: save({ assessments: [{ standardCode: '1', rating: 'NOT_MET', actions: [{ description: 'Fix it now', dueOn: '2025-01-01', ownerAgencyId: nobody }] }] }) }, t, 'BAD_USER_INPUT', 'assessments.0.actions.0.ownerAgencyId');
    await rejects(SAVE, { i: save({ assessments: [{ standardCode: '1', rating: 'NOT_MET', actions: [{ description: '     ', dueOn: '2025-01-01' }] }] }) }, t, 'BAD_USER_INPUT', 'assessments.0.actions.0.description');
    await rejects(SAVE, { i: save({ basedOnRevision: 1 }) }, t, 'CONFLICT');
    await rejects(SAVE, { i: save({}) }, p.viewer.token, 'FORBIDDEN');
    await rejects(SAVE, { i: save({}) }, b.user.token, 'FORBIDDEN');
    await rejects(SAVE, { i: save({}) }, other.coordinator.token, 'FORBIDDEN');
    const future = await cycle(t, [p.board.id], [a.id], { opensOn: '2099-01-01', dueOn: '2099-03-01' });
    await rejects(SAVE, { i: save({ cycleId: future }) }, t, 'CONFLICT');

    const first = await ok(SAVE, save({}), a.user.token);
    await rejects(SAVE, { i: save({}) }, a.user.token, 'CONFLICT');
    await rejects(SAVE, { i: save({ basedOnRevision: first.revision + 5 }) }, a.user.token, 'CONFLICT');
    await rejects(RETURN, { i: { returnId: first.id, comment: 'Challenge' } }, t, 'CONFLICT');
    await rejects(VALIDATE, { i: { returnId: first.id } }, t, 'CONFLICT');
  });

  it('refuses bad challenge, validation and share input, writing nothing', async () => {
    const p = await partnership(2);
    const [a, b] = p.agencies;
    const cycleId = await cycle(p.coordinator.token, [p.board.id], [a.id, b.id]);
    const ra = await submitted(a.user.token, cycleId, a.id, 'MMMMMMMM');
    const t = p.coordinator.token;
    await rejects(RETURN, { i: { returnId: ra.id, comment: '   ' } }, t, 'BAD_USER_INPUT', 'comment');
    await rejects(RETURN, { i: { returnId: ra.id, comment: 'Please look again' } }, a.user.token, 'FORBIDDEN');
    await rejects(RETURN, { i: { returnId: ra.id, comment: 'Please look again' } }, p.viewer.token, 'FORBIDDEN');
    await rejects(VALIDATE, { i: { returnId: ra.id, moderatedRatings: [{ standardCode: 'Z', rating: 'MET' }] } }, t, 'BAD_USER_INPUT', 'moderatedRatings.0.standardCode');
    await rejects(VALIDATE, { i: { returnId: ra.id, moderatedRatings: [{ standardCode: '1', rating: 'MET' }, { standardCode: '1', rating: 'NOT_MET' }] } }, t, 'BAD_USER_INPUT', 'moderatedRatings.1.standardCode');
    await rejects(VALIDATE, { i: { returnId: ra.id } }, a.user.token, 'FORBIDDEN');
    await rejects(VALIDATE, { i: { returnId: '00000000-0000-4000-8000-000000000000' } }, t, 'NOT_FOUND');

    const adultBoard = await f.board({ kind: BoardKind.ADULTS });
    const both = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [p.board.id, adultBoard.id] });
    const adults = (await ok(CREATE_CYCLE, { frameworkId: adultsFramework, name: 'Adults compliance', boardIds: [adultBoard.id], invitedAgencyIds: [a.id], opensOn: '2024-04-01', dueOn: '2024-07-31' }, both.token)).id;
    const notInvited = await cycle(t, [p.board.id], [b.id]);
    const target = await cycle(t, [p.board.id], [a.id, b.id]);
    await rejects(SHARE, { i: { sourceReturnId: ra.id, targetCycleId: adults } }, a.user.token, 'BAD_USER_INPUT', 'targetCycleId');
    await rejects(SHARE, { i: { sourceReturnId: ra.id, targetCycleId: notInvited } }, a.user.token, 'BAD_USER_INPUT', 'targetCycleId');
    await rejects(SHARE, { i: { sourceReturnId: ra.id, targetCycleId: cycleId } }, a.user.token, 'BAD_USER_INPUT', 'targetCycleId');
    await rejects(SHARE, { i: { sourceReturnId: ra.id, targetCycleId: target } }, b.user.token, 'FORBIDDEN');
    const draftB = await ok(SAVE, { cycleId, agencyId: b.id, assessments: answers('MM') }, b.user.token);
    await rejects(SHARE, { i: { sourceReturnId: draftB.id, targetCycleId: target } }, b.user.token, 'CONFLICT');
    await ok(SAVE, { cycleId: target, agencyId: a.id, assessments: answers('M') }, a.user.token);
    await rejects(SHARE, { i: { sourceReturnId: ra.id, targetCycleId: target } }, a.user.token, 'CONFLICT');
  });

  it('submits once and shares with many: one set of actions, tracked by every board', async () => {
    const north = await partnership(1);
    const [a] = north.agencies;
    const south = await partnership(0);
    await f.membership(a.id, { boardId: south.board.id });
    const source = await cycle(north.coordinator.token, [north.board.id], [a.id]);
    const target = await cycle(south.coordinator.token, [south.board.id], [a.id], { dueOn: '2099-01-31' });
    const ra = await submitted(a.user.token, source, a.id, 'MMMMMPNX');

    const OUTSTANDING = `query($id: ID!) { agency(id: $id) { outstandingAuditReturns(asOf: "2025-01-01") { cycle { id } status dueOn overdue } } }`;
    expect((await hub.gql(OUTSTANDING, { id: a.id }, a.user.token)).data.agency.outstandingAuditReturns).toEqual([
      { cycle: { id: target }, status: null, dueOn: '2099-01-31', overdue: false },
    ]);
    const shared = await ok(SHARE, { sourceReturnId: ra.id, targetCycleId: target }, a.user.token);
    expect(shared).toEqual({ id: expect.any(String), status: 'SUBMITTED', cycle: { id: target }, sharedFrom: { id: ra.id } });
    expect((await hub.gql(OUTSTANDING, { id: a.id }, a.user.token)).data.agency.outstandingAuditReturns).toEqual([]);

    const READ = `query($id: ID!) { auditReturn(id: $id) { late compliance { percentMet rag } sharedFrom { id } assessments { standard { code } rating actions { id } } } }`;
    const southView = (await hub.gql(READ, { id: shared.id }, south.coordinator.token)).data.auditReturn;
    expect(southView.compliance).toEqual({ percentMet: 71.4, rag: 'RED' });
    // South's coordinator sees that it was shared but not North's return itself.
    expect(southView.sharedFrom).toBeNull();
    const northView = (await hub.gql(READ, { id: ra.id }, north.coordinator.token)).data.auditReturn;
    const actionIds = (x: any) => x.assessments.flatMap((s: any) => s.actions.map((y: any) => y.id)).sort();
    expect(actionIds(southView)).toHaveLength(2);
    expect(actionIds(southView)).toEqual(actionIds(northView));
    const boardActions = await hub.gql(`query($id: ID!) { board(id: $id) { actions { id sourceType } } }`, { id: south.board.id }, south.coordinator.token);
    expect(boardActions.data.board.actions.map((x: any) => x.id).sort()).toEqual(actionIds(northView));
    // The agency's tracker still shows each action once.
    const mine = await hub.gql(`query($id: ID!) { agency(id: $id) { actions { id } } }`, { id: a.id }, a.user.token);
    expect(mine.data.agency.actions).toHaveLength(2);
  });

  it('lets nobody read another agency or board its returns', async () => {
    const p = await partnership(2);
    const [a, b] = p.agencies;
    const other = await partnership(0);
    const cycleId = await cycle(p.coordinator.token, [p.board.id], [a.id, b.id]);
    const ra = await submitted(a.user.token, cycleId, a.id, 'MMMMMMMM');
    await submitted(b.user.token, cycleId, b.id, 'MMMMMMMM');

    const codeOf = async (query: string, id: string, token: string) => (await hub.gql(query, { id }, token)).errors?.[0]?.extensions?.code;
    expect(await codeOf(`query($id: ID!) { auditReturn(id: $id) { id } }`, ra.id, b.user.token)).toBe('FORBIDDEN');
    expect(await codeOf(`query($id: ID!) { auditReturn(id: $id) { id } }`, ra.id, other.coordinator.token)).toBe('FORBIDDEN');
    expect(await codeOf(`query($id: ID!) { auditCycle(id: $id) { id } }`, cycleId, other.coordinator.token)).toBe('FORBIDDEN');
    expect(await codeOf(`query($id: ID!) { auditCycle(id: $id) { id } }`, cycleId, other.viewer.token)).toBe('FORBIDDEN');
    const otherCycles = await hub.gql(`query($id: ID!) { board(id: $id) { auditCycles { id } } }`, { id: other.board.id }, other.coordinator.token);
    expect(otherCycles.data.board.auditCycles).toEqual([]);

    // Agency B sees the cycle but only its own return; B's view of A's agency shows none of A's returns.
    const asB = await hub.gql(`query($id: ID!) { auditCycle(id: $id) { returns { agency { id } } } }`, { id: cycleId }, b.user.token);
    expect(asB.data.auditCycle.returns).toEqual([{ agency: { id: b.id } }]);
    const aFromB = await hub.gql(`query($id: ID!) { agency(id: $id) { auditReturns { id } outstandingAuditReturns { cycle { id } } } }`, { id: a.id }, b.user.token);
    expect(aFromB.data.agency).toEqual({ auditReturns: [], outstandingAuditReturns: [] });
    // The viewer reads everything on its board and changes nothing.
    const asViewer = await hub.gql(`query($id: ID!) { board(id: $id) { auditCycles { id returns { id } } } }`, { id: p.board.id }, p.viewer.token);
    expect(asViewer.data.board.auditCycles).toEqual([{ id: cycleId, returns: expect.arrayContaining([expect.anything(), expect.anything()]) }]);
    // An agency invited to a cycle of a board it does not sit on sees the cycle, not that board.
    const outsider = await f.agency();
    const outsiderUser = await signedIn(hub, f, UserRole.AGENCY_USER, { agencyId: outsider.id });
    const wide = await cycle(p.coordinator.token, [p.board.id], [a.id, outsider.id]);
    const asOutsider = await hub.gql(`query($id: ID!) { auditCycle(id: $id) { name boards { id members { id } } } }`, { id: wide }, outsiderUser.token);
    expect(asOutsider.errors).toBeUndefined();
    expect(asOutsider.data.auditCycle.boards).toEqual([]);
  });

  it('never loses a save when several arrive at once', async () => {
    const p = await partnership(1);
    const [a] = p.agencies;
    const cycleId = await cycle(p.coordinator.token, [p.board.id], [a.id]);

    // Five first saves at once: one creates the return, the others are told it exists.
    const firsts = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => hub.gql(SAVE, { i: { cycleId, agencyId: a.id, assessments: [{ standardCode: '1', evidence: `first ${n}` }] } }, a.user.token)),
    );
    expect(firsts.filter((r) => !r.errors)).toHaveLength(1);
    expect(firsts.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(4);
    const created = firsts.find((r) => !r.errors)!.data.saveAuditReturn;

    // Six saves based on the same revision: exactly one lands; the rest get CONFLICT with the current revision.
    const saves = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) =>
        hub.gql(SAVE, { i: { cycleId, agencyId: a.id, basedOnRevision: created.revision, assessments: [{ standardCode: '1', evidence: `edit ${n}` }] } }, a.user.token),
      ),
    );
    const won = saves.map((r, i) => ({ r, n: i + 1 })).filter(({ r }) => !r.errors);
    expect(won).toHaveLength(1);
    const lost = saves.filter((r) => r.errors);
    expect(lost.every((r) => r.errors![0].extensions!.code === 'CONFLICT' && r.errors![0].extensions!.currentRevision === created.revision + 1)).toBe(true);
    const final = await hub.gql(`query($id: ID!) { auditReturn(id: $id) { revision assessments { evidence } } }`, { id: created.id }, a.user.token);
    expect(final.data.auditReturn).toEqual({ revision: created.revision + 1, assessments: [{ evidence: `edit ${won[0].n}` }] });
    // Every save that landed is in the audit log; none that failed is.
    const [{ n }] = await hub.ds.query(`SELECT count(*)::int AS n FROM audit_log_entry WHERE operation = 'saveAuditReturn' AND entity_id = $1`, [created.id]);
    expect(n).toBe(2);
  });

  it('publishes a new framework version without touching cycles that started on the old one', async () => {
    const p = await partnership(1);
    const [a] = p.agencies;
    const admin = await signedIn(hub, f, UserRole.ADMIN);
    const old = await cycle(p.coordinator.token, [p.board.id], [a.id], { opensOn: '2023-04-01' });
    const ra = await submitted(a.user.token, old, a.id, 'MMMMMMPX');
    const PUBLISH = `mutation($i: PublishAuditFrameworkInput!) { publishAuditFramework(input: $i) { id key version standards { code } } }`;
    const standards = [
      { code: '1', title: 'Leadership', guidance: 'Senior leaders own safeguarding' },
      { code: '2', title: 'Voice of the child', guidance: "Children's views shape services" },
    ];
    await rejects(PUBLISH, { i: { key: 'SECTION_11_CHILDREN', standards } }, p.coordinator.token, 'FORBIDDEN');
    await rejects(PUBLISH, { i: { key: 'NO_SUCH_FRAMEWORK', standards } }, admin.token, 'BAD_USER_INPUT', 'key');
    await rejects(PUBLISH, { i: { key: 'SECTION_11_CHILDREN', standards: [standards[0], standards[0]] } }, admin.token, 'BAD_USER_INPUT', 'standards.1.code');
    await rejects(PUBLISH, { i: { key: 'SECTION_11_CHILDREN', standards: [] } }, admin.token, 'BAD_USER_INPUT', 'standards');
    const v2 = await ok(PUBLISH, { key: 'SECTION_11_CHILDREN', standards }, admin.token);
    expect(v2).toMatchObject({ key: 'SECTION_11_CHILDREN', version: expect.any(Number), standards: [{ code: '1' }, { code: '2' }] });
    expect(v2.version).toBeGreaterThan(1);

    const oldCycle = await hub.gql(`query($id: ID!) { auditCycle(id: $id) { framework { version standards { code } } } }`, { id: old }, p.coordinator.token);
    expect(oldCycle.data.auditCycle.framework.standards).toHaveLength(8);
    const next = await cycle(p.coordinator.token, [p.board.id], [a.id], { frameworkId: v2.id });
    // Answers cannot travel between versions; the trend still reads across them (6 of 7 before, 2 of 2 now).
    await rejects(SHARE, { i: { sourceReturnId: ra.id, targetCycleId: next } }, a.user.token, 'BAD_USER_INPUT', 'targetCycleId');
    const rn = await submitted(a.user.token, next, a.id, 'MM');
    const read = await hub.gql(`query($id: ID!) { auditReturn(id: $id) { trend compliance { applicable percentMet } } }`, { id: rn.id }, a.user.token);
    expect(read.data.auditReturn).toEqual({ trend: 'IMPROVED', compliance: { applicable: 2, percentMet: 100 } });
  });

  it('issues the same number of SQL statements for a board of N and 2N returns', async () => {
    async function board(n: number) {
      const p = await partnership(n);
      const c1 = await cycle(p.coordinator.token, [p.board.id], p.agencies.map((x) => x.id), { opensOn: '2023-04-01' });
      const c2 = await cycle(p.coordinator.token, [p.board.id], p.agencies.map((x) => x.id));
      for (const a of p.agencies) {
        await submitted(a.user.token, c1, a.id, 'MMMMMMPN');
        await submitted(a.user.token, c2, a.id, 'MMMMMMMP');
      }
      return p;
    }
    const q = `query($id: ID!) { board(id: $id) { auditCycles { name framework { name } summary { submitted fullyCompliant trends { improved } standards { code met } }
      returns { agency { name } status late trend compliance { percentMet rag } assessments { standard { code } rating actions { description overdue } } versions { number } } } } }`;
    const count = async (p: Awaited<ReturnType<typeof board>>) => {
      hub.counter.reset();
      const res = await hub.gql(q, { id: p.board.id }, p.coordinator.token);
      expect(res.errors).toBeUndefined();
      return hub.counter.count;
    };
    const small = await count(await board(2));
    const large = await count(await board(4));
    expect(large).toBe(small);
    // user, the look-ahead of board(id) (board, cycles and the summary in one: src/lookahead.ts),
    // frameworks, the summary's per-standard table, returns, agencies, figures, assessments, the
    // chain of shared answers, actions, versions (the cycles by id that "late" reads are those the
    // read policy already holds); 13 before the look-ahead
    expect(small).toBe(11);
  });
});
