import { IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../common/pagination';
import { ReminderKind } from './notification.entity';

@ArgsType()
export class NotificationsArgs extends PageArgs {
  @Field({ defaultValue: false, description: 'Only those not marked read yet' })
  unreadOnly: boolean = false;
}

@InputType({ description: 'Turn one kind of reminder on or off for a board, and set its days' })
export class SetReminderSettingInput {
  @Field(() => ID)
  boardId: string;

  @Field(() => ReminderKind)
  kind: ReminderKind;

  @Field()
  enabled: boolean;

  @Field(() => Int, { nullable: true, description: 'RETURN_DUE_SOON and AGENCY_ACTION_DIGEST only: 1 to 90; left out, the current value stays' })
  @IsOptional()
  @Min(1)
  @Max(90)
  daysBefore?: number;
}
