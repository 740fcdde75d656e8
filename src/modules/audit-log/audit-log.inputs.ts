import { IsOptional, IsUUID, Length } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { PageArgs } from '../../common/pagination';

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only entries about this board' })
  @IsOptional()
  @IsUUID()
  boardId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 100)
  operation?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  entityId?: string;
}
