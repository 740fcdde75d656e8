import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../../common/scalars';
import { Context } from '../../context';
import { renderHtml, renderMarkdown } from './annual-report.render';
import { ExecutiveSummary, ReportFormat } from './executive-summary.types';

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

  @FieldResolver(() => String, { description: 'The annual report draft for the period; counts below 5 read "fewer than 5" unless the board turned suppression off' })
  async annualReport(@Root() s: ExecutiveSummary, @Arg('format', () => ReportFormat, { defaultValue: ReportFormat.MARKDOWN }) format: ReportFormat) {
    const report = await s.loadReport();
    return format === ReportFormat.HTML ? renderHtml(report) : renderMarkdown(report);
  }
}
