import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { UserRole } from '../../common/enums';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';

@ObjectType()
@Entity('app_user')
export class User extends BaseEntity {
  @Field()
  @Index({ unique: true })
  @Column()
  email: string;

  @Field()
  @Column()
  name: string;

  @Column()
  passwordHash: string;

  @Field(() => UserRole)
  @Column({ type: 'enum', enum: UserRole, enumName: 'user_role' })
  role: UserRole;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  agencyId: string | null;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
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
  user?: User;

  @ManyToOne(() => Board, { onDelete: 'CASCADE' })
  board?: Board;
}
