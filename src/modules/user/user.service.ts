import bcrypt from 'bcryptjs';
import { DataSource, In } from 'typeorm';
import { Access, AuthUser } from '../../access/access';
import { UserRole } from '../../common/enums';
import { BadInputError, ConflictError, ForbiddenError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { User, UserBoard } from './user.entity';
import { CreateUserInput } from './user.inputs';
import { preparedQuery } from '../../database/prepared';

export class UserService {
  constructor(
    private readonly ds: DataSource,
    private readonly mutations: MutationRunner,
    private readonly bcryptRounds: number,
  ) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.bcryptRounds);
  }

  /** The signed-in user as access checks need it: one query per request. */
  async loadAuthUser(id: string): Promise<AuthUser | null> {
    const rows = await preparedQuery(this.ds,
      `SELECT u.id, u.email, u.name, u.role, u.agency_id, coalesce(array_agg(ub.board_id) FILTER (WHERE ub.board_id IS NOT NULL), '{}') AS board_ids
       FROM app_user u LEFT JOIN user_board ub ON ub.user_id = u.id WHERE u.id = $1 GROUP BY u.id`,
      [id],
    );
    const r = rows[0];
    return r ? { id: r.id, email: r.email, name: r.name, role: r.role, agencyId: r.agency_id, boardIds: r.board_ids } : null;
  }

  async get(access: Access, id: string): Promise<User> {
    if (access.me.id !== id) access.assertRole(UserRole.ADMIN);
    const user = await this.ds.getRepository(User).findOneBy({ id });
    if (!user) throw new ForbiddenError('This account no longer exists');
    return user;
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.ds.getRepository(User).findOneBy({ email: email.trim().toLowerCase() });
  }

  /**
   * ADMIN_EMAIL / ADMIN_PASSWORD at start-up: creates the first admin, or resets its password and
   * role, so a locked-out deployment is recovered by restarting with new values.
   */
  async ensureAdmin(email: string, password: string): Promise<'created' | 'reset'> {
    const normalised = email.trim().toLowerCase();
    const passwordHash = await this.hash(password);
    return this.mutations.run(null, 'ensureAdmin', { email: normalised }, async (em) => {
      const existing = await em.getRepository(User).findOneBy({ email: normalised });
      if (existing) {
        await em.update(User, { id: existing.id }, { passwordHash, role: UserRole.ADMIN, agencyId: null });
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
        const sits = await preparedQuery(this.ds,
          `SELECT 1 FROM membership m LEFT JOIN sub_group_board sgb ON sgb.sub_group_id = m.sub_group_id
           WHERE m.agency_id = $1 AND coalesce(m.board_id, sgb.board_id) = ANY($2) LIMIT 1`,
          [input.agencyId, me.boardIds],
        );
        if (!sits.length) throw new ForbiddenError('That agency does not sit on any board you coordinate');
      }
    }
    if (await this.findByEmail(email)) throw new ConflictError('A user with this email already exists', { field: 'email' });
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
