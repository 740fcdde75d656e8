import { DataSource, In } from 'typeorm';
import { Access } from '../../access/access';
import { Clock } from '../../common/clock';
import { BadInputError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { decodeCursor, Page, toPage } from '../../common/pagination';
import { assertFound, assertUuidOrNotFound } from '../../common/validation';
import { BoardService } from '../board/board.service';
import { DEFAULT_DAYS, Notification, NotificationPreference, ReminderKind, ReminderSetting } from './notification.entity';
import { NotificationsArgs, SetReminderSettingInput } from './notification.inputs';

const CREATED_MS = `date_trunc('milliseconds', n.created_at)`;

export type NotificationPage = Page<Notification> & { unreadCount: number };

/** What the API offers about notifications: your own list and read state, your preferences, and boards' reminder settings. */
export class NotificationService {
  constructor(
    private readonly ds: DataSource,
    private readonly mutations: MutationRunner,
    private readonly boards: BoardService,
    private readonly clock: Clock,
  ) {}

  /** Your notifications, newest first. */
  async list(access: Access, args: NotificationsArgs): Promise<NotificationPage> {
    const me = access.me;
    const qb = this.ds
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.userId = :me', { me: me.id })
      // Milliseconds, as the cursor carries them (a JavaScript Date), so ties fall to the id.
      .orderBy(CREATED_MS, 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(args.first + 1);
    if (args.unreadOnly) qb.andWhere('n.readAt IS NULL');
    if (args.after) {
      const [at, id] = decodeCursor(args.after);
      if (Number.isNaN(Date.parse(at))) throw new BadInputError('after', 'Invalid cursor');
      qb.andWhere(`(${CREATED_MS}, n.id) < (:at::timestamptz, :id::uuid)`, { at, id });
    }
    const [rows, unreadCount] = await Promise.all([
      qb.getMany(),
      this.ds.getRepository(Notification).createQueryBuilder('n').where('n.userId = :me AND n.readAt IS NULL', { me: me.id }).getCount(),
    ]);
    return { ...toPage(rows, args.first, (n) => [n.createdAt.toISOString(), n.id]), unreadCount };
  }

  async markRead(access: Access, id: string): Promise<Notification> {
    access.assertSignedIn();
    assertUuidOrNotFound(id, 'Notification');
    const found = assertFound(await this.ds.getRepository(Notification).findOneBy({ id }), 'Notification', id);
    await access.assertCanRead('Notification', found, 'This notification is not yours');
    return this.mutations.run(access.me, 'markNotificationRead', { id }, async (em) => {
      await em.createQueryBuilder().update(Notification).set({ readAt: this.clock.now() }).where('id = :id AND read_at IS NULL', { id }).execute();
      const result = await em.findOneByOrFail(Notification, { id });
      return { result, entityType: 'Notification', entityId: id, boardIds: [] };
    });
  }

  /** Marks every one of your unread notifications read; answers how many. */
  async markAllRead(access: Access): Promise<number> {
    const me = access.me;
    return this.mutations.run(me, 'markAllNotificationsRead', {}, async (em) => {
      const r = await em.createQueryBuilder().update(Notification).set({ readAt: this.clock.now() }).where('user_id = :me AND read_at IS NULL', { me: me.id }).execute();
      return { result: r.affected ?? 0, entityType: 'Notification', entityId: null, boardIds: [] };
    });
  }

  async preferences(access: Access): Promise<NotificationPreference> {
    const me = access.me;
    return (await this.ds.getRepository(NotificationPreference).findOneBy({ userId: me.id })) ?? Object.assign(new NotificationPreference(), { userId: me.id, digests: true });
  }

  async setPreferences(access: Access, digests: boolean): Promise<NotificationPreference> {
    const me = access.me;
    return this.mutations.run(me, 'setNotificationPreferences', { digests }, async (em) => {
      await em.upsert(NotificationPreference, { userId: me.id, digests }, ['userId']);
      const result = await em.findOneByOrFail(NotificationPreference, { userId: me.id });
      return { result, entityType: 'NotificationPreference', entityId: me.id, boardIds: [] };
    });
  }

  /** Every kind of reminder for each board, in key order: the stored choice or the default (on, default days). */
  async settingsForBoards(boardIds: readonly string[]): Promise<ReminderSetting[][]> {
    const rows = boardIds.length ? await this.ds.getRepository(ReminderSetting).findBy({ boardId: In([...boardIds]) }) : [];
    const byKey = new Map(rows.map((r) => [`${r.boardId}:${r.kind}`, r]));
    return boardIds.map((boardId) => Object.values(ReminderKind).map((kind) => byKey.get(`${boardId}:${kind}`) ?? defaultSetting(boardId, kind)));
  }

  /** Coordinators of the board (and admins) turn a reminder on or off and set its days. */
  async setReminderSetting(access: Access, input: SetReminderSettingInput): Promise<ReminderSetting> {
    const board = await this.boards.get(access, input.boardId);
    access.assertCanManageBoard(board.id);
    const takesDays = DEFAULT_DAYS[input.kind] !== undefined;
    if (input.daysBefore !== undefined && input.daysBefore !== null && !takesDays) {
      throw new BadInputError('daysBefore', `${input.kind} has no number of days`);
    }
    return this.mutations.run(access.me, 'setReminderSetting', input, async (em) => {
      const current = await em.findOneBy(ReminderSetting, { boardId: board.id, kind: input.kind });
      const daysBefore = takesDays ? (input.daysBefore ?? current?.daysBefore ?? DEFAULT_DAYS[input.kind]!) : null;
      await em.upsert(ReminderSetting, { boardId: board.id, kind: input.kind, enabled: input.enabled, daysBefore }, ['boardId', 'kind']);
      const result = await em.findOneByOrFail(ReminderSetting, { boardId: board.id, kind: input.kind });
      return { result, entityType: 'ReminderSetting', entityId: board.id, boardIds: [board.id] };
    });
  }
}

export function defaultSetting(boardId: string, kind: ReminderKind): ReminderSetting {
  return Object.assign(new ReminderSetting(), { boardId, kind, enabled: true, daysBefore: DEFAULT_DAYS[kind] ?? null });
}
