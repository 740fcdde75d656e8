import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { BeforeInsert, Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { User } from '../user/user.entity';
import { BaseEntity } from '../../common/base.entity';
import { BoardKind, currentBoardKind, OfficeHolderRole, Sector } from '../../common/enums';
import { DateScalar } from '../../common/scalars';
import { numericTransformer } from '../../database/transformers';
import type { Agency } from '../agency/agency.entity';

@ObjectType({ description: 'A Local Safeguarding Children Board, Safeguarding Adults Board, or a joint board' })
@Entity()
@Check('board_attendance_threshold_check', 'attendance_threshold >= 0 AND attendance_threshold <= 1')
@Check('board_quorum_minimum_check', 'quorum_minimum >= 0')
// The deprecated kinds CHILDREN and ADULTS are never stored (migration 1763881400000-arrangements).
@Check('board_kind_current_check', `kind <> ALL (ARRAY['CHILDREN'::board_kind, 'ADULTS'::board_kind])`)
@Check('board_runs_check', 'runs_to IS NULL OR runs_from IS NULL OR runs_to >= runs_from')
// Unique on lower(name): an expression index, which the migration owns and TypeORM cannot describe.
@Index('board_name_key', { synchronize: false })
export class Board extends BaseEntity {
  @Field()
  @Column('text')
  name: string;

  @Field(() => BoardKind)
  // Old names given by any writer (an old client, a script) are stored as the historic kinds.
  @Column({ type: 'enum', enum: BoardKind, enumName: 'board_kind', transformer: { to: (k: BoardKind | undefined) => (k ? currentBoardKind(k) : k), from: (k: BoardKind) => k } })
  kind: BoardKind;

  @Field()
  @Column('text')
  area: string;

  @Field(() => Float, { description: 'Attendance rate below which an agency is flagged (0..1)' })
  @Column({ type: 'numeric', precision: 4, scale: 3, default: () => '0.75', transformer: numericTransformer })
  attendanceThreshold: number;

  @Field(() => Int, { description: 'Minimum number of attending member agencies for a quorate meeting' })
  @Column({ type: 'int' })
  quorumMinimum: number;

  @Field(() => [Sector], { description: 'Sectors that must each have an attending member agency for a quorate meeting' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  quorumSectors: Sector[];

  @Field({ description: 'Published reports show counts below 5 as "fewer than 5"' })
  @Column({ default: true })
  suppressSmallNumbers: boolean;

  @Field(() => [String], { description: 'The local authority areas the board covers' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  footprint: string[];

  @Field(() => DateScalar, { nullable: true, description: 'The date the board (or these arrangements) ran from' })
  @Column({ type: 'date', nullable: true })
  runsFrom: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The date it ran to; null while it runs' })
  @Column({ type: 'date', nullable: true })
  runsTo: string | null;

  /** A board saved without a footprint covers its area (as migration 1763881400000 filled the existing ones). */
  @BeforeInsert()
  defaultFootprint(): void {
    if (!this.footprint?.length && this.area) this.footprint = [this.area];
  }
}

/** Someone holding an office of a board for a time: a lead or delegated safeguarding partner, the chair, the scrutineer… */
@ObjectType()
@Entity()
@Index('office_holder_board_idx', ['boardId', 'startsOn'])
@Check('office_holder_dates_check', 'ends_on IS NULL OR ends_on >= starts_on')
export class OfficeHolder extends BaseEntity {
  @Field(() => ID)
  @Column('uuid')
  boardId: string;

  @Field(() => OfficeHolderRole)
  @Column({ type: 'enum', enum: OfficeHolderRole, enumName: 'office_holder_role' })
  role: OfficeHolderRole;

  @Field()
  @Column('text')
  personName: string;

  @Field(() => ID, { nullable: true, description: 'The agency the office is held for (a lead partner’s council, ICB or police force)' })
  @Column({ type: 'uuid', nullable: true })
  agencyId: string | null;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  startsOn: string;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  endsOn: string | null;

  @ManyToOne(() => Board, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'office_holder_board_id_fkey' })
  board?: Board;

  @ManyToOne('Agency', { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'office_holder_agency_id_fkey' })
  agency?: Agency;
}

/**
 * The boards a coordinator or viewer works for. It belongs to the board module, so boards need
 * nothing of the user module (the relation to User is named, not imported).
 */
@Entity()
export class UserBoard {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn('uuid')
  boardId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'user_board_user_id_fkey' })
  user?: User;

  @ManyToOne(() => Board, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'user_board_board_id_fkey' })
  board?: Board;
}
