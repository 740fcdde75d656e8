import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
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

@Resolver(() => Board)
export class BoardMembersResolver {
  @FieldResolver(() => [Membership], { description: 'Seats on the board: active on asOf (default today), or all history with includeEnded' })
  async members(@Root() board: Board, @Args() args: MembersArgs, @Ctx() ctx: Context) {
    const seats = await ctx.loaders.membershipsByBoard.load(board.id);
    return ctx.services.membership.filterActive(seats, args.asOf ?? ctx.clock.today(), args.includeEnded);
  }
}

@Resolver(() => SubGroup)
export class SubGroupMembersResolver {
  @FieldResolver(() => [Membership])
  async members(@Root() subGroup: SubGroup, @Args() args: MembersArgs, @Ctx() ctx: Context) {
    const seats = await ctx.loaders.membershipsBySubGroup.load(subGroup.id);
    return ctx.services.membership.filterActive(seats, args.asOf ?? ctx.clock.today(), args.includeEnded);
  }
}

@Resolver(() => Agency)
export class AgencyMembershipsResolver {
  @FieldResolver(() => [Membership], { description: "Seats on boards and sub-groups you can read (and all of your own agency's), current and ended" })
  memberships(@Root() agency: Agency, @Ctx() ctx: Context) {
    return ctx.loaders.membershipsByAgency.load(agency.id);
  }
}
