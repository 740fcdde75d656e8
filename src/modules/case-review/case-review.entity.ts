import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { DateScalar } from '../../common/scalars';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';

export enum CaseReviewType {
  SERIOUS_CASE_REVIEW = 'SERIOUS_CASE_REVIEW',
  CHILD_SAFEGUARDING_PRACTICE_REVIEW = 'CHILD_SAFEGUARDING_PRACTICE_REVIEW',
  SAFEGUARDING_ADULTS_REVIEW = 'SAFEGUARDING_ADULTS_REVIEW',
  DOMESTIC_HOMICIDE_REVIEW = 'DOMESTIC_HOMICIDE_REVIEW',
  LEARNING_REVIEW = 'LEARNING_REVIEW',
}
export enum CaseReviewStatus {
  REFERRED = 'REFERRED',
  NOT_COMMISSIONED = 'NOT_COMMISSIONED',
  COMMISSIONED = 'COMMISSIONED',
  IN_PROGRESS = 'IN_PROGRESS',
  PUBLISHED = 'PUBLISHED',
  CLOSED = 'CLOSED',
}
registerEnumType(CaseReviewType, { name: 'CaseReviewType' });
registerEnumType(CaseReviewStatus, {
  name: 'CaseReviewStatus',
  description: 'REFERRED → NOT_COMMISSIONED, or REFERRED → COMMISSIONED → IN_PROGRESS → PUBLISHED → CLOSED',
});

@ObjectType()
@Entity()
@Unique('case_review_board_id_reference_key', ['boardId', 'reference'])
@Check('case_review_check', 'decided_on IS NULL OR decided_on >= referred_on')
@Index('case_review_board_idx', ['boardId', 'status'])
// Unique on (board_id, lower(reference)): an expression index, which the migration owns and TypeORM cannot describe.
@Index('case_review_board_reference_ci', { synchronize: false })
export class CaseReview extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  boardId: string;

  @Field(() => CaseReviewType)
  @Column({ type: 'enum', enum: CaseReviewType, enumName: 'case_review_type' })
  type: CaseReviewType;

  @Field({ description: 'A pseudonym such as "Child BR"' })
  @Column('text')
  reference: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  themes: string[];

  @Field(() => [ID])
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  involvedAgencyIds: string[];

  @Field(() => CaseReviewStatus)
  @Column({ type: 'enum', enum: CaseReviewStatus, enumName: 'case_review_status', default: CaseReviewStatus.REFERRED })
  status: CaseReviewStatus;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  referredOn: string;

  @Field(() => Boolean, { nullable: true, description: 'The decision: null until decided' })
  @Column({ type: 'boolean', nullable: true })
  commissioned: boolean | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  decidedOn: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  decisionRationale: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  startedOn: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  publishedOn: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  closedOn: string | null;

  @ManyToOne(() => Board, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'case_review_board_id_fkey' })
  board?: Board;
}

@ObjectType()
@Entity()
@Unique('recommendation_case_review_id_number_key', ['caseReviewId', 'number'])
export class Recommendation extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  caseReviewId: string;

  @Field(() => Int, { description: 'Numbered in order within the review' })
  @Column('int')
  number: number;

  @Field()
  @Column('text')
  text: string;

  @Field(() => ID, { nullable: true, description: 'The agency it is addressed to; null for the whole partnership' })
  @Column({ type: 'uuid', nullable: true })
  agencyId: string | null;

  @ManyToOne(() => CaseReview, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'recommendation_case_review_id_fkey' })
  caseReview?: CaseReview;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ foreignKeyConstraintName: 'recommendation_agency_id_fkey' })
  agency?: Agency;
}
