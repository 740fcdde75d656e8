import { AttendanceStatus, UserRole } from '../src/common/enums';
import { Factories, factories, signedIn } from './helpers/factories';
import { startHub, TestHub } from './helpers/hub';
import { key, scorecardApi } from './helpers/scorecard';

/**
 * One test per nested query shape: the number of SQL statements must not grow with the data.
 * Each builds boards of size N and 2N and asserts the same count.
 */
describe('SQL statements per nested query', () => {
  let hub: TestHub;
  let f: Factories;
  beforeAll(async () => {
    hub = await startHub();
    f = factories(hub.ds);
  });
  afterAll(() => hub.close());

  /** n boards, each with n member agencies (each agency also on one other board), n meetings with a full register. */
  async function partnership(n: number) {
    const boards = [];
    for (let b = 0; b < n; b++) boards.push(await f.board());
    const agencies = [];
    for (let a = 0; a < n; a++) agencies.push(await f.agency());
    for (let b = 0; b < n; b++) {
      for (let a = 0; a < n; a++) await f.membership(agencies[a].id, { boardId: boards[b].id });
      for (let m = 0; m < n; m++) {
        const meeting = await f.meeting({ boardId: boards[b].id }, `2024-0${(m % 9) + 1}-1${m % 10}`);
        for (let a = 0; a < n; a++) await f.attendance(meeting.id, agencies[a].id, a % 2 ? AttendanceStatus.PRESENT : AttendanceStatus.APOLOGIES);
      }
    }
    return signedIn(hub, f, UserRole.COORDINATOR, { boardIds: boards.map((b) => b.id) });
  }

  async function statementsFor(query: string, token: string): Promise<number> {
    hub.counter.reset();
    const res = await hub.gql(query, {}, token);
    expect(res.errors).toBeUndefined();
    return hub.counter.count;
  }

  it('boards -> members -> agency -> memberships', async () => {
    const q = `{ boards { name members { role agency { name memberships { startsOn board { name } } } } } }`;
    const small = await statementsFor(q, (await partnership(2)).token);
    const large = await statementsFor(q, (await partnership(4)).token);
    expect(large).toBe(small);
    // user, boards, memberships by board, agencies, memberships by agency, their boards
    expect(small).toBe(6);
  });

  it('boards -> externalLearning -> actions -> owner, and each action back to its learning', async () => {
    /** n boards, each with n external learning items of n actions each, owned by n agencies. */
    const learning = async (n: number) => {
      const boards = [];
      for (let b = 0; b < n; b++) boards.push(await f.board());
      const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: boards.map((b) => b.id) });
      const agencies = [];
      for (let a = 0; a < n; a++) agencies.push(await f.agency());
      const run = async (q: string, i: Record<string, unknown>) => {
        const res = await hub.gql(q, { i }, coordinator.token);
        expect(res.errors).toBeUndefined();
        return Object.values(res.data)[0] as { id: string };
      };
      for (const board of boards) {
        for (const a of agencies) await f.membership(a.id, { boardId: board.id });
        for (let l = 0; l < n; l++) {
          const item = await run(`mutation($i: RecordExternalLearningInput!) { recordExternalLearning(input: $i) { id } }`, {
            boardId: board.id, source: 'Child Safeguarding Practice Review Panel', title: `Review ${l}`, publishedOn: '2023-01-0' + (l + 1),
          });
          for (const a of agencies) {
            await run(`mutation($i: AddActionInput!) { addAction(input: $i) { id } }`, { externalLearningId: item.id, ownerAgencyId: a.id, description: 'Test ourselves', dueOn: '2025-06-30' });
          }
        }
      }
      return coordinator;
    };
    const q = `{ boards { externalLearning { title board { name } actions { description ownerAgency { name } externalLearning { title } } } } }`;
    const small = await statementsFor(q, (await learning(2)).token);
    const large = await statementsFor(q, (await learning(4)).token);
    expect(large).toBe(small);
    // user, boards, external learning by board, boards by id (each learning's board), actions by
    // source, agencies, external learning by id (each action's learning): 7 whatever the size
    expect(small).toBe(7);
  });

  it('board -> meetings -> attendance -> agency, with quorum and attendance figures', async () => {
    const q = `{ boards { meetings(first: 50) { nodes { date quorate attendance { status agency { name } } } }
      attendance(from: "2024-01-01", to: "2024-12-31") { overallRate byAgency { rate agency { name } } }
      subGroups { name } } }`;
    const small = await statementsFor(q, (await partnership(2)).token);
    const large = await statementsFor(q, (await partnership(4)).token);
    expect(large).toBe(small);
    // user, boards, meeting page ids, meetings, quorum per meeting, register, agencies,
    // attendance (figures, quorum and thresholds in one), sub-groups
    expect(small).toBe(9);
  });

  it('board(id) -> members -> agency, attendance with byAgency, auditCycles -> summary (the partnership status read)', async () => {
    const q = (id: string) => `{ board(id: "${id}") { name members { role agency { name } }
      attendance(from: "2024-01-01", to: "2024-12-31") { meetingsHeld quorateMeetings overallRate byAgency { rate agency { name } } }
      auditCycles { name summary(asOf: "2024-12-31") { invited submitted fullyCompliant trends { improved new } } } } }`;
    const boardOf = async (n: number) => {
      const { token } = await partnership(n);
      const [{ board_id }] = await hub.ds.query(`SELECT board_id FROM user_board ub JOIN app_user u ON u.id = ub.user_id WHERE u.role = 'COORDINATOR' ORDER BY u.created_at DESC LIMIT 1`);
      return { token, id: board_id as string };
    };
    const s = await boardOf(2);
    const l = await boardOf(4);
    const small = await statementsFor(q(s.id), s.token);
    const large = await statementsFor(q(l.id), l.token);
    expect(large).toBe(small);
    // user, then the look-ahead (src/lookahead.ts): board, seats, agencies, attendance, cycles and summaries in one
    expect(small).toBe(2);
  });

  /** n boards, each with n case reviews of n recommendations and n plans of n priorities, each with one action. */
  async function reviewsAndPlans(n: number) {
    const boards = [];
    for (let b = 0; b < n; b++) boards.push(await f.board());
    const agency = await f.agency();
    const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: boards.map((b) => b.id) });
    const run = async (q: string, i: Record<string, unknown>) => {
      const res = await hub.gql(q, { i }, coordinator.token);
      expect(res.errors).toBeUndefined();
      return Object.values(res.data)[0] as { id: string };
    };
    for (const board of boards) {
      for (let r = 0; r < n; r++) {
        const review = await run(`mutation($i: CreateCaseReviewInput!) { createCaseReview(input: $i) { id } }`, { boardId: board.id, type: 'SERIOUS_CASE_REVIEW', reference: `Child ${r}`, referredOn: '2024-01-01' });
        await run(`mutation($i: DecideCaseReviewInput!) { decideCaseReview(input: $i) { id } }`, { caseReviewId: review.id, commission: true, decidedOn: '2024-02-01', rationale: 'Criteria met' });
        for (let k = 0; k < n; k++) {
          const rec = await run(`mutation($i: AddRecommendationInput!) { addRecommendation(input: $i) { id } }`, { caseReviewId: review.id, text: `Recommendation ${k}`, agencyId: agency.id });
          await run(`mutation($i: AddActionInput!) { addAction(input: $i) { id } }`, { recommendationId: rec.id, description: 'Do the thing', ownerAgencyId: agency.id, dueOn: '2024-06-01' });
        }
        const plan = await run(`mutation($i: CreateBusinessPlanInput!) { createBusinessPlan(input: $i) { id } }`, { boardId: board.id, title: `Plan ${r}`, periodFrom: '2024-04-01', periodTo: '2025-03-31' });
        for (let k = 0; k < n; k++) {
          const priority = await run(`mutation($i: AddPriorityInput!) { addPriority(input: $i) { id } }`, { businessPlanId: plan.id, code: `P${k}`, title: `Priority ${k}` });
          await run(`mutation($i: AddActionInput!) { addAction(input: $i) { id } }`, { priorityId: priority.id, description: 'Do the thing', ownerAgencyId: agency.id, dueOn: '2024-06-01', rag: 'RED' });
        }
      }
    }
    return coordinator;
  }

  it('board -> caseReviews -> recommendations -> actions, and businessPlans -> priorities -> progress', async () => {
    const q = `{ boards { caseReviews { reference daysToDecision actionProgress(asOf: "2024-07-01") { overdue percentComplete }
        recommendations { number agency { name } actions { description ownerAgency { name } recommendation { caseReview { reference } } } } }
      businessPlans { title progress { red percentComplete } priorities { code progress(asOf: "2024-07-01") { overdue } actions { rag priority { plan { title } } } } } } }`;
    const small = await statementsFor(q, (await reviewsAndPlans(2)).token);
    const large = await statementsFor(q, (await reviewsAndPlans(3)).token);
    expect(large).toBe(small);
    // user, boards, reviews, review progress, recommendations, agencies, actions by source,
    // recommendations by id, reviews by id, plans, plan progress, priorities, priority progress,
    // actions by source (second level), priorities by id, plans by id
    expect(small).toBe(16);
  });

  /** One board whose data set has n quarterly indicators from n agencies, each with Q1 and Q2 values, a year end and a benchmark. */
  async function dataSet(n: number) {
    const board = await f.board();
    const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    const api = scorecardApi(hub, coordinator.token);
    for (let k = 0; k < n; k++) {
      const agency = await f.agency();
      const ind = await api.define({ key: key(`count-${n}-${k}`), unit: 'PERCENT', polarity: 'HIGHER_IS_BETTER', supplierAgencyIds: [agency.id] });
      await api.addToDataSet({ boardId: board.id, indicatorId: ind.id, ragMethod: k % 2 ? 'QUARTILE' : 'TARGET', target: 50 });
      await api.setBenchmark({ boardId: board.id, indicatorId: ind.id, periodFrom: '2013-04-01', periodTo: '2014-03-31', england: 50, upperQuartile: 60, median: 50, lowerQuartile: 40 });
      for (const [periodFrom, periodTo, value] of [['2013-04-01', '2014-03-31', 40], ['2014-04-01', '2014-06-30', 45], ['2014-07-01', '2014-09-30', 50 + k]] as const) {
        await api.enter({ boardId: board.id, agencyId: agency.id, indicatorId: ind.id, periodFrom, periodTo, value });
      }
    }
    return { board, coordinator };
  }

  it('scorecard -> rows -> indicator -> versions, summary, completeness -> agency', async () => {
    const q = (boardId: string) => `{ scorecard(boardId: "${boardId}", periodEnd: "2014-09-30") {
      rows { indicator { key versions { version } suppliers { name } } value previous yearEnd target england quartile directionOfTravel directionFromYearEnd rag exception publishedValue }
      summary { withNewData improved sentence } completeness { agency { name } due missing } } }`;
    const small = await dataSet(2);
    const large = await dataSet(4);
    const s = await statementsFor(q(small.board.id), small.coordinator.token);
    const l = await statementsFor(q(large.board.id), large.coordinator.token);
    expect(l).toBe(s);
    // user, board (read check), scorecard rows and summary (one statement), completeness,
    // indicator versions, agencies (suppliers and completeness, one batch)
    expect(s).toBe(6);
  });

  it('boards -> reminderSettings', async () => {
    const q = `{ boards { name reminderSettings { kind enabled daysBefore } } }`;
    const small = await statementsFor(q, (await partnership(2)).token);
    const large = await statementsFor(q, (await partnership(4)).token);
    expect(large).toBe(small);
    // user, boards, reminder settings of every board
    expect(small).toBe(3);
  });

  it('board -> seriousIncidents -> rapidReview, caseReview -> events, statusOn, clocks, findings; board -> reviewContributions -> agencies', async () => {
    async function notifications(n: number) {
      const boards = [];
      for (let b = 0; b < n; b++) boards.push(await f.board());
      const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: boards.map((b) => b.id) });
      const agency = await f.agency();
      const ok = async (m: string, i: Record<string, unknown>) => {
        const res = await hub.gql(m, { i }, coordinator.token);
        expect(res.errors).toBeUndefined();
        return Object.values(res.data)[0] as any;
      };
      for (const board of boards) {
        for (let k = 0; k < n; k++) {
          const inc = await ok(`mutation($i: NotifySeriousIncidentInput!) { notifySeriousIncident(input: $i) { id caseReview { id } } }`,
            { boardId: board.id, pseudonym: `Child ${k}`, incidentOn: '2024-01-02', awareOn: '2024-01-03', notifiedOn: '2024-01-08', lookedAfter: false });
          await ok(`mutation($i: RecordRapidReviewInput!) { recordRapidReview(input: $i) { id } }`, { seriousIncidentId: inc.id, meetingOn: '2024-01-15', sentToPanelOn: '2024-01-22', outcome: 'LOCAL_REVIEW' });
          await ok(`mutation($i: AddFindingInput!) { addFinding(input: $i) { id } }`, { caseReviewId: inc.caseReview.id, text: 'A finding' });
          await ok(`mutation($i: RecordReviewContributionInput!) { recordReviewContribution(input: $i) { id } }`,
            { boardId: board.id, area: 'Elsewhere', reviewReference: `R${k}`, type: 'SAFEGUARDING_ADULTS_REVIEW', agencyIds: [agency.id], contributedOn: '2024-02-01' });
        }
      }
      return coordinator;
    }
    const q = `{ boards { seriousIncidents { pseudonym rapidReview { outcome } caseReview { kind statusOn(date: "2024-01-20") workingDaysToDecision
        events { kind on } clocks { name breached } findings { number } } } reviewContributions { area agencies { name } } } }`;
    const small = await statementsFor(q, (await notifications(2)).token);
    const large = await statementsFor(q, (await notifications(3)).token);
    expect(large).toBe(small);
  });

  /**
   * n partnerships, each with n office holders, n safeguarding partner seats with two named people,
   * n meetings with a per-person register, an agenda item, a decision and an action agreed on it.
   */
  async function partnerships(n: number) {
    const boards = [];
    for (let b = 0; b < n; b++) boards.push(await f.board({ kind: 'SAFEGUARDING_CHILDREN_PARTNERSHIP' as any }));
    const agencies = [];
    for (let a = 0; a < n; a++) agencies.push(await f.agency({ sector: 'POLICE' as any }));
    const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: boards.map((b) => b.id) });
    const run = async (q: string, i: Record<string, unknown>) => {
      const res = await hub.gql(q, { i }, coordinator.token);
      expect(res.errors).toBeUndefined();
      return Object.values(res.data)[0] as { id: string };
    };
    for (const board of boards) {
      for (let a = 0; a < n; a++) {
        await f.membership(agencies[a].id, { boardId: board.id }, { role: 'SAFEGUARDING_PARTNER' as any, representatives: [`Rep ${a}`, `Second ${a}`], deputies: [`Deputy ${a}`] });
        await run(`mutation($i: AppointOfficeHolderInput!) { appointOfficeHolder(input: $i) { id } }`, { boardId: board.id, role: 'LEAD_SAFEGUARDING_PARTNER', personName: `Lead ${a}`, agencyId: agencies[a].id, startsOn: '2020-01-01' });
      }
      for (let m = 0; m < n; m++) {
        const meeting = await f.meeting({ boardId: board.id }, `2024-0${(m % 9) + 1}-1${m % 10}`, 'SCHEDULED' as any);
        await run(`mutation($i: RecordRegisterInput!) { recordRegister(input: $i) { id } }`, {
          meetingId: meeting.id,
          entries: agencies.flatMap((a, k) => [
            { personName: `Rep ${k}`, agencyId: a.id, capacity: 'MEMBER', status: 'PRESENT', mode: k % 2 ? 'VIRTUAL' : 'IN_PERSON' },
            { personName: `Second ${k}`, agencyId: a.id, capacity: 'MEMBER', status: 'APOLOGIES' },
          ]).concat([{ personName: 'Business manager', agencyId: null as any, capacity: 'IN_ATTENDANCE', status: 'PRESENT', mode: 'IN_PERSON' }]),
        });
        const item = await run(`mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { id } }`, { meetingId: meeting.id, title: 'Item', kind: 'DECISION', presentingAgencyId: agencies[0].id });
        await run(`mutation($i: RecordDecisionInput!) { recordDecision(input: $i) { id } }`, { meetingId: meeting.id, agendaItemId: item.id, text: 'Agreed', agreedByAgencyIds: [agencies[0].id] });
        const action = await run(`mutation($i: AddActionInput!) { addAction(input: $i) { id } }`, { agendaItemId: item.id, description: 'Do it', ownerAgencyId: agencies[0].id, dueOn: '2024-01-01' });
        await run(`mutation($i: UpdateActionInput!) { updateAction(input: $i) { id } }`, { actionId: action.id, note: 'Moved', dueOn: '2024-02-01', dueDateReason: 'Later' });
      }
    }
    return coordinator;
  }

  it('board -> officeHolders, meetings -> register, agenda -> actions, decisions, decision quorum, actions due; person attendance', async () => {
    const q = `{ boards { footprint officeHolders { personName agency { name } }
      meetings(first: 50) { nodes { type decisionQuorate register { personName capacity mode agency { name } }
        agenda { title presentingAgency { name } actions { lead timescale drifting dueDateChanges { reason } carriedForwardTo { id } agendaItem { title } } }
        decisions { text decisionQuorate agreedBy { name } agendaItem { title } }
        actionsDue { description } } }
      attendance(from: "2024-01-01", to: "2024-12-31") { meetingsConvened overallPersonRate byPerson { name rate agency { name } }
        attendeesPerMeeting { present virtual meeting { title } } } } }`;
    const small = await statementsFor(q, (await partnerships(2)).token);
    const large = await statementsFor(q, (await partnerships(4)).token);
    expect(large).toBe(small);
    // user, boards, office holders, agencies, meeting page ids, meetings, decision quorum, register,
    // agenda, actions by source, due-date changes, agenda items by id, decisions, actions due (specs,
    // matches, actions), attendance (one statement), meetings by id: 18 whatever the size
    expect(small).toBe(18);
  });
});
