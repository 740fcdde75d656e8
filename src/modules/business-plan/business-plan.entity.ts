import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { DateScalar } from '../../common/scalars';
import { Board } from '../board/board.entity';
import { SubGroup } from '../sub-group/sub-group.entity';

@ObjectType({ description: "A board's priorities for a period" })
@Entity()
@Check('business_plan_check', 'period_to >= period_from')
@Index('business_plan_board_idx', ['boardId', 'periodFrom'])
export class BusinessPlan extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  boardId: string;

  @Field()
  @Column('text')
  title: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  periodFrom: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  periodTo: string;

  @ManyToOne(() => Board, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'business_plan_board_id_fkey' })
  board?: Board;
}

@ObjectType()
@Entity()
@Unique('plan_priority_plan_id_code_key', ['planId', 'code'])
export class PlanPriority extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  planId: string;

  @Field({ description: 'Such as "A" or "2a", unique in its plan' })
  @Column('text')
  code: string;

  @Field()
  @Column('text')
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  outcomesSought: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  leadSubGroupId: string | null;

  @Field(() => Int)
  @Column('int')
  position: number;

  @ManyToOne(() => BusinessPlan, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'plan_priority_plan_id_fkey' })
  plan?: BusinessPlan;

  @ManyToOne(() => SubGroup, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ foreignKeyConstraintName: 'plan_priority_lead_sub_group_id_fkey' })
  leadSubGroup?: SubGroup;
}
