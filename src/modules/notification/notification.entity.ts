import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { DateScalar } from '../../common/scalars';
import { Board } from '../board/board.entity';
import { User } from '../user/user.entity';

/** What a reminder is about; also the kind of each notification it leaves. */
export enum ReminderKind {
  RETURN_DUE_SOON = 'RETURN_DUE_SOON',
  RETURN_DUE_TODAY = 'RETURN_DUE_TODAY',
  RETURN_OVERDUE = 'RETURN_OVERDUE',
  AGENCY_ACTION_DIGEST = 'AGENCY_ACTION_DIGEST',
  COORDINATOR_DIGEST = 'COORDINATOR_DIGEST',
}

export enum EmailStatus {
  /** Waiting in the queue (or between retries). */
  PENDING = 'PENDING',
  SENT = 'SENT',
  /** No SMTP server configured: written to the log instead. */
  LOGGED = 'LOGGED',
  /** Every retry failed; reported in the log, and kept here. */
  FAILED = 'FAILED',
}

registerEnumType(ReminderKind, {
  name: 'ReminderKind',
  valuesConfig: {
    RETURN_DUE_SOON: { description: "To an agency's users: its Section 11 return is due in N days (N per board, default 14)" },
    RETURN_DUE_TODAY: { description: "To an agency's users: its return is due today" },
    RETURN_OVERDUE: { description: "To an agency's users: its return is overdue; the day after the due date, then weekly" },
    AGENCY_ACTION_DIGEST: { description: "Weekly, to an agency's users: its overdue actions and those coming due within N days (default 14)" },
    COORDINATOR_DIGEST: { description: "Weekly, to a board's coordinators: outstanding returns and overdue actions" },
  },
});
registerEnumType(EmailStatus, { name: 'EmailStatus' });

/** Kinds that are digests: each user may turn these off for themselves. */
export const DIGEST_KINDS: readonly ReminderKind[] = [ReminderKind.AGENCY_ACTION_DIGEST, ReminderKind.COORDINATOR_DIGEST];

/** Kinds that take a number of days, and its default (no row for a board: every reminder on, these days). */
export const DEFAULT_DAYS: Partial<Record<ReminderKind, number>> = {
  [ReminderKind.RETURN_DUE_SOON]: 14,
  [ReminderKind.AGENCY_ACTION_DIGEST]: 14,
};

/**
 * One message to one user, and the sent-log: unique on (user, kind, subject, period), so the same
 * event is never notified twice, whatever the number of hub replicas or runs.
 */
@ObjectType({ description: 'A reminder or digest sent to you: readable here whether or not the email went out' })
@Entity()
@Unique('notification_user_id_kind_subject_id_period_key', ['userId', 'kind', 'subjectId', 'period'])
@Index('notification_user_created_idx', ['userId', 'createdAt', 'id'])
@Check('notification_email_attempts_check', 'email_attempts >= 0')
export class Notification {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @Field(() => ReminderKind)
  @Column({ type: 'enum', enum: ReminderKind, enumName: 'reminder_kind' })
  kind: ReminderKind;

  @Field(() => ID, { description: 'What it is about: the audit cycle (return reminders), the agency (action digest) or you (coordinator digest)' })
  @Column('uuid')
  subjectId: string;

  @Field(() => DateScalar, { description: 'The period it belongs to: the due date, the overdue week, or the digest week' })
  @Column({ type: 'date' })
  period: string;

  @Field(() => [ID])
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  boardIds: string[];

  @Field()
  @Column('text')
  title: string;

  @Field()
  @Column('text')
  body: string;

  @Field({ description: 'Why you received it' })
  @Column('text')
  reason: string;

  @Field({ description: 'The web app page it is about' })
  @Column('text')
  link: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Column('text')
  emailTo: string;

  @Field(() => EmailStatus)
  @Column({ type: 'enum', enum: EmailStatus, enumName: 'email_status', default: EmailStatus.PENDING })
  emailStatus: EmailStatus;

  @Field(() => Int)
  @Column({ type: 'int', default: 0 })
  emailAttempts: number;

  @Column({ type: 'text', nullable: true })
  emailError: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  emailedAt: Date | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'notification_user_id_fkey' })
  user?: User;
}

/** A board's choice for one kind of reminder; no row means on, with the default days. */
@ObjectType({ description: "A board's setting for one kind of reminder" })
@Entity()
@Check('reminder_setting_days_before_check', 'days_before IS NULL OR (days_before >= 1 AND days_before <= 90)')
export class ReminderSetting {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  boardId: string;

  @Field(() => ReminderKind)
  @PrimaryColumn({ type: 'enum', enum: ReminderKind, enumName: 'reminder_kind' })
  kind: ReminderKind;

  @Field()
  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Field(() => Int, { nullable: true, description: 'RETURN_DUE_SOON: days before the due date; AGENCY_ACTION_DIGEST: days ahead counted as coming due' })
  @Column({ type: 'int', nullable: true })
  daysBefore: number | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => Board, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'reminder_setting_board_id_fkey' })
  board?: Board;
}

/** A user's own choices; no row means digests on. */
@ObjectType('NotificationPreferences', { description: 'Your own choices about what the hub emails you' })
@Entity()
export class NotificationPreference {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  userId: string;

  @Field({ description: 'Weekly digests (action digest, coordinator digest); reminders about a return are always sent' })
  @Column({ type: 'boolean', default: true })
  digests: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'notification_preference_user_id_fkey' })
  user?: User;
}
