import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../common/scalars';
import { Board } from '../board/board.entity';
import { AnnualReportModel } from './annual-report.model';
import { YearlyReportStatus } from './yearly-report.entity';

registerEnumType(YearlyReportStatus, { name: 'YearlyReportStatus', description: 'DRAFT, then APPROVED (by the partners or the chair), then PUBLISHED' });

@ObjectType({ description: 'One statutory item of the yearly report: where the hub takes it from, whether the data fills it, and what is missing' })
export class ChecklistItem {
  @Field() item: string;
  @Field() source: string;
  @Field() filled: boolean;
  @Field(() => String, { nullable: true }) missing: string | null;
}

@ObjectType({ description: 'Who the published report goes to, and when it was sent' })
export class ReportRecipient {
  @Field() name: string;
  @Field(() => DateScalar, { nullable: true }) sentOn: string | null;
}

@ObjectType({ description: "A deadline of the report's lifecycle, read against today (or the day it was met)" })
export class ReportClock {
  @Field({ description: '"publication" (by default three months after the period ends) or "dispatch" (every recipient within 7 days of publication)' })
  name: string;
  @Field(() => DateScalar, { nullable: true, description: 'Null until it can be known (dispatch before publication)' }) dueOn: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Met (true), missed (false), or still running (null)' }) met: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Calendar days left until dueOn while running; negative when overdue' }) daysLeft: number | null;
  @Field({ description: 'The clock in words' }) status: string;
}

@ObjectType({ description: 'A frozen version of the report: its Markdown as approved or as published' })
export class YearlyReportVersionView {
  @Field(() => Int) version: number;
  @Field(() => YearlyReportStatus) status: YearlyReportStatus;
  @Field(() => DateScalar) recordedOn: string;
  @Field() markdown: string;
}

@ObjectType({ description: "A board's yearly report for a period: the draft from live data, its statutory checklist, and its lifecycle" })
export class YearlyReport {
  @Field(() => Board) board: Board;
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar) to: string;
  @Field(() => YearlyReportStatus) status: YearlyReportStatus;
  @Field(() => DateScalar, { description: 'The publication deadline' }) dueOn: string;
  @Field(() => DateScalar, { nullable: true }) approvedOn: string | null;
  @Field(() => String, { nullable: true, description: 'The safeguarding partners or board chair who approved it' }) approvedBy: string | null;
  @Field(() => DateScalar, { nullable: true }) publishedOn: string | null;
  @Field(() => Int, { description: 'Versions frozen so far (one at approval, one at publication)' }) version: number;
  @Field(() => [ReportRecipient], { description: 'Who the report goes to: recorded at publication; before it, the statutory list for the kind of board' })
  recipients: ReportRecipient[];
  @Field(() => [ReportClock]) clocks: ReportClock[];
  @Field(() => [YearlyReportVersionView]) versions: YearlyReportVersionView[];

  loadReport: () => Promise<AnnualReportModel>;
}
