import { reportAudience } from '../../rules/report';
import { DataSource, EntityManager } from 'typeorm';
import { Access } from '../../access/access';
import { BadInputError, ConflictError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { isIsoDate } from '../../common/scalars';
import { query, sql } from '../../database/sql';
import { assertPeriod, requireText } from '../../common/validation';
import { Board } from '../board/board.entity';
import { renderMarkdown } from './annual-report.render';
import { checklistOf } from './checklist';
import { ExecutiveSummaryService } from './executive-summary.service';
import { YearlyReportRecipient, YearlyReportRecord, YearlyReportStatus, YearlyReportVersion } from './yearly-report.entity';
import { ApproveYearlyReportInput, PublishYearlyReportInput, RecordReportSentInput } from './yearly-report.inputs';
import { ChecklistItem, ReportClock, YearlyReport } from './yearly-report.types';

const S = YearlyReportStatus;
/** Working Together: send to the national panel and the What Works Centre within 7 days of publication. */
export const DISPATCH_DAYS = 7;
export const DEADLINE_MONTHS = 3;

/** Who the report goes to by law, per kind of board (a joint board sends to both lists). */
export const STATUTORY_RECIPIENTS: Record<string, string[]> = {
  CHILDREN: ['Child Safeguarding Practice Review Panel', 'Foundations (What Works Centre for Children & Families)'],
  ADULTS: [
    "The council's chief executive",
    'The leader of the council',
    'The police and crime commissioner',
    'The chief constable',
    'The chair of the local Healthwatch',
    'The chair of the Health and Wellbeing Board',
  ],
};
export function recipientsFor(boardKind: string): string[] {
  const kind = reportAudience(boardKind);
  return kind === 'JOINT' ? [...STATUTORY_RECIPIENTS.CHILDREN, ...STATUTORY_RECIPIENTS.ADULTS] : STATUTORY_RECIPIENTS[kind] ?? [];
}

/** A calendar date plus months (the last day of a shorter month when the day does not exist). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}
export function addDays(day: string, days: number): string {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The two clocks, read on `today`: publication by its deadline, then every recipient within 7 days. */
export function clocksOf(r: { dueOn: string; publishedOn: string | null; recipients: { sentOn: string | null }[] }, today: string): ReportClock[] {
  const running = (name: string, dueOn: string): ReportClock => {
    const left = daysBetween(today, dueOn);
    return { name, dueOn, met: null, daysLeft: left, status: left >= 0 ? `${left} day${left === 1 ? '' : 's'} left` : `overdue by ${-left} day${left === -1 ? '' : 's'}` };
  };
  const done = (name: string, dueOn: string, on: string): ReportClock => {
    const late = daysBetween(dueOn, on);
    return { name, dueOn, met: late <= 0, daysLeft: null, status: late <= 0 ? `met on ${on}` : `met on ${on}, ${late} day${late === 1 ? '' : 's'} late` };
  };
  const publication = r.publishedOn ? done('publication', r.dueOn, r.publishedOn) : running('publication', r.dueOn);
  if (!r.publishedOn) return [publication, { name: 'dispatch', dueOn: null, met: null, daysLeft: null, status: 'starts at publication' }];
  const dueOn = addDays(r.publishedOn, DISPATCH_DAYS);
  const sent = r.recipients.map((x) => x.sentOn);
  if (sent.length && sent.every((x) => x !== null)) return [publication, done('dispatch', dueOn, sent.sort().at(-1)!)];
  const clock = running('dispatch', dueOn);
  const n = sent.filter((x) => x !== null).length;
  return [publication, { ...clock, status: `${clock.status}; sent to ${n} of ${sent.length} recipients` }];
}

/**
 * The yearly report: a draft built from live data (the annual report's builder), its statutory
 * checklist, and its lifecycle DRAFT -> APPROVED -> PUBLISHED -> sent, with a frozen version of its
 * Markdown at approval and at publication. Read by those who read the executive summary; changed
 * by those who manage the board.
 */
export class YearlyReportService {
  constructor(
    private readonly ds: DataSource,
    private readonly mutations: MutationRunner,
    private readonly summaries: ExecutiveSummaryService,
  ) {}

  async get(access: Access, boardId: string, from: string, to: string): Promise<YearlyReport> {
    assertPeriod(from, to);
    const summary = await this.summaries.build(access, boardId, from, to);
    const row = await this.ds.getRepository(YearlyReportRecord).findOneBy({ boardId, periodFrom: from, periodTo: to });
    const [recipients, versions] = row
      ? await Promise.all([
          this.ds.getRepository(YearlyReportRecipient).find({ where: { reportId: row.id }, order: { position: 'ASC' } }),
          this.ds.getRepository(YearlyReportVersion).find({ where: { reportId: row.id }, order: { version: 'ASC' } }),
        ])
      : [recipientsFor(summary.board.kind).map((name) => ({ name, sentOn: null })), []];
    const dueOn = row?.dueOn ?? addMonths(to, DEADLINE_MONTHS);
    const view: YearlyReport = {
      board: summary.board,
      from,
      to,
      status: row?.status ?? S.DRAFT,
      dueOn,
      approvedOn: row?.approvedOn ?? null,
      approvedBy: row?.approvedBy ?? null,
      publishedOn: row?.publishedOn ?? null,
      version: row?.version ?? 0,
      recipients: recipients.map((x) => ({ name: x.name, sentOn: x.sentOn })),
      clocks: [],
      versions: versions.map((v) => ({ version: v.version, status: v.status, recordedOn: v.recordedOn, markdown: v.markdown })),
      loadReport: summary.loadReport,
    };
    view.clocks = clocksOf(view, access.today);
    return view;
  }

  async checklist(r: YearlyReport): Promise<ChecklistItem[]> {
    return checklistOf(await r.loadReport());
  }

  async approve(access: Access, input: ApproveYearlyReportInput): Promise<YearlyReport> {
    const approvedBy = requireText('approvedBy', input.approvedBy, 500);
    const on = this.day(access, 'approvedOn', input.approvedOn);
    const markdown = await this.freezeText(access, input.boardId, input.from, input.to);
    await this.mutations.run(access.me, 'approveYearlyReport', input, async (em) => {
      const row = await this.lockOrCreate(em, input.boardId, input.from, input.to);
      if (row.status !== S.DRAFT) throw new ConflictError(`The report is already ${row.status.toLowerCase()}`, { status: row.status });
      row.status = S.APPROVED;
      row.approvedOn = on;
      row.approvedBy = approvedBy;
      await this.freeze(em, row, access, on, markdown);
      return { result: row, entityType: 'YearlyReport', entityId: row.id, boardIds: [row.boardId] };
    });
    return this.get(access, input.boardId, input.from, input.to);
  }

  async publish(access: Access, input: PublishYearlyReportInput): Promise<YearlyReport> {
    const on = this.day(access, 'publishedOn', input.publishedOn);
    const names = input.recipients?.map((n, i) => requireText(`recipients.${i}`, n, 300));
    if (names && new Set(names).size !== names.length) throw new BadInputError('recipients', 'Each recipient once');
    const markdown = await this.freezeText(access, input.boardId, input.from, input.to);
    const board = await this.ds.getRepository(Board).findOneByOrFail({ id: input.boardId });
    await this.mutations.run(access.me, 'publishYearlyReport', input, async (em) => {
      const row = await this.lockOrCreate(em, input.boardId, input.from, input.to);
      if (row.status !== S.APPROVED) throw new ConflictError(row.status === S.DRAFT ? 'Approve the report before publishing it' : 'The report is already published', { status: row.status });
      if (row.approvedOn && on < row.approvedOn) throw new BadInputError('publishedOn', `The report was approved on ${row.approvedOn}: it cannot be published before`);
      row.status = S.PUBLISHED;
      row.publishedOn = on;
      await this.freeze(em, row, access, on, markdown);
      const list = names?.length ? names : recipientsFor(board.kind);
      await em.getRepository(YearlyReportRecipient).insert(list.map((name, position) => ({ reportId: row.id, name, position, sentOn: null })));
      return { result: row, entityType: 'YearlyReport', entityId: row.id, boardIds: [row.boardId] };
    });
    return this.get(access, input.boardId, input.from, input.to);
  }

  async recordSent(access: Access, input: RecordReportSentInput): Promise<YearlyReport> {
    const on = this.day(access, 'sentOn', input.sentOn);
    await this.summaries.assertCanRead(access, input.boardId);
    access.assertCanManageBoard(input.boardId);
    await this.mutations.run(access.me, 'recordReportSent', input, async (em) => {
      const row = await em.getRepository(YearlyReportRecord).findOne({ where: { boardId: input.boardId, periodFrom: input.from, periodTo: input.to }, lock: { mode: 'pessimistic_write' } });
      if (!row || row.status !== S.PUBLISHED) throw new ConflictError('Publish the report before recording who it was sent to', { status: row?.status ?? S.DRAFT });
      if (on < row.publishedOn!) throw new BadInputError('sentOn', `The report was published on ${row.publishedOn}: it cannot be sent before`);
      const recipient = await em.getRepository(YearlyReportRecipient).findOneBy({ reportId: row.id, name: input.recipient });
      if (!recipient) throw new BadInputError('recipient', 'Not a recipient of this report');
      recipient.sentOn = on;
      await em.save(recipient);
      return { result: row, entityType: 'YearlyReport', entityId: row.id, boardIds: [row.boardId] };
    });
    return this.get(access, input.boardId, input.from, input.to);
  }

  private day(access: Access, field: string, value: string | null | undefined): string {
    const on = value ?? access.today;
    if (!isIsoDate(on)) throw new BadInputError(field, 'Expected a date YYYY-MM-DD');
    if (on > access.today) throw new BadInputError(field, 'Cannot be dated in the future');
    return on;
  }

  /** Checks who may change the report and renders the text to freeze, before the transaction. */
  private async freezeText(access: Access, boardId: string, from: string, to: string): Promise<string> {
    assertPeriod(from, to);
    const summary = await this.summaries.build(access, boardId, from, to);
    access.assertCanManageBoard(boardId);
    return renderMarkdown(await summary.loadReport());
  }

  private async lockOrCreate(em: EntityManager, boardId: string, from: string, to: string): Promise<YearlyReportRecord> {
    const repo = em.getRepository(YearlyReportRecord);
    await query(em,
      sql`INSERT INTO yearly_report (board_id, period_from, period_to, due_on) VALUES (${boardId}, ${from}::date, ${to}::date, ${addMonths(to, DEADLINE_MONTHS)}::date)
          ON CONFLICT ON CONSTRAINT yearly_report_board_id_period_from_period_to_key DO NOTHING`,
    );
    return repo.findOneOrFail({ where: { boardId, periodFrom: from, periodTo: to }, lock: { mode: 'pessimistic_write' } });
  }

  private async freeze(em: EntityManager, row: YearlyReportRecord, access: Access, on: string, markdown: string): Promise<void> {
    row.version += 1;
    await em.save(row);
    await em.getRepository(YearlyReportVersion).insert({ reportId: row.id, version: row.version, status: row.status, recordedOn: on, recordedBy: access.me.id, markdown });
  }
}
