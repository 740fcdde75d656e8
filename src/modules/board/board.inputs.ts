import { ArrayUnique, IsEnum, IsNumber, IsOptional, Length, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { BoardKind, Sector } from '../../common/enums';

@InputType()
export class CreateBoardInput {
  @Field()
  @Length(2, 200)
  name: string;

  @Field(() => BoardKind)
  @IsEnum(BoardKind)
  kind: BoardKind;

  @Field()
  @Length(2, 200)
  area: string;

  @Field(() => Float, { defaultValue: 0.75 })
  @IsNumber()
  @Min(0)
  @Max(1)
  attendanceThreshold: number;

  @Field(() => Int, { defaultValue: 1 })
  @Min(0)
  @Max(200)
  quorumMinimum: number;

  @Field(() => [Sector], { defaultValue: [] })
  @ArrayUnique()
  @IsEnum(Sector, { each: true })
  quorumSectors: Sector[];

  @Field({ defaultValue: true })
  suppressSmallNumbers: boolean;
}

@InputType()
export class UpdateBoardInput {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(2, 200)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(2, 200)
  area?: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(1)
  attendanceThreshold?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(200)
  quorumMinimum?: number;

  @Field(() => [Sector], { nullable: true })
  @IsOptional()
  @ArrayUnique()
  quorumSectors?: Sector[];

  @Field({ nullable: true })
  @IsOptional()
  suppressSmallNumbers?: boolean;
}
