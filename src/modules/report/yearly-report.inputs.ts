import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../common/scalars';

@InputType()
export class ApproveYearlyReportInput {
  @Field(() => ID) boardId: string;
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar) to: string;
  @Field({ description: 'Which safeguarding partners, or the board chair, approved it' }) approvedBy: string;
  @Field(() => DateScalar, { nullable: true, description: 'Default today' }) approvedOn?: string | null;
}

@InputType()
export class PublishYearlyReportInput {
  @Field(() => ID) boardId: string;
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar) to: string;
  @Field(() => DateScalar, { nullable: true, description: 'Default today' }) publishedOn?: string | null;
  @Field(() => [String], { nullable: true, description: 'Who it goes to; default the statutory list for the kind of board' }) recipients?: string[] | null;
}

@InputType()
export class RecordReportSentInput {
  @Field(() => ID) boardId: string;
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar) to: string;
  @Field({ description: 'One of the report’s recipients' }) recipient: string;
  @Field(() => DateScalar, { nullable: true, description: 'Default today' }) sentOn?: string | null;
}
