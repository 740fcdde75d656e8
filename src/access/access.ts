import { DataSource } from 'typeorm';
import { UserRole } from '../common/enums';
import { DomainError, ForbiddenError, UnauthenticatedError } from '../common/errors';
import { query, sql } from '../database/sql';
import { activeOnSql } from '../rules/membership';
import { Clock } from '../common/clock';
import { PolicyType, readPolicy } from './policy';
import type { ReadScope } from './read-scope';

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
  private scope?: ReadScope;
  private seats?: Promise<{ boards: Set<string>; subGroups: Set<string> }>;

  /** authError: why the request's token was refused; `me` throws it instead of the generic error. */
  constructor(
    readonly user: AuthUser | null,
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly authError?: DomainError,
  ) {}

  get me(): AuthUser {
    if (!this.user) throw this.authError ?? new UnauthenticatedError();
    return this.user;
  }

  /** Refuses a request without a signed-in user (UNAUTHENTICATED). */
  assertSignedIn(): AuthUser {
    return this.me;
  }

  get isAdmin(): boolean {
    return this.user?.role === UserRole.ADMIN;
  }

  /** The day access is decided on: seats are those active today. */
  get today(): string {
    return this.clock.today();
  }

  /**
   * Where an agency user's agency sits today: boards directly, and sub-groups. A seat on a
   * sub-group opens that sub-group only, never the rest of its boards; an ended seat opens nothing.
   */
  private agencySeats(): Promise<{ boards: Set<string>; subGroups: Set<string> }> {
    const me = this.me;
    this.seats ??= query(
      this.ds,
      sql`SELECT m.board_id, m.sub_group_id FROM membership m WHERE m.agency_id = ${me.agencyId} AND ${activeOnSql('m', this.today)}`,
    ).then((rows: { board_id: string | null; sub_group_id: string | null }[]) => ({
      boards: new Set(rows.flatMap((r) => (r.board_id ? [r.board_id] : []))),
      subGroups: new Set(rows.flatMap((r) => (r.sub_group_id ? [r.sub_group_id] : []))),
    }));
    return this.seats;
  }

  /** Boards this user may read: admins all; coordinators and viewers theirs; agency users those their agency sits on today. */
  async readableBoards(): Promise<BoardScope> {
    const me = this.me;
    if (me.role === UserRole.ADMIN) return { all: true };
    if (me.role !== UserRole.AGENCY_USER) return { all: false, ids: new Set(me.boardIds) };
    return { all: false, ids: (await this.agencySeats()).boards };
  }

  /** Sub-groups an agency user's agency sits on today (empty for everyone else). */
  async seatedSubGroups(): Promise<Set<string>> {
    if (this.me.role !== UserRole.AGENCY_USER) return new Set();
    return (await this.agencySeats()).subGroups;
  }

  /** The request's read scope, attached by createContext; the read policy decides with it. */
  attach(scope: ReadScope): void {
    this.scope = scope;
  }

  /**
   * For services that refuse before they compute or change anything: the read policy's own
   * decision (src/access/policy.ts), the same one the schema guard applies to what they return.
   */
  async assertCanRead(type: PolicyType, obj: object, message = 'You do not have access to this'): Promise<void> {
    this.assertSignedIn();
    const rule = readPolicy[type];
    if (rule.kind !== 'entity' || !this.scope) throw new Error(`assertCanRead needs an entity type and an attached read scope (${type})`);
    if (!(await rule.read(obj, this.scope))) throw new ForbiddenError(message);
  }

  // Who may change what: every write rule lives below (reads are src/access/policy.ts).

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

  /** The agency's own users and coordinators of one of the cycle's boards edit a return; viewers never do. */
  assertCanEditReturn(agencyId: string, cycleBoardIds: string[]): void {
    const me = this.me;
    if (me.role === UserRole.ADMIN) return;
    if (me.role === UserRole.AGENCY_USER && me.agencyId === agencyId) return;
    if (me.role === UserRole.COORDINATOR && cycleBoardIds.some((b) => me.boardIds.includes(b))) return;
    throw new ForbiddenError("Only the agency's own users or a coordinator of the cycle's boards can change this return");
  }

  /** Owners update their own actions; coordinators those their boards track; only coordinators cancel. */
  assertCanUpdateAction(action: { ownerAgencyId: string; boardIds: string[] }, cancelling: boolean): void {
    const me = this.me;
    if (me.role === UserRole.AGENCY_USER && me.agencyId === action.ownerAgencyId) {
      if (cancelling) throw new ForbiddenError('Only the board can cancel an action');
      return;
    }
    if (me.role === UserRole.ADMIN || (me.role === UserRole.COORDINATOR && action.boardIds.some((b) => me.boardIds.includes(b)))) return;
    throw new ForbiddenError('Only the owning agency or a coordinator of its board can update this action');
  }

  isOwnAgency(agencyId: string): boolean {
    const me = this.me;
    return me.role === UserRole.AGENCY_USER && me.agencyId === agencyId;
  }
}
