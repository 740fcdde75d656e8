import { EntityManager } from 'typeorm';
import {
  AgendaItemKind,
  AttendanceMode,
  AttendanceStatus,
  BoardKind,
  MeetingStatus,
  MeetingType,
  MembershipRole,
  OfficeHolderRole,
  RegisterCapacity,
  RegisterStatus,
  Sector,
  UserRole,
} from '../src/common/enums';
import { Action, ActionSourceType, ReviewFrequency } from '../src/modules/action/action.entity';
import { Agency } from '../src/modules/agency/agency.entity';
import { Board, OfficeHolder, UserBoard } from '../src/modules/board/board.entity';
import { AgendaItem, Attendance, Decision, Meeting, RegisterEntry } from '../src/modules/meeting/meeting.entity';
import { Membership } from '../src/modules/membership/membership.entity';
import { User } from '../src/modules/user/user.entity';
import { agencyStatusFromRegister, isDecisionQuorate, isSeatAttendance } from '../src/rules/meetings';
import { partnerGroupOf } from '../src/rules/membership';
import { PartnershipDemo } from './partnership.seed';
import { seededRandom } from './random';

/**
 * A current partnership beside the historic boards (issue 13): the Leicester, Leicestershire and
 * Rutland safeguarding children partnership in 2024/25, with its safeguarding partners (three
 * councils, the ICB, the police), lead and delegated partners, relevant agencies, an independent
 * scrutineer, and a year of meetings recorded per person (one adjourned). People are named by their
 * posts, not by name.
 */
export async function seedCurrentPartnership(em: EntityManager, demo: PartnershipDemo, passwordHash: string): Promise<Board> {
  const rand = seededRandom(2024);
  const a = demo.agencies;
  const agency = async (name: string, sector: Sector) => em.save(em.create(Agency, { name, sector }));
  const leicester = await agency('Leicester City Council Social Care and Education', Sector.LOCAL_AUTHORITY_CHILDREN);
  const icb = await agency('NHS Leicester, Leicestershire and Rutland Integrated Care Board', Sector.HEALTH_COMMISSIONER);
  const board = await em.save(
    em.create(Board, {
      name: 'Leicester, Leicestershire and Rutland Safeguarding Children Partnership',
      kind: BoardKind.SAFEGUARDING_CHILDREN_PARTNERSHIP,
      area: 'Leicester, Leicestershire and Rutland',
      footprint: ['Leicester', 'Leicestershire', 'Rutland'],
      runsFrom: '2019-09-29',
      attendanceThreshold: 0.75,
      quorumMinimum: 5,
      quorumSectors: [Sector.LOCAL_AUTHORITY_CHILDREN, Sector.POLICE, Sector.HEALTH_COMMISSIONER],
      suppressSmallNumbers: true,
    }),
  );

  const R = MembershipRole;
  const seats: [Agency, MembershipRole, string[], string[]][] = [
    [leicester, R.SAFEGUARDING_PARTNER, ["Director of Children's Services, Leicester"], ['Head of Safeguarding, Leicester']],
    [a.leicsChildren, R.SAFEGUARDING_PARTNER, ["Director of Children and Family Services, Leicestershire"], ['Assistant Director Children’s Social Care, Leicestershire']],
    [a.rutland, R.SAFEGUARDING_PARTNER, ["Strategic Director of Children's Services, Rutland"], []],
    [icb, R.SAFEGUARDING_PARTNER, ['Chief Nurse, LLR ICB'], ['Designated Nurse Safeguarding Children, LLR ICB']],
    [a.leicsPolice, R.SAFEGUARDING_PARTNER, ['Assistant Chief Constable, Leicestershire Police'], ['Head of Public Protection, Leicestershire Police']],
    [a.uhl, R.RELEVANT_AGENCY, ['Chief Nurse, UHL', 'Named Nurse Safeguarding Children, UHL'], []],
    [a.lpt, R.RELEVANT_AGENCY, ['Director of Nursing, LPT'], ['Head of Safeguarding, LPT']],
    [a.cafcass, R.RELEVANT_AGENCY, ['Service Manager, Cafcass'], []],
    [a.nps, R.RELEVANT_AGENCY, ['Head of Probation Delivery Unit, Leicestershire'], []],
    [a.leicsSchools, R.EDUCATION_CHILDCARE, ['Secondary headteacher representative', 'Primary headteacher representative'], []],
  ];
  const memberships: Membership[] = [];
  for (const [ag, role, representatives, deputies] of seats) {
    memberships.push(
      await em.save(
        em.create(Membership, {
          agencyId: ag.id, boardId: board.id, subGroupId: null, role, representatives, deputies,
          representative: representatives[0], deputy: deputies[0] ?? null, startsOn: '2024-04-01', endsOn: null, expectedToAttend: true,
        }),
      ),
    );
  }

  const O = OfficeHolderRole;
  const offices: [OfficeHolderRole, string, Agency | null, string, string | null][] = [
    [O.LEAD_SAFEGUARDING_PARTNER, 'Chief Executive, Leicester City Council', leicester, '2024-04-01', null],
    [O.LEAD_SAFEGUARDING_PARTNER, 'Chief Executive, Leicestershire County Council', a.leicsChildren, '2024-04-01', null],
    [O.LEAD_SAFEGUARDING_PARTNER, 'Chief Executive, Rutland County Council', a.rutland, '2024-04-01', null],
    [O.LEAD_SAFEGUARDING_PARTNER, 'Chief Executive, LLR ICB', icb, '2024-04-01', null],
    [O.LEAD_SAFEGUARDING_PARTNER, 'Chief Constable, Leicestershire Police', a.leicsPolice, '2024-04-01', null],
    [O.DELEGATED_SAFEGUARDING_PARTNER, "Director of Children's Services, Leicester", leicester, '2024-04-01', null],
    [O.DELEGATED_SAFEGUARDING_PARTNER, 'Chief Nurse, LLR ICB', icb, '2024-04-01', null],
    [O.DELEGATED_SAFEGUARDING_PARTNER, 'Assistant Chief Constable, Leicestershire Police', a.leicsPolice, '2024-04-01', null],
    [O.INDEPENDENT_SCRUTINEER, 'Independent Scrutineer (2021-2024)', null, '2021-04-01', '2024-09-30'],
    [O.INDEPENDENT_SCRUTINEER, 'Independent Scrutineer', null, '2024-10-01', null],
    [O.BUSINESS_MANAGER, 'Partnership Business Manager', null, '2019-09-29', null],
  ];
  for (const [role, personName, ag, startsOn, endsOn] of offices) {
    await em.save(em.create(OfficeHolder, { boardId: board.id, role, personName, agencyId: ag?.id ?? null, startsOn, endsOn }));
  }

  // A year of partnership meetings, recorded per person; September's was adjourned (not quorate).
  const dates: [string, MeetingType, boolean][] = [
    ['2024-05-16', MeetingType.BOARD, false], ['2024-07-18', MeetingType.BOARD, false], ['2024-09-19', MeetingType.BOARD, true],
    ['2024-10-10', MeetingType.EXTRAORDINARY, false], ['2024-11-21', MeetingType.BOARD, false], ['2025-01-16', MeetingType.BOARD, false],
    ['2025-03-20', MeetingType.BOARD, false],
  ];
  for (const [date, type, adjourned] of dates) {
    const meeting = await em.save(
      em.create(Meeting, {
        boardId: board.id, subGroupId: null, type, date,
        title: `${type === MeetingType.EXTRAORDINARY ? 'Extraordinary partnership meeting' : 'Partnership board'} (${date.slice(0, 7)})`,
        status: adjourned ? MeetingStatus.ADJOURNED : MeetingStatus.HELD,
        adjournmentReason: adjourned ? 'Not quorate: no police or ICB partner present' : null,
      }),
    );
    const entries: Partial<RegisterEntry>[] = [];
    for (const m of memberships) {
      const ag = seats.find((s) => s[0].id === m.agencyId)![0];
      const partner = m.role === R.SAFEGUARDING_PARTNER;
      for (const name of m.representatives) {
        let r = rand();
        if (adjourned && (ag.sector === Sector.POLICE || ag.sector === Sector.HEALTH_COMMISSIONER)) r = 0.1;
        if (r > 0.3 || (partner && r > 0.2)) entries.push({ personName: name, agencyId: m.agencyId, capacity: RegisterCapacity.MEMBER, status: RegisterStatus.PRESENT, mode: rand() < 0.4 ? AttendanceMode.VIRTUAL : AttendanceMode.IN_PERSON });
        else if (m.deputies.length && r > 0.15) entries.push({ personName: m.deputies[0], agencyId: m.agencyId, capacity: RegisterCapacity.DEPUTY, status: RegisterStatus.PRESENT, mode: AttendanceMode.VIRTUAL });
        else if (r > 0.05) entries.push({ personName: name, agencyId: m.agencyId, capacity: RegisterCapacity.MEMBER, status: RegisterStatus.APOLOGIES, mode: AttendanceMode.IN_PERSON });
      }
    }
    entries.push({ personName: 'Partnership Business Manager', agencyId: null, capacity: RegisterCapacity.IN_ATTENDANCE, status: RegisterStatus.PRESENT, mode: AttendanceMode.IN_PERSON });
    if (date >= '2024-10-01') entries.push({ personName: 'Independent Scrutineer', agencyId: null, capacity: RegisterCapacity.OBSERVER, status: RegisterStatus.PRESENT, mode: AttendanceMode.VIRTUAL });
    // One person of each name and agency (a deputy may stand in for two representatives of an agency).
    const unique = entries.filter((e, i) => entries.findIndex((x) => x.personName === e.personName && x.agencyId === e.agencyId) === i);
    await em.insert(RegisterEntry, unique.map((e) => ({ ...e, meetingId: meeting.id })));
    // The per-agency records follow from the register (src/rules/meetings.ts).
    const records = memberships.flatMap((m) => {
      const mine = unique.filter((e) => e.agencyId === m.agencyId) as { capacity: string; status: string; personName: string }[];
      const status = agencyStatusFromRegister(mine);
      if (!status) return [];
      const came = mine.filter((e) => isSeatAttendance(e)).map((e) => e.personName).sort();
      return [{ meetingId: meeting.id, agencyId: m.agencyId, status: status as AttendanceStatus, attendeeName: came.join(', ') || null }];
    });
    if (records.length) await em.insert(Attendance, records);
    if (adjourned) continue;

    const item = await em.save(em.create(AgendaItem, { meetingId: meeting.id, position: 1, title: 'Neglect strategy: progress and decisions', kind: AgendaItemKind.DECISION, presentingAgencyId: leicester.id }));
    await em.save(em.create(AgendaItem, { meetingId: meeting.id, position: 2, title: 'Independent scrutiny report', kind: AgendaItemKind.ASSURANCE, presentingAgencyId: null }));
    const groups = new Set(
      unique
        .filter((e) => isSeatAttendance(e as { capacity: string; status: string }))
        .flatMap((e) => {
          const m = memberships.find((x) => x.agencyId === e.agencyId && x.role === R.SAFEGUARDING_PARTNER);
          const ag = m && seats.find((s) => s[0].id === m.agencyId)![0];
          return ag && [...m.representatives, ...m.deputies].includes(e.personName!) ? [partnerGroupOf(ag.sector)!] : [];
        }),
    );
    await em.save(em.create(Decision, { meetingId: meeting.id, agendaItemId: item.id, text: `Agreed the neglect strategy update of ${date.slice(0, 7)}`, agreedByAgencyIds: [leicester.id, icb.id], decisionQuorate: isDecisionQuorate([...groups]) }));
    if (date === '2024-05-16' || date === '2024-11-21') {
      const ongoing = date === '2024-05-16';
      await em.save(
        em.create(Action, {
          description: ongoing ? 'Report neglect referrals to the partnership every quarter' : 'Refresh the multi-agency neglect toolkit',
          ownerAgencyId: ongoing ? leicester.id : a.leicsChildren.id,
          dueOn: ongoing ? null : '2025-03-31',
          ongoing,
          reviewFrequency: ongoing ? ReviewFrequency.QUARTERLY : null,
          nextReviewOn: ongoing ? '2025-01-16' : null,
          lead: ongoing ? 'Head of Safeguarding, Leicester' : 'Assistant Director Children’s Social Care, Leicestershire',
          sourceType: ActionSourceType.MEETING,
          sourceId: item.id,
          sourceLabel: `${meeting.title}: item 1, Neglect strategy: progress and decisions`,
          boardIds: [board.id],
        }),
      );
    }
  }

  const user = await em.save(em.create(User, { email: 'coordinator.llrscp@demo.hub', name: 'LLR Partnership Business Manager', role: UserRole.COORDINATOR, passwordHash, agencyId: null }));
  await em.insert(UserBoard, { userId: user.id, boardId: board.id });
  return board;
}
