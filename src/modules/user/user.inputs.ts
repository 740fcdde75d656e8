import { ArrayUnique, IsBoolean, IsEmail, IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../common/pagination';
import { UserRole } from '../../common/enums';

@InputType()
export class CreateUserInput {
  @Field()
  @IsEmail()
  email: string;

  @Field()
  @Length(1, 200)
  name: string;

  @Field()
  @Length(12, 200, { message: 'password must be at least 12 characters' })
  password: string;

  @Field(() => UserRole)
  @IsEnum(UserRole)
  role: UserRole;

  @Field(() => ID, { nullable: true, description: 'Required for AGENCY_USER' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @Field(() => [ID], { nullable: true, description: 'Boards a COORDINATOR or VIEWER works for' })
  @IsOptional()
  @ArrayUnique()
  @IsUUID('all', { each: true })
  boardIds?: string[];
}

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => UserRole, { nullable: true })
  @IsOptional()
  @IsEnum(UserRole)
  role?: UserRole;

  @Field({ nullable: true, description: 'Only active (true) or only deactivated (false) users' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @Field({ nullable: true, description: 'Case-insensitive part of the name or email' })
  @IsOptional()
  @Length(1, 200)
  search?: string;
}
