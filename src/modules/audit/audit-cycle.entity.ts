import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { DateScalar } from '../../common/scalars';
import { AuditFramework } from './audit-framework.entity';

@ObjectType({ description: 'One audit round of a framework, run for one or more boards at once' })
@Entity()
export class AuditCycle extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  frameworkId: string;

  @Field()
  @Column()
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
  framework?: AuditFramework;
}
