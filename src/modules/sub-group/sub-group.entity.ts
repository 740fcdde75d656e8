import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { Sector } from '../../common/enums';
import { numericTransformer } from '../../database/transformers';
import { Board } from '../board/board.entity';

@ObjectType({ description: 'A working group of one board, or a joint sub-group serving several' })
@Entity()
@Check('sub_group_attendance_threshold_check', 'attendance_threshold >= 0 AND attendance_threshold <= 1')
@Check('sub_group_quorum_minimum_check', 'quorum_minimum >= 0')
export class SubGroup extends BaseEntity {
  @Field()
  @Column('text')
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  @Field(() => Float)
  @Column({ type: 'numeric', precision: 4, scale: 3, transformer: numericTransformer })
  attendanceThreshold: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  quorumMinimum: number;

  @Field(() => [Sector])
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  quorumSectors: Sector[];
}

/** Which boards a sub-group serves (joint sub-groups serve more than one). */
@Entity()
export class SubGroupBoard {
  @PrimaryColumn('uuid')
  subGroupId: string;

  @Index('sub_group_board_board_idx')
  @PrimaryColumn('uuid')
  boardId: string;

  @ManyToOne(() => SubGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'sub_group_board_sub_group_id_fkey' })
  subGroup?: SubGroup;

  @ManyToOne(() => Board, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'sub_group_board_board_id_fkey' })
  board?: Board;
}
