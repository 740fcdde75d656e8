import { DataSource, EntityManager, In } from 'typeorm';
import { Access } from '../../access/access';
import { MeetingStatus } from '../../common/enums';
import { BadInputError, ConflictError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { decodeCursor, Page, toPage } from '../../common/pagination';

import { assertFound, assertUuidOrNotFound, requireText } from '../../common/validation';
import { Board } from '../board/board.entity';
import { Membership } from '../membership/membership.entity';
import { MembershipService } from '../membership/membership.service';
import { SubGroup } from '../sub-group/sub-group.entity';
import { Attendance, Meeting } from './meeting.entity';
import { CancelMeetingInput, RecordAttendanceInput, ScheduleMeetingInput } from './meeting.inputs';
import { ident, join, query, sql } from '../../database/sql';
import { isActiveOn } from '../../rules/membership';

export interface MeetingPageArgs {
  first: number;
  after?: string;
  from?: string;
  to?: string;
}

export class MeetingService {
  constructor(
    private readonly ds: DataSource,
    private readonly mutations: MutationRunner,
    private readonly memberships: MembershipService,
  ) {}

  async get(access: Access, id: string): Promise<Meeting> {
    access.assertSignedIn();
    assertUuidOrNotFound(id, 'Meeting');
    const meeting = assertFound(await this.ds.getRepository(Meeting).findOneBy({ id }), 'Meeting', id);
    await access.assertCanRead('Meeting', meeting, 'This meeting belongs to a board or sub-group you do not work on');
    return meeting;
  }

  /** One page of meetings for many boards or sub-groups in a single statement (a window per body). */
  async pagesFor(column: 'board_id' | 'sub_group_id', bodyIds: string[], args: MeetingPageArgs): Promise<Map<string, Page<Meeting>>> {
    const conds = [sql`m.${ident(column)} = ANY(${bodyIds}::uuid[])`];
    if (args.from) conds.push(sql`m.date >= ${args.from}::date`);
    if (args.to) conds.push(sql`m.date <= ${args.to}::date`);
    if (args.after) {
      const [date, id] = decodeCursor(args.after);
      conds.push(sql`(m.date, m.id) > (${date}::date, ${id}::uuid)`);
    }
    const ids: { id: string }[] = await query(
      this.ds,
      sql`SELECT id FROM (
         SELECT m.id, row_number() OVER (PARTITION BY m.${ident(column)} ORDER BY m.date, m.id) AS n
         FROM meeting m WHERE ${join(conds, ' AND ')}
       ) ranked WHERE n <= ${args.first + 1}`,
    );
    const rows = ids.length ? await this.ds.getRepository(Meeting).find({ where: { id: In(ids.map((r) => r.id)) }, order: { date: 'ASC', id: 'ASC' } }) : [];
    const key = column === 'board_id' ? 'boardId' : 'subGroupId';
    return new Map(bodyIds.map((b) => [b, toPage(rows.filter((m) => m[key] === b), args.first, (m) => [m.date, m.id])]));
  }

  async schedule(access: Access, input: ScheduleMeetingInput): Promise<Meeting> {
    access.assertSignedIn();
    if (!!input.boardId === !!input.subGroupId) throw new BadInputError('boardId', 'Give exactly one of boardId or subGroupId');
    const title = requireText('title', input.title, 200);
    if (input.boardId && !(await this.ds.getRepository(Board).existsBy({ id: input.boardId }))) throw new BadInputError('boardId', 'Board not found');
    if (input.subGroupId && !(await this.ds.getRepository(SubGroup).existsBy({ id: input.subGroupId }))) throw new BadInputError('subGroupId', 'Sub-group not found');
    const boardIds = await this.memberships.boardsOfBody(this.ds.manager, input);
    access.assertCanManageAnyBoard(boardIds);
    return this.mutations.run(access.me, 'scheduleMeeting', input, async (em) => {
      const meeting = await em.save(
        em.create(Meeting, { boardId: input.boardId ?? null, subGroupId: input.subGroupId ?? null, title, date: input.date, status: MeetingStatus.SCHEDULED }),
      );
      return { result: meeting, entityType: 'Meeting', entityId: meeting.id, boardIds };
    });
  }

  /**
   * Records who came and marks the meeting HELD. Records given again for an agency replace its
   * earlier record (a register is corrected, not appended to); the audit log keeps what it said before.
   * Decided under a lock on the meeting row: registers and a cancellation of one meeting queue up, so
   * a CANCELLED meeting never gets a register and concurrent registers cannot deadlock.
   */
  async recordAttendance(access: Access, input: RecordAttendanceInput, asOf = access.today): Promise<Meeting> {
    const meeting = await this.get(access, input.meetingId);
    const boardIds = await this.memberships.boardsOfBody(this.ds.manager, meeting);
    access.assertCanManageAnyBoard(boardIds);
    if (meeting.date > asOf) throw new ConflictError(`This meeting is on ${meeting.date}; record attendance once it has been held`);
    const seen = new Set<string>();
    input.records.forEach((r, i) => {
      if (seen.has(r.agencyId)) throw new BadInputError(`records.${i}.agencyId`, 'Each agency may appear once');
      seen.add(r.agencyId);
    });
    return this.mutations.run(access.me, 'recordAttendance', input, async (em) => {
      const locked = await this.lockMeeting(em, meeting.id);
      if (locked.status === MeetingStatus.CANCELLED) throw new ConflictError('This meeting was cancelled; attendance cannot be recorded', { status: locked.status });
      const seats = await em.getRepository(Membership).find({
        where: locked.boardId ? { boardId: locked.boardId } : { subGroupId: locked.subGroupId! },
      });
      input.records.forEach((r, i) => {
        const active = seats.some((s) => s.agencyId === r.agencyId && isActiveOn(s, locked.date));
        if (!active) throw new BadInputError(`records.${i}.agencyId`, `Agency ${r.agencyId} was not a member on ${locked.date}`);
      });
      // Rows in one fixed order (by agency), whoever sends them in whatever order.
      const rows = input.records
        .map((r) => ({ meetingId: locked.id, agencyId: r.agencyId, status: r.status, attendeeName: r.attendeeName?.trim() || null }))
        .sort((a, b) => (a.agencyId < b.agencyId ? -1 : a.agencyId > b.agencyId ? 1 : 0));
      await em
        .createQueryBuilder()
        .insert()
        .into(Attendance)
        .values(rows)
        .orUpdate(['status', 'attendee_name', 'updated_at'], ['meeting_id', 'agency_id'])
        .execute();
      if (locked.status !== MeetingStatus.HELD) {
        await em.update(Meeting, { id: locked.id }, { status: MeetingStatus.HELD });
        locked.status = MeetingStatus.HELD;
      }
      return { result: locked, entityType: 'Meeting', entityId: locked.id, boardIds };
    });
  }

  /** Cancels a SCHEDULED meeting; decided under the same lock as registers, so only one of the two wins. */
  async cancel(access: Access, input: CancelMeetingInput): Promise<Meeting> {
    const meeting = await this.get(access, input.meetingId);
    const boardIds = await this.memberships.boardsOfBody(this.ds.manager, meeting);
    access.assertCanManageAnyBoard(boardIds);
    return this.mutations.run(access.me, 'cancelMeeting', input, async (em) => {
      const locked = await this.lockMeeting(em, meeting.id);
      if (locked.status !== MeetingStatus.SCHEDULED) {
        throw new ConflictError(`Only a scheduled meeting can be cancelled; this one is ${locked.status}`, { status: locked.status });
      }
      const cancellationReason = input.reason?.trim() || null;
      await em.update(Meeting, { id: locked.id }, { status: MeetingStatus.CANCELLED, cancellationReason });
      Object.assign(locked, { status: MeetingStatus.CANCELLED, cancellationReason });
      return { result: locked, entityType: 'Meeting', entityId: locked.id, boardIds };
    });
  }

  /** SELECT … FOR UPDATE of the meeting: the first statement of every change to its status or register. */
  private async lockMeeting(em: EntityManager, id: string): Promise<Meeting> {
    const locked = await em.getRepository(Meeting).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!locked) throw new ConflictError('The meeting was removed meanwhile');
    return locked;
  }
}
