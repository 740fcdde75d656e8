import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { DateScalar } from '../../common/scalars';

export enum AuditAudience {
  CHILDREN = 'CHILDREN',
  ADULTS = 'ADULTS',
}
registerEnumType(AuditAudience, { name: 'AuditAudience', description: 'Who the standards protect: children (Section 11) or adults (SAB compliance)' });

@ObjectType({ description: 'A versioned set of standards agencies assess themselves against; a cycle keeps the version it started with' })
@Entity()
@Unique(['key', 'version'])
export class AuditFramework extends BaseEntity {
  @Field({ description: 'Stable across versions, e.g. SECTION_11_CHILDREN' })
  @Column()
  key: string;

  @Field(() => Int)
  @Column('int')
  version: number;

  @Field()
  @Column()
  name: string;

  @Field(() => AuditAudience)
  @Column({ type: 'enum', enum: AuditAudience, enumName: 'audit_audience' })
  audience: AuditAudience;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  publishedOn: string;
}

@ObjectType()
@Entity()
@Unique(['frameworkId', 'code'])
export class AuditStandard extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  frameworkId: string;

  @Field({ description: 'Short code, unique in its framework, e.g. "5"' })
  @Column()
  code: string;

  @Field()
  @Column()
  title: string;

  @Field()
  @Column()
  guidance: string;

  @Field(() => Int)
  @Column('int')
  position: number;

  @ManyToOne(() => AuditFramework, { onDelete: 'RESTRICT' })
  framework?: AuditFramework;
}
