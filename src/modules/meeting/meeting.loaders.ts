import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { argsLoader, byIdLoader, entityRows, groupedInKeyOrder } from '../../common/loader-utils';
import { eqAny, sql } from '../../database/sql';
import { Page } from '../../common/pagination';
import { Access } from '../../access/access';
import { Action } from '../action/action.entity';
import { ActionService } from '../action/action.service';
import { AttendanceService, DecisionQuorum } from './attendance.service';
import { AttendanceSummary, MeetingQuorum } from './attendance.types';
import { AgendaItem, Attendance, Decision, Meeting, RegisterEntry } from './meeting.entity';
import { MeetingPageArgs, MeetingService } from './meeting.service';

type Period = { from: string; to: string };
const emptySummary = (): AttendanceSummary => ({
  meetingsHeld: 0, meetingsConvened: 0, quorateMeetings: 0, overallRate: null, threshold: 0.75, byAgency: [],
  byPerson: [], overallPersonRate: null, attendeesPerMeeting: [], decisions: 0, decisionsWithoutQuorum: 0,
});
const emptyPage = (): Page<Meeting> => ({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });

export function createMeetingLoaders(ds: DataSource, meetings: MeetingService, attendance: AttendanceService, actions: ActionService, access: Access) {
  return {
    meetingById: byIdLoader(ds, Meeting),
    registerByMeeting: new DataLoader<string, RegisterEntry[]>(async (ids) => groupedInKeyOrder(ids, await meetings.registerOf([...ids]), (r) => r.meetingId)),
    agendaByMeeting: new DataLoader<string, AgendaItem[]>(async (ids) => groupedInKeyOrder(ids, await meetings.agendaOf([...ids]), (r) => r.meetingId)),
    decisionsByMeeting: new DataLoader<string, Decision[]>(async (ids) => groupedInKeyOrder(ids, await meetings.decisionsOf([...ids]), (r) => r.meetingId)),
    agendaItemById: new DataLoader<string, AgendaItem | null>(async (ids) => {
      const rows = await ds.getRepository(AgendaItem).findBy({ id: In([...ids]) });
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    }),
    decisionQuorumByMeeting: new DataLoader<string, DecisionQuorum | null>(async (ids) => {
      const map = await attendance.decisionQuorumOf([...ids]);
      return ids.map((id) => map.get(id) ?? null);
    }),
    actionsDueByMeeting: new DataLoader<string, Action[]>(async (ids) => {
      const due = await actions.dueBy(access, await meetings.actionsDueSpecs([...ids]));
      return ids.map((id) => due.get(id) ?? []);
    }),
    meetingsByBoard: argsLoader<MeetingPageArgs, Page<Meeting>>((ids, a) => meetings.pagesFor('board_id', ids, a), emptyPage),
    meetingsBySubGroup: argsLoader<MeetingPageArgs, Page<Meeting>>((ids, a) => meetings.pagesFor('sub_group_id', ids, a), emptyPage),
    // Heap order, stated: unordered, PostgreSQL returned heap order from a sequential scan but the
    // unique index's order (by agency id) from an index scan, so the order depended on the plan and
    // could differ from the look-ahead's (src/lookahead.ts reads registers ORDER BY ctid too).
    attendanceByMeeting: new DataLoader<string, Attendance[]>(async (ids) =>
      groupedInKeyOrder(
        ids,
        await entityRows(ds, Attendance, 'a', sql`a.meeting_id ${eqAny(ids)}`, sql`a.ctid`),
        (a) => a.meetingId,
      ),
    ),
    quorumByMeeting: new DataLoader<string, MeetingQuorum | null>(async (ids) => {
      const map = await attendance.quorumOf([...ids]);
      return ids.map((id) => map.get(id) ?? null);
    }),
    boardAttendance: argsLoader<Period, AttendanceSummary>((ids, p) => attendance.summaries('board', ids, p.from, p.to), emptySummary),
    subGroupAttendance: argsLoader<Period, AttendanceSummary>((ids, p) => attendance.summaries('subGroup', ids, p.from, p.to), emptySummary),
  };
}
