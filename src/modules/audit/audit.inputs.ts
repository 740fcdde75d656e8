import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsInt, IsOptional, IsUUID, Length, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../common/scalars';
import { AuditRating } from './audit-return.entity';

@InputType()
export class CreateAuditCycleInput {
  @Field(() => ID, { description: 'The framework version the cycle runs on (see auditFrameworks)' })
  @IsUUID()
  frameworkId: string;

  @Field()
  @Length(2, 200)
  name: string;

  @Field(() => [ID], { description: 'One board, or several running the audit together' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  boardIds: string[];

  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  invitedAgencyIds: string[];

  @Field(() => DateScalar)
  opensOn: string;

  @Field(() => DateScalar)
  dueOn: string;
}

@InputType({ description: 'A new improvement action for a standard. Existing actions change through updateAction.' })
export class ImprovementActionInput {
  @Field()
  @Length(4, 4000)
  description: string;

  @Field(() => ID, { nullable: true, description: "Default: the return's agency" })
  @IsOptional()
  @IsUUID()
  ownerAgencyId?: string;

  @Field(() => DateScalar)
  dueOn: string;
}

@InputType({ description: 'The answer for one standard; fields left out keep their saved value' })
export class AssessmentInput {
  @Field()
  @Length(1, 20)
  standardCode: string;

  @Field(() => AuditRating, { nullable: true, description: 'null clears the rating' })
  @IsOptional()
  @IsEnum(AuditRating)
  rating?: AuditRating | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 20000)
  evidence?: string | null;

  @Field(() => [ImprovementActionInput], { nullable: true, description: 'Added to the standard\'s improvement actions' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ImprovementActionInput)
  actions?: ImprovementActionInput[];
}

@InputType({ description: 'Create or update a DRAFT or RETURNED return' })
export class SaveAuditReturnInput {
  @Field(() => ID)
  @IsUUID()
  cycleId: string;

  @Field(() => ID)
  @IsUUID()
  agencyId: string;

  @Field(() => Int, { nullable: true, description: 'The revision this save is based on: required once the return exists; a stale one fails with CONFLICT' })
  @IsOptional()
  @IsInt()
  @Min(1)
  basedOnRevision?: number;

  @Field(() => [AssessmentInput])
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AssessmentInput)
  assessments: AssessmentInput[];
}

@InputType()
export class SubmitAuditReturnInput {
  @Field(() => ID)
  @IsUUID()
  returnId: string;

  @Field(() => Int, { nullable: true, description: 'When given, the submit fails with CONFLICT unless the return is still at this revision' })
  @IsOptional()
  @IsInt()
  @Min(1)
  basedOnRevision?: number;
}

@InputType()
export class ReturnAuditReturnInput {
  @Field(() => ID)
  @IsUUID()
  returnId: string;

  @Field({ description: 'The challenge: what the agency must look at again' })
  @Length(1, 4000)
  comment: string;
}

@InputType()
export class ModeratedRatingInput {
  @Field()
  @Length(1, 20)
  standardCode: string;

  @Field(() => AuditRating)
  @IsEnum(AuditRating)
  rating: AuditRating;
}

@InputType()
export class ValidateAuditReturnInput {
  @Field(() => ID)
  @IsUUID()
  returnId: string;

  @Field(() => [ModeratedRatingInput], { nullable: true, description: 'The board\'s ratings where they differ from the self-assessment' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ModeratedRatingInput)
  moderatedRatings?: ModeratedRatingInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 4000)
  comment?: string;
}

@InputType({ description: 'Submit once, share with many: send submitted answers to another open cycle of the same framework version' })
export class ShareAuditReturnInput {
  @Field(() => ID)
  @IsUUID()
  sourceReturnId: string;

  @Field(() => ID)
  @IsUUID()
  targetCycleId: string;
}

export { AsOfArgs } from '../../common/graphql-args';

@InputType()
export class StandardInput {
  @Field()
  @Length(1, 20)
  code: string;

  @Field()
  @Length(2, 500)
  title: string;

  @Field()
  @Length(2, 4000)
  guidance: string;
}

@InputType({ description: 'A new version of an existing framework; cycles already running keep the version they started with' })
export class PublishAuditFrameworkInput {
  @Field()
  @Length(2, 100)
  key: string;

  @Field({ nullable: true, description: "Default: the previous version's name" })
  @IsOptional()
  @Length(2, 200)
  name?: string;

  @Field(() => [StandardInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => StandardInput)
  standards: StandardInput[];
}
