import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One signed-in (or signing-in) browser of the web app; see src/web/session.ts. */
@Entity()
@Index('web_session_expires_at_idx', ['expiresAt'])
export class WebSession {
  /** sha256 (hex) of the cookie's random value. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'web_session_pkey' })
  id: string;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
