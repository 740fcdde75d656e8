import { Arg, ArgsType, Ctx, Field, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../../common/scalars';
import { Context } from '../../context';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { SubGroup } from '../sub-group/sub-group.entity';
import { Membership } from './membership.entity';
import { AddMembershipInput, EndMembershipInput } from './membership.inputs';

@ArgsType()
export class MembersArgs {
  @Field({ defaultValue: false, description: 'Include ended and future seats (the membership history)' })
  includeEnded: boolean;

  @Field(() => DateScalar, { nullable: true, description: 'Members active on this date; default today' })
  asOf?: string;
}

@Resolver(() => Membership)
export class MembershipResolver {
  @Mutation(() => Membership)
  addMembership(@Arg('input') input: AddMembershipInput, @Ctx() ctx: Context) {
    return ctx.services.membership.add(ctx.access, input);
  }

  @Mutation(() => Membership, { description: 'Ends a seat; the membership stays as history' })
  endMembership(@Arg('input') input: EndMembershipInput, @Ctx() ctx: Context) {
    return ctx.services.membership.end(ctx.access, input);
  }

  @FieldResolver(() => Agency)
  agency(@Root() m: Membership, @Ctx() ctx: Context) {
    return ctx.loaders.agencyById.load(m.agencyId);
  }

  @FieldResolver(() => Board, { nullable: true })
  board(@Root() m: Membership, @Ctx() ctx: Context) {
    return m.boardId ? ctx.loaders.boardById.load(m.boardId) : null;
  }

  @FieldResolver(() => SubGroup, { nullable: true })
  subGroup(@Root() m: Membership, @Ctx() ctx: Context) {
    return m.subGroupId ? ctx.loaders.subGroupById.load(m.subGroupId) : null;
  }

  @FieldResolver({ description: 'Active today' })
  active(@Root() m: Membership, @Ctx() ctx: Context): boolean {
    return ctx.services.membership.filterActive([m], ctx.clock.today(), false).length === 1;
  }
}
