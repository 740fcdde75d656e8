import { Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { DateScalar } from '../../common/scalars';

@InputType()
export class AddClosureDayInput {
  @Field(() => DateScalar)
  day: string;

  @Field({ description: 'e.g. "Council closure between Christmas and New Year"' })
  @Length(1, 500)
  reason: string;
}
