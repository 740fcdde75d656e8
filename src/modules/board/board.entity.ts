import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { User } from '../user/user.entity';
import { BaseEntity } from '../../common/base.entity';
import { BoardKind, Sector } from '../../common/enums';
import { numericTransformer } from '../../database/transformers';

@ObjectType({ description: 'A Local Safeguarding Children Board, Safeguarding Adults Board, or a joint board' })
@Entity()
@Check('board_attendance_threshold_check', 'attendance_threshold >= 0 AND attendance_threshold <= 1')
@Check('board_quorum_minimum_check', 'quorum_minimum >= 0')
// Unique on lower(name): an expression index, which the migration owns and TypeORM cannot describe.
@Index('board_name_key', { synchronize: false })
export class Board extends BaseEntity {
  @Field()
  @Column('text')
  name: string;

  @Field(() => BoardKind)
  @Column({ type: 'enum', enum: BoardKind, enumName: 'board_kind' })
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
