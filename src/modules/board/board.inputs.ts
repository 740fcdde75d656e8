import { ArrayMaxSize, ArrayUnique, IsEnum, IsNumber, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { BoardKind, OfficeHolderRole, Sector } from '../../common/enums';
import { DateScalar } from '../../common/scalars';

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

  @Field(() => [String], { nullable: true, description: 'Local authority areas covered; default [area]' })
  @IsOptional()
  @ArrayMaxSize(20)
  footprint?: string[];

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  runsFrom?: string;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  runsTo?: string;
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

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  footprint?: string[];

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  runsFrom?: string;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  runsTo?: string;
}

@InputType()
export class AppointOfficeHolderInput {
  @Field(() => ID)
  @IsUUID()
  boardId: string;

  @Field(() => OfficeHolderRole)
  @IsEnum(OfficeHolderRole)
  role: OfficeHolderRole;

  @Field()
  @Length(1, 200)
  personName: string;

  @Field(() => ID, { nullable: true, description: 'Required for lead and delegated safeguarding partners: the council, ICB or police force' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @Field(() => DateScalar)
  startsOn: string;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  endsOn?: string;
}

@InputType()
export class EndOfficeHolderInput {
  @Field(() => ID)
  @IsUUID()
  officeHolderId: string;

  @Field(() => DateScalar)
  endsOn: string;
}
