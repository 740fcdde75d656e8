import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { DateScalar } from '../../common/scalars';

export enum AuditAudience {
  CHILDREN = 'CHILDREN',
  ADULTS = 'ADULTS',
}
registerEnumType(AuditAudience, { name: 'AuditAudience', description: 'Who the standards protect: children (Section 11) or adults (SAB compliance)' });

@ObjectType({ description: 'A versioned set of standards agencies assess themselves against; a cycle keeps the version it started with' })
@Entity()
@Unique('audit_framework_key_version_key', ['key', 'version'])
@Check('audit_framework_version_check', 'version > 0')
export class AuditFramework extends BaseEntity {
  @Field({ description: 'Stable across versions, e.g. SECTION_11_CHILDREN' })
  @Column('text')
  key: string;

  @Field(() => Int)
  @Column('int')
  version: number;

  @Field()
  @Column('text')
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
@Unique('audit_standard_framework_id_code_key', ['frameworkId', 'code'])
export class AuditStandard extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  frameworkId: string;

  @Field({ description: 'Short code, unique in its framework, e.g. "5"' })
  @Column('text')
  code: string;

  @Field()
  @Column('text')
  title: string;

  @Field()
  @Column('text')
  guidance: string;

  @Field(() => Int)
  @Column('int')
  position: number;

  @ManyToOne(() => AuditFramework, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'audit_standard_framework_id_fkey' })
  framework?: AuditFramework;
}
