import { Clock } from '../../common/clock';
import { DataSource, EntityManager, In } from 'typeorm';
import { Access } from '../../access/access';
import { UserRole } from '../../common/enums';
import { BadInputError, ConflictError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { isIsoDate } from '../../common/scalars';
import { assertFound, assertUuidOrNotFound, requireText } from '../../common/validation';
import { asWhere, query, sql } from '../../database/sql';
import { dueBySql, dueForReviewSql, driftingSql, isOpenAction, overdueSql } from '../../rules/actions';
import { Action, ActionDueDateChange, ActionStatus, ActionUpdate, Timescale } from './action.entity';
import { ActionSourceRegistry } from './action-sources';
import { CarryForwardActionInput, NewAction, TimescaleInput, UpdateActionInput } from './action.inputs';

/** One meeting's question for Meeting.actionsDue: the actions of a board, or of given sources, due by a day. */
export interface DueBySpec {
  key: string;
  boardId: string | null;
  sourceIds: string[];
  on: string;
}

export interface ActionFilter {
  overdueOnly: boolean;
  asOf: string;
  status?: ActionStatus;
  dueForReviewOnly?: boolean;
  driftingOnly?: boolean;
}


export class ActionService {
  constructor(
    private readonly ds: DataSource,
    private readonly mutations: MutationRunner,
    private readonly clock: Clock,
    private readonly sources: ActionSourceRegistry,
  ) {}

  /**
   * The timescale an action is given (arrangements.md): a date, or ONGOING with a next review date
   * (and a review frequency); checked before anything is written.
   */
  timescaleOf(input: TimescaleInput): { dueOn: string | null; ongoing: boolean; reviewFrequency: NewAction['reviewFrequency']; nextReviewOn: string | null } {
    const ongoing = input.timescale === Timescale.ONGOING;
    if (input.nextReviewOn && !isIsoDate(input.nextReviewOn)) throw new BadInputError('nextReviewOn', 'Expected a date YYYY-MM-DD');
    if (ongoing) {
      if (input.dueOn) throw new BadInputError('dueOn', 'An ONGOING action has no due date: give nextReviewOn instead');
      if (!input.nextReviewOn) throw new BadInputError('nextReviewOn', 'An ONGOING action needs the date of its next review');
      return { dueOn: null, ongoing, reviewFrequency: input.reviewFrequency ?? null, nextReviewOn: input.nextReviewOn };
    }
    if (!input.dueOn) throw new BadInputError('dueOn', 'Give a due date, or the timescale ONGOING with a next review date');
    return { dueOn: input.dueOn, ongoing, reviewFrequency: input.reviewFrequency ?? null, nextReviewOn: input.nextReviewOn ?? null };
  }

  /** Used by the audit, case review and business plan modules inside their own transactions. */
  async create(em: EntityManager, input: NewAction): Promise<Action> {
    const description = requireText('description', input.description, 4000);
    if (input.dueOn !== null && !isIsoDate(input.dueOn)) throw new BadInputError('dueOn', 'Expected a date YYYY-MM-DD');
    if (input.lead !== undefined && input.lead !== null) input.lead = requireText('lead', input.lead, 200);
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
    const lead = input.lead !== undefined && input.lead !== null ? requireText('lead', input.lead, 200) : undefined;
    const completionNote = input.completionNote !== undefined && input.completionNote !== null ? requireText('completionNote', input.completionNote, 4000) : undefined;
    if (input.dueOn && !isIsoDate(input.dueOn)) throw new BadInputError('dueOn', 'Expected a date YYYY-MM-DD');
    if (input.nextReviewOn && !isIsoDate(input.nextReviewOn)) throw new BadInputError('nextReviewOn', 'Expected a date YYYY-MM-DD');
    if (input.timescale === Timescale.ONGOING && input.dueOn) throw new BadInputError('dueOn', 'An ONGOING action has no due date');
    if (input.timescale === Timescale.DATE && !input.dueOn) throw new BadInputError('dueOn', 'Give the new due date');
    const current = await this.get(access, input.actionId);
    access.assertCanUpdateAction(current, input.status === ActionStatus.CANCELLED);
    // A change of due date or timescale: the old date goes to the history, with a reason.
    const toOngoing = input.timescale === Timescale.ONGOING ? true : input.dueOn ? false : current.ongoing;
    const toDueOn = toOngoing ? null : (input.dueOn ?? current.dueOn);
    const rescheduled = toOngoing !== current.ongoing || toDueOn !== current.dueOn;
    const dueDateReason = input.dueDateReason?.trim();
    if (rescheduled && !dueDateReason) throw new BadInputError('dueDateReason', 'Say why the due date changes: the old date is kept with the reason');
    if (toOngoing && !current.ongoing && !(input.nextReviewOn ?? current.nextReviewOn)) throw new BadInputError('nextReviewOn', 'An ONGOING action needs the date of its next review');
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
      // arrangements.md: a completion note is required to set COMPLETE; the update's own note is
      // that note unless a separate one is given.
      if (toStatus === ActionStatus.COMPLETE && action.status !== ActionStatus.COMPLETE) action.completionNote = completionNote ?? note;
      else if (completionNote !== undefined) action.completionNote = completionNote;
      if (rescheduled) {
        if (action.ongoing !== current.ongoing || action.dueOn !== current.dueOn) throw new ConflictError('The due date changed meanwhile; reload and try again');
        await em.insert(ActionDueDateChange, {
          actionId: action.id,
          changedOn: notedOn,
          fromDueOn: action.dueOn,
          toDueOn,
          reason: dueDateReason!,
          byUserId: access.me.id,
          byName: access.me.name,
        });
        action.dueOn = toDueOn;
        action.ongoing = toOngoing;
        action.dueDateChangeCount += 1;
      }
      if (lead !== undefined) action.lead = lead;
      if (input.reviewFrequency) action.reviewFrequency = input.reviewFrequency;
      if (input.nextReviewOn) action.nextReviewOn = input.nextReviewOn;
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
    if (filter.dueForReviewOnly) qb.andWhere(...asWhere(dueForReviewSql('a', filter.asOf)));
    if (filter.driftingOnly) qb.andWhere(...asWhere(driftingSql('a')));
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

  async dueDateChangesOf(actionIds: string[]): Promise<ActionDueDateChange[]> {
    return this.ds.getRepository(ActionDueDateChange).find({ where: { actionId: In(actionIds) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async byIds(access: Access, ids: string[]): Promise<Action[]> {
    if (!ids.length) return [];
    access.assertSignedIn();
    return this.ds.getRepository(Action).findBy({ id: In(ids) });
  }

  /** The actions each original was carried forward from (the reverse of carriedForwardTo). */
  async carriedFrom(ids: string[]): Promise<Action[]> {
    return this.ds.getRepository(Action).findBy({ carriedForwardToId: In(ids) });
  }

  /**
   * Meeting.actionsDue for many meetings in one statement (then one to load them): the open actions
   * of a board, or of the given sources, whose due date or next review date falls on or before the
   * day (src/rules/actions.ts). Agency users get only their own agency's.
   */
  async dueBy(access: Access, specs: DueBySpec[]): Promise<Map<string, Action[]>> {
    const me = access.me;
    const out = new Map<string, Action[]>(specs.map((s) => [s.key, []]));
    if (!specs.length) return out;
    const rows = await query<{ key: string; id: string }>(
      this.ds,
      sql`SELECT spec.key, a.id
        FROM jsonb_to_recordset(${JSON.stringify(specs.map((s) => ({ key: s.key, board_id: s.boardId, source_ids: s.sourceIds, on_day: s.on })))}::jsonb)
          AS spec(key text, board_id uuid, source_ids uuid[], on_day date)
        JOIN action a ON (spec.board_id IS NOT NULL AND a.board_ids @> ARRAY[spec.board_id]) OR a.source_id = ANY(spec.source_ids)
        WHERE ${dueBySql('a', sql`spec.on_day`)}
          AND (${me.role !== UserRole.AGENCY_USER} OR a.owner_agency_id = ${me.agencyId}::uuid)
        ORDER BY spec.key, coalesce(a.due_on, a.next_review_on), a.id`,
    );
    const actions = new Map((await this.byIds(access, [...new Set(rows.map((r) => r.id))])).map((a) => [a.id, a]));
    for (const r of rows) out.get(r.key)!.push(actions.get(r.id)!);
    return out;
  }

  /**
   * Carries an open action forward to a later plan's priority (or a review, or a meeting): a new
   * action there with the same description, owner and lead; the original is closed as CANCELLED with
   * a note saying where it went, keeps its history, and links to the new one (carriedForwardTo).
   */
  async carryForward(access: Access, input: CarryForwardActionInput): Promise<Action> {
    const note = requireText('note', input.note, 4000);
    const current = await this.get(access, input.actionId);
    access.assertCanUpdateAction(current, true);
    const given = (['priorityId', 'recommendationId', 'agendaItemId', 'externalLearningId'] as const).filter((k) => !!input[k]);
    if (given.length !== 1) throw new BadInputError('priorityId', 'Give exactly one of priorityId, recommendationId, agendaItemId or externalLearningId');
    const field = given[0];
    const source = this.sources.byField(field);
    const info = await source.describe(input[field]!);
    if (!info) throw new BadInputError(field, `${input[field]} not found`);
    const boardIds = info.boardIds ?? [info.boardId];
    access.assertCanManageAnyBoard(boardIds);
    if (info.id === current.sourceId) throw new BadInputError(field, 'Carry an action forward to somewhere else');
    const timescale =
      input.timescale || input.dueOn
        ? this.timescaleOf(input)
        : { dueOn: current.dueOn, ongoing: current.ongoing, reviewFrequency: current.reviewFrequency, nextReviewOn: current.nextReviewOn };
    return this.mutations.run(access.me, 'carryForwardAction', input, async (em) => {
      const refusedHere = await this.sources.byType(current.sourceType)?.lockForChange?.(em, current.sourceId, 'status');
      if (refusedHere) throw new ConflictError(refusedHere);
      const refusedThere = await source.lockForChange?.(em, info.id, 'add');
      if (refusedThere) throw new ConflictError(refusedThere);
      const original = await em.getRepository(Action).findOne({ where: { id: current.id }, lock: { mode: 'pessimistic_write' } });
      if (!original) throw new ConflictError('The action was removed meanwhile');
      if (!isOpenAction(original.status)) throw new ConflictError(`Only an open action is carried forward; this one is ${original.status}`);
      const next = await this.create(em, {
        description: original.description,
        ownerAgencyId: original.ownerAgencyId,
        ...timescale,
        lead: original.lead,
        rag: original.rag,
        sourceType: info.type,
        sourceId: info.id,
        sourceLabel: info.label,
        boardIds,
      });
      const today = this.clock.today();
      await em.insert(ActionUpdate, {
        actionId: original.id,
        notedOn: today,
        note: `Carried forward to ${info.label}: ${note}`,
        fromStatus: original.status,
        toStatus: ActionStatus.CANCELLED,
        fromRag: original.rag,
        toRag: original.rag,
        byUserId: access.me.id,
        byName: access.me.name,
      });
      await em.update(Action, { id: original.id }, { status: ActionStatus.CANCELLED, closedOn: today, carriedForwardToId: next.id });
      return { result: next, entityType: 'Action', entityId: next.id, boardIds: [...new Set([...original.boardIds, ...boardIds])] };
    });
  }

  async updatesOf(actionIds: string[]): Promise<ActionUpdate[]> {
    return this.ds.getRepository(ActionUpdate).find({ where: { actionId: In(actionIds) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
