import { IsEnum, IsOptional, Length } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { Sector } from '../../common/enums';
import { PageArgs } from '../../common/pagination';

@InputType()
export class CreateAgencyInput {
  @Field()
  @Length(2, 200)
  name: string;

  @Field(() => Sector)
  @IsEnum(Sector)
  sector: Sector;
}

@ArgsType()
export class AgenciesArgs extends PageArgs {
  @Field(() => Sector, { nullable: true })
  @IsOptional()
  @IsEnum(Sector)
  sector?: Sector;

  @Field({ nullable: true, description: 'Case-insensitive part of the name' })
  @IsOptional()
  @Length(1, 200)
  search?: string;
}
