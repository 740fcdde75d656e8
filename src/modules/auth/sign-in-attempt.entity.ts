import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../user/user.entity';

export type SignInOutcome = 'PENDING' | 'SUCCEEDED' | 'WRONG_PASSWORD' | 'UNKNOWN_EMAIL' | 'ACCOUNT_INACTIVE' | 'THROTTLED';

/**
 * One sign-in attempt: email, client address, time and outcome, never the password. The throttle
 * counts these rows, so the limits hold across every hub process on the database.
 */
@Entity()
@Index('sign_in_attempt_email_at_idx', ['email', 'at'])
@Index('sign_in_attempt_client_address_at_idx', ['clientAddress', 'at'])
@Check(
  'sign_in_attempt_outcome_check',
  // As PostgreSQL prints it back (the schema-agreement test compares the two).
  `outcome = ANY (ARRAY['PENDING'::text, 'SUCCEEDED'::text, 'WRONG_PASSWORD'::text, 'UNKNOWN_EMAIL'::text, 'ACCOUNT_INACTIVE'::text, 'THROTTLED'::text])`,
)
export class SignInAttempt {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text', nullable: true })
  clientAddress: string | null;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'sign_in_attempt_user_id_fkey' })
  user?: User;

  @Column({ type: 'text' })
  outcome: SignInOutcome;
}
