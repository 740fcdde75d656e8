import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Column, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { Sector } from '../../common/enums';
import { numericTransformer } from '../../database/transformers';
import { Board } from '../board/board.entity';

@ObjectType({ description: 'A working group of one board, or a joint sub-group serving several' })
@Entity()
export class SubGroup extends BaseEntity {
  @Field()
  @Column()
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

  @PrimaryColumn('uuid')
  boardId: string;

  @ManyToOne(() => SubGroup, { onDelete: 'CASCADE' })
  subGroup?: SubGroup;

  @ManyToOne(() => Board, { onDelete: 'CASCADE' })
  board?: Board;
}
