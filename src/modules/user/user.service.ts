import { Clock } from '../../common/clock';
import bcrypt from 'bcryptjs';
import { DataSource, EntityManager, In } from 'typeorm';
import { Access, AuthUser } from '../../access/access';
import { UserRole } from '../../common/enums';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { decodeCursor, Page, toPage } from '../../common/pagination';

import { assertUuidOrNotFound } from '../../common/validation';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { UserBoard } from '../board/board.entity';
import { User } from './user.entity';
import { CreateUserInput, UsersArgs } from './user.inputs';
import { asWhere, query, sql } from '../../database/sql';
import { boardsOfUserSql, usersOfBoardsSql } from '../../rules/people';

/** What authenticate needs besides the AuthUser: whether the account may still be used, and its token version. */
export interface AuthUserRow extends AuthUser {
  active: boolean;
  tokenVersion: number;
}

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 200;

/** The one password rule: at least 12 characters (and at most 200). */
export function assertStrongPassword(field: string, password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new BadInputError(field, `${field} must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new BadInputError(field, `${field} must be at most ${MAX_PASSWORD_LENGTH} characters`);
}

export class UserService {
  constructor(
    private readonly ds: DataSource,
    private readonly mutations: MutationRunner,
    private readonly bcryptRounds: number,
    private readonly clock: Clock,
  ) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.bcryptRounds);
  }

  /** The signed-in user as access checks need it, with whether it is active and its token version: one query per request. */
  async loadAuthUser(id: string): Promise<AuthUserRow | null> {
    const rows = await query(this.ds,
      sql`SELECT u.id, u.email, u.name, u.role, u.agency_id, u.active, u.token_version,
              coalesce(array_agg(ub.board_id) FILTER (WHERE ub.board_id IS NOT NULL), '{}') AS board_ids
       FROM app_user u LEFT JOIN user_board ub ON ub.user_id = u.id WHERE u.id = ${id} GROUP BY u.id`,
    );
    const r = rows[0];
    return r
      ? { id: r.id, email: r.email, name: r.name, role: r.role, agencyId: r.agency_id, boardIds: r.board_ids, active: r.active, tokenVersion: r.token_version }
      : null;
  }

  /**
   * Admins list every user; a coordinator the users of their boards (src/rules/people.ts),
   * themselves included; anyone else is refused. By name, paged like `agencies`.
   */
  async list(access: Access, args: UsersArgs): Promise<Page<User>> {
    const me = access.me;
    access.assertRole(UserRole.ADMIN, UserRole.COORDINATOR);
    const qb = this.ds.getRepository(User).createQueryBuilder('u').orderBy('u.name', 'ASC').addOrderBy('u.id', 'ASC').limit(args.first + 1);
    if (me.role === UserRole.COORDINATOR) {
      qb.andWhere(...asWhere(sql`u.id IN (${usersOfBoardsSql(me.boardIds, this.clock.today())})`));
    }
    if (args.role) qb.andWhere('u.role = :role', { role: args.role });
    if (args.active !== undefined && args.active !== null) qb.andWhere('u.active = :active', { active: args.active });
    if (args.search) {
      const search = `%${args.search.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
      qb.andWhere('(u.name ILIKE :search OR u.email ILIKE :search)', { search });
    }
    if (args.after) {
      const [name, id] = decodeCursor(args.after);
      qb.andWhere('(u.name, u.id) > (:name, :id)', { name, id });
    }
    return toPage(await qb.getMany(), args.first, (u) => [u.name, u.id]);
  }

  /** The boards a user belongs to: theirs (coordinator, viewer) or those their agency sits on today (agency user). */
  async boardIdsOfUser(userId: string): Promise<string[]> {
    const rows = await query<{ board_id: string }>(this.ds, boardsOfUserSql(userId, this.clock.today()));
    return rows.map((r) => r.board_id);
  }

  /**
   * Deactivates or reactivates an account. Admins: anyone but themselves. Coordinators: users of
   * their boards only, never an admin or themselves. Deactivation also bumps the token version, so
   * reactivating does not revive the old sessions.
   */
  async setActive(access: Access, id: string, active: boolean): Promise<User> {
    const me = access.me;
    const operation = active ? 'reactivateUser' : 'deactivateUser';
    access.assertRole(UserRole.ADMIN, UserRole.COORDINATOR);
    assertUuidOrNotFound(id, 'User');
    if (id === me.id) throw new ForbiddenError(`You cannot ${active ? 'reactivate' : 'deactivate'} yourself`);
    const user = await this.ds.getRepository(User).findOneBy({ id });
    if (!user) throw new NotFoundError('User', id);
    const boardIds = await this.boardIdsOfUser(id);
    if (me.role === UserRole.COORDINATOR) {
      if (user.role === UserRole.ADMIN) throw new ForbiddenError('Only an admin can change an admin');
      if (!boardIds.some((b) => me.boardIds.includes(b))) throw new ForbiddenError('This user is not a user of your boards');
    }
    if (user.active === active) throw new ConflictError(active ? 'This user is already active' : 'This user is already deactivated');
    return this.mutations.run(me, operation, { id }, async (em) => {
      const changed = await em
        .createQueryBuilder()
        .update(User)
        .set(active ? { active: true, deactivatedAt: null } : { active: false, deactivatedAt: () => 'now()', tokenVersion: () => 'token_version + 1' })
        .where('id = :id AND active = :was', { id, was: !active })
        .execute();
      // Someone else changed it between the check and here.
      if (!changed.affected) throw new ConflictError(active ? 'This user is already active' : 'This user is already deactivated');
      const result = await em.getRepository(User).findOneByOrFail({ id });
      return { result, entityType: 'User', entityId: id, boardIds };
    });
  }

  /** Bumps the token version (inside a mutation's transaction): every token issued before stops working. */
  async bumpTokenVersion(em: EntityManager, userId: string, passwordHash?: string): Promise<number> {
    const [rows] = await em.query(
      `UPDATE app_user SET token_version = token_version + 1, password_hash = coalesce($2, password_hash), updated_at = now()
       WHERE id = $1 RETURNING token_version`,
      [userId, passwordHash ?? null],
    );
    if (!rows.length) throw new NotFoundError('User', userId);
    return rows[0].token_version;
  }

  async get(access: Access, id: string): Promise<User> {
    if (access.me.id !== id) access.assertRole(UserRole.ADMIN);
    const user = await this.ds.getRepository(User).findOneBy({ id });
    if (!user) throw new ForbiddenError('This account no longer exists');
    return user;
  }

  async findById(id: string): Promise<User> {
    const user = await this.ds.getRepository(User).findOneBy({ id });
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.ds.getRepository(User).findOneBy({ email: email.trim().toLowerCase() });
  }

  /**
   * ADMIN_EMAIL / ADMIN_PASSWORD at start-up: creates the first admin, or resets its password and
   * role (and reactivates it), so a locked-out deployment is recovered by restarting with new values.
   */
  async ensureAdmin(email: string, password: string): Promise<'created' | 'reset'> {
    const normalised = email.trim().toLowerCase();
    const passwordHash = await this.hash(password);
    return this.mutations.run(null, 'ensureAdmin', { email: normalised }, async (em) => {
      const existing = await em.getRepository(User).findOneBy({ email: normalised });
      if (existing) {
        await em.update(User, { id: existing.id }, { passwordHash, role: UserRole.ADMIN, agencyId: null, active: true, deactivatedAt: null });
        return { result: 'reset' as const, entityType: 'User', entityId: existing.id, boardIds: [] };
      }
      const user = await em.save(em.create(User, { email: normalised, name: 'Administrator', passwordHash, role: UserRole.ADMIN, agencyId: null }));
      return { result: 'created' as const, entityType: 'User', entityId: user.id, boardIds: [] };
    });
  }

  /**
   * Admins create anyone. Coordinators create viewers and coordinators for their own boards and
   * agency users for agencies that sit on their boards, so each board can run itself.
   */
  async create(access: Access, input: CreateUserInput): Promise<User> {
    const me = access.me;
    access.assertRole(UserRole.ADMIN, UserRole.COORDINATOR);
    const email = input.email.trim().toLowerCase();
    const boardIds = input.boardIds ?? [];
    if (input.role === UserRole.AGENCY_USER) {
      if (!input.agencyId) throw new BadInputError('agencyId', 'An agency user needs an agencyId');
      if (!(await this.ds.getRepository(Agency).existsBy({ id: input.agencyId }))) throw new BadInputError('agencyId', 'Agency not found');
      if (boardIds.length) throw new BadInputError('boardIds', 'An agency user sees the boards its agency sits on; give no boardIds');
    } else if (input.agencyId) {
      throw new BadInputError('agencyId', 'Only agency users belong to an agency');
    }
    if ((input.role === UserRole.COORDINATOR || input.role === UserRole.VIEWER) && boardIds.length === 0) {
      throw new BadInputError('boardIds', 'A coordinator or viewer needs at least one board');
    }
    if (input.role === UserRole.ADMIN && boardIds.length) throw new BadInputError('boardIds', 'An admin sees every board; give no boardIds');
    const found = boardIds.length ? await this.ds.getRepository(Board).countBy({ id: In(boardIds) }) : 0;
    if (found !== boardIds.length) throw new BadInputError('boardIds', 'A board was not found');
    if (me.role === UserRole.COORDINATOR) {
      if (input.role === UserRole.ADMIN) throw new ForbiddenError('Only an admin can create an admin');
      for (const b of boardIds) access.assertCanManageBoard(b);
      if (input.role === UserRole.AGENCY_USER) {
        const sits = await query(this.ds,
          sql`SELECT 1 FROM membership m LEFT JOIN sub_group_board sgb ON sgb.sub_group_id = m.sub_group_id
           WHERE m.agency_id = ${input.agencyId} AND coalesce(m.board_id, sgb.board_id) = ANY(${me.boardIds}::uuid[]) LIMIT 1`,
        );
        if (!sits.length) throw new ForbiddenError('That agency does not sit on any board you coordinate');
      }
    }
    if (await this.findByEmail(email)) throw new ConflictError('A user with this email already exists', { field: 'email' });
    assertStrongPassword('password', input.password);
    const passwordHash = await this.hash(input.password);
    return this.mutations.run(me, 'createUser', input, async (em) => {
      const user = await em.save(
        em.create(User, { email, name: input.name.trim(), passwordHash, role: input.role, agencyId: input.agencyId ?? null }),
      );
      if (boardIds.length) await em.insert(UserBoard, boardIds.map((boardId) => ({ userId: user.id, boardId })));
      return { result: user, entityType: 'User', entityId: user.id, boardIds };
    });
  }
}
