import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The first answer to one user's Idempotency-Key (see src/common/idempotency.ts). No foreign key to
 * app_user: src/common does not know the modules, and users are deactivated, never deleted.
 */
@Entity()
@Index('idempotency_key_created_at_idx', ['createdAt'])
@Check('idempotency_key_state_check', `state = ANY (ARRAY['PENDING'::text, 'DONE'::text])`)
export class IdempotencyKey {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'idempotency_key_pkey' })
  userId: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'idempotency_key_pkey' })
  key: string;

  /** sha256 of the request (document, operation name, variables with their keys sorted). */
  @Column({ type: 'text' })
  requestHash: string;

  @Column({ type: 'text' })
  state: 'PENDING' | 'DONE';

  @Column({ type: 'integer', nullable: true })
  responseStatus: number | null;

  @Column({ type: 'text', nullable: true })
  responseBody: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
