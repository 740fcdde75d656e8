import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { Access, AuthUser, BoardScope } from './access';
import { UserRole } from '../common/enums';
import { inKeyOrder } from '../common/loader-utils';
import { query, sql, Sql } from '../database/sql';
import { usersOfBoardsSql } from '../rules/people';
import type { AuditCycle } from '../modules/audit/audit-cycle.entity';
import type { AuditReturn } from '../modules/audit/audit-return.entity';
import type { BusinessPlan } from '../modules/business-plan/business-plan.entity';
import type { CaseReview } from '../modules/case-review/case-review.entity';

/** The request's by-id loaders the policy shares with resolvers. */
export interface SharedLoaders {
  auditCycleById: DataLoader<string, AuditCycle | null>;
  auditReturnById: DataLoader<string, AuditReturn | null>;
  caseReviewById: DataLoader<string, CaseReview | null>;
  businessPlanById: DataLoader<string, BusinessPlan | null>;
}

/** What the read policy needs to know about an object it did not get whole: its owners. */
interface Facts {
  meeting: { boardId: string | null; subGroupId: string | null };
  cycle: { boardIds: string[]; invitedAgencyIds: string[] };
  ret: { agencyId: string; cycleId: string };
  action: { ownerAgencyId: string; boardIds: string[] };
  observation: { boardId: string; agencyId: string; status: string };
  boardOf: { boardId: string };
}

/**
 * The facts the read policy decides on, for one request: which boards and sub-groups the reader
 * works on, and the owners of objects reached by id (batched per type, one statement per level of a
 * response, never one per object). Decisions are remembered per object, so the parts of an object
 * (a return's assessments, an action's notes) cost nothing once the object itself was decided.
 */
export class ReadScope {
  private readonly decided = new Map<string, Promise<boolean>>();
  private readonly settled = new Map<string, boolean>();
  private boards?: BoardScope;
  private facts?: ReturnType<typeof factLoaders>;
  private readonly ds: DataSource;

  /**
   * `shared` are the request's by-id loaders that resolvers use too, so an object loaded for a
   * field is not loaded again to decide on it (and the reverse).
   */
  constructor(readonly access: Access, ds: DataSource, private readonly shared: SharedLoaders) {
    this.ds = ds;
  }

  /** Made on first use: most requests decide everything from objects already loaded. */
  private get loaders(): ReturnType<typeof factLoaders> {
    return (this.facts ??= factLoaders(this.ds, this.access));
  }

  get user(): AuthUser | null {
    return this.access.user;
  }

  get isAdmin(): boolean {
    return this.access.isAdmin;
  }

  /** The reader's own agency when they are an agency user, else null. */
  get agencyId(): string | null {
    const u = this.user;
    return u?.role === UserRole.AGENCY_USER ? u.agencyId : null;
  }

  /**
   * Remembers a decision about one object (type and id) for the rest of the request. Once made it
   * is answered synchronously: the guard then decides the object's other fields and parts without
   * a promise each.
   */
  private once(type: string, id: string, decide: () => boolean | Promise<boolean>): boolean | Promise<boolean> {
    const key = `${type}:${id}`;
    const known = this.settled.get(key);
    if (known !== undefined) return known;
    let d = this.decided.get(key);
    if (!d) {
      // Decided at once (the facts were at hand): no promise for the executor to wait on.
      const now = decide();
      if (typeof now === 'boolean') {
        this.settled.set(key, now);
        return now;
      }
      d = now.then((ok) => {
        this.settled.set(key, ok);
        return ok;
      });
      this.decided.set(key, d);
    }
    return d;
  }

  /** The boards the reader may read; constant for the request (the user and their seats today). */
  private withBoards(decide: (scope: BoardScope) => boolean): boolean | Promise<boolean> {
    if (this.boards) return decide(this.boards);
    return this.access.readableBoards().then((scope) => {
      this.boards = scope;
      return decide(scope);
    });
  }

  board(id: string): boolean | Promise<boolean> {
    return this.withBoards((scope) => scope.all || scope.ids.has(id));
  }

  anyBoard(ids: readonly string[]): boolean | Promise<boolean> {
    return this.withBoards((scope) => scope.all || ids.some((id) => scope.ids.has(id)));
  }

  /** A sub-group opens to its boards' readers and to the agencies seated on it today. */
  subGroup(id: string): boolean | Promise<boolean> {
    return this.once('SubGroup', id, async () => {
      if (this.isAdmin) return true;
      if ((await this.access.seatedSubGroups()).has(id)) return true;
      return this.anyBoard(await this.loaders.subGroupBoards.load(id));
    });
  }

  /** The members, meetings and attendance of a board or a sub-group. */
  body(o: { boardId: string | null; subGroupId: string | null }): boolean | Promise<boolean> {
    if (o.boardId) return this.board(o.boardId);
    if (o.subGroupId) return this.subGroup(o.subGroupId);
    return Promise.resolve(false);
  }

  meetingObj(m: { id: string } & Facts['meeting']): boolean | Promise<boolean> {
    return this.once('Meeting', m.id, () => this.body(m));
  }

  meeting(id: string): boolean | Promise<boolean> {
    return this.once('Meeting', id, async () => {
      const m = await this.loaders.meeting.load(id);
      return !!m && this.body(m);
    });
  }

  /** A cycle opens to readers of any of its boards, and to the agencies invited to it. */
  cycle(c: AuditCycle): boolean | Promise<boolean> {
    this.shared.auditCycleById.prime(c.id, c);
    return this.once('AuditCycle', c.id, () => this.readCycle(c));
  }

  cycleById(id: string): boolean | Promise<boolean> {
    return this.once('AuditCycle', id, async () => {
      const c = await this.shared.auditCycleById.load(id);
      return !!c && this.readCycle(c);
    });
  }

  private async readCycle(c: Facts['cycle']): Promise<boolean> {
    const mine = this.agencyId;
    return (mine !== null && c.invitedAgencyIds.includes(mine)) || this.anyBoard(c.boardIds);
  }

  /** An agency user reads its own agency's returns; others the returns of their boards' cycles. */
  auditReturn(r: AuditReturn): boolean | Promise<boolean> {
    this.shared.auditReturnById.prime(r.id, r);
    return this.once('AuditReturn', r.id, () => this.readReturn(r));
  }

  auditReturnById(id: string): boolean | Promise<boolean> {
    return this.once('AuditReturn', id, async () => {
      const r = await this.shared.auditReturnById.load(id);
      return !!r && this.readReturn(r);
    });
  }

  private async readReturn(r: Facts['ret']): Promise<boolean> {
    if (this.isAdmin) return true;
    if (this.user?.role === UserRole.AGENCY_USER) return r.agencyId === this.agencyId;
    const c = await this.shared.auditCycleById.load(r.cycleId);
    return !!c && this.anyBoard(c.boardIds);
  }

  /** An agency user reads the actions its agency owns; others the actions their boards track. */
  action(a: { id: string } & Facts['action']): boolean | Promise<boolean> {
    return this.once('Action', a.id, () => this.readAction(a));
  }

  actionById(id: string): boolean | Promise<boolean> {
    return this.once('Action', id, async () => {
      const a = await this.loaders.action.load(id);
      return !!a && this.readAction(a);
    });
  }

  private async readAction(a: Facts['action']): Promise<boolean> {
    if (this.isAdmin) return true;
    if (this.user?.role === UserRole.AGENCY_USER) return a.ownerAgencyId === this.agencyId;
    return this.anyBoard(a.boardIds);
  }

  /**
   * A scorecard value: its supplying agency reads it whatever its status; the board's coordinators
   * and viewers read every status; an agency seated on the board reads its VALIDATED values.
   */
  observation(o: { id: string } & Facts['observation']): boolean | Promise<boolean> {
    return this.once('Observation', o.id, () => this.readObservation(o));
  }

  observationById(id: string): boolean | Promise<boolean> {
    return this.once('Observation', id, async () => {
      const o = await this.loaders.observation.load(id);
      return !!o && this.readObservation(o);
    });
  }

  private async readObservation(o: Facts['observation']): Promise<boolean> {
    if (this.isAdmin) return true;
    if (this.user?.role === UserRole.AGENCY_USER) return o.agencyId === this.agencyId || (o.status === 'VALIDATED' && this.board(o.boardId));
    return this.board(o.boardId);
  }

  caseReview(r: { id: string } & Facts['boardOf']): boolean | Promise<boolean> {
    return this.once('CaseReview', r.id, () => this.board(r.boardId));
  }

  businessPlan(p: { id: string } & Facts['boardOf']): boolean | Promise<boolean> {
    return this.once('BusinessPlan', p.id, () => this.board(p.boardId));
  }

  caseReviewById(id: string): boolean | Promise<boolean> {
    return this.once('CaseReview', id, async () => {
      const r = await this.shared.caseReviewById.load(id);
      return !!r && this.board(r.boardId);
    });
  }

  businessPlanById(id: string): boolean | Promise<boolean> {
    return this.once('BusinessPlan', id, async () => {
      const p = await this.shared.businessPlanById.load(id);
      return !!p && this.board(p.boardId);
    });
  }

  /** Records that belong to one user only (notifications, preferences): that user, nobody else, not even an admin. */
  own(userId: string): boolean {
    return !!this.user && this.user.id === userId;
  }

  /** Yourself; an admin everyone; a coordinator the people of their boards. */
  person(id: string): boolean | Promise<boolean> {
    return this.once('User', id, async () => {
      const me = this.user;
      if (!me) return false;
      if (me.id === id || this.isAdmin) return true;
      if (me.role !== UserRole.COORDINATOR) return false;
      return this.loaders.userOfMyBoards.load(id);
    });
  }
}

function factLoaders(ds: DataSource, access: Access) {
  const rows = async <T>(q: Sql) => query<T & { id: string }>(ds, q);
  return {
    subGroupBoards: new DataLoader<string, string[]>(async (ids) => {
      const links = await rows<{ board_ids: string[] }>(
        sql`SELECT sub_group_id AS id, array_agg(board_id) AS board_ids FROM sub_group_board WHERE sub_group_id = ANY(${ids}::uuid[]) GROUP BY sub_group_id`,
      );
      return inKeyOrder(ids, links, (l) => l.id).map((l) => l?.board_ids ?? []);
    }),
    meeting: new DataLoader<string, Facts['meeting'] | null>(async (ids) =>
      inKeyOrder(ids, await rows<Facts['meeting']>(sql`SELECT id, board_id AS "boardId", sub_group_id AS "subGroupId" FROM meeting WHERE id = ANY(${ids}::uuid[])`), (r) => r.id),
    ),
    action: new DataLoader<string, Facts['action'] | null>(async (ids) =>
      inKeyOrder(ids, await rows<Facts['action']>(sql`SELECT id, owner_agency_id AS "ownerAgencyId", board_ids AS "boardIds" FROM action WHERE id = ANY(${ids}::uuid[])`), (r) => r.id),
    ),
    observation: new DataLoader<string, Facts['observation'] | null>(async (ids) =>
      inKeyOrder(ids, await rows<Facts['observation']>(sql`SELECT id, board_id AS "boardId", agency_id AS "agencyId", status::text AS status FROM observation WHERE id = ANY(${ids}::uuid[])`), (r) => r.id),
    ),
    // The people a coordinator works with: users of their boards, and users of agencies seated
    // today on one of those boards or on a sub-group serving one.
    userOfMyBoards: new DataLoader<string, boolean>(async (ids) => {
      const mine = access.me.boardIds;
      const visible = await rows<object>(
        sql`SELECT u.id FROM app_user u WHERE u.id = ANY(${ids}::uuid[]) AND u.id IN (${usersOfBoardsSql(mine, access.today)})`,
      );
      const set = new Set(visible.map((r: { id: string }) => r.id));
      return ids.map((id) => set.has(id));
    }),
  };
}
