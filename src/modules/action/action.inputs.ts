import { IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../common/scalars';
import { ActionStatus, Rag, ReviewFrequency, Timescale } from './action.entity';

@InputType({ description: 'A progress update: always a note, optionally a new status and RAG. Appended to the history; nothing is overwritten.' })
export class UpdateActionInput {
  @Field(() => ID)
  @IsUUID()
  actionId: string;

  @Field()
  @Length(1, 4000)
  note: string;

  @Field(() => ActionStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ActionStatus)
  status?: ActionStatus;

  @Field(() => Rag, { nullable: true })
  @IsOptional()
  @IsEnum(Rag)
  rag?: Rag;

  @Field(() => DateScalar, { nullable: true, description: 'Date the update is about; default today' })
  @IsOptional()
  notedOn?: string;

  @Field(() => String, { nullable: true, description: 'What was done; when setting COMPLETE without it, the note is the completion note' })
  @IsOptional()
  @Length(1, 4000)
  completionNote?: string;

  @Field(() => String, { nullable: true, description: 'The named lead (a person)' })
  @IsOptional()
  @Length(1, 200)
  lead?: string;

  @Field(() => DateScalar, { nullable: true, description: 'A new due date: kept in dueDateChanges with dueDateReason' })
  @IsOptional()
  dueOn?: string;

  @Field(() => Timescale, { nullable: true, description: 'ONGOING drops the due date (a due-date change); DATE needs dueOn' })
  @IsOptional()
  @IsEnum(Timescale)
  timescale?: Timescale;

  @Field(() => String, { nullable: true, description: 'Why the due date or timescale changed (required with a change)' })
  @IsOptional()
  @Length(1, 2000)
  dueDateReason?: string;

  @Field(() => ReviewFrequency, { nullable: true })
  @IsOptional()
  @IsEnum(ReviewFrequency)
  reviewFrequency?: ReviewFrequency;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  nextReviewOn?: string;
}

@InputType({ description: 'Carries an open action forward to a later plan (or review, or meeting): a new action there; the original keeps its history and links to it' })
export class CarryForwardActionInput {
  @Field(() => ID)
  @IsUUID()
  actionId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  priorityId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  recommendationId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  agendaItemId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  externalLearningId?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Due date of the new action (else ONGOING with the timescale given, or the original due date)' })
  @IsOptional()
  dueOn?: string;

  @Field(() => Timescale, { nullable: true })
  @IsOptional()
  @IsEnum(Timescale)
  timescale?: Timescale;

  @Field(() => ReviewFrequency, { nullable: true })
  @IsOptional()
  @IsEnum(ReviewFrequency)
  reviewFrequency?: ReviewFrequency;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  nextReviewOn?: string;

  @Field({ description: 'Why it is carried forward (a note on the original)' })
  @Length(1, 4000)
  note: string;
}

@ArgsType()
export class ActionsArgs {
  @Field({ defaultValue: false, description: 'Only NOT_STARTED or IN_PROGRESS actions due before asOf' })
  overdueOnly: boolean;

  @Field(() => DateScalar, { nullable: true, description: 'The day overdue is judged on; default today' })
  @IsOptional()
  asOf?: string;

  @Field(() => ActionStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ActionStatus)
  status?: ActionStatus;

  @Field({ defaultValue: false, description: 'Only open actions with a next review date before asOf' })
  dueForReviewOnly: boolean;

  @Field({ defaultValue: false, description: 'Only actions whose due date has moved twice or more' })
  driftingOnly: boolean;
}

export interface NewAction {
  description: string;
  ownerAgencyId: string;
  dueOn: string | null;
  sourceType: import('./action.entity').ActionSourceType;
  sourceId: string;
  sourceLabel: string;
  boardIds: string[];
  status?: ActionStatus;
  rag?: Rag | null;
  lead?: string | null;
  ongoing?: boolean;
  reviewFrequency?: ReviewFrequency | null;
  nextReviewOn?: string | null;
}

/** The timescale fields an action is created with. */
export interface TimescaleInput {
  dueOn?: string | null;
  timescale?: Timescale;
  reviewFrequency?: ReviewFrequency;
  nextReviewOn?: string;
}

@InputType({ description: 'An action on a review recommendation, a business plan priority, a meeting agenda item or external learning: give exactly one of the four' })
export class AddActionInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  recommendationId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  priorityId?: string;

  @Field(() => ID, { nullable: true, description: 'An action agreed at a meeting, on this agenda item' })
  @IsOptional()
  @IsUUID()
  agendaItemId?: string;

  @Field(() => ID, { nullable: true, description: "An action against external learning (a national or other area's review)" })
  @IsOptional()
  @IsUUID()
  externalLearningId?: string;

  @Field()
  @Length(4, 4000)
  description: string;

  @Field(() => ID)
  @IsUUID()
  ownerAgencyId: string;

  @Field(() => DateScalar, { nullable: true, description: 'Required unless the timescale is ONGOING' })
  @IsOptional()
  dueOn?: string;

  @Field(() => Timescale, { defaultValue: Timescale.DATE })
  @IsEnum(Timescale)
  timescale: Timescale;

  @Field(() => ReviewFrequency, { nullable: true })
  @IsOptional()
  @IsEnum(ReviewFrequency)
  reviewFrequency?: ReviewFrequency;

  @Field(() => DateScalar, { nullable: true, description: 'Required for an ONGOING action' })
  @IsOptional()
  nextReviewOn?: string;

  @Field(() => String, { nullable: true, description: 'The named lead (a person)' })
  @IsOptional()
  @Length(1, 200)
  lead?: string;

  @Field(() => Rag, { nullable: true })
  @IsOptional()
  @IsEnum(Rag)
  rag?: Rag;
}
