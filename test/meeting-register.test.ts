import { MembershipRole, Sector, UserRole } from '../src/common/enums';
import { Factories, factories, signedIn } from './helpers/factories';
import { startHub, TestHub } from './helpers/hub';
import { rejecter } from './helpers/rejects';

/**
 * The per-person register beside the per-agency one (../shared/domain/arrangements.md), worked by hand.
 * A children's partnership with five seats: council, ICB and police (safeguarding partners), a trust
 * sending two named people, and a school. Three meetings convened in 2024/25, one of them adjourned.
 */
describe('meetings recorded per person: register, adjournment, decision quorum, actions due', () => {
  let hub: TestHub;
  let f: Factories;
  let token: string;
  const ids: Record<string, string> = {};
  const REGISTER = `mutation($i: RecordRegisterInput!) { recordRegister(input: $i) { id status quorate decisionQuorate } }`;
  const DECIDE = `mutation($i: RecordDecisionInput!) { recordDecision(input: $i) { id decisionQuorate agreedBy { name } } }`;
  const ADJOURN = `mutation($i: AdjournMeetingInput!) { adjournMeeting(input: $i) { id status adjournmentReason quorate } }`;
  const AGENDA = `mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { id position } }`;
  const ADD_ACTION = `mutation($i: AddActionInput!) { addAction(input: $i) { id sourceType sourceLabel timescale dueOn nextReviewOn boardIds } }`;

  beforeAll(async () => {
    hub = await startHub();
    f = factories(hub.ds);
    const board = await f.board({ kind: 'SAFEGUARDING_CHILDREN_PARTNERSHIP' as any });
    ids.board = board.id;
    token = (await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] })).token;
    const seat = async (key: string, sector: Sector, role: MembershipRole, representatives: string[], deputies: string[] = []) => {
      ids[key] = (await f.agency({ sector })).id;
      await f.membership(ids[key], { boardId: board.id }, { role, representatives, deputies, representative: representatives[0], startsOn: '2024-04-01' });
    };
    await seat('council', Sector.LOCAL_AUTHORITY_CHILDREN, MembershipRole.SAFEGUARDING_PARTNER, ['DCS D'], ['AD E']);
    await seat('icb', Sector.HEALTH_COMMISSIONER, MembershipRole.SAFEGUARDING_PARTNER, ['CN F']);
    await seat('police', Sector.POLICE, MembershipRole.SAFEGUARDING_PARTNER, ['Supt G'], ['DI H']);
    await seat('trust', Sector.HEALTH_PROVIDER, MembershipRole.RELEVANT_AGENCY, ['Dr A', 'Nurse B']);
    await seat('school', Sector.EDUCATION, MembershipRole.EDUCATION_CHILDCARE, ['Head C']);
    for (const [k, date] of [['m1', '2024-05-01'], ['m2', '2024-07-01'], ['m3', '2024-09-01'], ['m4', '2024-11-01']]) {
      ids[k] = (await f.meeting({ boardId: board.id }, date, 'SCHEDULED' as any)).id;
    }
  });
  afterAll(() => hub.close());

  const ok = async (q: string, i: Record<string, unknown>) => {
    const res = await hub.gql(q, { i }, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return Object.values(res.data)[0] as any;
  };
  const entry = (personName: string, agency: string | null, capacity: string, status = 'PRESENT', mode = 'IN_PERSON') => ({
    personName, agencyId: agency ? ids[agency] : null, capacity, status, mode,
  });

  it('records registers, an adjourned meeting and decisions with and without decision quorum', async () => {
    // m1: two people of the trust (one virtual), the council's deputy, the ICB, the police's apologies, an officer in attendance.
    const m1 = await ok(REGISTER, { meetingId: ids.m1, entries: [
      entry('Dr A', 'trust', 'MEMBER'), entry('Nurse B', 'trust', 'MEMBER', 'PRESENT', 'VIRTUAL'), entry('AD E', 'council', 'DEPUTY'),
      entry('CN F', 'icb', 'MEMBER'), entry('Supt G', 'police', 'MEMBER', 'APOLOGIES'), entry('Officer J', null, 'IN_ATTENDANCE'),
    ] });
    // Council (by its deputy) and ICB present, police not: no decision quorum.
    expect(m1).toMatchObject({ status: 'HELD', quorate: true, decisionQuorate: false });
    const d1 = await ok(DECIDE, { meetingId: ids.m1, text: 'Adopt the neglect strategy', agreedByAgencyIds: [ids.council, ids.icb] });
    expect(d1.decisionQuorate).toBe(false);

    // m2: the police's named deputy stands in: all three partners present.
    const m2 = await ok(REGISTER, { meetingId: ids.m2, entries: [
      entry('Dr A', 'trust', 'MEMBER'), entry('Nurse B', 'trust', 'MEMBER', 'APOLOGIES'), entry('DCS D', 'council', 'MEMBER'),
      entry('CN F', 'icb', 'MEMBER'), entry('DI H', 'police', 'DEPUTY'), entry('Head C', 'school', 'MEMBER'), entry('Observer K', null, 'OBSERVER'),
    ] });
    expect(m2.decisionQuorate).toBe(true);
    const item = await ok(AGENDA, { meetingId: ids.m2, title: 'Neglect strategy', kind: 'DECISION', presentingAgencyId: ids.council });
    expect(item.position).toBe(1);
    const d2 = await ok(DECIDE, { meetingId: ids.m2, agendaItemId: item.id, text: 'Fund the neglect toolkit', agreedByAgencyIds: [ids.council, ids.icb, ids.police] });
    expect(d2.decisionQuorate).toBe(true);
    ids.item = item.id;

    // m3: two people came, no quorum of partners: adjourned; the register stays and counts.
    await ok(REGISTER, { meetingId: ids.m3, entries: [entry('Dr A', 'trust', 'MEMBER'), entry('CN F', 'icb', 'MEMBER')] });
    const m3 = await ok(ADJOURN, { meetingId: ids.m3, reason: 'Not quorate: no police or council partner' });
    expect(m3).toMatchObject({ status: 'ADJOURNED', quorate: false, adjournmentReason: 'Not quorate: no police or council partner' });
    const itemM3 = await ok(AGENDA, { meetingId: ids.m3, title: 'Item never reached', kind: 'STANDING' });

    const rejects = rejecter(hub, ['decision', 'register_entry', 'attendance', 'agenda_item', 'action', 'meeting']);
    await rejects(DECIDE, { i: { meetingId: ids.m3, text: 'Anything' } }, token, 'CONFLICT');
    await rejects(DECIDE, { i: { meetingId: ids.m4, text: 'Anything' } }, token, 'CONFLICT');
    await rejects(DECIDE, { i: { meetingId: ids.m2, text: 'X', agreedByAgencyIds: [ids.trust] } }, token, 'BAD_USER_INPUT', 'agreedByAgencyIds.0');
    await rejects(DECIDE, { i: { meetingId: ids.m2, text: '  ' } }, token, 'BAD_USER_INPUT', 'text');
    await rejects(ADJOURN, { i: { meetingId: ids.m3 } }, token, 'CONFLICT');
    await rejects(ADJOURN, { i: { meetingId: ids.m2 } }, token, 'CONFLICT'); // it took decisions
    await rejects(REGISTER, { i: { meetingId: ids.m4, entries: [entry('Nobody', null, 'MEMBER')] } }, token, 'BAD_USER_INPUT', 'entries.0.agencyId');
    await rejects(REGISTER, { i: { meetingId: ids.m4, entries: [entry('Dr A', 'trust', 'MEMBER'), entry('dr a', 'trust', 'MEMBER')] } }, token, 'BAD_USER_INPUT', 'entries.1.personName');
    await rejects(REGISTER, { i: { meetingId: ids.m4, entries: [entry(' ', 'trust', 'MEMBER')] } }, token, 'BAD_USER_INPUT', 'entries.0.personName');
    const stranger = (await f.agency()).id;
    await rejects(REGISTER, { i: { meetingId: ids.m4, entries: [{ personName: 'Guest', agencyId: stranger, capacity: 'MEMBER', status: 'PRESENT' }] } }, token, 'BAD_USER_INPUT', 'entries.0.agencyId');
    await rejects(AGENDA, { i: { meetingId: ids.m2, title: 'Clash', kind: 'STANDING', position: 1 } }, token, 'BAD_USER_INPUT', 'position');
    await rejects(AGENDA, { i: { meetingId: ids.m2, title: 'Link', kind: 'ASSURANCE', linkType: 'CASE_REVIEW' } }, token, 'BAD_USER_INPUT', 'linkId');
    await rejects(ADD_ACTION, { i: { agendaItemId: itemM3.id, description: 'Never agreed', ownerAgencyId: ids.trust, dueOn: '2024-12-01' } }, token, 'CONFLICT');
    await rejects(ADD_ACTION, { i: { agendaItemId: ids.item, description: 'No date', ownerAgencyId: ids.trust } }, token, 'BAD_USER_INPUT', 'dueOn');
    await rejects(ADD_ACTION, { i: { agendaItemId: ids.item, description: 'Ongoing', ownerAgencyId: ids.trust, timescale: 'ONGOING' } }, token, 'BAD_USER_INPUT', 'nextReviewOn');
    const viewer = (await signedIn(hub, f, UserRole.VIEWER, { boardIds: [ids.board] })).token;
    await rejects(REGISTER, { i: { meetingId: ids.m4, entries: [entry('Dr A', 'trust', 'MEMBER')] } }, viewer, 'FORBIDDEN');
  });

  it('gives attendance per person and per agency side by side, convened meetings and attendees per meeting', async () => {
    const res = await hub.gql(
      `query($id: ID!) { board(id: $id) { attendance(from: "2024-04-01", to: "2024-10-31") {
        meetingsHeld meetingsConvened quorateMeetings overallRate overallPersonRate decisions decisionsWithoutQuorum
        byAgency { agency { id } expected attended }
        byPerson { name agency { id } expected attended apologies rate }
        attendeesPerMeeting { meeting { id } status present members deputies inAttendance observers virtual apologies } } } }`,
      { id: ids.board },
      token,
    );
    expect(res.errors).toBeUndefined();
    const a = res.data.board.attendance;
    // Convened: m1, m2 (HELD) and m3 (ADJOURNED); held 2, both quorate (minimum 1); m3 never quorate.
    expect(a).toMatchObject({ meetingsHeld: 2, meetingsConvened: 3, quorateMeetings: 2, decisions: 2, decisionsWithoutQuorum: 1 });
    const agency = Object.fromEntries(a.byAgency.map((x: any) => [x.agency.id, [x.attended, x.expected]]));
    // trust m1 m2 m3; council m1 (deputy) m2; icb m1 m2 m3; police m2 (deputy); school m2.
    expect(agency).toEqual({ [ids.trust]: [3, 3], [ids.council]: [2, 3], [ids.icb]: [3, 3], [ids.police]: [1, 3], [ids.school]: [1, 3] });
    // 10 of 15
    expect(a.overallRate).toBeCloseTo(10 / 15, 10);
    const person = Object.fromEntries(a.byPerson.map((x: any) => [x.name, [x.attended, x.expected, x.apologies]]));
    // Dr A 3/3; Nurse B m1 (virtual) 1/3 with apologies at m2; DCS D only m2 (the deputy at m1 counts for the council, not for her);
    // CN F 3/3; Supt G 0/3 (apologies m1, deputy m2); Head C 1/3.
    expect(person).toEqual({ 'Dr A': [3, 3, 0], 'Nurse B': [1, 3, 1], 'DCS D': [1, 3, 0], 'CN F': [3, 3, 0], 'Supt G': [0, 3, 1], 'Head C': [1, 3, 0] });
    // 9 of 18: the trust is 3 of 3 as an agency, its people 4 of 6.
    expect(a.overallPersonRate).toBe(0.5);
    expect(a.attendeesPerMeeting.map(({ meeting, ...rest }: any) => ({ id: meeting.id, ...rest }))).toEqual([
      // Dr A, Nurse B (virtual), AD E (deputy), CN F, Officer J (in attendance); Supt G's apologies.
      { id: ids.m1, status: 'HELD', present: 5, members: 3, deputies: 1, inAttendance: 1, observers: 0, virtual: 1, apologies: 1 },
      // Dr A, DCS D, CN F, DI H (deputy), Head C, Observer K; Nurse B's apologies.
      { id: ids.m2, status: 'HELD', present: 6, members: 4, deputies: 1, inAttendance: 0, observers: 1, virtual: 0, apologies: 1 },
      { id: ids.m3, status: 'ADJOURNED', present: 2, members: 2, deputies: 0, inAttendance: 0, observers: 0, virtual: 0, apologies: 0 },
    ]);
  });

  it('keeps the per-agency register working: one person row per agency, named after the seat', async () => {
    const res = await hub.gql(
      `mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { status attendance { agency { id } status } register { personName capacity status agency { id } } } }`,
      { i: { meetingId: ids.m4, records: [{ agencyId: ids.trust, status: 'PRESENT' }, { agencyId: ids.police, status: 'DEPUTY' }, { agencyId: ids.school, status: 'APOLOGIES', attendeeName: 'Head C' }] } },
      token,
    );
    expect(res.errors).toBeUndefined();
    const reg = res.data.recordAttendance.register.map((r: any) => [r.personName, r.capacity, r.status]).sort();
    expect(reg).toEqual([['DI H', 'DEPUTY', 'PRESENT'], ['Dr A', 'MEMBER', 'PRESENT'], ['Head C', 'MEMBER', 'APOLOGIES']]);
  });

  it('actions agreed at a meeting, and the actions due at the next', async () => {
    const ongoing = await ok(ADD_ACTION, { agendaItemId: ids.item, description: 'Review neglect toolkit uptake', ownerAgencyId: ids.council, timescale: 'ONGOING', reviewFrequency: 'QUARTERLY', nextReviewOn: '2024-08-01', lead: 'AD E' });
    expect(ongoing).toMatchObject({ sourceType: 'MEETING', timescale: 'ONGOING', dueOn: null, nextReviewOn: '2024-08-01', boardIds: [ids.board] });
    expect(ongoing.sourceLabel).toMatch(/: item 1, Neglect strategy$/);
    const dated = await ok(ADD_ACTION, { agendaItemId: ids.item, description: 'Train 200 staff on the toolkit', ownerAgencyId: ids.trust, dueOn: '2024-10-15' });
    const due = await hub.gql(
      `query($a: ID!, $b: ID!, $c: ID!) { a: meeting(id: $a) { actionsDue { id } agenda { title actions { id } } decisions { text agendaItem { title } } }
        b: meeting(id: $b) { actionsDue { id } } c: meeting(id: $c) { actionsDue { id } } }`,
      { a: ids.m2, b: ids.m3, c: ids.m4 },
      token,
    );
    expect(due.errors).toBeUndefined();
    // m2 (07-01): nothing due yet; m3 (09-01): the review of 08-01; m4 (11-01): that review and the 10-15 action.
    expect(due.data.a.actionsDue).toEqual([]);
    expect(due.data.a.agenda[0].actions.map((x: any) => x.id).sort()).toEqual([ongoing.id, dated.id].sort());
    expect(due.data.a.decisions.map((d: any) => d.agendaItem?.title ?? null)).toEqual(['Neglect strategy']);
    expect(due.data.b.actionsDue.map((x: any) => x.id)).toEqual([ongoing.id]);
    expect(due.data.c.actionsDue.map((x: any) => x.id).sort()).toEqual([ongoing.id, dated.id].sort());
  });
});
