import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { UserRole } from '../../common/enums';
import { Agency } from '../agency/agency.entity';

@ObjectType()
@Entity('app_user')
@Check('app_user_agency_check', `(role = 'AGENCY_USER') = (agency_id IS NOT NULL)`)
@Check('app_user_token_version_check', 'token_version >= 0')
@Check('app_user_deactivated_check', 'active = (deactivated_at IS NULL)')
export class User extends BaseEntity {
  @Field()
  @Index('app_user_email_key', { unique: true })
  @Column('text')
  email: string;

  @Field()
  @Column('text')
  name: string;

  @Column('text')
  passwordHash: string;

  @Field(() => UserRole)
  @Column({ type: 'enum', enum: UserRole, enumName: 'user_role' })
  role: UserRole;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  agencyId: string | null;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'app_user_agency_id_fkey' })
  agency?: Agency;

  @Field({ description: 'A deactivated user cannot sign in, and their tokens stop working at once' })
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  /** Carried in every token as `ver`; bumped to end every session of the user. Never exposed. */
  @Column({ type: 'int', default: 0 })
  tokenVersion: number;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  lastSignInAt: Date | null;
}
