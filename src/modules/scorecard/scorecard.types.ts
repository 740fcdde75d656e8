import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../common/scalars';
import { Agency } from '../agency/agency.entity';
import { DataSetItem, Indicator } from './scorecard.entity';

export enum DirectionOfTravel {
  IMPROVED = 'IMPROVED',
  NO_CHANGE = 'NO_CHANGE',
  DECLINED = 'DECLINED',
  CHANGED = 'CHANGED',
  NOT_COMPARABLE = 'NOT_COMPARABLE',
}
registerEnumType(DirectionOfTravel, { name: 'DirectionOfTravel', description: 'CHANGED only for NEUTRAL indicators' });

export enum RagStatus {
  RED = 'RED',
  AMBER = 'AMBER',
  GREEN = 'GREEN',
}
registerEnumType(RagStatus, { name: 'RagStatus' });

@ObjectType({ description: 'One indicator of the data set on the scorecard: its latest validated value and comparators' })
export class ScorecardRow {
  @Field(() => Indicator) indicator: Indicator;
  @Field(() => DateScalar, { nullable: true, description: 'Period of the latest validated value on or before the period end' }) periodFrom: string | null;
  @Field(() => DateScalar, { nullable: true }) periodTo: string | null;
  @Field({ description: 'The latest value falls in the reporting period' }) newData: boolean;
  @Field(() => Float, { nullable: true }) value: number | null;
  @Field(() => Float, { nullable: true, description: 'The previous period of the same length' }) previous: number | null;
  @Field(() => Float, { nullable: true, description: 'The last year-end (1 April to 31 March) value' }) yearEnd: number | null;
  @Field(() => Float, { nullable: true }) target: number | null;
  @Field(() => Float, { nullable: true }) england: number | null;
  @Field(() => Float, { nullable: true }) statNeighbours: number | null;
  @Field(() => Int, { nullable: true, description: '1 = best quarter nationally' }) quartile: number | null;
  @Field(() => DirectionOfTravel, { description: 'From the previous period' }) directionOfTravel: DirectionOfTravel;
  @Field(() => DirectionOfTravel) directionFromYearEnd: DirectionOfTravel;
  @Field(() => RagStatus, { nullable: true }) rag: RagStatus | null;
  @Field({ description: 'RED, or declined two periods running' }) exception: boolean;
  @Field({ description: 'A count of people from 1 to 4, or a rate built on one: published output reads "fewer than 5" / "suppressed"' }) suppressed: boolean;
  @Field({ description: 'The value as published (suppression applied unless the board turned it off)' }) publishedValue: string;
  @Field(() => String, { nullable: true }) commentary: string | null;
  /** Raw flags for previous and year end, used by the published CSV. */
  previousSuppressed: boolean;
  yearEndSuppressed: boolean;
}

@ObjectType()
export class ScorecardSummary {
  @Field(() => Int) measures: number;
  @Field(() => Int) withNewData: number;
  @Field(() => Int) improved: number;
  @Field(() => Int) noChange: number;
  @Field(() => Int) declined: number;
  @Field(() => Int, { description: 'Measures with new data not comparable with the previous period (or NEUTRAL ones that changed)' }) notComparable: number;
  @Field(() => Int) red: number;
  @Field(() => Int) amber: number;
  @Field(() => Int) green: number;
  @Field(() => Int) exceptions: number;
  @Field({ description: 'Such as "Of 21 measures with new data, 9 improved, 7 showed no change and 5 declined."' }) sentence: string;
}

@ObjectType({ description: 'Values due from a supplying agency in the period, and those still missing' })
export class AgencyCompleteness {
  @Field(() => Agency) agency: Agency;
  @Field(() => ID) agencyId: string;
  @Field(() => Int) due: number;
  @Field(() => Int) missing: number;
  @Field(() => [String], { description: 'Keys of the indicators with a value missing' }) missingIndicators: string[];
}

@ObjectType({ description: "A board's scorecard for a reporting period" })
export class Scorecard {
  @Field(() => ID) boardId: string;
  @Field(() => DateScalar) periodStart: string;
  @Field(() => DateScalar) periodEnd: string;
  @Field(() => [ScorecardRow]) rows: ScorecardRow[];
  @Field(() => ScorecardSummary) summary: ScorecardSummary;
  @Field(() => [AgencyCompleteness]) completeness: AgencyCompleteness[];
}

@ObjectType()
export class ImportProblem {
  @Field(() => Int, { description: 'Line in the file, the header being line 1' }) line: number;
  @Field() field: string;
  @Field() message: string;
}

@ObjectType()
export class ImportReport {
  @Field() dryRun: boolean;
  @Field(() => Int) rows: number;
  @Field(() => Int, { description: 'Rows written (0 on a dry run or when any row is bad)' }) imported: number;
  @Field(() => [ImportProblem]) problems: ImportProblem[];
}

@ObjectType({ description: 'The indicators a board (or its sub-groups) tracks, each with its RAG rule' })
export class DataSet {
  @Field(() => ID) boardId: string;
  @Field(() => [DataSetItem]) items: DataSetItem[];
}

/** A scorecard row as the yearly report uses it: the indicator's title and unit, not the whole indicator. */
export type ReportScorecardRow = Omit<ScorecardRow, 'indicator'> & { indicator: Pick<Indicator, 'id' | 'key' | 'title' | 'unit'> };
