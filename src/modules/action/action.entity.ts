import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { DateScalar } from '../../common/scalars';
import { Agency } from '../agency/agency.entity';

export enum ActionStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETE = 'COMPLETE',
  CANCELLED = 'CANCELLED',
}

export enum Rag {
  RED = 'RED',
  AMBER = 'AMBER',
  GREEN = 'GREEN',
}

/** Where an action came from: every tracked action is one kind, whatever its source. */
export enum ActionSourceType {
  AUDIT_STANDARD = 'AUDIT_STANDARD',
  REVIEW_RECOMMENDATION = 'REVIEW_RECOMMENDATION',
  PLAN_PRIORITY = 'PLAN_PRIORITY',
  MEETING = 'MEETING',
  EXTERNAL_LEARNING = 'EXTERNAL_LEARNING',
}

/** How often an ONGOING action is reviewed. */
export enum ReviewFrequency {
  MONTHLY = 'MONTHLY',
  BIMONTHLY = 'BIMONTHLY',
  QUARTERLY = 'QUARTERLY',
  SIX_MONTHLY = 'SIX_MONTHLY',
  ANNUALLY = 'ANNUALLY',
}

/** A timescale is a date or ONGOING (arrangements.md). */
export enum Timescale {
  DATE = 'DATE',
  ONGOING = 'ONGOING',
}

registerEnumType(ActionStatus, { name: 'ActionStatus' });
registerEnumType(Rag, { name: 'Rag', description: 'Red / Amber / Green' });
registerEnumType(ActionSourceType, { name: 'ActionSourceType', valuesConfig: {
    MEETING: { description: 'Agreed at a meeting, on an agenda item' },
    EXTERNAL_LEARNING: { description: "Against external learning: a national or other area's review the board tests itself against" },
  }, });
registerEnumType(ReviewFrequency, { name: 'ReviewFrequency' });
registerEnumType(Timescale, { name: 'Timescale', description: 'DATE: due on dueOn; ONGOING: no due date, reviewed on nextReviewOn' });


@ObjectType({ description: 'Something an agency owes: from an audit return standard, a review recommendation or a business plan priority' })
@Entity()
@Index('action_owner_due_idx', ['ownerAgencyId', 'dueOn'])
@Index('action_source_idx', ['sourceType', 'sourceId'])
@Index('action_board_ids_idx', ['boardIds'], { type: 'gin' })
@Check('action_ongoing_check', 'NOT ongoing OR due_on IS NULL')
export class Action extends BaseEntity {
  @Field()
  @Column('text')
  description: string;

  @Field(() => ID)
  @Column('uuid')
  ownerAgencyId: string;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  dueOn: string | null;

  @Field(() => ActionStatus)
  @Column({ type: 'enum', enum: ActionStatus, enumName: 'action_status', default: ActionStatus.NOT_STARTED })
  status: ActionStatus;

  @Field(() => Rag, { nullable: true, description: 'RAG reported by the owner' })
  @Column({ type: 'enum', enum: Rag, enumName: 'rag', nullable: true })
  rag: Rag | null;

  @Field(() => ActionSourceType)
  @Column({ type: 'enum', enum: ActionSourceType, enumName: 'action_source_type' })
  sourceType: ActionSourceType;

  @Field(() => ID, { description: 'Id of the audit assessment, recommendation or priority it came from' })
  @Column('uuid')
  sourceId: string;

  @Field({ description: 'Human-readable origin, e.g. "Child BR: recommendation 3"' })
  @Column('text')
  sourceLabel: string;

  @Field(() => [ID], { description: 'Boards that track this action' })
  @Column({ type: 'uuid', array: true })
  boardIds: string[];

  @Field(() => DateScalar, { nullable: true, description: 'Date it was completed or cancelled' })
  @Column({ type: 'date', nullable: true })
  closedOn: string | null;

  @Field(() => String, { nullable: true, description: 'The named lead (a person), beside the owning agency' })
  @Column({ type: 'text', nullable: true })
  lead: string | null;

  /** ONGOING when true (then there is no due date); read through `timescale`. */
  @Column({ default: false })
  ongoing: boolean;

  @Field(() => ReviewFrequency, { nullable: true })
  @Column({ type: 'enum', enum: ReviewFrequency, enumName: 'review_frequency', nullable: true })
  reviewFrequency: ReviewFrequency | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the action is next reviewed (ONGOING actions especially)' })
  @Column({ type: 'date', nullable: true })
  nextReviewOn: string | null;

  @Field(() => String, { nullable: true, description: 'What was done: required to set COMPLETE' })
  @Column({ type: 'text', nullable: true })
  completionNote: string | null;

  @Field(() => Int, { description: 'How many times the due date (or timescale) was changed' })
  @Column({ name: 'due_date_changes', type: 'int', default: 0 })
  dueDateChangeCount: number;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  carriedForwardToId: string | null;

  @ManyToOne(() => Action, { onDelete: 'SET NULL' })
  @JoinColumn({ foreignKeyConstraintName: 'action_carried_forward_to_id_fkey' })
  carriedForwardTo?: Action;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'action_owner_agency_id_fkey' })
  ownerAgency?: Agency;
}

/** One dated progress note; appended by every update, never edited. */
@ObjectType()
@Entity()
@Index('action_update_action_idx', ['actionId', 'createdAt'])
export class ActionUpdate {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  actionId: string;

  @Field(() => DateScalar, { description: 'Date the note is about' })
  @Column({ type: 'date' })
  notedOn: string;

  @Field()
  @Column('text')
  note: string;

  @Field(() => ActionStatus, { nullable: true })
  @Column({ type: 'enum', enum: ActionStatus, enumName: 'action_status', nullable: true })
  fromStatus: ActionStatus | null;

  @Field(() => ActionStatus)
  @Column({ type: 'enum', enum: ActionStatus, enumName: 'action_status' })
  toStatus: ActionStatus;

  @Field(() => Rag, { nullable: true })
  @Column({ type: 'enum', enum: Rag, enumName: 'rag', nullable: true })
  fromRag: Rag | null;

  @Field(() => Rag, { nullable: true })
  @Column({ type: 'enum', enum: Rag, enumName: 'rag', nullable: true })
  toRag: Rag | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  byUserId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  byName: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Action, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'action_update_action_id_fkey' })
  action?: Action;
}

/** A change of an action's due date or timescale, with its reason; the old date stays here. */
@ObjectType()
@Entity()
@Index('action_due_date_change_action_idx', ['actionId', 'createdAt'])
export class ActionDueDateChange {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  actionId: string;

  @Field(() => DateScalar, { description: 'The day the change was made' })
  @Column({ type: 'date' })
  changedOn: string;

  @Field(() => DateScalar, { nullable: true, description: 'Null when it was ONGOING' })
  @Column({ type: 'date', nullable: true })
  fromDueOn: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Null when it became ONGOING' })
  @Column({ type: 'date', nullable: true })
  toDueOn: string | null;

  @Field()
  @Column('text')
  reason: string;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  byUserId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  byName: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Action, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'action_due_date_change_action_id_fkey' })
  action?: Action;
}
