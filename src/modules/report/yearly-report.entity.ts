import { Check, Column, Entity, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { Board } from '../board/board.entity';

export enum YearlyReportStatus {
  DRAFT = 'DRAFT',
  APPROVED = 'APPROVED',
  PUBLISHED = 'PUBLISHED',
}

/** A board's yearly report for one period, as it moves DRAFT -> APPROVED -> PUBLISHED. */
@Entity('yearly_report')
@Unique('yearly_report_board_id_period_from_period_to_key', ['boardId', 'periodFrom', 'periodTo'])
@Check('yearly_report_check', 'period_to >= period_from')
export class YearlyReportRecord extends BaseEntity {
  @Column('uuid')
  boardId: string;

  @Column({ type: 'date' })
  periodFrom: string;

  @Column({ type: 'date' })
  periodTo: string;

  @Column({ type: 'enum', enum: YearlyReportStatus, enumName: 'yearly_report_status', default: YearlyReportStatus.DRAFT })
  status: YearlyReportStatus;

  /** The publication deadline: by default three months after the period ends. */
  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'date', nullable: true })
  approvedOn: string | null;

  /** Who approved: the safeguarding partners or the board chair, as the coordinator recorded them. */
  @Column({ type: 'text', nullable: true })
  approvedBy: string | null;

  @Column({ type: 'date', nullable: true })
  publishedOn: string | null;

  /** How many versions have been frozen (one per approval and publication). */
  @Column({ type: 'int', default: 0 })
  version: number;

  @ManyToOne(() => Board, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'board_id', foreignKeyConstraintName: 'yearly_report_board_id_fkey' })
  board?: Board;
}

/** The report's text as it stood when approved or published: never changed afterwards. */
@Entity('yearly_report_version')
@Unique('yearly_report_version_report_id_version_key', ['reportId', 'version'])
export class YearlyReportVersion extends BaseEntity {
  @Column('uuid')
  reportId: string;

  @Column('int')
  version: number;

  @Column({ type: 'enum', enum: YearlyReportStatus, enumName: 'yearly_report_status' })
  status: YearlyReportStatus;

  @Column({ type: 'date' })
  recordedOn: string;

  @Column('uuid')
  recordedBy: string;

  @Column('text')
  markdown: string;

  @ManyToOne(() => YearlyReportRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'yearly_report_version_report_id_fkey' })
  report?: YearlyReportRecord;
}

/** Who the published report goes to, and the day it was sent. */
@Entity('yearly_report_recipient')
@Unique('yearly_report_recipient_report_id_name_key', ['reportId', 'name'])
export class YearlyReportRecipient extends BaseEntity {
  @Column('uuid')
  reportId: string;

  @Column('text')
  name: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'date', nullable: true })
  sentOn: string | null;

  @ManyToOne(() => YearlyReportRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'yearly_report_recipient_report_id_fkey' })
  report?: YearlyReportRecord;
}
