import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { DateScalar } from '../../common/scalars';
import { Board } from '../board/board.entity';
import { SubGroup } from '../sub-group/sub-group.entity';

@ObjectType({ description: "A board's priorities for a period" })
@Entity()
export class BusinessPlan extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  boardId: string;

  @Field()
  @Column()
  title: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  periodFrom: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  periodTo: string;

  @ManyToOne(() => Board, { onDelete: 'RESTRICT' })
  board?: Board;
}

@ObjectType()
@Entity()
@Unique(['planId', 'code'])
export class PlanPriority extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  planId: string;

  @Field({ description: 'Such as "A" or "2a", unique in its plan' })
  @Column()
  code: string;

  @Field()
  @Column()
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
  plan?: BusinessPlan;

  @ManyToOne(() => SubGroup, { onDelete: 'RESTRICT', nullable: true })
  leadSubGroup?: SubGroup;
}
