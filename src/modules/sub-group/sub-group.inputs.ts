import { ArrayMinSize, ArrayUnique, IsEnum, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { Sector } from '../../common/enums';

@InputType()
export class CreateSubGroupInput {
  @Field(() => [ID], { description: 'The board or boards the sub-group serves' })
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  boardIds: string[];

  @Field()
  @Length(2, 200)
  name: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(0, 2000)
  purpose?: string;

  @Field(() => Float, { nullable: true, description: "Defaults to the first board's" })
  @IsOptional()
  @Min(0)
  @Max(1)
  attendanceThreshold?: number;

  @Field(() => Int, { nullable: true, description: "Defaults to the first board's" })
  @IsOptional()
  @Min(0)
  @Max(200)
  quorumMinimum?: number;

  @Field(() => [Sector], { nullable: true, description: "Defaults to the first board's" })
  @IsOptional()
  @ArrayUnique()
  @IsEnum(Sector, { each: true })
  quorumSectors?: Sector[];
}
