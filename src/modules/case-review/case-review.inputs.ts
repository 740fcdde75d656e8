import { ArrayMaxSize, IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../common/scalars';
import { CaseReviewStatus, CaseReviewType, FindingResponse, RapidReviewOutcome, ReviewEventKind, SarCriterion } from './case-review.entity';

@InputType()
export class CreateCaseReviewInput {
  @Field(() => ID)
  @IsUUID()
  boardId: string;

  @Field(() => CaseReviewType)
  @IsEnum(CaseReviewType)
  type: CaseReviewType;

  @Field({ description: 'A pseudonym such as "Child BR", unique on the board' })
  @Length(1, 100)
  reference: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 10000)
  summary?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @Length(1, 200, { each: true })
  themes?: string[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  involvedAgencyIds?: string[];

  @Field(() => DateScalar)
  referredOn: string;

  @Field(() => SarCriterion, { nullable: true, description: 'SARs: MANDATORY (s44(1)-(3)) or DISCRETIONARY (s44(4))' })
  @IsOptional()
  @IsEnum(SarCriterion)
  sarCriterion?: SarCriterion;

  @Field(() => String, { nullable: true, description: 'The body the review is delivered for (e.g. a community safety partnership for a DHR): not counted among the board\'s own reviews' })
  @IsOptional()
  @Length(1, 300)
  deliveredFor?: string;
}

@InputType({ description: 'A serious incident the local authority notified to the Panel: opens a CSPR in status NOTIFIED' })
export class NotifySeriousIncidentInput {
  @Field(() => ID)
  @IsUUID()
  boardId: string;

  @Field({ description: 'A pseudonym such as "Child T"; also the review\'s reference' })
  @Length(1, 100)
  pseudonym: string;

  @Field(() => DateScalar)
  incidentOn: string;

  @Field(() => DateScalar)
  awareOn: string;

  @Field(() => DateScalar)
  notifiedOn: string;

  @Field()
  lookedAfter: boolean;
}

@InputType({ description: 'The rapid review of a notified incident; a late one is accepted and flagged on its clock' })
export class RecordRapidReviewInput {
  @Field(() => ID)
  @IsUUID()
  seriousIncidentId: string;

  @Field(() => DateScalar)
  meetingOn: string;

  @Field(() => DateScalar, { nullable: true, description: 'Sent to the Panel; with it, the outcome decides the review: LOCAL_REVIEW commissions it, the others end it (NO_FURTHER_REVIEW)' })
  @IsOptional()
  sentToPanelOn?: string;

  @Field(() => RapidReviewOutcome, { nullable: true })
  @IsOptional()
  @IsEnum(RapidReviewOutcome)
  outcome?: RapidReviewOutcome;

  @Field({ defaultValue: false })
  partnersAgreed: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 10000)
  panelResponse?: string;

  @Field({ defaultValue: false })
  nationalReview: boolean;
}

@InputType({ description: 'A dated publication event; LEARNING_BRIEF or OVERVIEW_REPORT publishes the review (from the first)' })
export class RecordPublicationEventInput {
  @Field(() => ID)
  @IsUUID()
  caseReviewId: string;

  @Field(() => ReviewEventKind, { description: 'Any kind but STATUS' })
  @IsEnum(ReviewEventKind)
  kind: ReviewEventKind;

  @Field(() => DateScalar)
  on: string;

  @Field(() => String, { nullable: true, description: 'Required for PUBLICATION_DELAYED, DECIDED_NOT_TO_PUBLISH and WITHDRAWN' })
  @IsOptional()
  @Length(0, 10000)
  reason?: string;
}

@InputType()
export class AddFindingInput {
  @Field(() => ID)
  @IsUUID()
  caseReviewId: string;

  @Field()
  @Length(1, 10000)
  text: string;
}

@InputType()
export class RespondToFindingInput {
  @Field(() => ID)
  @IsUUID()
  findingId: string;

  @Field(() => FindingResponse)
  @IsEnum(FindingResponse)
  response: FindingResponse;

  @Field(() => String, { nullable: true, description: 'Required with NOT_IMPLEMENTED' })
  @IsOptional()
  @Length(0, 10000)
  reasons?: string;

  @Field(() => DateScalar)
  on: string;
}

@InputType({ description: "The board's contribution to another area's review" })
export class RecordReviewContributionInput {
  @Field(() => ID)
  @IsUUID()
  boardId: string;

  @Field()
  @Length(1, 300)
  area: string;

  @Field()
  @Length(1, 100)
  reviewReference: string;

  @Field(() => CaseReviewType)
  @IsEnum(CaseReviewType)
  type: CaseReviewType;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  agencyIds?: string[];

  @Field(() => DateScalar)
  contributedOn: string;
}

@InputType({ description: 'Commission the review or not: REFERRED → COMMISSIONED or NOT_COMMISSIONED' })
export class DecideCaseReviewInput {
  @Field(() => ID)
  @IsUUID()
  caseReviewId: string;

  @Field()
  commission: boolean;

  @Field(() => DateScalar)
  decidedOn: string;

  @Field()
  @Length(1, 10000)
  rationale: string;
}

@InputType({ description: 'Move a commissioned review on: IN_PROGRESS, PUBLISHED, CLOSED' })
export class UpdateCaseReviewStatusInput {
  @Field(() => ID)
  @IsUUID()
  caseReviewId: string;

  @Field(() => CaseReviewStatus)
  @IsEnum(CaseReviewStatus)
  status: CaseReviewStatus;

  @Field(() => DateScalar, { nullable: true, description: 'When it happened; default today' })
  @IsOptional()
  on?: string;
}

@InputType()
export class AddRecommendationInput {
  @Field(() => ID)
  @IsUUID()
  caseReviewId: string;

  @Field()
  @Length(1, 10000)
  text: string;

  @Field(() => ID, { nullable: true, description: 'The agency it is addressed to; leave out for the whole partnership' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}

@ArgsType()
export class CaseReviewsArgs {
  @Field(() => CaseReviewStatus, { nullable: true })
  @IsOptional()
  @IsEnum(CaseReviewStatus)
  status?: CaseReviewStatus;

  @Field(() => CaseReviewType, { nullable: true })
  @IsOptional()
  @IsEnum(CaseReviewType)
  type?: CaseReviewType;

  @Field(() => DateScalar, { nullable: true, description: "A period's last day: the status filter applies to each review's status on that day (from its events), and reviews not yet referred then are left out" })
  @IsOptional()
  on?: string;
}

@InputType({ description: "External learning: a national or other area's review the board tests itself against (actions through addAction with externalLearningId)" })
export class RecordExternalLearningInput {
  @Field(() => ID)
  @IsUUID()
  boardId: string;

  @Field({ description: "Who published it, e.g. the Child Safeguarding Practice Review Panel, or another area's partnership" })
  @Length(1, 300)
  source: string;

  @Field()
  @Length(1, 500)
  title: string;

  @Field(() => String, { nullable: true, description: "The other area, for another area's review; none for a national review" })
  @IsOptional()
  @Length(0, 300)
  area?: string;

  @Field(() => DateScalar, { description: 'The date of the review (its publication); not in the future' })
  publishedOn: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 10000)
  summary?: string;
}

@InputType({ description: 'Extends the completion clock (6 calendar months from the decision to commission) with a recorded reason: give the new due date or a number of months to add' })
export class ExtendCompletionClockInput {
  @Field(() => ID)
  @IsUUID()
  caseReviewId: string;

  @Field(() => DateScalar, { nullable: true, description: 'The new due date (after the current one)' })
  @IsOptional()
  dueOn?: string;

  @Field(() => Int, { nullable: true, description: 'Calendar months added to the current due date (1 to 24)' })
  @IsOptional()
  months?: number;

  @Field({ description: 'Why the clock is extended (required)' })
  @Length(0, 4000)
  reason: string;

  @Field(() => DateScalar, { nullable: true, description: 'The day the extension was agreed; default today' })
  @IsOptional()
  on?: string;
}
