import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
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
}

registerEnumType(ActionStatus, { name: 'ActionStatus' });
registerEnumType(Rag, { name: 'Rag', description: 'Red / Amber / Green' });
registerEnumType(ActionSourceType, { name: 'ActionSourceType' });


@ObjectType({ description: 'Something an agency owes: from an audit return standard, a review recommendation or a business plan priority' })
@Entity()
@Index('action_owner_due_idx', ['ownerAgencyId', 'dueOn'])
@Index('action_source_idx', ['sourceType', 'sourceId'])
@Index('action_board_ids_idx', ['boardIds'], { type: 'gin' })
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
