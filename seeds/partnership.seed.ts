import { EntityManager } from 'typeorm';
import { AttendanceStatus, BoardKind, MeetingStatus, MembershipRole, Sector, UserRole } from '../src/common/enums';
import { Agency } from '../src/modules/agency/agency.entity';
import { Board } from '../src/modules/board/board.entity';
import { Attendance, Meeting } from '../src/modules/meeting/meeting.entity';
import { Membership } from '../src/modules/membership/membership.entity';
import { SubGroup, SubGroupBoard } from '../src/modules/sub-group/sub-group.entity';
import { UserBoard } from '../src/modules/board/board.entity';
import { User } from '../src/modules/user/user.entity';
import { seededRandom } from './random';

/** Handles to what the partnership seed made, for the module seeds that build on it. */
export interface PartnershipDemo {
  boards: Record<'llr' | 'blackpoolChildren' | 'blackpoolAdults' | 'leeds', Board>;
  agencies: Record<string, Agency>;
  subGroups: Record<string, SubGroup>;
}

const S = Sector;
const AGENCIES: [key: string, name: string, sector: Sector][] = [
  ['leicsChildren', 'Leicestershire County Council Children and Family Services', S.LOCAL_AUTHORITY_CHILDREN],
  ['leicsAdults', 'Leicestershire County Council Adults and Communities', S.LOCAL_AUTHORITY_ADULTS],
  ['rutland', 'Rutland County Council', S.LOCAL_AUTHORITY_OTHER],
  ['leicsPolice', 'Leicestershire Police', S.POLICE],
  ['wlCcg', 'West Leicestershire CCG', S.HEALTH_COMMISSIONER],
  ['elrCcg', 'East Leicestershire and Rutland CCG', S.HEALTH_COMMISSIONER],
  ['uhl', 'University Hospitals of Leicester NHS Trust', S.HEALTH_PROVIDER],
  ['lpt', 'Leicestershire Partnership NHS Trust', S.HEALTH_PROVIDER],
  ['nps', 'National Probation Service', S.PROBATION],
  ['dlnrCrc', 'Derbyshire, Leicestershire, Nottinghamshire and Rutland CRC', S.PROBATION],
  ['leicsYos', 'Leicestershire Youth Offending Service', S.YOUTH_JUSTICE],
  ['cafcass', 'CAFCASS', S.CAFCASS],
  ['leicsFire', 'Leicestershire Fire and Rescue Service', S.FIRE_AND_RESCUE],
  ['loughCollege', 'Loughborough College', S.EDUCATION],
  ['leicsSchools', 'Leicestershire Secondary Heads', S.EDUCATION],
  ['vals', 'Voluntary Action LeicesterShire', S.VOLUNTARY],
  ['glenParva', 'HMYOI Glen Parva', S.SECURE_ESTATE],
  ['llrLay', 'Leicestershire and Rutland lay members', S.LAY_MEMBER],
  ['bpChildren', "Blackpool Council Children's Services", S.LOCAL_AUTHORITY_CHILDREN],
  ['bpAdults', 'Blackpool Council Adult Services', S.LOCAL_AUTHORITY_ADULTS],
  ['lancsPolice', 'Lancashire Constabulary', S.POLICE],
  ['bpCcg', 'Blackpool CCG', S.HEALTH_COMMISSIONER],
  ['bpHospitals', 'Blackpool Teaching Hospitals NHS Foundation Trust', S.HEALTH_PROVIDER],
  ['lancsCare', 'Lancashire Care NHS Foundation Trust', S.HEALTH_PROVIDER],
  ['lancsCrc', 'Cumbria and Lancashire CRC', S.PROBATION],
  ['bpSixth', 'Blackpool Sixth Form College', S.EDUCATION],
  ['bpFylde', 'Blackpool and The Fylde College', S.EDUCATION],
  ['bpCareHomes', 'Blackpool Care Home Providers Forum', S.PRIVATE_PROVIDER],
  ['bpFire', 'Lancashire Fire and Rescue Service', S.FIRE_AND_RESCUE],
  ['bpLay', 'Blackpool lay members', S.LAY_MEMBER],
  ['leedsChildren', "Leeds City Council Children's Services", S.LOCAL_AUTHORITY_CHILDREN],
  ['wyPolice', 'West Yorkshire Police', S.POLICE],
  ['leedsCcg', 'NHS Leeds CCGs', S.HEALTH_COMMISSIONER],
  ['leedsTh', 'Leeds Teaching Hospitals NHS Trust', S.HEALTH_PROVIDER],
  ['leedsCh', 'Leeds Community Healthcare NHS Trust', S.HEALTH_PROVIDER],
  ['leedsYos', 'Leeds Youth Offending Service', S.YOUTH_JUSTICE],
  ['leedsCollege', 'Leeds City College', S.EDUCATION],
  ['wyCrc', 'West Yorkshire CRC', S.PROBATION],
  ['leedsLay', 'Leeds lay members', S.LAY_MEMBER],
];

type Seat = [agency: string, role: MembershipRole, startsOn?: string, endsOn?: string];
const R = MembershipRole;

export async function seedPartnership(em: EntityManager, passwordHash: string): Promise<PartnershipDemo> {
  const rand = seededRandom(2015);
  const agencies: Record<string, Agency> = {};
  for (const [key, name, sector] of AGENCIES) agencies[key] = await em.save(em.create(Agency, { name, sector }));

  const board = (name: string, kind: BoardKind, area: string, quorumMinimum: number, quorumSectors: Sector[]) =>
    em.save(em.create(Board, { name, kind, area, attendanceThreshold: 0.75, quorumMinimum, quorumSectors, suppressSmallNumbers: true }));
  const boards = {
    llr: await board('Leicestershire and Rutland LSCB/SAB', BoardKind.JOINT, 'Leicestershire and Rutland', 6, [S.LOCAL_AUTHORITY_CHILDREN, S.LOCAL_AUTHORITY_ADULTS, S.POLICE, S.HEALTH_COMMISSIONER]),
    blackpoolChildren: await board('Blackpool Safeguarding Children Board', BoardKind.CHILDREN, 'Blackpool', 5, [S.LOCAL_AUTHORITY_CHILDREN, S.POLICE, S.HEALTH_COMMISSIONER]),
    blackpoolAdults: await board('Blackpool Safeguarding Adult Board', BoardKind.ADULTS, 'Blackpool', 4, [S.LOCAL_AUTHORITY_ADULTS, S.POLICE, S.HEALTH_COMMISSIONER]),
    leeds: await board('Leeds Safeguarding Children Board', BoardKind.CHILDREN, 'Leeds', 5, [S.LOCAL_AUTHORITY_CHILDREN, S.POLICE]),
  };

  const subGroups: Record<string, SubGroup> = {};
  const subGroup = async (key: string, name: string, purpose: string, serves: Board[], quorumMinimum = 3) => {
    const sg = await em.save(
      em.create(SubGroup, { name, purpose, attendanceThreshold: 0.75, quorumMinimum, quorumSectors: serves[0].quorumSectors.slice(0, 1) }),
    );
    await em.insert(SubGroupBoard, serves.map((b) => ({ subGroupId: sg.id, boardId: b.id })));
    subGroups[key] = sg;
    return sg;
  };
  await subGroup('llrSeg', 'Safeguarding Effectiveness Group', 'Performance, quality assurance and the Section 11 audit', [boards.llr]);
  await subGroup('llrScr', 'Serious Case Review Sub-Group', 'Considers referrals and oversees serious case reviews and their action plans', [boards.llr]);
  await subGroup('llrPp', 'Procedures and Practice', 'Multi-agency safeguarding procedures and practice guidance', [boards.llr]);
  await subGroup('llrTeg', 'Training Effectiveness Group', 'The multi-agency training programme and its impact', [boards.llr]);
  await subGroup('llrCdop', 'Child Death Overview Panel', 'Reviews the deaths of all children in the area', [boards.llr]);
  await subGroup('bpTraining', 'Training and Development Sub-Group', 'Joint children and adults multi-agency training', [boards.blackpoolChildren, boards.blackpoolAdults]);
  await subGroup('bpPolicy', 'Policy, Procedures and Practice Sub-Group', 'Joint policies and procedures for children and adults', [boards.blackpoolChildren, boards.blackpoolAdults]);
  await subGroup('bpScr', 'Serious Case Review Sub-Group', 'Serious case reviews and learning reviews', [boards.blackpoolChildren]);
  await subGroup('leedsCse', 'CSE and Missing Sub-Group', 'Child sexual exploitation and children missing from home, care and education', [boards.leeds]);
  await subGroup('leedsExec', 'Executive', 'Business planning and budget', [boards.leeds], 3);

  const seats = new Map<string, Membership[]>();
  const seat = async (body: { boardId?: string; subGroupId?: string }, list: Seat[]) => {
    const saved: Membership[] = [];
    for (const [key, role, startsOn, endsOn] of list) {
      saved.push(
        await em.save(
          em.create(Membership, {
            agencyId: agencies[key].id,
            boardId: body.boardId ?? null,
            subGroupId: body.subGroupId ?? null,
            role,
            representative: `Safeguarding lead, ${agencies[key].name}`,
            deputy: role === R.LAY_MEMBER ? null : `Deputy safeguarding lead, ${agencies[key].name}`,
            startsOn: startsOn ?? '2013-04-01',
            endsOn: endsOn ?? null,
            expectedToAttend: role !== R.ADVISER && role !== R.OBSERVER,
          }),
        ),
      );
    }
    seats.set(body.boardId ?? body.subGroupId!, saved);
  };
  await seat({ boardId: boards.llr.id }, [
    ['leicsChildren', R.STATUTORY_PARTNER], ['leicsAdults', R.STATUTORY_PARTNER], ['rutland', R.STATUTORY_PARTNER],
    ['leicsPolice', R.STATUTORY_PARTNER], ['wlCcg', R.STATUTORY_PARTNER], ['elrCcg', R.STATUTORY_PARTNER],
    ['uhl', R.STATUTORY_PARTNER], ['lpt', R.STATUTORY_PARTNER], ['nps', R.STATUTORY_PARTNER, '2014-06-01'],
    ['dlnrCrc', R.STATUTORY_PARTNER, '2014-06-01'], ['leicsYos', R.STATUTORY_PARTNER], ['cafcass', R.STATUTORY_PARTNER],
    ['leicsFire', R.PARTNER], ['loughCollege', R.PARTNER], ['leicsSchools', R.PARTNER], ['vals', R.PARTNER],
    ['glenParva', R.PARTNER, '2013-04-01', '2014-12-31'], ['llrLay', R.LAY_MEMBER],
  ]);
  for (const [sg, list] of [
    ['llrSeg', ['leicsChildren', 'leicsAdults', 'leicsPolice', 'wlCcg', 'uhl', 'lpt', 'leicsYos']],
    ['llrScr', ['leicsChildren', 'leicsPolice', 'elrCcg', 'uhl', 'lpt', 'cafcass']],
    ['llrPp', ['leicsChildren', 'leicsAdults', 'rutland', 'leicsPolice', 'lpt', 'vals']],
    ['llrTeg', ['leicsChildren', 'leicsAdults', 'lpt', 'loughCollege', 'vals']],
    ['llrCdop', ['leicsChildren', 'leicsPolice', 'wlCcg', 'elrCcg', 'uhl']],
  ] as const) {
    await seat({ subGroupId: subGroups[sg].id }, list.map((a) => [a, R.PARTNER] as Seat));
  }
  await seat({ boardId: boards.blackpoolChildren.id }, [
    ['bpChildren', R.STATUTORY_PARTNER], ['lancsPolice', R.STATUTORY_PARTNER], ['bpCcg', R.STATUTORY_PARTNER],
    ['bpHospitals', R.STATUTORY_PARTNER], ['lancsCare', R.STATUTORY_PARTNER], ['nps', R.STATUTORY_PARTNER],
    ['lancsCrc', R.STATUTORY_PARTNER, '2014-06-01'], ['cafcass', R.STATUTORY_PARTNER], ['bpSixth', R.PARTNER],
    ['bpFylde', R.PARTNER], ['bpLay', R.LAY_MEMBER], ['bpAdults', R.ADVISER],
  ]);
  await seat({ boardId: boards.blackpoolAdults.id }, [
    ['bpAdults', R.STATUTORY_PARTNER], ['lancsPolice', R.STATUTORY_PARTNER], ['bpCcg', R.STATUTORY_PARTNER],
    ['bpHospitals', R.PARTNER], ['lancsCare', R.PARTNER], ['nps', R.PARTNER], ['bpCareHomes', R.PARTNER],
    ['bpFire', R.PARTNER], ['bpLay', R.LAY_MEMBER], ['bpChildren', R.OBSERVER],
  ]);
  await seat({ subGroupId: subGroups.bpTraining.id }, [['bpChildren', R.PARTNER], ['bpAdults', R.PARTNER], ['bpHospitals', R.PARTNER], ['lancsCare', R.PARTNER], ['bpFylde', R.PARTNER]]);
  await seat({ subGroupId: subGroups.bpPolicy.id }, [['bpChildren', R.PARTNER], ['bpAdults', R.PARTNER], ['lancsPolice', R.PARTNER], ['bpCcg', R.PARTNER]]);
  await seat({ subGroupId: subGroups.bpScr.id }, [['bpChildren', R.PARTNER], ['lancsPolice', R.PARTNER], ['bpCcg', R.PARTNER], ['bpHospitals', R.PARTNER]]);
  await seat({ boardId: boards.leeds.id }, [
    ['leedsChildren', R.STATUTORY_PARTNER], ['wyPolice', R.STATUTORY_PARTNER], ['leedsCcg', R.STATUTORY_PARTNER],
    ['leedsTh', R.STATUTORY_PARTNER], ['leedsCh', R.STATUTORY_PARTNER], ['leedsYos', R.STATUTORY_PARTNER],
    ['nps', R.STATUTORY_PARTNER], ['wyCrc', R.STATUTORY_PARTNER, '2014-06-01'], ['cafcass', R.STATUTORY_PARTNER],
    ['leedsCollege', R.PARTNER], ['leedsLay', R.LAY_MEMBER],
  ]);
  await seat({ subGroupId: subGroups.leedsCse.id }, [['leedsChildren', R.PARTNER], ['wyPolice', R.PARTNER], ['leedsCh', R.PARTNER], ['leedsYos', R.PARTNER]]);
  await seat({ subGroupId: subGroups.leedsExec.id }, [['leedsChildren', R.PARTNER], ['wyPolice', R.PARTNER], ['leedsCcg', R.PARTNER]]);

  // A year of meetings: boards every two months, sub-groups quarterly. Some agencies are weaker
  // attenders so the demo shows agencies below the 75% threshold.
  const weak = new Set([agencies.loughCollege.id, agencies.bpSixth.id, agencies.bpCareHomes.id, agencies.leedsCollege.id]);
  const hold = async (body: { boardId?: string; subGroupId?: string }, title: string, months: number[], cancelled: number[] = []) => {
    const members = seats.get(body.boardId ?? body.subGroupId!) ?? [];
    for (const month of months) {
      const year = month >= 4 ? 2014 : 2015;
      const date = `${year}-${String(month).padStart(2, '0')}-${String(10 + Math.floor(rand() * 15)).padStart(2, '0')}`;
      const isCancelled = cancelled.includes(month);
      const meeting = await em.save(
        em.create(Meeting, {
          boardId: body.boardId ?? null,
          subGroupId: body.subGroupId ?? null,
          title: `${title} (${date.slice(0, 7)})`,
          date,
          status: isCancelled ? MeetingStatus.CANCELLED : MeetingStatus.HELD,
          cancellationReason: isCancelled ? 'Not enough business; items moved to the next meeting' : null,
        }),
      );
      if (isCancelled) continue;
      const records = members
        .filter((m) => m.startsOn <= date && (m.endsOn === null || m.endsOn >= date))
        .flatMap((m) => {
          const r = rand() - (weak.has(m.agencyId) ? 0.35 : 0);
          if (!m.expectedToAttend && r < 0.5) return [];
          const status = r > 0.25 ? AttendanceStatus.PRESENT : r > 0.12 ? AttendanceStatus.DEPUTY : r > 0.04 ? AttendanceStatus.APOLOGIES : AttendanceStatus.ABSENT;
          // Some absences are never written down: the rules read a missing record as ABSENT.
          if (status === AttendanceStatus.ABSENT && rand() < 0.5) return [];
          return [{ meetingId: meeting.id, agencyId: m.agencyId, status, attendeeName: status === AttendanceStatus.DEPUTY ? m.deputy : status === AttendanceStatus.PRESENT ? m.representative : null }];
        });
      if (records.length) await em.insert(Attendance, records);
    }
  };
  await hold({ boardId: boards.llr.id }, 'LSCB/SAB board meeting', [4, 6, 9, 11, 1, 3]);
  await hold({ boardId: boards.blackpoolChildren.id }, 'BSCB board meeting', [4, 6, 7, 9, 11, 1, 3], [7]);
  await hold({ boardId: boards.blackpoolAdults.id }, 'BSAB board meeting', [5, 7, 10, 12, 2]);
  await hold({ boardId: boards.leeds.id }, 'LSCB board meeting', [4, 6, 9, 11, 1, 3]);
  for (const key of Object.keys(subGroups)) await hold({ subGroupId: subGroups[key].id }, subGroups[key].name, [5, 8, 10, 2]);
  for (const b of Object.values(boards)) {
    await em.save(em.create(Meeting, { boardId: b.id, subGroupId: null, title: 'Board meeting', date: '2027-01-20', status: MeetingStatus.SCHEDULED }));
  }

  const user = async (email: string, name: string, role: UserRole, boardIds: string[], agencyId: string | null = null) => {
    const u = await em.save(em.create(User, { email, name, role, passwordHash, agencyId }));
    if (boardIds.length) await em.insert(UserBoard, boardIds.map((boardId) => ({ userId: u.id, boardId })));
  };
  await user('coordinator.llr@demo.hub', 'LLR Board Business Manager', UserRole.COORDINATOR, [boards.llr.id]);
  await user('coordinator.blackpool@demo.hub', 'Blackpool Boards Business Manager', UserRole.COORDINATOR, [boards.blackpoolChildren.id, boards.blackpoolAdults.id]);
  await user('viewer.leeds@demo.hub', 'Leeds Independent Chair', UserRole.VIEWER, [boards.leeds.id]);
  await user('police.leics@demo.hub', 'Leicestershire Police safeguarding lead', UserRole.AGENCY_USER, [], agencies.leicsPolice.id);

  return { boards, agencies, subGroups };
}
