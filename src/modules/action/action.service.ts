import { Clock } from '../../common/clock';
import { DataSource, EntityManager, In } from 'typeorm';
import { Access } from '../../access/access';
import { UserRole } from '../../common/enums';
import { BadInputError, ConflictError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { isIsoDate } from '../../common/scalars';
import { assertFound, assertUuidOrNotFound, requireText } from '../../common/validation';
import { asWhere } from '../../database/sql';
import { isOpenAction, overdueSql } from '../../rules/actions';
import { Action, ActionStatus, ActionUpdate } from './action.entity';
import { ActionSourceRegistry } from './action-sources';
import { NewAction, UpdateActionInput } from './action.inputs';

export interface ActionFilter {
  overdueOnly: boolean;
  asOf: string;
  status?: ActionStatus;
}


export class ActionService {
  constructor(
    private readonly ds: DataSource,
    private readonly mutations: MutationRunner,
    private readonly clock: Clock,
    private readonly sources: ActionSourceRegistry,
  ) {}

  /** Used by the audit, case review and business plan modules inside their own transactions. */
  async create(em: EntityManager, input: NewAction): Promise<Action> {
    const description = requireText('description', input.description, 4000);
    if (input.dueOn !== null && !isIsoDate(input.dueOn)) throw new BadInputError('dueOn', 'Expected a date YYYY-MM-DD');
    const status = input.status ?? ActionStatus.NOT_STARTED;
    return em.save(
      em.create(Action, {
        ...input,
        description,
        status,
        rag: input.rag ?? null,
        closedOn: status === ActionStatus.COMPLETE || status === ActionStatus.CANCELLED ? this.clock.today() : null,
      }),
    );
  }

  async get(access: Access, id: string): Promise<Action> {
    access.assertSignedIn();
    assertUuidOrNotFound(id, 'Action');
    const action = assertFound(await this.ds.getRepository(Action).findOneBy({ id }), 'Action', id);
    await access.assertCanRead('Action', action, 'This action belongs to another agency or board');
    return action;
  }

  async update(access: Access, input: UpdateActionInput): Promise<Action> {
    const note = requireText('note', input.note, 4000);
    const notedOn = input.notedOn ?? this.clock.today();
    if (notedOn > this.clock.today()) throw new BadInputError('notedOn', 'A progress note cannot be dated in the future');
    const current = await this.get(access, input.actionId);
    access.assertCanUpdateAction(current, input.status === ActionStatus.CANCELLED);
    return this.mutations.run(access.me, 'updateAction', input, async (em) => {
      // The source is locked before the action (the order closing a review takes them in): closing
      // waits for status changes in flight and they wait for a closing, so a CLOSED review never has
      // an open action. The source's module says what it refuses (src/modules/action/action-sources.ts).
      const refused = await this.sources.byType(current.sourceType)?.lockForChange?.(em, current.sourceId, 'status');
      // Lock the row so two updates at once are applied one after the other, each recorded.
      const action = await em.getRepository(Action).findOne({ where: { id: current.id }, lock: { mode: 'pessimistic_write' } });
      if (!action) throw new ConflictError('The action was removed meanwhile');
      const toStatus = input.status ?? action.status;
      if (refused && toStatus !== action.status) throw new ConflictError(refused);
      const toRag = input.rag ?? action.rag;
      await em.insert(ActionUpdate, {
        actionId: action.id,
        notedOn,
        note,
        fromStatus: action.status,
        toStatus,
        fromRag: action.rag,
        toRag,
        byUserId: access.me.id,
        byName: access.me.name,
      });
      const closing = toStatus === ActionStatus.COMPLETE || toStatus === ActionStatus.CANCELLED;
      action.closedOn = closing ? (isOpenAction(action.status) ? notedOn : action.closedOn) : null;
      action.status = toStatus;
      action.rag = toRag;
      const saved = await em.save(action);
      return { result: saved, entityType: 'Action', entityId: saved.id, boardIds: saved.boardIds };
    });
  }

  private filtered(qb: ReturnType<ActionService['query']>, filter: ActionFilter) {
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.overdueOnly) {
      qb.andWhere(...asWhere(overdueSql('a', filter.asOf)));
    }
    return qb.orderBy('a.due_on', 'ASC', 'NULLS LAST').addOrderBy('a.id', 'ASC');
  }

  private query() {
    return this.ds.getRepository(Action).createQueryBuilder('a');
  }

  /** Actions tracked by each board. Agency users see only their own agency's. */
  async forBoards(access: Access, boardIds: string[], filter: ActionFilter): Promise<Map<string, Action[]>> {
    const qb = this.filtered(this.query().where('a.board_ids && :ids::uuid[]', { ids: boardIds }), filter);
    if (access.me.role === UserRole.AGENCY_USER) qb.andWhere('a.owner_agency_id = :own', { own: access.me.agencyId });
    const rows = await qb.getMany();
    return new Map(boardIds.map((b) => [b, rows.filter((r) => r.boardIds.includes(b))]));
  }

  /**
   * What each agency owes across every source and board. Its own users and admins see all of it;
   * coordinators and viewers only what their boards track.
   */
  async forAgencies(access: Access, agencyIds: string[], filter: ActionFilter): Promise<Map<string, Action[]>> {
    const me = access.me;
    const visible = me.role === UserRole.AGENCY_USER ? agencyIds.filter((a) => a === me.agencyId) : agencyIds;
    const out = new Map<string, Action[]>(agencyIds.map((a) => [a, []]));
    if (!visible.length) return out;
    const qb = this.filtered(this.query().where('a.owner_agency_id IN (:...visible)', { visible }), filter);
    if (me.role === UserRole.COORDINATOR || me.role === UserRole.VIEWER) qb.andWhere('a.board_ids && :mine::uuid[]', { mine: me.boardIds });
    for (const row of await qb.getMany()) out.get(row.ownerAgencyId)!.push(row);
    return out;
  }

  /** Actions of recommendations or priorities; agency users see only their own agency's. */
  async forSources(access: Access, sourceIds: string[]): Promise<Action[]> {
    const me = access.me;
    const where = { sourceId: In(sourceIds), ...(me.role === UserRole.AGENCY_USER ? { ownerAgencyId: me.agencyId! } : {}) };
    return this.ds.getRepository(Action).find({ where, order: { dueOn: 'ASC', createdAt: 'ASC' } });
  }

  async updatesOf(actionIds: string[]): Promise<ActionUpdate[]> {
    return this.ds.getRepository(ActionUpdate).find({ where: { actionId: In(actionIds) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
