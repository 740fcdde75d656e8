import { IsOptional, IsUUID, Length } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../common/scalars';
import { IndicatorAudience, IndicatorFrequency, IndicatorPolarity, IndicatorUnit, RagMethod } from './scorecard.entity';

@InputType()
export class DefineIndicatorInput {
  @Field() @Length(1, 60) key: string;
  @Field() @Length(2, 300) title: string;
  @Field() @Length(2, 4000) definition: string;
  @Field(() => IndicatorUnit) unit: IndicatorUnit;
  @Field(() => IndicatorPolarity) polarity: IndicatorPolarity;
  @Field(() => IndicatorFrequency) frequency: IndicatorFrequency;
  @Field(() => IndicatorAudience) audience: IndicatorAudience;
  @Field({ defaultValue: false }) countsPeople: boolean;
  @Field(() => Float, { defaultValue: 0 }) tolerance: number;
  @Field(() => [ID], { defaultValue: [] }) supplierAgencyIds: string[];
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() priorityId?: string;
  @Field(() => DateScalar, { nullable: true, description: 'When the first definition applies from (defaults to today)' }) effectiveFrom?: string;
}

@InputType({ description: 'A new definition starts a new version; other fields change in place' })
export class ReviseIndicatorInput {
  @Field(() => ID) @IsUUID() indicatorId: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(2, 4000) definition?: string;
  @Field(() => DateScalar, { nullable: true }) effectiveFrom?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(2, 300) title?: string;
  @Field(() => Float, { nullable: true }) tolerance?: number;
  @Field(() => [ID], { nullable: true }) supplierAgencyIds?: string[];
  @Field(() => Boolean, { nullable: true }) countsPeople?: boolean;
}

@InputType()
export class AddToDataSetInput {
  @Field(() => ID) @IsUUID() boardId: string;
  @Field(() => ID) @IsUUID() indicatorId: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() subGroupId?: string;
  @Field(() => RagMethod) ragMethod: RagMethod;
  @Field(() => Float, { nullable: true }) target?: number;
  @Field(() => DateScalar, { nullable: true }) targetDate?: string;
  @Field(() => Float, { defaultValue: 0, description: 'How far worse than target is still AMBER' }) ragTolerance: number;
}

@InputType()
export class SaveObservationInput {
  @Field(() => ID) @IsUUID() indicatorId: string;
  @Field(() => ID) @IsUUID() boardId: string;
  @Field(() => ID, { description: 'The supplying agency' }) @IsUUID() agencyId: string;
  @Field(() => DateScalar) periodFrom: string;
  @Field(() => DateScalar) periodTo: string;
  @Field(() => Float, { nullable: true, description: 'Left out for a percent or rate given as numerator and denominator' }) value?: number;
  @Field(() => Float, { nullable: true }) numerator?: number;
  @Field(() => Float, { nullable: true, description: "Left out for a rate per 10,000: the area's population for the year is used" }) denominator?: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 100) breakdownDimension?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 100) breakdownCategory?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 4000) commentary?: string;
  @Field(() => Int, { nullable: true, description: 'The revision this save is based on; required to change an existing value' }) basedOnRevision?: number;
}

@InputType()
export class ObservationChangeInput {
  @Field(() => ID) @IsUUID() observationId: string;
  @Field(() => Int, { nullable: true }) basedOnRevision?: number;
  @Field(() => String, { nullable: true, description: 'Required when returning' }) comment?: string;
}

@InputType()
export class SetBenchmarkInput {
  @Field(() => ID) @IsUUID() indicatorId: string;
  @Field(() => ID) @IsUUID() boardId: string;
  @Field(() => DateScalar) periodFrom: string;
  @Field(() => DateScalar) periodTo: string;
  @Field(() => Float, { nullable: true }) england?: number;
  @Field(() => Float, { nullable: true }) statNeighbours?: number;
  @Field(() => Float, { nullable: true }) upperQuartile?: number;
  @Field(() => Float, { nullable: true }) median?: number;
  @Field(() => Float, { nullable: true }) lowerQuartile?: number;
}

@InputType()
export class SetPopulationInput {
  @Field(() => ID) @IsUUID() boardId: string;
  @Field(() => Int) year: number;
  @Field(() => IndicatorAudience) audience: IndicatorAudience;
  @Field(() => Int) population: number;
}

@ArgsType()
export class ImportArgs {
  @Field(() => ID) @IsUUID() boardId: string;
  @Field({ description: 'The CSV text, with a header row' }) csv: string;
  @Field({ defaultValue: true, description: 'Check only: report every bad row and write nothing' }) dryRun: boolean;
}

@ArgsType()
export class ScorecardArgs {
  @Field(() => ID) boardId: string;
  @Field(() => DateScalar, { description: 'The last day of the reporting period' }) periodEnd: string;
  @Field(() => DateScalar, { nullable: true, description: 'The first day of the reporting period (a quarter before periodEnd unless given)' }) periodStart?: string;
}
