import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../../common/scalars';
import { Context } from '../../context';
import { renderCsv } from './annual-report.files';
import { renderHtml, renderMarkdown } from './annual-report.render';
import { ReportFileFormat } from './executive-summary.types';
import { ApproveYearlyReportInput, PublishYearlyReportInput, RecordReportSentInput } from './yearly-report.inputs';
import { ChecklistItem, YearlyReport } from './yearly-report.types';

@Resolver(() => YearlyReport)
export class YearlyReportResolver {
  @Query(() => YearlyReport, { description: "A board's yearly report for the period: draft, statutory checklist, lifecycle and clocks; for the board's coordinators, viewers and admins" })
  yearlyReport(@Arg('boardId', () => ID) boardId: string, @Arg('from', () => DateScalar) from: string, @Arg('to', () => DateScalar) to: string, @Ctx() ctx: Context) {
    return ctx.services.yearlyReport.get(ctx.access, boardId, from, to);
  }

  @FieldResolver(() => String, { description: 'The draft from live data: HTML (printable), Markdown or the tables as CSV; the workbook is at the reportLink URL with format XLSX' })
  async draft(@Root() r: YearlyReport, @Arg('format', () => ReportFileFormat, { defaultValue: ReportFileFormat.MARKDOWN }) format: ReportFileFormat) {
    const model = await r.loadReport();
    return format === ReportFileFormat.HTML ? renderHtml(model) : format === ReportFileFormat.CSV ? renderCsv(model) : renderMarkdown(model);
  }

  @FieldResolver(() => [ChecklistItem], { description: 'Each statutory item (Working Together 2023; Care Act Schedule 2), whether the data fills it, and what is missing' })
  checklist(@Root() r: YearlyReport, @Ctx() ctx: Context) {
    return ctx.services.yearlyReport.checklist(r);
  }

  @Mutation(() => YearlyReport, { description: 'DRAFT -> APPROVED, recording which safeguarding partners or board chair approved; freezes a version' })
  approveYearlyReport(@Arg('input') input: ApproveYearlyReportInput, @Ctx() ctx: Context) {
    return ctx.services.yearlyReport.approve(ctx.access, input);
  }

  @Mutation(() => YearlyReport, { description: 'APPROVED -> PUBLISHED on a date, with its recipients; freezes a version and starts the 7-day dispatch clock' })
  publishYearlyReport(@Arg('input') input: PublishYearlyReportInput, @Ctx() ctx: Context) {
    return ctx.services.yearlyReport.publish(ctx.access, input);
  }

  @Mutation(() => YearlyReport, { description: 'Records the day the published report was sent to one recipient' })
  recordReportSent(@Arg('input') input: RecordReportSentInput, @Ctx() ctx: Context) {
    return ctx.services.yearlyReport.recordSent(ctx.access, input);
  }
}
