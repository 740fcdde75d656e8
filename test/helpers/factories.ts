import { DataSource } from 'typeorm';
import { AttendanceStatus, BoardKind, MeetingStatus, MembershipRole, Sector, UserRole } from '../../src/common/enums';
import { Agency } from '../../src/modules/agency/agency.entity';
import { Board } from '../../src/modules/board/board.entity';
import { Attendance, Meeting } from '../../src/modules/meeting/meeting.entity';
import { Membership } from '../../src/modules/membership/membership.entity';
import { SubGroup, SubGroupBoard } from '../../src/modules/sub-group/sub-group.entity';
import { UserBoard } from '../../src/modules/board/board.entity';
import { User } from '../../src/modules/user/user.entity';
import { TestHub } from './hub';

let seq = 0;
/** Names unique across the run, so tests share one database without colliding. */
export function unique(prefix: string): string {
  seq += 1;
  return `${prefix} ${process.pid}-${seq}-${Math.random().toString(36).slice(2, 7)}`;
}

// bcrypt hash of 'correct-horse-battery' at cost 4, so factories need not hash.
export const TEST_PASSWORD = 'correct-horse-battery';
const TEST_HASH = '$2b$04$r.5S6EbgKoFjequOK49u7OjWLKCvo5yVrqSuvWamddTv9bfx2h1pm';

export function factories(ds: DataSource) {
  return {
    board: (o: Partial<Board> = {}) =>
      ds.getRepository(Board).save(
        ds.getRepository(Board).create({
          name: unique('Board'),
          kind: BoardKind.CHILDREN,
          area: 'Testshire',
          attendanceThreshold: 0.75,
          quorumMinimum: 1,
          quorumSectors: [],
          suppressSmallNumbers: true,
          ...o,
        }),
      ),
    subGroup: async (boardIds: string[], o: Partial<SubGroup> = {}) => {
      const sg = await ds.getRepository(SubGroup).save(
        ds.getRepository(SubGroup).create({ name: unique('Sub-group'), purpose: null, attendanceThreshold: 0.75, quorumMinimum: 1, quorumSectors: [], ...o }),
      );
      await ds.getRepository(SubGroupBoard).insert(boardIds.map((boardId) => ({ subGroupId: sg.id, boardId })));
      return sg;
    },
    agency: (o: Partial<Agency> = {}) =>
      ds.getRepository(Agency).save(ds.getRepository(Agency).create({ name: unique('Agency'), sector: Sector.OTHER, ...o })),
    membership: (agencyId: string, body: { boardId?: string; subGroupId?: string }, o: Partial<Membership> = {}) =>
      ds.getRepository(Membership).save(
        ds.getRepository(Membership).create({
          agencyId,
          boardId: body.boardId ?? null,
          subGroupId: body.subGroupId ?? null,
          role: MembershipRole.PARTNER,
          representative: null,
          deputy: null,
          startsOn: '2020-01-01',
          endsOn: null,
          expectedToAttend: true,
          ...o,
        }),
      ),
    meeting: (body: { boardId?: string; subGroupId?: string }, date: string, status = MeetingStatus.HELD, o: Partial<Meeting> = {}) =>
      ds.getRepository(Meeting).save(
        ds.getRepository(Meeting).create({ boardId: body.boardId ?? null, subGroupId: body.subGroupId ?? null, title: unique('Meeting'), date, status, ...o }),
      ),
    attendance: (meetingId: string, agencyId: string, status: AttendanceStatus, attendeeName: string | null = null) =>
      ds.getRepository(Attendance).save(ds.getRepository(Attendance).create({ meetingId, agencyId, status, attendeeName })),
    user: async (role: UserRole, o: { boardIds?: string[]; agencyId?: string; email?: string } = {}) => {
      const user = await ds.getRepository(User).save(
        ds.getRepository(User).create({
          email: o.email ?? unique('user').replace(/\s+/g, '-').toLowerCase() + '@test.hub',
          name: unique('User'),
          passwordHash: TEST_HASH,
          role,
          agencyId: o.agencyId ?? null,
        }),
      );
      if (o.boardIds?.length) await ds.getRepository(UserBoard).insert(o.boardIds.map((boardId) => ({ userId: user.id, boardId })));
      return user;
    },
  };
}

export type Factories = ReturnType<typeof factories>;

/** A signed-in user of each role, for the access tests. */
export async function signedIn(hub: TestHub, f: Factories, role: UserRole, o: { boardIds?: string[]; agencyId?: string } = {}) {
  const user = await f.user(role, o);
  return { user, token: hub.tokenFor(user.id) };
}

/** Rows in a table, to prove a rejected mutation wrote nothing. */
export async function countRows(ds: DataSource, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return n;
}
