import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { argsLoader, groupedInKeyOrder } from '../../common/loader-utils';
import { Page } from '../../common/pagination';
import { AttendanceService } from './attendance.service';
import { AttendanceSummary, MeetingQuorum } from './attendance.types';
import { Attendance, Meeting } from './meeting.entity';
import { MeetingPageArgs, MeetingService } from './meeting.service';

type Period = { from: string; to: string };
const emptySummary = (): AttendanceSummary => ({ meetingsHeld: 0, quorateMeetings: 0, overallRate: null, threshold: 0.75, byAgency: [] });
const emptyPage = (): Page<Meeting> => ({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });

export function createMeetingLoaders(ds: DataSource, meetings: MeetingService, attendance: AttendanceService) {
  return {
    meetingsByBoard: argsLoader<MeetingPageArgs, Page<Meeting>>((ids, a) => meetings.pagesFor('board_id', ids, a), emptyPage),
    meetingsBySubGroup: argsLoader<MeetingPageArgs, Page<Meeting>>((ids, a) => meetings.pagesFor('sub_group_id', ids, a), emptyPage),
    attendanceByMeeting: new DataLoader<string, Attendance[]>(async (ids) =>
      groupedInKeyOrder(ids, await ds.getRepository(Attendance).findBy({ meetingId: In([...ids]) }), (a) => a.meetingId),
    ),
    quorumByMeeting: new DataLoader<string, MeetingQuorum | null>(async (ids) => {
      const map = await attendance.quorumOf([...ids]);
      return ids.map((id) => map.get(id) ?? null);
    }),
    boardAttendance: argsLoader<Period, AttendanceSummary>((ids, p) => attendance.summaries('board', ids, p.from, p.to), emptySummary),
    subGroupAttendance: argsLoader<Period, AttendanceSummary>((ids, p) => attendance.summaries('subGroup', ids, p.from, p.to), emptySummary),
  };
}
