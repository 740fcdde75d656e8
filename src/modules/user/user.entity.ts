import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { UserRole } from '../../common/enums';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';

@ObjectType()
@Entity('app_user')
@Check('app_user_agency_check', `(role = 'AGENCY_USER') = (agency_id IS NOT NULL)`)
export class User extends BaseEntity {
  @Field()
  @Index('app_user_email_key', { unique: true })
  @Column('text')
  email: string;

  @Field()
  @Column('text')
  name: string;

  @Column('text')
  passwordHash: string;

  @Field(() => UserRole)
  @Column({ type: 'enum', enum: UserRole, enumName: 'user_role' })
  role: UserRole;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  agencyId: string | null;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'app_user_agency_id_fkey' })
  agency?: Agency;
}

/** The boards a coordinator or viewer works for. */
@Entity()
export class UserBoard {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn('uuid')
  boardId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'user_board_user_id_fkey' })
  user?: User;

  @ManyToOne(() => Board, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'user_board_board_id_fkey' })
  board?: Board;
}
