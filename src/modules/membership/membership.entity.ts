import { Field, ID, ObjectType } from 'type-graphql';
import { BeforeInsert, Check, Column, Entity, Exclusion, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { MembershipRole } from '../../common/enums';
import { DateScalar } from '../../common/scalars';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { SubGroup } from '../sub-group/sub-group.entity';

/** An agency's seat on a board or a sub-group. Ended memberships stay as history. */
@ObjectType()
@Entity()
@Check('membership_body_check', '(board_id IS NULL) <> (sub_group_id IS NULL)')
@Check('membership_dates_check', 'ends_on IS NULL OR ends_on >= starts_on')
@Index('membership_board_idx', ['boardId', 'agencyId'], { where: 'board_id IS NOT NULL' })
@Index('membership_sub_group_idx', ['subGroupId', 'agencyId'], { where: 'sub_group_id IS NOT NULL' })
// One seat per agency per body at a time (dates inclusive); migration 1763880700000-integrity.
@Exclusion('membership_board_seat_excl', `USING gist ("board_id" WITH =, "agency_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&) WHERE ("board_id" IS NOT NULL)`)
@Exclusion('membership_sub_group_seat_excl', `USING gist ("sub_group_id" WITH =, "agency_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&) WHERE ("sub_group_id" IS NOT NULL)`)
export class Membership extends BaseEntity {
  @Field(() => ID)
  @Index('membership_agency_idx')
  @Column('uuid')
  agencyId: string;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  boardId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  subGroupId: string | null;

  @Field(() => MembershipRole)
  @Column({ type: 'enum', enum: MembershipRole, enumName: 'membership_role' })
  role: MembershipRole;

  @Field(() => String, { nullable: true, description: 'Named representative (the first of representatives)' })
  @Column({ type: 'text', nullable: true })
  representative: string | null;

  @Field(() => String, { nullable: true, description: 'Nominated deputy (the first of deputies)' })
  @Column({ type: 'text', nullable: true })
  deputy: string | null;

  @Field(() => [String], { description: 'The people who sit for the agency; each is expected at meetings while the seat is active' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  representatives: string[];

  @Field(() => [String], { description: 'Named deputies: one standing in counts for the agency, not for the representative' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  deputies: string[];

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  startsOn: string;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  endsOn: string | null;

  @Field({ description: 'Advisers and observers need not attend' })
  @Column()
  expectedToAttend: boolean;

  /** A seat saved with only the single representative or deputy (older callers, scripts) names them in the lists too. */
  @BeforeInsert()
  namePeople(): void {
    if (!this.representatives?.length) this.representatives = this.representative ? [this.representative] : [];
    if (!this.deputies?.length) this.deputies = this.deputy ? [this.deputy] : [];
  }

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'membership_agency_id_fkey' })
  agency?: Agency;

  @ManyToOne(() => Board, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'membership_board_id_fkey' })
  board?: Board;

  @ManyToOne(() => SubGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'membership_sub_group_id_fkey' })
  subGroup?: SubGroup;
}
