import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { DateScalar } from '../../common/scalars';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { PlanPriority } from '../business-plan/business-plan.entity';
import { SubGroup } from '../sub-group/sub-group.entity';
import { IndicatorPolarity, IndicatorUnit } from '../../rules/scorecard';

export { IndicatorPolarity, IndicatorUnit };

export enum IndicatorFrequency {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
export enum IndicatorAudience {
  CHILDREN = 'CHILDREN',
  ADULTS = 'ADULTS',
}
export enum RagMethod {
  TARGET = 'TARGET',
  QUARTILE = 'QUARTILE',
}
export enum ObservationStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  VALIDATED = 'VALIDATED',
}
export enum ObservationVersionKind {
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  VALIDATED = 'VALIDATED',
}
registerEnumType(IndicatorUnit, { name: 'IndicatorUnit' });
registerEnumType(IndicatorPolarity, { name: 'IndicatorPolarity' });
registerEnumType(IndicatorFrequency, { name: 'IndicatorFrequency' });
registerEnumType(IndicatorAudience, { name: 'IndicatorAudience' });
registerEnumType(RagMethod, { name: 'RagMethod', description: 'GREEN/AMBER/RED against a target with a tolerance, or by national quartile' });
registerEnumType(ObservationStatus, { name: 'ObservationStatus' });
registerEnumType(ObservationVersionKind, { name: 'ObservationVersionKind' });

export const EDITABLE_OBSERVATION: ObservationStatus[] = [ObservationStatus.DRAFT, ObservationStatus.RETURNED];

@ObjectType({ description: 'A measure the partnership tracks; a change of definition starts a new version' })
@Entity()
@Unique('indicator_key_key', ['key'])
@Check('indicator_tolerance_check', 'tolerance >= (0)::double precision')
@Index('indicator_suppliers_idx', ['supplierAgencyIds'], { type: 'gin' })
export class Indicator extends BaseEntity {
  @Field({ description: 'Stable short name, unique, used by CSV imports' })
  @Column('text')
  key: string;

  @Field()
  @Column('text')
  title: string;

  @Field({ description: 'The definition of the current version' })
  @Column('text')
  definition: string;

  @Field(() => Int, { description: 'Current definition version; values of different versions are not compared' })
  @Column('int', { default: 1 })
  version: number;

  @Field(() => IndicatorUnit)
  @Column({ type: 'enum', enum: IndicatorUnit, enumName: 'indicator_unit' })
  unit: IndicatorUnit;

  @Field(() => IndicatorPolarity)
  @Column({ type: 'enum', enum: IndicatorPolarity, enumName: 'indicator_polarity' })
  polarity: IndicatorPolarity;

  @Field(() => IndicatorFrequency)
  @Column({ type: 'enum', enum: IndicatorFrequency, enumName: 'indicator_frequency' })
  frequency: IndicatorFrequency;

  @Field(() => IndicatorAudience)
  @Column({ type: 'enum', enum: IndicatorAudience, enumName: 'indicator_audience' })
  audience: IndicatorAudience;

  @Field({ description: 'Counts people (or is built on such a count): small values are suppressed in published output' })
  @Column('boolean', { default: false })
  countsPeople: boolean;

  @Field(() => Float, { description: 'A change no larger than this is NO_CHANGE' })
  @Column('double precision', { default: 0 })
  tolerance: number;

  @Field(() => [ID], { description: 'The agencies that supply values' })
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  supplierAgencyIds: string[];

  @Field(() => ID, { nullable: true, description: 'The business plan priority this is a measure of success for' })
  @Column({ type: 'uuid', nullable: true })
  priorityId: string | null;

  @ManyToOne(() => PlanPriority, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ foreignKeyConstraintName: 'indicator_priority_id_fkey' })
  priority?: PlanPriority;
}

@ObjectType({ description: 'One definition of an indicator, kept when it is revised' })
@Entity()
@Unique('indicator_version_indicator_id_version_key', ['indicatorId', 'version'])
export class IndicatorVersion {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => ID)
  @Column('uuid')
  indicatorId: string;

  @Field(() => Int)
  @Column('int')
  version: number;

  @Field()
  @Column('text')
  definition: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  effectiveFrom: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  byName: string | null;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'indicator_version_indicator_id_fkey' })
  indicator?: Indicator;
}

@ObjectType({ description: "An indicator in a board's data set, with its RAG rule and target" })
@Entity()
@Unique('data_set_item_board_id_indicator_id_key', ['boardId', 'indicatorId'])
@Check('data_set_item_rag_tolerance_check', 'rag_tolerance >= (0)::double precision')
export class DataSetItem extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  boardId: string;

  @Field(() => ID, { nullable: true, description: 'The sub-group that tracks it, if not the board itself' })
  @Column({ type: 'uuid', nullable: true })
  subGroupId: string | null;

  @Field(() => ID)
  @Column('uuid')
  indicatorId: string;

  @Field(() => RagMethod)
  @Column({ type: 'enum', enum: RagMethod, enumName: 'rag_method' })
  ragMethod: RagMethod;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double precision', nullable: true })
  target: number | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  targetDate: string | null;

  @Field(() => Float, { description: 'How far worse than target is still AMBER' })
  @Column('double precision', { default: 0 })
  ragTolerance: number;

  @Field(() => Int)
  @Column('int')
  position: number;

  @ManyToOne(() => Board, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'data_set_item_board_id_fkey' })
  board?: Board;

  @ManyToOne(() => SubGroup, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ foreignKeyConstraintName: 'data_set_item_sub_group_id_fkey' })
  subGroup?: SubGroup;

  @ManyToOne(() => Indicator, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'data_set_item_indicator_id_fkey' })
  indicator?: Indicator;
}

@ObjectType({ description: 'One aggregate value of an indicator for a board and period (never a person’s record)' })
@Entity()
@Unique('observation_cell_key', ['indicatorId', 'indicatorVersion', 'boardId', 'periodFrom', 'periodTo', 'breakdownDimension', 'breakdownCategory'])
@Check('observation_check', 'period_to >= period_from')
@Index('observation_board_idx', ['boardId', 'indicatorId', 'periodTo'])
@Index('observation_agency_idx', ['agencyId', 'status'])
export class Observation extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  indicatorId: string;

  @Field(() => Int)
  @Column('int')
  indicatorVersion: number;

  @Field(() => ID)
  @Column('uuid')
  boardId: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  periodFrom: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  periodTo: string;

  @Field({ description: 'Empty when the value is for everyone' })
  @Column('text', { default: '' })
  breakdownDimension: string;

  @Field()
  @Column('text', { default: '' })
  breakdownCategory: string;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double precision', nullable: true })
  value: number | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double precision', nullable: true })
  numerator: number | null;

  @Field(() => Float, { nullable: true, description: 'For a rate per 10,000: the population' })
  @Column({ type: 'double precision', nullable: true })
  denominator: number | null;

  @Field(() => ID, { description: 'The supplying agency' })
  @Column('uuid')
  agencyId: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  commentary: string | null;

  @Field(() => ObservationStatus)
  @Column({ type: 'enum', enum: ObservationStatus, enumName: 'observation_status', default: ObservationStatus.DRAFT })
  status: ObservationStatus;

  @Field(() => Int, { description: 'Goes up on every change; a save names the revision it was based on' })
  @Column('int', { default: 1 })
  revision: number;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  returnComment: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  submittedOn: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  validatedOn: string | null;

  @ManyToOne(() => Indicator, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'observation_indicator_id_fkey' })
  indicator?: Indicator;

  @ManyToOne(() => Board, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'observation_board_id_fkey' })
  board?: Board;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'observation_agency_id_fkey' })
  agency?: Agency;
}

export interface ObservationSnapshot {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  commentary: string | null;
}

@ObjectType({ description: 'A frozen copy of an observation at a submission, return or validation' })
@Entity()
@Unique('observation_version_observation_id_number_key', ['observationId', 'number'])
export class ObservationVersion {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => ID)
  @Column('uuid')
  observationId: string;

  @Field(() => Int)
  @Column('int')
  number: number;

  @Field(() => ObservationVersionKind)
  @Column({ type: 'enum', enum: ObservationVersionKind, enumName: 'observation_version_kind' })
  kind: ObservationVersionKind;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  recordedOn: string;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  byUserId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  byName: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'jsonb' })
  snapshot: ObservationSnapshot;

  @ManyToOne(() => Observation, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'observation_version_observation_id_fkey' })
  observation?: Observation;
}

@ObjectType({ description: "Comparators for an indicator and period in a board's area: England, statistical neighbours, quartile boundaries" })
@Entity()
@Unique('benchmark_indicator_id_board_id_period_from_period_to_key', ['indicatorId', 'boardId', 'periodFrom', 'periodTo'])
@Check('benchmark_check', 'period_to >= period_from')
export class Benchmark extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  indicatorId: string;

  @Field(() => ID)
  @Column('uuid')
  boardId: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  periodFrom: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  periodTo: string;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double precision', nullable: true })
  england: number | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double precision', nullable: true })
  statNeighbours: number | null;

  @Field(() => Float, { nullable: true, description: '75th percentile of the national values' })
  @Column({ type: 'double precision', nullable: true })
  upperQuartile: number | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double precision', nullable: true })
  median: number | null;

  @Field(() => Float, { nullable: true, description: '25th percentile of the national values' })
  @Column({ type: 'double precision', nullable: true })
  lowerQuartile: number | null;

  @ManyToOne(() => Indicator, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'benchmark_indicator_id_fkey' })
  indicator?: Indicator;

  @ManyToOne(() => Board, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'benchmark_board_id_fkey' })
  board?: Board;
}

@ObjectType({ description: "Population of a board's area in a year, the denominator of rates per 10,000" })
@Entity()
@Unique('population_board_id_year_audience_key', ['boardId', 'year', 'audience'])
@Check('population_population_check', 'population > 0')
export class Population extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  boardId: string;

  @Field(() => Int)
  @Column('int')
  year: number;

  @Field(() => IndicatorAudience)
  @Column({ type: 'enum', enum: IndicatorAudience, enumName: 'indicator_audience' })
  audience: IndicatorAudience;

  @Field(() => Int)
  @Column('int')
  population: number;

  @ManyToOne(() => Board, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'population_board_id_fkey' })
  board?: Board;
}
