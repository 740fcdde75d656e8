import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { PageInfo } from '../../common/pagination';
import { Context } from '../../context';
import { Board } from '../board/board.entity';
import { Notification, NotificationPreference, ReminderSetting } from './notification.entity';
import { NotificationsArgs, SetReminderSettingInput } from './notification.inputs';

@ObjectType()
export class NotificationConnection {
  @Field(() => [Notification])
  nodes: Notification[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'All your unread notifications, whatever the page' })
  unreadCount: number;
}

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: 'Reminders and digests sent to you, newest first' })
  notifications(@Args() args: NotificationsArgs, @Ctx() ctx: Context) {
    return ctx.services.notification.list(ctx.access, args);
  }

  @FieldResolver(() => Boolean)
  read(@Root() n: Notification): boolean {
    return n.readAt !== null;
  }

  @Mutation(() => Notification, { description: 'Mark one of your notifications read' })
  markNotificationRead(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.notification.markRead(ctx.access, id);
  }

  @Mutation(() => Int, { description: 'Mark all your notifications read; answers how many were unread' })
  markAllNotificationsRead(@Ctx() ctx: Context) {
    return ctx.services.notification.markAllRead(ctx.access);
  }

  @Query(() => NotificationPreference, { description: 'Your choices about what the hub emails you' })
  notificationPreferences(@Ctx() ctx: Context) {
    return ctx.services.notification.preferences(ctx.access);
  }

  @Mutation(() => NotificationPreference, { description: 'Turn your weekly digests on or off' })
  setNotificationPreferences(@Arg('digests') digests: boolean, @Ctx() ctx: Context) {
    return ctx.services.notification.setPreferences(ctx.access, digests);
  }

  @Mutation(() => ReminderSetting, { description: "A board's coordinators turn a kind of reminder on or off and set its days" })
  setReminderSetting(@Arg('input') input: SetReminderSettingInput, @Ctx() ctx: Context) {
    return ctx.services.notification.setReminderSetting(ctx.access, input);
  }
}

@Resolver(() => Board)
export class BoardReminderSettingsResolver {
  @FieldResolver(() => [ReminderSetting], { description: 'Every kind of reminder and whether this board has it on (default: all on)' })
  reminderSettings(@Root() board: Board, @Ctx() ctx: Context) {
    return ctx.loaders.reminderSettingsByBoard.load(board.id);
  }
}
