import { AgendaItemKind, AttendanceStatus, MeetingStatus, RegisterCapacity, RegisterStatus, UserRole } from '../../src/common/enums';
import { AgendaItem, Decision, RegisterEntry } from '../../src/modules/meeting/meeting.entity';
import { answers } from './audit';
import { Factories, factories, signedIn } from './factories';
import { TestHub } from './hub';
import { Notification, ReminderKind } from '../../src/modules/notification/notification.entity';

/**
 * Two boards, A and B, and everything that hangs below them, built so that every kind of object
 * exists on each side and across: a shared agency, a joint sub-group, a sub-group of B alone,
 * multi-board and single-board audit cycles with earlier returns in the other board's cycle,
 * reviews, plans, actions and progress notes. Every object is registered with the boards, body and
 * agency it belongs to, so tests can decide independently of the hub who may read it.
 */
export type Side = 'A' | 'B';
export type AgencyKey = 'aOnly' | 'bOnly' | 'shared' | 'sbOnly' | 'endedA';
export type BodyKey = 'A' | 'B' | 'J' | 'SB';

export interface Owned {
  type: string;
  /** Boards the object belongs to (a joint sub-group or a multi-board cycle: both). */
  boards: Side[];
  /** The board or sub-group whose members, meetings and attendance it is. */
  body?: BodyKey;
  /** For returns, their parts, actions and their notes: the agency whose record it is. */
  agency?: AgencyKey;
  /** Audit cycles: the agencies invited. */
  invited?: AgencyKey[];
  /** Scorecard values (and their versions): the value's status; agencies seated on the board read VALIDATED ones. */
  status?: string;
  /** Notifications: the reader (token key) they were sent to, the only one who reads them. */
  owner?: string;
  label: string;
}

export interface TwoBoards {
  ids: { boards: Record<Side, string>; subGroups: Record<'J' | 'SB', string>; agencies: Record<AgencyKey, string> };
  registry: Map<string, Owned>;
  tokens: Record<string, string>;
  /** Bodies each agency sits on today, and bodies where its seat has ended. */
  seats: Record<AgencyKey, BodyKey[]>;
  /** The return the walk follows into the other board: shared agency's AB return, whose previous return is in B's cycle. */
  sharedAbReturn: string;
  sharedB1Return: string;
}

export async function buildTwoBoards(hub: TestHub): Promise<TwoBoards> {
  const f: Factories = factories(hub.ds);
  const registry = new Map<string, Owned>();
  const reg = (id: string, o: Owned) => registry.set(id, o);

  const A = await f.board();
  const B = await f.board();
  reg(A.id, { type: 'Board', boards: ['A'], body: 'A', label: 'board A' });
  reg(B.id, { type: 'Board', boards: ['B'], body: 'B', label: 'board B' });
  const J = await f.subGroup([A.id, B.id]);
  const SB = await f.subGroup([B.id]);
  reg(J.id, { type: 'SubGroup', boards: ['A', 'B'], body: 'J', label: 'joint sub-group' });
  reg(SB.id, { type: 'SubGroup', boards: ['B'], body: 'SB', label: "B's own sub-group" });

  const agencies = {} as Record<AgencyKey, string>;
  for (const k of ['aOnly', 'bOnly', 'shared', 'sbOnly', 'endedA'] as AgencyKey[]) agencies[k] = (await f.agency()).id;
  const bodyIds: Record<BodyKey, { boardId?: string; subGroupId?: string }> = {
    A: { boardId: A.id },
    B: { boardId: B.id },
    J: { subGroupId: J.id },
    SB: { subGroupId: SB.id },
  };
  const bodyBoards: Record<BodyKey, Side[]> = { A: ['A'], B: ['B'], J: ['A', 'B'], SB: ['B'] };
  const seats: Record<AgencyKey, BodyKey[]> = { aOnly: ['A', 'J'], bOnly: ['B', 'J'], shared: ['A', 'B'], sbOnly: ['SB'], endedA: [] };
  for (const [agency, bodies] of Object.entries(seats) as [AgencyKey, BodyKey[]][]) {
    for (const body of bodies) {
      const m = await f.membership(agencies[agency], bodyIds[body], { startsOn: '2020-01-01' });
      reg(m.id, { type: 'Membership', boards: bodyBoards[body], body, agency, label: `${agency}'s seat on ${body}` });
    }
  }
  // A seat on A that ended: the board closes to the agency; its own records stay readable.
  const ended = await f.membership(agencies.endedA, bodyIds.A, { startsOn: '2020-01-01', endsOn: '2023-12-31' });
  reg(ended.id, { type: 'Membership', boards: ['A'], body: 'A', agency: 'endedA', label: "endedA's ended seat on A" });

  const attendees: Record<BodyKey, AgencyKey[]> = { A: ['aOnly', 'shared'], B: ['bOnly', 'shared'], J: ['aOnly', 'bOnly'], SB: ['sbOnly'] };
  const agendaItems = {} as Record<BodyKey, string>;
  for (const body of ['A', 'B', 'J', 'SB'] as BodyKey[]) {
    const meeting = await f.meeting(bodyIds[body], '2024-03-01', MeetingStatus.HELD);
    reg(meeting.id, { type: 'Meeting', boards: bodyBoards[body], body, label: `meeting of ${body}` });
    for (const a of attendees[body]) {
      const rec = await f.attendance(meeting.id, agencies[a], AttendanceStatus.PRESENT, 'A. Person');
      reg(rec.id, { type: 'Attendance', boards: bodyBoards[body], body, label: `${a} at ${body}'s meeting` });
      // The per-person register (issue 13): the agency's person, and a guest in attendance.
      const person = await hub.ds.getRepository(RegisterEntry).save({ meetingId: meeting.id, agencyId: agencies[a], personName: 'A. Person', capacity: RegisterCapacity.MEMBER, status: RegisterStatus.PRESENT });
      reg(person.id, { type: 'RegisterEntry', boards: bodyBoards[body], body, label: `${a}'s person at ${body}'s meeting` });
    }
    const guest = await hub.ds.getRepository(RegisterEntry).save({ meetingId: meeting.id, agencyId: null, personName: 'Guest', capacity: RegisterCapacity.IN_ATTENDANCE, status: RegisterStatus.PRESENT });
    reg(guest.id, { type: 'RegisterEntry', boards: bodyBoards[body], body, label: `guest at ${body}'s meeting` });
    const item = await hub.ds.getRepository(AgendaItem).save({ meetingId: meeting.id, position: 1, title: `Item of ${body}`, kind: AgendaItemKind.DECISION, presentingAgencyId: agencies[attendees[body][0]] });
    reg(item.id, { type: 'AgendaItem', boards: bodyBoards[body], body, label: `agenda item of ${body}` });
    agendaItems[body] = item.id;
    const decision = await hub.ds.getRepository(Decision).save({ meetingId: meeting.id, agendaItemId: item.id, text: `Decision of ${body}`, agreedByAgencyIds: [], decisionQuorate: true });
    reg(decision.id, { type: 'Decision', boards: bodyBoards[body], body, label: `decision of ${body}` });
  }

  const admin = await signedIn(hub, f, UserRole.ADMIN);
  const people: [string, UserRole, { boardIds?: string[]; agencyId?: string }, Owned][] = [
    ['coordA', UserRole.COORDINATOR, { boardIds: [A.id] }, { type: 'User', boards: ['A'], label: 'coordinator of A' }],
    ['viewerA', UserRole.VIEWER, { boardIds: [A.id] }, { type: 'User', boards: ['A'], label: 'viewer of A' }],
    ['coordB', UserRole.COORDINATOR, { boardIds: [B.id] }, { type: 'User', boards: ['B'], label: 'coordinator of B' }],
  ];
  for (const k of Object.keys(agencies) as AgencyKey[]) {
    people.push([`user:${k}`, UserRole.AGENCY_USER, { agencyId: agencies[k] }, { type: 'User', boards: [], agency: k, label: `user of ${k}` }]);
  }
  const tokens: Record<string, string> = { admin: admin.token };
  const userIds: Record<string, string> = { admin: admin.user.id };
  for (const [key, role, o, owned] of people) {
    const u = await signedIn(hub, f, role, o);
    tokens[key] = u.token;
    userIds[key] = u.user.id;
    reg(u.user.id, owned);
  }
  // A notification for every person, about board A or B: each is readable by its addressee alone.
  for (const [key, userId] of Object.entries(userIds)) {
    const side: Side = key.endsWith('B') || key === 'user:bOnly' ? 'B' : 'A';
    const n = await hub.ds.getRepository(Notification).save(
      hub.ds.getRepository(Notification).create({
        userId, kind: ReminderKind.COORDINATOR_DIGEST, subjectId: userId, period: '2024-03-04', boardIds: [side === 'A' ? A.id : B.id],
        title: `Digest for ${key}`, body: 'Body', reason: 'Why', link: `https://hub.example.org/boards/${side === 'A' ? A.id : B.id}`, emailTo: `${key}@example.org`,
      }),
    );
    reg(n.id, { type: 'Notification', boards: [side], owner: key, label: `notification of ${key}` });
  }

  const ok = async (query: string, i: Record<string, unknown>, token = admin.token) => {
    const res = await hub.gql(query, { i }, token);
    if (res.errors) throw new Error(`${query}: ${JSON.stringify(res.errors)}`);
    return Object.values(res.data)[0] as any;
  };

  // Audit cycles: A1 (A, early 2022), B1 (B, later 2022), AB (both, 2024). Each agency's latest
  // earlier return for AB is then in B1, so previousReturn leads from a readable return into B.
  // Version 1 as shipped: other suites publish later versions into the shared database.
  const fw = (await hub.gql(`{ auditFrameworks { id key version } }`, {}, admin.token)).data.auditFrameworks.find((x: any) => x.key === 'SECTION_11_CHILDREN' && x.version === 1).id;
  const CYCLE = `mutation($i: CreateAuditCycleInput!) { createAuditCycle(input: $i) { id } }`;
  const SAVE = `mutation($i: SaveAuditReturnInput!) { saveAuditReturn(input: $i) { id assessments { id actions { id } } } }`;
  const SUBMIT = `mutation($i: SubmitAuditReturnInput!) { submitAuditReturn(input: $i) { id versions { id } } }`;
  const cycles: [string, Side[], AgencyKey[], string, string][] = [
    ['A1', ['A'], ['aOnly', 'shared', 'endedA'], '2022-01-01', '2022-03-31'],
    ['B1', ['B'], ['bOnly', 'shared'], '2022-06-01', '2022-09-30'],
    ['AB', ['A', 'B'], ['aOnly', 'bOnly', 'shared'], '2024-01-01', '2024-03-31'],
  ];
  const returns: Record<string, string> = {};
  const boardIdOf = { A: A.id, B: B.id };
  for (const [name, sides, invited, opensOn, dueOn] of cycles) {
    const cycle = await ok(CYCLE, { frameworkId: fw, name: `Section 11 ${name} ${Math.random()}`, boardIds: sides.map((s) => boardIdOf[s]), invitedAgencyIds: invited.map((a) => agencies[a]), opensOn, dueOn });
    reg(cycle.id, { type: 'AuditCycle', boards: sides, invited, label: `cycle ${name}` });
    for (const a of invited) {
      const saved = await ok(SAVE, { cycleId: cycle.id, agencyId: agencies[a], assessments: answers('MMMMMMPN', '2024-12-31') });
      const owned = (type: string, label: string): Owned => ({ type, boards: sides, agency: a, label: `${label} of ${a} in ${name}` });
      reg(saved.id, owned('AuditReturn', 'return'));
      for (const as of saved.assessments) {
        reg(as.id, owned('AuditAssessment', 'assessment'));
        for (const act of as.actions) reg(act.id, owned('Action', 'improvement action'));
      }
      const submitted = await ok(SUBMIT, { returnId: saved.id });
      for (const v of submitted.versions) reg(v.id, owned('AuditReturnVersion', 'version'));
      returns[`${name}:${a}`] = saved.id;
    }
  }

  // Case reviews and business plans on each board, with actions owned by different agencies.
  const ADD_ACTION = `mutation($i: AddActionInput!) { addAction(input: $i) { id } }`;
  const UPDATE_ACTION = `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id updates { id } } }`;
  const addAction = async (side: Side, source: Record<string, string>, owner: AgencyKey, label: string) => {
    const action = await ok(ADD_ACTION, { ...source, description: `${label} action for ${owner}`, ownerAgencyId: agencies[owner], dueOn: '2024-06-30' });
    reg(action.id, { type: 'Action', boards: [side], agency: owner, label: `${label} action of ${owner}` });
    const updated = await ok(UPDATE_ACTION, { actionId: action.id, note: 'Started', status: 'IN_PROGRESS', rag: 'AMBER', notedOn: '2024-04-01' });
    for (const u of updated.updates) reg(u.id, { type: 'ActionUpdate', boards: [side], agency: owner, label: `note on ${label} action of ${owner}` });
  };
  const owners: Record<Side, AgencyKey[]> = { A: ['aOnly', 'shared'], B: ['bOnly', 'shared'] };
  for (const side of ['A', 'B'] as Side[]) {
    const review = await ok(`mutation($i: CreateCaseReviewInput!) { createCaseReview(input: $i) { id } }`, {
      boardId: boardIdOf[side], type: 'SERIOUS_CASE_REVIEW', reference: `Child ${side}${Math.random()}`, referredOn: '2023-01-10', involvedAgencyIds: owners[side].map((a) => agencies[a]),
    });
    reg(review.id, { type: 'CaseReview', boards: [side], label: `review of ${side}` });
    await ok(`mutation($i: DecideCaseReviewInput!) { decideCaseReview(input: $i) { id } }`, { caseReviewId: review.id, commission: true, decidedOn: '2023-02-01', rationale: 'Criteria met' });
    await ok(`mutation($i: UpdateCaseReviewStatusInput!) { updateCaseReviewStatus(input: $i) { id } }`, { caseReviewId: review.id, status: 'IN_PROGRESS', on: '2023-03-01' });
    const rec = await ok(`mutation($i: AddRecommendationInput!) { addRecommendation(input: $i) { id } }`, { caseReviewId: review.id, text: `Recommendation on ${side}` });
    reg(rec.id, { type: 'Recommendation', boards: [side], label: `recommendation of ${side}` });
    for (const owner of owners[side]) await addAction(side, { recommendationId: rec.id }, owner, `review ${side}`);
    // Issue 14: findings, publication events, notifications with rapid reviews, contributions.
    const finding = await ok(`mutation($i: AddFindingInput!) { addFinding(input: $i) { id } }`, { caseReviewId: review.id, text: `Finding on ${side}` });
    reg(finding.id, { type: 'Finding', boards: [side], label: `finding of ${side}` });
    await ok(`mutation($i: RecordPublicationEventInput!) { recordPublicationEvent(input: $i) { id } }`, { caseReviewId: review.id, kind: 'PUBLICATION_DELAYED', on: '2023-04-01', reason: 'Criminal proceedings' });
    const { events } = (await hub.gql(`query($i: ID!) { caseReview(id: $i) { events { id } } }`, { i: review.id }, admin.token)).data.caseReview;
    for (const e of events) reg(e.id, { type: 'ReviewEvent', boards: [side], label: `event of review of ${side}` });
    const incident = await ok(`mutation($i: NotifySeriousIncidentInput!) { notifySeriousIncident(input: $i) { id caseReview { id } } }`, {
      boardId: boardIdOf[side], pseudonym: `Child N${side}${Math.random()}`, incidentOn: '2023-05-01', awareOn: '2023-05-02', notifiedOn: '2023-05-05', lookedAfter: false,
    });
    reg(incident.id, { type: 'SeriousIncident', boards: [side], label: `notification of ${side}` });
    reg(incident.caseReview.id, { type: 'CaseReview', boards: [side], label: `notified review of ${side}` });
    const rapid = await ok(`mutation($i: RecordRapidReviewInput!) { recordRapidReview(input: $i) { id } }`, { seriousIncidentId: incident.id, meetingOn: '2023-05-15', sentToPanelOn: '2023-05-20', outcome: 'LOCAL_REVIEW', partnersAgreed: true });
    reg(rapid.id, { type: 'RapidReview', boards: [side], label: `rapid review of ${side}` });
    const notified = (await hub.gql(`query($i: ID!) { caseReview(id: $i) { events { id } } }`, { i: incident.caseReview.id }, admin.token)).data.caseReview;
    for (const e of notified.events) reg(e.id, { type: 'ReviewEvent', boards: [side], label: `event of notified review of ${side}` });
    const contribution = await ok(`mutation($i: RecordReviewContributionInput!) { recordReviewContribution(input: $i) { id } }`, {
      boardId: boardIdOf[side], area: `Elsewhere ${side}`, reviewReference: 'Adult Q', type: 'SAFEGUARDING_ADULTS_REVIEW', agencyIds: [agencies[owners[side][0]]], contributedOn: '2023-06-01',
    });
    reg(contribution.id, { type: 'ReviewContribution', boards: [side], label: `contribution of ${side}` });
    const learning = await ok(`mutation($i: RecordExternalLearningInput!) { recordExternalLearning(input: $i) { id } }`, {
      boardId: boardIdOf[side], source: 'Child Safeguarding Practice Review Panel', title: `National review for ${side}`, publishedOn: '2023-07-01', summary: 'Multi-agency information sharing',
    });
    reg(learning.id, { type: 'ExternalLearning', boards: [side], label: `external learning of ${side}` });
    await addAction(side, { externalLearningId: learning.id }, 'shared', `learning ${side}`);

    const plan = await ok(`mutation($i: CreateBusinessPlanInput!) { createBusinessPlan(input: $i) { id } }`, { boardId: boardIdOf[side], title: `Plan ${side}`, periodFrom: '2024-04-01', periodTo: '2025-03-31' });
    reg(plan.id, { type: 'BusinessPlan', boards: [side], label: `plan of ${side}` });
    const priority = await ok(`mutation($i: AddPriorityInput!) { addPriority(input: $i) { id } }`, {
      businessPlanId: plan.id, code: '1', title: `Priority of ${side}`, leadSubGroupId: side === 'A' ? J.id : SB.id,
    });
    reg(priority.id, { type: 'PlanPriority', boards: [side], label: `priority of ${side}` });
    for (const owner of owners[side]) await addAction(side, { priorityId: priority.id }, owner, `plan ${side}`);
  }

  // The data set and scorecard: one indicator supplied by three agencies, in both boards' data sets,
  // with a benchmark on each board and values in every status from the board's own agencies and the shared one.
  const indicator = await ok(`mutation($i: DefineIndicatorInput!) { defineIndicator(input: $i) { id } }`, {
    key: `walk-${Math.random().toString(36).slice(2, 10)}`, title: 'Walked indicator', definition: 'For the walk', unit: 'PERCENT', polarity: 'HIGHER_IS_BETTER',
    frequency: 'QUARTER', audience: 'CHILDREN', supplierAgencyIds: [agencies.aOnly, agencies.bOnly, agencies.shared],
  });
  reg(indicator.id, { type: 'Indicator', boards: [], label: 'the walked indicator' });
  const SAVE_VALUE = `mutation($i: SaveObservationInput!) { saveObservation(input: $i) { id } }`;
  const CHANGE = (m: string) => `mutation($i: ObservationChangeInput!) { ${m}(input: $i) { id versions { id } } }`;
  const values: Record<Side, [AgencyKey, string, string][]> = {
    A: [['aOnly', 'DRAFT', '2024-01-01'], ['shared', 'VALIDATED', '2024-01-01'], ['aOnly', 'SUBMITTED', '2024-04-01']],
    B: [['bOnly', 'VALIDATED', '2024-01-01'], ['shared', 'SUBMITTED', '2024-01-01'], ['shared', 'DRAFT', '2024-04-01']],
  };
  for (const side of ['A', 'B'] as Side[]) {
    const item = await ok(`mutation($i: AddToDataSetInput!) { addToDataSet(input: $i) { id } }`, { boardId: boardIdOf[side], indicatorId: indicator.id, ragMethod: 'TARGET', target: 90 });
    reg(item.id, { type: 'DataSetItem', boards: [side], label: `data set item of ${side}` });
    const bench = await ok(`mutation($i: SetBenchmarkInput!) { setBenchmark(input: $i) { id } }`, { boardId: boardIdOf[side], indicatorId: indicator.id, periodFrom: '2023-04-01', periodTo: '2024-03-31', england: 80 });
    reg(bench.id, { type: 'Benchmark', boards: [side], label: `benchmark of ${side}` });
    let n = 0;
    for (const [agency, status, periodFrom] of values[side]) {
      n += 1;
      const periodTo = periodFrom === '2024-01-01' ? '2024-03-31' : '2024-06-30';
      const o = await ok(SAVE_VALUE, { indicatorId: indicator.id, boardId: boardIdOf[side], agencyId: agencies[agency], periodFrom, periodTo, value: 80 + n, breakdownDimension: agency === 'shared' ? 'agency' : null, breakdownCategory: agency === 'shared' ? 'shared' : null });
      const owned = { type: 'Observation', boards: [side], agency, status, label: `${status} value of ${agency} on ${side}` };
      reg(o.id, owned);
      const versions: string[] = [];
      if (status !== 'DRAFT') versions.push(...(await ok(CHANGE('submitObservation'), { observationId: o.id })).versions.map((v: any) => v.id));
      if (status === 'VALIDATED') versions.push(...(await ok(CHANGE('validateObservation'), { observationId: o.id })).versions.map((v: any) => v.id));
      for (const v of new Set(versions)) reg(v, { ...owned, type: 'ObservationVersion', label: `version of ${owned.label}` });
    }
  }

  // Actions agreed at meetings (issue 13), one with a due-date change; a joint sub-group's answers to both boards.
  for (const [body, owner] of [['A', 'aOnly'], ['B', 'bOnly'], ['J', 'shared']] as [BodyKey, AgencyKey][]) {
    const action = await ok(ADD_ACTION, { agendaItemId: agendaItems[body], description: `meeting action of ${body}`, ownerAgencyId: agencies[owner], dueOn: '2024-06-30', lead: 'A lead' });
    reg(action.id, { type: 'Action', boards: bodyBoards[body], agency: owner, label: `meeting action of ${body} for ${owner}` });
    const moved = await ok(`mutation($i: UpdateActionInput!) { updateAction(input: $i) { id updates { id } dueDateChanges { id } } }`, { actionId: action.id, note: 'Moved', dueOn: '2024-09-30', dueDateReason: 'Later', notedOn: '2024-04-01' });
    for (const u of moved.updates) reg(u.id, { type: 'ActionUpdate', boards: bodyBoards[body], agency: owner, label: `note on meeting action of ${body}` });
    for (const c of moved.dueDateChanges) reg(c.id, { type: 'ActionDueDateChange', boards: bodyBoards[body], agency: owner, label: `due-date change of meeting action of ${body}` });
  }

  // Office holders of each board (issue 13): a lead partner for an agency, a scrutineer for none.
  for (const side of ['A', 'B'] as Side[]) {
    for (const [role, agencyId] of [['LEAD_SAFEGUARDING_PARTNER', null], ['INDEPENDENT_SCRUTINEER', null]] as const) {
      const police = role === 'LEAD_SAFEGUARDING_PARTNER' ? (await f.agency({ sector: 'POLICE' as any })).id : agencyId;
      const holder = await ok(`mutation($i: AppointOfficeHolderInput!) { appointOfficeHolder(input: $i) { id } }`, { boardId: boardIdOf[side], role, personName: `${role} of ${side}`, agencyId: police, startsOn: '2020-01-01' });
      reg(holder.id, { type: 'OfficeHolder', boards: [side], body: side, label: `${role} of ${side}` });
    }
  }

  // Every audit log entry about these boards: a coordinator may read those of their boards.
  const entries: { id: string; board_ids: string[] }[] = await hub.ds.query(`SELECT id::text, board_ids FROM audit_log_entry WHERE board_ids && $1::uuid[]`, [[A.id, B.id]]);
  for (const e of entries) {
    const sides = (['A', 'B'] as Side[]).filter((s) => e.board_ids.includes(boardIdOf[s]));
    reg(e.id, { type: 'AuditLogEntry', boards: sides, label: `audit log entry ${e.id}` });
  }

  return {
    ids: { boards: { A: A.id, B: B.id }, subGroups: { J: J.id, SB: SB.id }, agencies },
    registry,
    tokens,
    seats,
    sharedAbReturn: returns['AB:shared'],
    sharedB1Return: returns['B1:shared'],
  };
}
