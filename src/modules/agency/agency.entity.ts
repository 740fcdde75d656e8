import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { Sector } from '../../common/enums';

@ObjectType({ description: 'A partner organisation; one agency often sits on several boards' })
@Entity()
@Index('agency_name_id_idx', ['name', 'id'])
export class Agency extends BaseEntity {
  @Field()
  @Index('agency_name_key', { unique: true })
  @Column('text')
  name: string;

  @Field(() => Sector)
  @Column({ type: 'enum', enum: Sector, enumName: 'sector' })
  sector: Sector;
}
