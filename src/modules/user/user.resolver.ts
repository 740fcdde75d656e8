import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { User } from './user.entity';
import { CreateUserInput } from './user.inputs';

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

  @Mutation(() => SignInPayload)
  signIn(@Arg('email') email: string, @Arg('password') password: string, @Ctx() ctx: Context) {
    return ctx.services.auth.signIn(email, password);
  }

  @Mutation(() => User)
  createUser(@Arg('input') input: CreateUserInput, @Ctx() ctx: Context) {
    return ctx.services.user.create(ctx.access, input);
  }

  @FieldResolver(() => [Board], { description: 'For yourself, every board you can read; for another user, the boards they work for' })
  boards(@Root() user: User, @Ctx() ctx: Context) {
    if (user.id === ctx.access.me.id) return ctx.services.board.list(ctx.access);
    return ctx.loaders.boardsByUser.load(user.id);
  }

  @FieldResolver(() => Agency, { nullable: true })
  agency(@Root() user: User, @Ctx() ctx: Context) {
    return user.agencyId ? ctx.loaders.agencyById.load(user.agencyId) : null;
  }
}
