import { ArrayUnique, IsEmail, IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
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
  @Length(10, 200, { message: 'password must be at least 10 characters' })
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
