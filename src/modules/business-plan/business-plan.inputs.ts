import { IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../common/scalars';

@InputType()
export class CreateBusinessPlanInput {
  @Field(() => ID)
  @IsUUID()
  boardId: string;

  @Field()
  @Length(2, 200)
  title: string;

  @Field(() => DateScalar)
  periodFrom: string;

  @Field(() => DateScalar)
  periodTo: string;
}

@InputType()
export class AddPriorityInput {
  @Field(() => ID)
  @IsUUID()
  businessPlanId: string;

  @Field({ description: 'Such as "A" or "2a", unique in the plan' })
  @Length(1, 10)
  code: string;

  @Field()
  @Length(2, 500)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 10000)
  outcomesSought?: string;

  @Field(() => ID, { nullable: true, description: "A sub-group serving the plan's board" })
  @IsOptional()
  @IsUUID()
  leadSubGroupId?: string;
}
