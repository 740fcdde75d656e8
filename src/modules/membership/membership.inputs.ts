import { ArrayMaxSize, IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { MembershipRole } from '../../common/enums';
import { DateScalar } from '../../common/scalars';

@InputType()
export class AddMembershipInput {
  @Field(() => ID)
  @IsUUID()
  agencyId: string;

  @Field(() => ID, { nullable: true, description: 'Give either boardId or subGroupId' })
  @IsOptional()
  @IsUUID()
  boardId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  subGroupId?: string;

  @Field(() => MembershipRole)
  @IsEnum(MembershipRole)
  role: MembershipRole;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  representative?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  deputy?: string;

  @Field(() => [String], { nullable: true, description: 'The people who sit for the agency (default: [representative])' })
  @IsOptional()
  @ArrayMaxSize(20)
  representatives?: string[];

  @Field(() => [String], { nullable: true, description: 'Named deputies (default: [deputy])' })
  @IsOptional()
  @ArrayMaxSize(20)
  deputies?: string[];

  @Field(() => DateScalar)
  startsOn: string;

  @Field({ nullable: true, description: 'Defaults to false for advisers and observers, true otherwise' })
  @IsOptional()
  expectedToAttend?: boolean;
}

@InputType()
export class EndMembershipInput {
  @Field(() => ID)
  @IsUUID()
  membershipId: string;

  @Field(() => DateScalar)
  endsOn: string;
}
