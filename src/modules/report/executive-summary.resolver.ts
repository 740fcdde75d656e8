import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../../common/scalars';
import { Context } from '../../context';
import { renderHtml, renderMarkdown } from './annual-report.render';
import { ExecutiveSummary, ReportFileFormat, ReportFormat } from './executive-summary.types';
import { LINK_MINUTES_DEFAULT } from './report-link.service';

@Resolver(() => ExecutiveSummary)
export class ExecutiveSummaryResolver {
  @Query(() => ExecutiveSummary, { description: "A board's partnership status over a period, with headline sentences; for the board's coordinators, viewers and admins" })
  executiveSummary(
    @Arg('boardId', () => ID) boardId: string,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.executiveSummary.build(ctx.access, boardId, from, to);
  }

  @Query(() => String, {
    description:
      "A signed absolute link (PUBLIC_URL, path and query) that opens the board's yearly report for the period in a browser or from an email, without a bearer header, until it expires (default 60 minutes, at most 7 days). Bound to the board and period; opened, it reads as the user who asked for it, so it stops working when that user loses the board or signs out everywhere. For those who may read the report.",
  })
  async reportLink(
    @Arg('boardId', () => ID) boardId: string,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Arg('format', () => ReportFileFormat, { defaultValue: ReportFileFormat.HTML }) format: ReportFileFormat,
    @Arg('expiresInMinutes', () => Int, { defaultValue: LINK_MINUTES_DEFAULT }) expiresInMinutes: number,
    @Ctx() ctx: Context,
  ) {
    return (await ctx.services.reportLinks.issue(ctx.access, boardId, from, to, format, expiresInMinutes)).url;
  }

  @FieldResolver(() => String, {
    description: 'The annual report draft for the period; counts below 5 read "fewer than 5" unless the board turned suppression off',
    deprecationReason: 'Use yearlyReport(boardId, from, to) { draft(format) checklist ... }',
  })
  async annualReport(@Root() s: ExecutiveSummary, @Arg('format', () => ReportFormat, { defaultValue: ReportFormat.MARKDOWN }) format: ReportFormat) {
    const report = await s.loadReport();
    return format === ReportFormat.HTML ? renderHtml(report) : renderMarkdown(report);
  }
}
