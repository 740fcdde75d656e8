import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { DateScalar } from '../../common/scalars';
import { Agency } from '../agency/agency.entity';
import { AuditCycle } from './audit-cycle.entity';
import { AuditStandard } from './audit-framework.entity';

export enum AuditRating {
  MET = 'MET',
  PARTIALLY_MET = 'PARTIALLY_MET',
  NOT_MET = 'NOT_MET',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}
export enum AuditReturnStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  VALIDATED = 'VALIDATED',
}
export enum AuditVersionKind {
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  VALIDATED = 'VALIDATED',
}
registerEnumType(AuditRating, { name: 'AuditRating' });
registerEnumType(AuditReturnStatus, {
  name: 'AuditReturnStatus',
  valuesConfig: { RETURNED: { description: 'Sent back by the board with a challenge comment; the agency amends and resubmits' } },
});
registerEnumType(AuditVersionKind, { name: 'AuditVersionKind' });

export const EDITABLE_STATUSES = [AuditReturnStatus.DRAFT, AuditReturnStatus.RETURNED];
export const SUBMITTED_STATUSES = [AuditReturnStatus.SUBMITTED, AuditReturnStatus.VALIDATED];

@ObjectType({ description: "One agency's answer in an audit cycle" })
@Entity()
@Unique('audit_return_cycle_id_agency_id_key', ['cycleId', 'agencyId'])
@Index('audit_return_agency_idx', ['agencyId', 'status'])
export class AuditReturn extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  cycleId: string;

  @Field(() => ID)
  @Column('uuid')
  agencyId: string;

  @Field(() => AuditReturnStatus)
  @Column({ type: 'enum', enum: AuditReturnStatus, enumName: 'audit_return_status', default: AuditReturnStatus.DRAFT })
  status: AuditReturnStatus;

  @Field(() => Int, { description: 'Goes up on every change; a save names the revision it was based on, and a stale one fails with CONFLICT' })
  @Column('int', { default: 1 })
  revision: number;

  @Field(() => DateScalar, { nullable: true, description: 'Date first submitted; lateness is judged on it' })
  @Column({ type: 'date', nullable: true })
  firstSubmittedOn: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  validatedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The board\'s challenge when it last sent the return back' })
  @Column({ type: 'text', nullable: true })
  challengeComment: string | null;

  @Field(() => ID, { nullable: true, description: 'The return whose answers were shared into this one' })
  @Column({ type: 'uuid', nullable: true })
  sharedFromReturnId: string | null;

  /*
   * Rating counts (moderated where recorded, and self-assessed), kept up to date by triggers on the
   * return's assessments (migration 1763880400000-return-rating-counts). Only SQL reads them; the
   * entity never selects, inserts or updates them.
   */
  @Column({ type: 'int', default: 0, select: false, insert: false, update: false })
  standards: number;

  @Column({ type: 'int', default: 0, select: false, insert: false, update: false })
  met: number;

  @Column({ type: 'int', default: 0, select: false, insert: false, update: false })
  partiallyMet: number;

  @Column({ type: 'int', default: 0, select: false, insert: false, update: false })
  notMet: number;

  @Column({ type: 'int', default: 0, select: false, insert: false, update: false })
  notApplicable: number;

  @Column({ type: 'int', default: 0, select: false, insert: false, update: false })
  selfMet: number;

  @Column({ type: 'int', default: 0, select: false, insert: false, update: false })
  selfPartiallyMet: number;

  @Column({ type: 'int', default: 0, select: false, insert: false, update: false })
  selfNotMet: number;

  @Column({ type: 'int', default: 0, select: false, insert: false, update: false })
  selfNotApplicable: number;

  /*
   * The agency's previous submitted return of the same framework (an earlier cycle), kept by triggers
   * on status changes (migration 1763881900000-previous-return); trends read it. Only SQL reads it.
   */
  @Column({ type: 'uuid', nullable: true, select: false, insert: false, update: false })
  previousReturnId: string | null;

  @ManyToOne(() => AuditCycle, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'audit_return_cycle_id_fkey' })
  cycle?: AuditCycle;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'audit_return_agency_id_fkey' })
  agency?: Agency;

  @ManyToOne(() => AuditReturn, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ foreignKeyConstraintName: 'audit_return_shared_from_return_id_fkey' })
  sharedFromReturn?: AuditReturn;
}

@ObjectType({ description: 'A return\'s answer for one standard: the self-assessment and, after validation, the board\'s moderated rating' })
@Entity()
@Unique('audit_assessment_return_id_standard_id_key', ['returnId', 'standardId'])
export class AuditAssessment extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  returnId: string;

  @Field(() => ID)
  @Column('uuid')
  standardId: string;

  @Field(() => AuditRating, { nullable: true, description: 'The agency\'s self-assessed rating' })
  @Column({ type: 'enum', enum: AuditRating, enumName: 'audit_rating', nullable: true })
  selfRating: AuditRating | null;

  @Field(() => AuditRating, { nullable: true, description: 'The board\'s rating after challenge, recorded on validation' })
  @Column({ type: 'enum', enum: AuditRating, enumName: 'audit_rating', nullable: true })
  moderatedRating: AuditRating | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  /** Shared answers keep one set of improvement actions, tracked once, wherever they were shared. */
  @Column({ type: 'uuid', nullable: true })
  sharedFromAssessmentId: string | null;

  @ManyToOne(() => AuditReturn, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'audit_assessment_return_id_fkey' })
  return?: AuditReturn;

  @ManyToOne(() => AuditStandard, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'audit_assessment_standard_id_fkey' })
  standard?: AuditStandard;

  @ManyToOne(() => AuditAssessment, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ foreignKeyConstraintName: 'audit_assessment_shared_from_assessment_id_fkey' })
  sharedFromAssessment?: AuditAssessment;
}

export interface VersionSnapshot {
  status: AuditReturnStatus;
  assessments: {
    standardCode: string;
    standardTitle: string;
    rating: AuditRating | null;
    moderatedRating: AuditRating | null;
    evidence: string | null;
    actions: { id: string; description: string; ownerAgencyId: string; dueOn: string | null; status: string }[];
  }[];
}

@ObjectType({ description: 'A frozen copy of a return at a submission, a challenge or a validation' })
@Entity()
@Unique('audit_return_version_return_id_number_key', ['returnId', 'number'])
export class AuditReturnVersion {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => ID)
  @Column('uuid')
  returnId: string;

  @Field(() => Int)
  @Column('int')
  number: number;

  @Field(() => AuditVersionKind)
  @Column({ type: 'enum', enum: AuditVersionKind, enumName: 'audit_version_kind' })
  kind: AuditVersionKind;

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
  snapshot: VersionSnapshot;

  @ManyToOne(() => AuditReturn, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'audit_return_version_return_id_fkey' })
  return?: AuditReturn;
}
