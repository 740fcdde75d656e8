import { ArrayMaxSize, IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../common/scalars';
import { CaseReviewStatus, CaseReviewType } from './case-review.entity';

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
}
