import { DataSource } from 'typeorm';
import { UserRole } from './enums';
import { DomainError, ForbiddenError, UnauthenticatedError } from './errors';
import { preparedQuery } from '../database/prepared';

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  agencyId: string | null;
  /** Boards a coordinator or viewer works for. */
  boardIds: string[];
}

export type BoardScope = { all: true } | { all: false; ids: Set<string> };

/**
 * Per-request access decisions. Services call these on every object they return or change,
 * so a field reached through any path is checked the same way.
 */
export class Access {
  private readable?: Promise<BoardScope>;

  /** authError: why the request's token was refused; `me` throws it instead of the generic error. */
  constructor(readonly user: AuthUser | null, private readonly ds: DataSource, private readonly authError?: DomainError) {}

  get me(): AuthUser {
    if (!this.user) throw this.authError ?? new UnauthenticatedError();
    return this.user;
  }

  get isAdmin(): boolean {
    return this.user?.role === UserRole.ADMIN;
  }

  /** Boards this user may read: admins all; coordinators and viewers theirs; agency users the boards their agency sits on. */
  readableBoards(): Promise<BoardScope> {
    const me = this.me;
    if (me.role === UserRole.ADMIN) return Promise.resolve({ all: true });
    if (me.role !== UserRole.AGENCY_USER) return Promise.resolve({ all: false, ids: new Set(me.boardIds) });
    this.readable ??= preparedQuery(
        this.ds,
        `SELECT board_id FROM membership WHERE agency_id = $1 AND board_id IS NOT NULL
         UNION SELECT sgb.board_id FROM membership m JOIN sub_group_board sgb ON sgb.sub_group_id = m.sub_group_id WHERE m.agency_id = $1`,
        [me.agencyId],
      )
      .then((rows: { board_id: string }[]) => ({ all: false as const, ids: new Set(rows.map((r) => r.board_id)) }));
    return this.readable;
  }

  async canReadBoard(boardId: string): Promise<boolean> {
    const scope = await this.readableBoards();
    return scope.all || scope.ids.has(boardId);
  }

  async assertCanReadBoard(boardId: string): Promise<void> {
    if (!(await this.canReadBoard(boardId))) throw new ForbiddenError('You do not work for this board');
  }

  /** A joint body (sub-group, audit cycle) is readable when any of its boards is. */
  async assertCanReadAnyBoard(boardIds: string[]): Promise<void> {
    const scope = await this.readableBoards();
    if (scope.all || boardIds.some((id) => scope.ids.has(id))) return;
    throw new ForbiddenError('You do not work for any board this belongs to');
  }

  canManageBoard(boardId: string): boolean {
    const me = this.me;
    return me.role === UserRole.ADMIN || (me.role === UserRole.COORDINATOR && me.boardIds.includes(boardId));
  }

  assertCanManageBoard(boardId: string): void {
    if (!this.canManageBoard(boardId)) throw new ForbiddenError('Only a coordinator of this board can change it');
  }

  assertCanManageAnyBoard(boardIds: string[]): void {
    if (!boardIds.some((id) => this.canManageBoard(id))) throw new ForbiddenError('Only a coordinator of one of its boards can change it');
  }

  assertRole(...roles: UserRole[]): void {
    if (!roles.includes(this.me.role)) throw new ForbiddenError(`Only ${roles.join(' or ').toLowerCase()} users can do this`);
  }

  isOwnAgency(agencyId: string): boolean {
    const me = this.me;
    return me.role === UserRole.AGENCY_USER && me.agencyId === agencyId;
  }
}
