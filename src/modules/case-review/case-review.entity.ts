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
  MULTI_AGENCY_LEARNING = 'MULTI_AGENCY_LEARNING',
}
export enum CaseReviewStatus {
  REFERRED = 'REFERRED',
  NOT_COMMISSIONED = 'NOT_COMMISSIONED',
  COMMISSIONED = 'COMMISSIONED',
  IN_PROGRESS = 'IN_PROGRESS',
  PUBLISHED = 'PUBLISHED',
  CLOSED = 'CLOSED',
  NOTIFIED = 'NOTIFIED',
  RAPID_REVIEW = 'RAPID_REVIEW',
  NO_FURTHER_REVIEW = 'NO_FURTHER_REVIEW',
  COMPLETED = 'COMPLETED',
}
/** The kind of review (domain/reviews.md), read from its type. */
export enum CaseReviewKind {
  CSPR = 'CSPR',
  SAR = 'SAR',
  DHR = 'DHR',
  SCR = 'SCR',
  LEARNING_REVIEW = 'LEARNING_REVIEW',
  MULTI_AGENCY_LEARNING = 'MULTI_AGENCY_LEARNING',
}
export const KIND_OF_TYPE: Record<CaseReviewType, CaseReviewKind> = {
  SERIOUS_CASE_REVIEW: CaseReviewKind.SCR,
  CHILD_SAFEGUARDING_PRACTICE_REVIEW: CaseReviewKind.CSPR,
  SAFEGUARDING_ADULTS_REVIEW: CaseReviewKind.SAR,
  DOMESTIC_HOMICIDE_REVIEW: CaseReviewKind.DHR,
  LEARNING_REVIEW: CaseReviewKind.LEARNING_REVIEW,
  MULTI_AGENCY_LEARNING: CaseReviewKind.MULTI_AGENCY_LEARNING,
};
export const TYPE_OF_KIND = Object.fromEntries(Object.entries(KIND_OF_TYPE).map(([t, k]) => [k, t])) as Record<CaseReviewKind, CaseReviewType>;
export enum SarCriterion {
  MANDATORY = 'MANDATORY',
  DISCRETIONARY = 'DISCRETIONARY',
}
export enum ReviewEventKind {
  STATUS = 'STATUS',
  LEARNING_BRIEF = 'LEARNING_BRIEF',
  OVERVIEW_REPORT = 'OVERVIEW_REPORT',
  EXECUTIVE_SUMMARY = 'EXECUTIVE_SUMMARY',
  PUBLICATION_DELAYED = 'PUBLICATION_DELAYED',
  DECIDED_NOT_TO_PUBLISH = 'DECIDED_NOT_TO_PUBLISH',
  SENT_TO_PANEL = 'SENT_TO_PANEL',
  SENT_TO_SECRETARY_OF_STATE = 'SENT_TO_SECRETARY_OF_STATE',
  WITHDRAWN = 'WITHDRAWN',
  /** The completion clock extended, with the reason and the new due date (dueOn). */
  COMPLETION_EXTENDED = 'COMPLETION_EXTENDED',
}
export enum RapidReviewOutcome {
  LOCAL_REVIEW = 'LOCAL_REVIEW',
  NO_FURTHER_REVIEW = 'NO_FURTHER_REVIEW',
  OTHER_LEARNING = 'OTHER_LEARNING',
}
export enum FindingResponse {
  ACCEPTED = 'ACCEPTED',
  NOT_IMPLEMENTED = 'NOT_IMPLEMENTED',
}
registerEnumType(CaseReviewKind, { name: 'CaseReviewKind', description: 'CSPR, SAR, DHR; SCR and LEARNING_REVIEW are the historic and local kinds' });
registerEnumType(SarCriterion, { name: 'SarCriterion', description: 'MANDATORY: Care Act 2014 s44(1)-(3); DISCRETIONARY: s44(4)' });
registerEnumType(ReviewEventKind, {
  name: 'ReviewEventKind',
  description: 'STATUS: a status change; COMPLETION_EXTENDED: the completion clock extended (extendCompletionClock); the others are publication events',
});
registerEnumType(RapidReviewOutcome, { name: 'RapidReviewOutcome' });
registerEnumType(FindingResponse, { name: 'FindingResponse' });
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

  @Field(() => SarCriterion, { nullable: true, description: 'SARs only: mandatory under s44(1)-(3) or discretionary under s44(4)' })
  @Column({ type: 'enum', enum: SarCriterion, enumName: 'sar_criterion', nullable: true })
  sarCriterion: SarCriterion | null;

  @Field(() => String, { nullable: true, description: 'The body the board delivered the review for (a DHR for a community safety partnership); such reviews are not counted as the board\'s own' })
  @Column({ type: 'text', nullable: true })
  deliveredFor: string | null;

  @ManyToOne(() => Board, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'case_review_board_id_fkey' })
  board?: Board;
}

@ObjectType({ description: 'A dated event of a review: a status change, or a publication event' })
@Entity()
@Unique('review_event_case_review_id_seq_key', ['caseReviewId', 'seq'])
@Check('review_event_status_check', `(kind = 'STATUS') = (status IS NOT NULL)`)
@Check('review_event_due_on_check', 'due_on IS NULL OR reason IS NOT NULL')
@Index('review_event_review_on_idx', ['caseReviewId', 'on'])
export class ReviewEvent extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  caseReviewId: string;

  @Field(() => Int, { description: 'Order of entry within the review' })
  @Column('int')
  seq: number;

  @Field(() => ReviewEventKind)
  @Column({ type: 'enum', enum: ReviewEventKind, enumName: 'review_event_kind' })
  kind: ReviewEventKind;

  @Field(() => CaseReviewStatus, { nullable: true, description: 'The status it moved to (STATUS events)' })
  @Column({ type: 'enum', enum: CaseReviewStatus, enumName: 'case_review_status', nullable: true })
  status: CaseReviewStatus | null;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  on: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Field(() => DateScalar, { nullable: true, description: "COMPLETION_EXTENDED: the completion clock's new due date" })
  @Column({ type: 'date', nullable: true })
  dueOn: string | null;

  @ManyToOne(() => CaseReview, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'review_event_case_review_id_fkey' })
  caseReview?: CaseReview;
}

@ObjectType({ description: 'A serious incident notified to the national Child Safeguarding Practice Review Panel' })
@Entity()
@Unique('serious_incident_case_review_id_key', ['caseReviewId'])
@Check('serious_incident_dates_check', 'aware_on >= incident_on AND notified_on >= aware_on')
@Index('serious_incident_board_idx', ['boardId', 'notifiedOn'])
export class SeriousIncident extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  boardId: string;

  @Field(() => ID, { description: 'The CSPR that follows it (status NOTIFIED until its rapid review)' })
  @Column('uuid')
  caseReviewId: string;

  @Field()
  @Column('text')
  pseudonym: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  incidentOn: string;

  @Field(() => DateScalar, { description: 'When the local authority became aware' })
  @Column({ type: 'date' })
  awareOn: string;

  @Field(() => DateScalar, { description: 'When it notified the Panel (due within 5 working days of awareness)' })
  @Column({ type: 'date' })
  notifiedOn: string;

  @Field()
  @Column('boolean')
  lookedAfter: boolean;

  @ManyToOne(() => Board, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'serious_incident_board_id_fkey' })
  board?: Board;

  @ManyToOne(() => CaseReview, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'serious_incident_case_review_id_fkey' })
  caseReview?: CaseReview;
}

@ObjectType({ description: 'The rapid review of a serious incident (due with the Panel within 15 working days of the notification)' })
@Entity()
@Unique('rapid_review_serious_incident_id_key', ['seriousIncidentId'])
@Check('rapid_review_sent_check', 'sent_to_panel_on IS NULL OR sent_to_panel_on >= meeting_on')
export class RapidReview extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  boardId: string;

  @Field(() => ID)
  @Column('uuid')
  seriousIncidentId: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  meetingOn: string;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  sentToPanelOn: string | null;

  @Field(() => RapidReviewOutcome, { nullable: true })
  @Column({ type: 'enum', enum: RapidReviewOutcome, enumName: 'rapid_review_outcome', nullable: true })
  outcome: RapidReviewOutcome | null;

  @Field({ description: "The three safeguarding partners' agreement to the outcome" })
  @Column({ type: 'boolean', default: false })
  partnersAgreed: boolean;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  panelResponse: string | null;

  @Field({ description: 'The Panel takes a national review' })
  @Column({ type: 'boolean', default: false })
  nationalReview: boolean;

  @ManyToOne(() => Board, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'rapid_review_board_id_fkey' })
  board?: Board;

  @ManyToOne(() => SeriousIncident, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'rapid_review_serious_incident_id_fkey' })
  seriousIncident?: SeriousIncident;
}

@ObjectType({ description: "A review's finding, apart from its recommendations, with the board's response" })
@Entity()
@Unique('finding_case_review_id_number_key', ['caseReviewId', 'number'])
@Check('finding_reasons_check', `response IS DISTINCT FROM 'NOT_IMPLEMENTED' OR reasons IS NOT NULL`)
export class Finding extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  caseReviewId: string;

  @Field(() => Int)
  @Column('int')
  number: number;

  @Field()
  @Column('text')
  text: string;

  @Field(() => FindingResponse, { nullable: true, description: 'Null until the board responds' })
  @Column({ type: 'enum', enum: FindingResponse, enumName: 'finding_response', nullable: true })
  response: FindingResponse | null;

  @Field(() => String, { nullable: true, description: 'Why it is not implemented (Care Act Schedule 2)' })
  @Column({ type: 'text', nullable: true })
  reasons: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  respondedOn: string | null;

  @ManyToOne(() => CaseReview, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'finding_case_review_id_fkey' })
  caseReview?: CaseReview;
}

@ObjectType({ description: "The board's contribution to another area's review" })
@Entity()
@Index('review_contribution_board_idx', ['boardId', 'contributedOn'])
export class ReviewContribution extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  boardId: string;

  @Field({ description: 'The other area (or body) whose review it is' })
  @Column('text')
  area: string;

  @Field()
  @Column('text')
  reviewReference: string;

  @Field(() => CaseReviewType)
  @Column({ type: 'enum', enum: CaseReviewType, enumName: 'case_review_type' })
  type: CaseReviewType;

  @Field(() => [ID])
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  agencyIds: string[];

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  contributedOn: string;

  @ManyToOne(() => Board, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'review_contribution_board_id_fkey' })
  board?: Board;
}

@ObjectType({ description: "A national or other area's review the board tests itself against; its actions go through the action tracker" })
@Entity()
@Index('external_learning_board_idx', ['boardId', 'publishedOn'])
export class ExternalLearning extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  boardId: string;

  @Field({ description: 'Who published it, e.g. the Child Safeguarding Practice Review Panel, or another area\'s partnership' })
  @Column('text')
  source: string;

  @Field()
  @Column('text')
  title: string;

  @Field(() => String, { nullable: true, description: 'The other area, for another area\'s review; null for a national review' })
  @Column({ type: 'text', nullable: true })
  area: string | null;

  @Field(() => DateScalar, { description: 'The date of the review (its publication)' })
  @Column({ type: 'date' })
  publishedOn: string;

  @Field(() => String, { nullable: true, description: 'What it found that the board tests itself against' })
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @ManyToOne(() => Board, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'external_learning_board_id_fkey' })
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

@ObjectType({ description: 'A statutory clock of a review: due date, done date, working days taken and whether it was breached (a fact, never a block)' })
export class ReviewClock {
  @Field({ description: 'NOTIFICATION, RAPID_REVIEW, COMPLETION or PRE_PUBLICATION' }) name: string;
  @Field(() => DateScalar) startedOn: string;
  @Field(() => DateScalar, { description: 'The due date, as extended (COMPLETION)' }) dueOn: string;
  @Field(() => DateScalar, { nullable: true, description: 'COMPLETION: the due date before any extension; null when not extended' }) originalDueOn: string | null;
  @Field(() => String, { nullable: true, description: 'COMPLETION: the reason recorded for the latest extension' }) extensionReason: string | null;
  @Field(() => DateScalar, { nullable: true }) doneOn: string | null;
  @Field(() => Int, { description: 'Working days from the start to the done date (to today while not done)' }) workingDaysTaken: number;
  @Field({ description: 'Done after the due date, or not done and the due date has passed' }) breached: boolean;
}
