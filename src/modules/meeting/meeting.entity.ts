import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { AgendaItemKind, AgendaLinkType, AttendanceMode, AttendanceStatus, MeetingStatus, MeetingType, RegisterCapacity, RegisterStatus } from '../../common/enums';
import { DateScalar } from '../../common/scalars';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { SubGroup } from '../sub-group/sub-group.entity';

@ObjectType()
@Entity()
@Check('meeting_body_check', '(board_id IS NULL) <> (sub_group_id IS NULL)')
@Index('meeting_board_date_idx', ['boardId', 'date', 'id'], { where: 'board_id IS NOT NULL' })
@Index('meeting_sub_group_date_idx', ['subGroupId', 'date', 'id'], { where: 'sub_group_id IS NOT NULL' })
@Check('meeting_cancellation_reason_check', `status = 'CANCELLED' OR cancellation_reason IS NULL`)
export class Meeting extends BaseEntity {
  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  boardId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  subGroupId: string | null;

  @Field()
  @Column('text')
  title: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  date: string;

  @Field(() => MeetingStatus)
  @Column({ type: 'enum', enum: MeetingStatus, enumName: 'meeting_status', default: MeetingStatus.SCHEDULED })
  status: MeetingStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  cancellationReason: string | null;

  @Field(() => MeetingType)
  @Column({ type: 'enum', enum: MeetingType, enumName: 'meeting_type', default: MeetingType.BOARD })
  type: MeetingType;

  @Field(() => String, { nullable: true, description: 'Why an ADJOURNED meeting transacted no business' })
  @Column({ type: 'text', nullable: true })
  adjournmentReason: string | null;

  @ManyToOne(() => Board, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'meeting_board_id_fkey' })
  board?: Board;

  @ManyToOne(() => SubGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'meeting_sub_group_id_fkey' })
  subGroup?: SubGroup;
}

/** One record per member agency per meeting; a missing record at a HELD meeting reads as ABSENT. */
@ObjectType()
@Entity()
@Unique('attendance_meeting_agency_key', ['meetingId', 'agencyId'])
export class Attendance extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  meetingId: string;

  @Field(() => ID)
  @Index('attendance_agency_idx')
  @Column('uuid')
  agencyId: string;

  @Field(() => AttendanceStatus)
  @Column({ type: 'enum', enum: AttendanceStatus, enumName: 'attendance_status' })
  status: AttendanceStatus;

  @Field(() => String, { nullable: true, description: 'Who came (the representative or the deputy)' })
  @Column({ type: 'text', nullable: true })
  attendeeName: string | null;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'attendance_meeting_id_fkey' })
  meeting?: Meeting;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'attendance_agency_id_fkey' })
  agency?: Agency;
}

/**
 * One person on a meeting's register (arrangements.md): who, for which agency (none for a lay member
 * or guest), in what capacity, whether they came, and how. The per-agency attendance records are
 * derived from these rows (src/rules/meetings.ts), so the two registers never disagree.
 */
@ObjectType()
@Entity()
@Index('register_entry_meeting_idx', ['meetingId'])
export class RegisterEntry extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  meetingId: string;

  @Field(() => String, { nullable: true, description: 'Null only for per-agency records that named nobody and a seat with no representative' })
  @Column({ type: 'text', nullable: true })
  personName: string | null;

  @Field(() => ID, { nullable: true })
  @Index('register_entry_agency_idx')
  @Column({ type: 'uuid', nullable: true })
  agencyId: string | null;

  @Field(() => RegisterCapacity)
  @Column({ type: 'enum', enum: RegisterCapacity, enumName: 'register_capacity' })
  capacity: RegisterCapacity;

  @Field(() => RegisterStatus)
  @Column({ type: 'enum', enum: RegisterStatus, enumName: 'register_status' })
  status: RegisterStatus;

  @Field(() => AttendanceMode)
  @Column({ type: 'enum', enum: AttendanceMode, enumName: 'attendance_mode', default: AttendanceMode.IN_PERSON })
  mode: AttendanceMode;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'register_entry_meeting_id_fkey' })
  meeting?: Meeting;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'register_entry_agency_id_fkey' })
  agency?: Agency;
}

@ObjectType()
@Entity()
@Unique('agenda_item_meeting_position_key', ['meetingId', 'position'])
@Check('agenda_item_link_check', '(link_type IS NULL) = (link_id IS NULL)')
@Check('agenda_item_position_check', 'position >= 1')
export class AgendaItem extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  meetingId: string;

  @Field(() => Int, { description: 'Order on the agenda, from 1' })
  @Column('int')
  position: number;

  @Field()
  @Column('text')
  title: string;

  @Field(() => AgendaItemKind)
  @Column({ type: 'enum', enum: AgendaItemKind, enumName: 'agenda_item_kind' })
  kind: AgendaItemKind;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  presentingAgencyId: string | null;

  @Field(() => AgendaLinkType, { nullable: true, description: 'What the item is about: a case review, an audit cycle, a plan priority or an indicator' })
  @Column({ type: 'enum', enum: AgendaLinkType, enumName: 'agenda_link_type', nullable: true })
  linkType: AgendaLinkType | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  linkId: string | null;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'agenda_item_meeting_id_fkey' })
  meeting?: Meeting;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'agenda_item_presenting_agency_id_fkey' })
  presentingAgency?: Agency;
}

/** A decision of a meeting, with the safeguarding partners who agreed and whether decision quorum held. */
@ObjectType()
@Entity()
@Index('decision_meeting_idx', ['meetingId'])
export class Decision extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  meetingId: string;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  agendaItemId: string | null;

  @Field()
  @Column('text')
  text: string;

  @Field(() => [ID], { description: 'The safeguarding partner agencies who agreed' })
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  agreedByAgencyIds: string[];

  @Field({ description: 'Taken with each of the three safeguarding partners present (src/rules/meetings.ts)' })
  @Column()
  decisionQuorate: boolean;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'decision_meeting_id_fkey' })
  meeting?: Meeting;

  @ManyToOne(() => AgendaItem, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'decision_agenda_item_id_fkey' })
  agendaItem?: AgendaItem;
}
