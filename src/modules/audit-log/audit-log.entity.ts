import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: a database trigger refuses UPDATE and DELETE on this table. */
@ObjectType()
@Entity()
@Index('audit_log_entry_board_ids_idx', ['boardIds'], { type: 'gin' })
export class AuditLogEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  userEmail: string | null;

  @Field()
  @Column('text')
  operation: string;

  @Field()
  @Column('text')
  entityType: string;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'text', nullable: true })
  entityId: string | null;

  @Field(() => [ID], { description: 'Boards the change concerns; coordinators read entries of their boards' })
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  boardIds: string[];

  @Field(() => GraphQLJSONObject)
  @Column({ type: 'jsonb' })
  input: Record<string, unknown>;
}
