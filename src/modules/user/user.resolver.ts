import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { UserRole } from '../../common/enums';
import { Connection } from '../../common/pagination';
import { Context } from '../../context';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { User } from './user.entity';
import { CreateUserInput, UsersArgs } from './user.inputs';

export const UserConnection = Connection(User, 'User');

@ObjectType()
export class SignInPayload {
  @Field({ description: 'Send as Authorization: Bearer <token>' })
  token: string;

  @Field()
  expiresAt: Date;

  @Field(() => ID)
  userId: string;
}

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { description: 'The signed-in user' })
  me(@Ctx() ctx: Context) {
    return ctx.services.user.get(ctx.access, ctx.access.me.id);
  }

  @Mutation(() => SignInPayload, { description: 'Throttled per email and per client address: TOO_MANY_REQUESTS with extensions.retryAfterSeconds' })
  signIn(@Arg('email') email: string, @Arg('password') password: string, @Ctx() ctx: Context) {
    return ctx.services.auth.signIn(email, password, ctx.clientAddress);
  }

  @Mutation(() => User)
  createUser(@Arg('input') input: CreateUserInput, @Ctx() ctx: Context) {
    return ctx.services.user.create(ctx.access, input);
  }

  @FieldResolver(() => [Board], { description: 'For yourself, every board you can read; for another user, the boards they work for that you can read' })
  async boards(@Root() user: User, @Ctx() ctx: Context) {
    if (user.id === ctx.access.me.id) return ctx.services.board.list(ctx.access);
    // accounts: other users are listed to coordinators now, so their other boards stay out.
    const [boards, scope] = await Promise.all([ctx.loaders.boardsByUser.load(user.id), ctx.access.readableBoards()]);
    return scope.all ? boards : boards.filter((b) => scope.ids.has(b.id));
  }

  // --- accounts (issue 10, parts 3 and 4) ---

  @Query(() => UserConnection, { description: 'Admins: every user. Coordinators: the users of their boards. By name.' })
  users(@Args() args: UsersArgs, @Ctx() ctx: Context) {
    return ctx.services.user.list(ctx.access, args);
  }

  @Mutation(() => User, { description: "Admins; coordinators for their boards' users (never an admin or themselves). Their tokens stop working at once." })
  deactivateUser(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.user.setActive(ctx.access, id, false);
  }

  @Mutation(() => User, { description: 'Who may deactivate a user may reactivate them; their earlier tokens stay revoked' })
  reactivateUser(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.user.setActive(ctx.access, id, true);
  }

  @Mutation(() => SignInPayload, { description: 'Your own password (the current one required, the new one at least 12 characters). Your other sessions end; use the token returned.' })
  changePassword(@Arg('currentPassword') currentPassword: string, @Arg('newPassword') newPassword: string, @Ctx() ctx: Context) {
    return ctx.services.auth.changePassword(ctx.access, currentPassword, newPassword, ctx.clientAddress);
  }

  @Mutation(() => User, { description: "Admins set a user's password; every session of that user ends" })
  resetPassword(@Arg('userId', () => ID) userId: string, @Arg('newPassword') newPassword: string, @Ctx() ctx: Context) {
    return ctx.services.auth.resetPassword(ctx.access, userId, newPassword);
  }

  @Mutation(() => Boolean, { description: 'Ends every session of yours, this one included' })
  signOutEverywhere(@Ctx() ctx: Context) {
    return ctx.services.auth.signOutEverywhere(ctx.access);
  }

  @FieldResolver(() => [ID], { description: 'Boards this user can change (ids in a stable order): every board for an admin, their boards for a coordinator (those you can read)' })
  async canManageBoardIds(@Root() user: User, @Ctx() ctx: Context): Promise<string[]> {
    const me = ctx.access.me;
    if (user.role === UserRole.ADMIN) return (await ctx.services.board.list(ctx.access)).map((b) => b.id).sort();
    if (user.role !== UserRole.COORDINATOR) return [];
    if (user.id === me.id) return [...me.boardIds].sort();
    const scope = await ctx.access.readableBoards();
    return (await ctx.loaders.boardsByUser.load(user.id)).map((b) => b.id).filter((id) => scope.all || scope.ids.has(id)).sort();
  }

  // --- end accounts ---

  @FieldResolver(() => Agency, { nullable: true })
  agency(@Root() user: User, @Ctx() ctx: Context) {
    return user.agencyId ? ctx.loaders.agencyById.load(user.agencyId) : null;
  }
}
