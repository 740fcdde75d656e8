import { Request, Router } from 'express';
import type { BoardDashboardQuery, BoardMembersQuery, MeetingRegisterQuery, RecordAttendanceMutation, YearlyReportLinksQuery } from '../generated/graphql';
import { errorItems, field, PageError, Web } from '../kit';

/** The reporting year (April to March) that holds a date: 2025-01-10 → 2024. */
export function financialYearOf(date: string): number {
  const [y, m] = date.split('-').map(Number);
  return m >= 4 ? y : y - 1;
}

/** The period a board page shows: ?year=2024 (1 April 2024 to 31 March 2025), default the current year. */
export function periodOf(req: Request, today: string): { year: number; from: string; to: string } {
  const asked = Number(req.query.year);
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : financialYearOf(today);
  return { year, from: `${year}-04-01`, to: `${year + 1}-03-31` };
}

const ATTENDANCE = ['PRESENT', 'DEPUTY', 'APOLOGIES', 'ABSENT'] as const;

/** Board coordinator and viewer: the dashboard, the meeting register, the yearly report. */
export function boardRoutes(web: Web): Router {
  const r = Router();

  r.get('/boards/:boardId', async (req, res) => {
    await web.me(req);
    const today = web.today();
    const period = periodOf(req, today);
    const asOf = period.to < today ? period.to : today;
    const data = await web.query<BoardDashboardQuery>(req, 'BoardDashboard', { id: req.params.boardId, from: period.from, to: period.to, asOf });
    const board = data.board;
    const canManage = data.me.canManageBoardIds.includes(board.id);
    const agencies = board.attendance.byAgency;
    const meetings = [...board.meetings.nodes].sort((a, b) => (a.date < b.date ? -1 : 1));
    // The per-meeting grid: one row per agency, one column per meeting, the record's status in each cell.
    const grid = agencies.map((a) => ({
      name: a.agency.name,
      belowThreshold: a.belowThreshold,
      cells: meetings.map((m) => m.attendance.find((x) => x.agencyId === a.agencyId)?.status ?? null),
    }));
    const cycles = board.auditCycles.filter((c) => c.opensOn <= period.to).sort((a, b) => (a.opensOn < b.opensOn ? 1 : -1));
    const plans = board.businessPlans.filter((p) => p.periodFrom <= period.to && p.periodTo >= period.from);
    const years = Array.from({ length: 6 }, (_, i) => financialYearOf(today) - i);
    await web.render(req, res, 'board', { title: board.name, section: 'boards', board, headlines: data.executiveSummary.headlines, canManage, period, years, meetings, grid, cycles, plans, asOf, back: { href: '/', text: 'My boards' } });
  });

  async function registerPage(req: Request) {
    const data = await web.query<MeetingRegisterQuery>(req, 'MeetingRegister', { id: req.params.meetingId });
    const meeting = data.meeting;
    if (!meeting.board) throw new PageError(404, 'Registers of sub-group meetings are recorded through the API');
    const canManage = data.me.canManageBoardIds.includes(meeting.board.id);
    const members = (await web.query<BoardMembersQuery>(req, 'BoardMembers', { id: meeting.board.id, asOf: meeting.date })).board.members;
    return { meeting, members, canManage };
  }

  r.get('/meetings/:meetingId/register', async (req, res) => {
    await web.me(req);
    const { meeting, members, canManage } = await registerPage(req);
    if (!canManage) throw new PageError(403, 'Only the board’s coordinators record registers');
    const values = Object.fromEntries(members.map((m) => {
      const rec = meeting.attendance.find((a) => a.agencyId === m.agencyId);
      return [m.agencyId, { status: rec?.status ?? '', name: rec?.attendeeName ?? '' }];
    }));
    await web.render(req, res, 'register', { title: `Register: ${meeting.title}`, section: 'boards', meeting, members, values, back: { href: `/boards/${meeting.board!.id}` } });
  });

  r.post('/meetings/:meetingId/register', async (req, res) => {
    await web.me(req);
    const { meeting, members, canManage } = await registerPage(req);
    if (!canManage) throw new PageError(403, 'Only the board’s coordinators record registers');
    const values: Record<string, { status: string; name: string }> = {};
    const records = [];
    for (const m of members) {
      const status = field(req, `status_${m.agencyId}`);
      const name = field(req, `name_${m.agencyId}`);
      values[m.agencyId] = { status, name };
      if ((ATTENDANCE as readonly string[]).includes(status)) records.push({ agencyId: m.agencyId, status, attendeeName: name || null });
    }
    const errors = [];
    if (!records.length) errors.push({ text: 'Record at least one member agency as present, deputy, apologies or absent', href: members[0] ? `#status_${members[0].agencyId}` : undefined });
    else {
      const result = await web.mutate<RecordAttendanceMutation>(req, 'RecordAttendance', { input: { meetingId: meeting.id, records } });
      if (!result.errors.length) {
        return web.redirectWithFlash(req, res, `/boards/${meeting.board!.id}?year=${yearParam(meeting.date)}`, `Register recorded for ${meeting.title}`);
      }
      errors.push(...errorItems(result.errors));
    }
    await web.render(req, res, 'register', { title: `Register: ${meeting.title}`, section: 'boards', meeting, members, values, errors, back: { href: `/boards/${meeting.board!.id}` } }, 400);
  });

  r.get('/boards/:boardId/report', async (req, res) => {
    await web.me(req);
    const period = periodOf(req, web.today());
    const data = await web.query<YearlyReportLinksQuery>(req, 'YearlyReportLinks', { boardId: req.params.boardId, ...{ from: period.from, to: period.to } });
    const years = Array.from({ length: 6 }, (_, i) => financialYearOf(web.today()) - i);
    await web.render(req, res, 'report', { title: `Yearly report: ${data.board.name}`, section: 'boards', data, period, years, back: { href: `/boards/${data.board.id}?year=${period.year}` } });
  });

  return r;
}

function yearParam(date: string): string {
  return String(financialYearOf(date));
}
