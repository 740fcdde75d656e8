import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { AttendanceStatus, MeetingStatus } from '../../common/enums';
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
