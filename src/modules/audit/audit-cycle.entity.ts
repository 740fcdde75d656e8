import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { DateScalar } from '../../common/scalars';
import { AuditFramework } from './audit-framework.entity';

@ObjectType({ description: 'One audit round of a framework, run for one or more boards at once' })
@Entity()
@Check('audit_cycle_board_ids_check', 'cardinality(board_ids) > 0')
@Check('audit_cycle_check', 'due_on >= opens_on')
@Index('audit_cycle_board_ids_idx', ['boardIds'], { type: 'gin' })
@Index('audit_cycle_invited_idx', ['invitedAgencyIds'], { type: 'gin' })
export class AuditCycle extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  frameworkId: string;

  @Field()
  @Column('text')
  name: string;

  @Field(() => [ID])
  @Column({ type: 'uuid', array: true })
  boardIds: string[];

  @Field(() => [ID])
  @Column({ type: 'uuid', array: true })
  invitedAgencyIds: string[];

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  opensOn: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  dueOn: string;

  @ManyToOne(() => AuditFramework, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'audit_cycle_framework_id_fkey' })
  framework?: AuditFramework;
}
