import { DataSource, EntityManager, In } from 'typeorm';
import { Access } from '../../access/access';
import { MeetingStatus, MeetingType, MembershipRole, RegisterCapacity, RegisterStatus } from '../../common/enums';
import { BadInputError, ConflictError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { decodeCursor, Page, toPage } from '../../common/pagination';

import { assertFound, assertUuidOrNotFound, isUuid, requireText } from '../../common/validation';
import { Board } from '../board/board.entity';
import { Membership } from '../membership/membership.entity';
import { MembershipService } from '../membership/membership.service';
import { SubGroup } from '../sub-group/sub-group.entity';
import { AgendaItem, Attendance, Decision, Meeting, RegisterEntry } from './meeting.entity';
import {
  AddAgendaItemInput,
  AdjournMeetingInput,
  CancelMeetingInput,
  RecordAttendanceInput,
  RecordDecisionInput,
  RecordRegisterInput,
  ScheduleMeetingInput,
} from './meeting.inputs';
import { eqAny, ident, join, query, sql, Sql } from '../../database/sql';
import { isActiveOn } from '../../rules/membership';
import { agencyStatusFromRegisterSql, seatAttendanceSql } from '../../rules/meetings';
import { Agency } from '../agency/agency.entity';
import { ActionSourceType } from '../action/action.entity';
import type { ActionSource } from '../action/action-sources';
import { AttendanceService } from './attendance.service';

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
    private readonly attendance: AttendanceService,
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
    const ids: { id: string }[] = await query(this.ds, this.pageIdsSql(column, bodyIds, args));
    const rows = ids.length ? await this.ds.getRepository(Meeting).find({ where: { id: In(ids.map((r) => r.id)) }, order: { date: 'ASC', id: 'ASC' } }) : [];
    return this.toPages(column, bodyIds, args, rows);
  }

  /** The ids of each body's page (one more than asked, to tell whether there is a next): a look-ahead nests it (src/lookahead.ts). */
  pageIdsSql(column: 'board_id' | 'sub_group_id', bodyIds: string[], args: MeetingPageArgs): Sql {
    const conds = [sql`m.${ident(column)} ${eqAny(bodyIds)}`];
    if (args.from) conds.push(sql`m.date >= ${args.from}::date`);
    if (args.to) conds.push(sql`m.date <= ${args.to}::date`);
    if (args.after) {
      const [date, id] = decodeCursor(args.after);
      conds.push(sql`(m.date, m.id) > (${date}::date, ${id}::uuid)`);
    }
    return sql`SELECT id FROM (
         SELECT m.id, row_number() OVER (PARTITION BY m.${ident(column)} ORDER BY m.date, m.id) AS n
         FROM meeting m WHERE ${join(conds, ' AND ')}
       ) ranked WHERE n <= ${args.first + 1}`;
  }

  /** The pages from the meetings of pageIdsSql, in date order. */
  toPages(column: 'board_id' | 'sub_group_id', bodyIds: string[], args: MeetingPageArgs, rows: Meeting[]): Map<string, Page<Meeting>> {
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
        em.create(Meeting, {
          boardId: input.boardId ?? null,
          subGroupId: input.subGroupId ?? null,
          title,
          date: input.date,
          status: MeetingStatus.SCHEDULED,
          type: input.type ?? (input.subGroupId ? MeetingType.SUB_GROUP : MeetingType.BOARD),
        }),
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
      // The person register follows: one person row per agency record (arrangements.md), named by
      // the record or else by the seat's first representative (or deputy, for DEPUTY).
      const agencyIds = rows.map((r) => r.agencyId);
      await em
        .createQueryBuilder()
        .delete()
        .from(RegisterEntry)
        .where('meeting_id = :m AND agency_id IN (:...agencyIds) AND capacity IN (:...seat)', { m: locked.id, agencyIds, seat: [RegisterCapacity.MEMBER, RegisterCapacity.DEPUTY] })
        .execute();
      await em.insert(
        RegisterEntry,
        rows.map((r) => {
          const seat = seats.find((x) => x.agencyId === r.agencyId && isActiveOn(x, locked.date))!;
          const deputy = r.status === 'DEPUTY';
          return {
            meetingId: locked.id,
            agencyId: r.agencyId,
            personName: r.attendeeName ?? (deputy ? seat.deputies[0] : seat.representatives[0]) ?? null,
            capacity: deputy ? RegisterCapacity.DEPUTY : RegisterCapacity.MEMBER,
            status: deputy ? RegisterStatus.PRESENT : (r.status as unknown as RegisterStatus),
          };
        }),
      );
      if (locked.status === MeetingStatus.SCHEDULED) {
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

  /**
   * Records the whole per-person register of a meeting (it replaces the earlier one) and derives
   * the per-agency records from it (src/rules/meetings.ts), so both registers agree. The meeting
   * becomes HELD, unless it was ADJOURNED (an adjourned meeting keeps its register: people came).
   */
  async recordRegister(access: Access, input: RecordRegisterInput, asOf = access.today): Promise<Meeting> {
    const meeting = await this.get(access, input.meetingId);
    const boardIds = await this.memberships.boardsOfBody(this.ds.manager, meeting);
    access.assertCanManageAnyBoard(boardIds);
    if (meeting.date > asOf) throw new ConflictError(`This meeting is on ${meeting.date}; record its register once it has met`);
    const seen = new Set<string>();
    const entries = input.entries.map((e, i) => {
      const personName = requireText(`entries.${i}.personName`, e.personName, 200);
      const key = `${personName.toLowerCase()}|${e.agencyId ?? ''}`;
      if (seen.has(key)) throw new BadInputError(`entries.${i}.personName`, `${personName} is on the register twice`);
      seen.add(key);
      const seat = e.capacity === RegisterCapacity.MEMBER || e.capacity === RegisterCapacity.DEPUTY;
      if (seat && !e.agencyId) throw new BadInputError(`entries.${i}.agencyId`, 'A member or deputy sits for an agency: give agencyId');
      return { ...e, personName, agencyId: e.agencyId ?? null, seat };
    });
    const named = [...new Set(entries.flatMap((e) => (e.agencyId ? [e.agencyId] : [])))];
    const known = new Set((await this.ds.getRepository(Agency).findBy({ id: In(named) })).map((a) => a.id));
    entries.forEach((e, i) => {
      if (e.agencyId && !known.has(e.agencyId)) throw new BadInputError(`entries.${i}.agencyId`, `Agency ${e.agencyId} not found`);
    });
    return this.mutations.run(access.me, 'recordRegister', input, async (em) => {
      const locked = await this.lockMeeting(em, meeting.id);
      if (locked.status === MeetingStatus.CANCELLED) throw new ConflictError('This meeting was cancelled; no register can be recorded', { status: locked.status });
      const seats = await em.getRepository(Membership).find({ where: locked.boardId ? { boardId: locked.boardId } : { subGroupId: locked.subGroupId! } });
      entries.forEach((e, i) => {
        if (e.seat && !seats.some((s) => s.agencyId === e.agencyId && isActiveOn(s, locked.date))) {
          throw new BadInputError(`entries.${i}.agencyId`, `Agency ${e.agencyId} was not a member on ${locked.date}: record its people IN_ATTENDANCE`);
        }
      });
      await em.delete(RegisterEntry, { meetingId: locked.id });
      await em.insert(
        RegisterEntry,
        entries.map((e) => ({ meetingId: locked.id, personName: e.personName, agencyId: e.agencyId, capacity: e.capacity, status: e.status, mode: e.mode })),
      );
      await em.delete(Attendance, { meetingId: locked.id });
      await query(
        em,
        sql`INSERT INTO attendance (meeting_id, agency_id, status, attendee_name)
          SELECT r.meeting_id, r.agency_id, ${agencyStatusFromRegisterSql('r')}::attendance_status,
            string_agg(r.person_name, ', ' ORDER BY r.person_name) FILTER (WHERE ${seatAttendanceSql('r')})
          FROM register_entry r
          WHERE r.meeting_id = ${locked.id}::uuid AND r.agency_id IS NOT NULL AND r.capacity IN ('MEMBER', 'DEPUTY')
          GROUP BY r.meeting_id, r.agency_id
          ORDER BY r.agency_id`,
      );
      if (locked.status === MeetingStatus.SCHEDULED) {
        await em.update(Meeting, { id: locked.id }, { status: MeetingStatus.HELD });
        locked.status = MeetingStatus.HELD;
      }
      return { result: locked, entityType: 'Meeting', entityId: locked.id, boardIds };
    });
  }

  /** A meeting convened but not quorate: ADJOURNED, no business transacted (its register stays). */
  async adjourn(access: Access, input: AdjournMeetingInput): Promise<Meeting> {
    const meeting = await this.get(access, input.meetingId);
    const boardIds = await this.memberships.boardsOfBody(this.ds.manager, meeting);
    access.assertCanManageAnyBoard(boardIds);
    const reason = input.reason !== undefined && input.reason !== null ? requireText('reason', input.reason, 1000) : null;
    if (meeting.date > access.today) throw new ConflictError(`This meeting is on ${meeting.date}; it can be adjourned once convened (or cancelled now)`);
    return this.mutations.run(access.me, 'adjournMeeting', input, async (em) => {
      const locked = await this.lockMeeting(em, meeting.id);
      if (locked.status !== MeetingStatus.SCHEDULED && locked.status !== MeetingStatus.HELD) {
        throw new ConflictError(`Only a scheduled or held meeting can be adjourned; this one is ${locked.status}`, { status: locked.status });
      }
      if (await em.getRepository(Decision).existsBy({ meetingId: locked.id })) throw new ConflictError('This meeting recorded decisions: it transacted business, so it was not adjourned');
      await em.update(Meeting, { id: locked.id }, { status: MeetingStatus.ADJOURNED, adjournmentReason: reason });
      Object.assign(locked, { status: MeetingStatus.ADJOURNED, adjournmentReason: reason });
      return { result: locked, entityType: 'Meeting', entityId: locked.id, boardIds };
    });
  }

  async addAgendaItem(access: Access, input: AddAgendaItemInput): Promise<AgendaItem> {
    const meeting = await this.get(access, input.meetingId);
    const boardIds = await this.memberships.boardsOfBody(this.ds.manager, meeting);
    access.assertCanManageAnyBoard(boardIds);
    const title = requireText('title', input.title, 500);
    if (!!input.linkType !== !!input.linkId) throw new BadInputError('linkId', 'Give both linkType and linkId, or neither');
    if (input.presentingAgencyId && !(await this.ds.getRepository(Agency).existsBy({ id: input.presentingAgencyId }))) {
      throw new BadInputError('presentingAgencyId', `Agency ${input.presentingAgencyId} not found`);
    }
    return this.mutations.run(access.me, 'addAgendaItem', input, async (em) => {
      const locked = await this.lockMeeting(em, meeting.id);
      if (locked.status === MeetingStatus.CANCELLED) throw new ConflictError('This meeting was cancelled', { status: locked.status });
      const items = await em.getRepository(AgendaItem).findBy({ meetingId: locked.id });
      const position = input.position ?? items.reduce((max, i) => Math.max(max, i.position), 0) + 1;
      if (items.some((i) => i.position === position)) throw new BadInputError('position', `Item ${position} is already on the agenda`);
      const saved = await em.save(
        em.create(AgendaItem, {
          meetingId: locked.id,
          position,
          title,
          kind: input.kind,
          presentingAgencyId: input.presentingAgencyId ?? null,
          linkType: input.linkType ?? null,
          linkId: input.linkId ?? null,
        }),
      );
      return { result: saved, entityType: 'AgendaItem', entityId: saved.id, boardIds };
    });
  }

  /**
   * A decision of a HELD meeting, with the safeguarding partners who agreed. Whether it was taken
   * with decision quorum is decided from the register as it stands (src/rules/meetings.ts) and kept.
   */
  async recordDecision(access: Access, input: RecordDecisionInput): Promise<Decision> {
    const meeting = await this.get(access, input.meetingId);
    const boardIds = await this.memberships.boardsOfBody(this.ds.manager, meeting);
    access.assertCanManageAnyBoard(boardIds);
    const text = requireText('text', input.text, 4000);
    const agreed = input.agreedByAgencyIds ?? [];
    agreed.forEach((id, i) => {
      if (agreed.indexOf(id) !== i) throw new BadInputError(`agreedByAgencyIds.${i}`, 'Each partner once');
    });
    return this.mutations.run(access.me, 'recordDecision', input, async (em) => {
      const locked = await this.lockMeeting(em, meeting.id);
      if (locked.status === MeetingStatus.ADJOURNED) throw new ConflictError('An adjourned meeting transacted no business: no decision can be recorded', { status: locked.status });
      if (locked.status !== MeetingStatus.HELD) throw new ConflictError(`Decisions are recorded for a held meeting (record its register first); this one is ${locked.status}`, { status: locked.status });
      if (input.agendaItemId && !(await em.getRepository(AgendaItem).existsBy({ id: input.agendaItemId, meetingId: locked.id }))) {
        throw new BadInputError('agendaItemId', 'That agenda item is not on this meeting');
      }
      if (agreed.length) {
        const partners = await em.getRepository(Membership).find({
          where: { agencyId: In(agreed), role: MembershipRole.SAFEGUARDING_PARTNER, ...(locked.boardId ? { boardId: locked.boardId } : { subGroupId: locked.subGroupId! }) },
        });
        agreed.forEach((id, i) => {
          if (!partners.some((p) => p.agencyId === id && isActiveOn(p, locked.date))) {
            throw new BadInputError(`agreedByAgencyIds.${i}`, `Agency ${id} was not a safeguarding partner of this body on ${locked.date}`);
          }
        });
      }
      const quorum = (await this.attendance.decisionQuorumOf([locked.id], em)).get(locked.id);
      const decisionQuorate = quorum?.partnership ? quorum.decisionQuorate : ((await this.attendance.quorumOf([locked.id], em)).get(locked.id)?.quorate ?? false);
      const saved = await em.save(em.create(Decision, { meetingId: locked.id, agendaItemId: input.agendaItemId ?? null, text, agreedByAgencyIds: agreed, decisionQuorate }));
      return { result: saved, entityType: 'Decision', entityId: saved.id, boardIds };
    });
  }

  registerOf(meetingIds: string[]): Promise<RegisterEntry[]> {
    return this.ds.getRepository(RegisterEntry).find({ where: { meetingId: In(meetingIds) }, order: { capacity: 'ASC', personName: 'ASC', id: 'ASC' } });
  }

  agendaOf(meetingIds: string[]): Promise<AgendaItem[]> {
    return this.ds.getRepository(AgendaItem).find({ where: { meetingId: In(meetingIds) }, order: { position: 'ASC' } });
  }

  decisionsOf(meetingIds: string[]): Promise<Decision[]> {
    return this.ds.getRepository(Decision).find({ where: { meetingId: In(meetingIds) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * What Meeting.actionsDue asks of the action module for each meeting: a board meeting, the board's
   * actions; a sub-group meeting, the actions agreed at that sub-group's meetings (one statement).
   */
  async actionsDueSpecs(meetingIds: string[]): Promise<{ key: string; boardId: string | null; sourceIds: string[]; on: string }[]> {
    const rows = await query<{ id: string; board_id: string | null; date: string; source_ids: string[] }>(
      this.ds,
      sql`SELECT m.id, m.board_id, m.date::text AS date,
          CASE WHEN m.sub_group_id IS NULL THEN '{}'::uuid[] ELSE coalesce((SELECT array_agg(ai.id) FROM agenda_item ai JOIN meeting o ON o.id = ai.meeting_id WHERE o.sub_group_id = m.sub_group_id), '{}') END AS source_ids
        FROM meeting m WHERE m.id = ANY(${meetingIds}::uuid[])`,
    );
    return rows.map((r) => ({ key: r.id, boardId: r.board_id, sourceIds: r.source_ids, on: r.date }));
  }

  /** Agenda items are where meetings' actions hang (arrangements.md): the action module learns them through this source. */
  actionSource(): ActionSource {
    return {
      type: ActionSourceType.MEETING,
      field: 'agendaItemId',
      describe: async (id) => {
        if (!isUuid(id)) return null;
        const [row] = await query<{ id: string; position: number; title: string; meeting_title: string; date: string; board_ids: string[] }>(
          this.ds,
          sql`SELECT ai.id, ai.position, ai.title, m.title AS meeting_title, m.date::text AS date,
              CASE WHEN m.board_id IS NOT NULL THEN ARRAY[m.board_id] ELSE (SELECT array_agg(sgb.board_id ORDER BY sgb.board_id) FROM sub_group_board sgb WHERE sgb.sub_group_id = m.sub_group_id) END AS board_ids
            FROM agenda_item ai JOIN meeting m ON m.id = ai.meeting_id WHERE ai.id = ${id}::uuid`,
        );
        if (!row || !row.board_ids?.length) return null;
        return { type: ActionSourceType.MEETING, id: row.id, boardId: row.board_ids[0], boardIds: row.board_ids, label: `${row.meeting_title} (${row.date}): item ${row.position}, ${row.title}` };
      },
      // Actions are agreed at a meeting that transacted business: a HELD one.
      lockForChange: async (em, agendaItemId, change) => {
        if (change !== 'add') return null;
        const [m] = await query<{ status: string }>(em, sql`SELECT m.status FROM meeting m JOIN agenda_item ai ON ai.meeting_id = m.id WHERE ai.id = ${agendaItemId}::uuid FOR UPDATE OF m`);
        if (!m) return 'The agenda item was removed meanwhile';
        return m.status === MeetingStatus.HELD ? null : `Actions are agreed at a held meeting; this one is ${m.status}`;
      },
    };
  }
}
