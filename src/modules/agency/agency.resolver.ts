import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Connection } from '../../common/pagination';
import { Context } from '../../context';
import { Agency } from './agency.entity';
import { AgenciesArgs, CreateAgencyInput } from './agency.inputs';

export const AgencyConnection = Connection(Agency, 'Agency');

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => AgencyConnection, { description: 'The agency directory, by name' })
  agencies(@Args() args: AgenciesArgs, @Ctx() ctx: Context) {
    return ctx.services.agency.list(ctx.access, args);
  }

  @Query(() => Agency)
  agency(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.agency.get(ctx.access, id);
  }

  @Mutation(() => Agency)
  createAgency(@Arg('input') input: CreateAgencyInput, @Ctx() ctx: Context) {
    return ctx.services.agency.create(ctx.access, input);
  }
}
