import { IsOptional } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { DateScalar } from './scalars';

/** The day a figure is judged on (overdue, open, progress); default the clock's today. */
@ArgsType()
export class AsOfArgs {
  @Field(() => DateScalar, { nullable: true, description: 'The day overdue is judged on; default today' })
  @IsOptional()
  asOf?: string;
}
