import { IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../common/scalars';
import { ActionStatus, Rag } from './action.entity';

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
}

@InputType({ description: 'An action on a review recommendation or a business plan priority: give exactly one of the two' })
export class AddActionInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  recommendationId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  priorityId?: string;

  @Field()
  @Length(4, 4000)
  description: string;

  @Field(() => ID)
  @IsUUID()
  ownerAgencyId: string;

  @Field(() => DateScalar)
  dueOn: string;

  @Field(() => Rag, { nullable: true })
  @IsOptional()
  @IsEnum(Rag)
  rag?: Rag;
}
