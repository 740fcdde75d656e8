import { DataSource, In } from 'typeorm';
import { Access } from '../../access/access';
import { BadInputError, ConflictError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { assertFound, assertPeriod, assertUuidOrNotFound, requireText } from '../../common/validation';
import { ident, sql, Sql } from '../../database/sql';
import { ActionProgress, ActionSet, progressBy, progressSql } from '../action/action-progress';
import { ActionSource } from '../action/action-sources';
import { ActionSourceType } from '../action/action.entity';
import { Board } from '../board/board.entity';
import { SubGroupBoard } from '../sub-group/sub-group.entity';
import { BusinessPlan, PlanPriority } from './business-plan.entity';
import { AddPriorityInput, CreateBusinessPlanInput } from './business-plan.inputs';

/** A plan's priorities with their actions, for the tracker's roll-ups (grouped by priority or by plan). */
const PRIORITY_ACTIONS: ActionSet['from'] = sql`plan_priority p LEFT JOIN action a ON a.source_type = 'PLAN_PRIORITY' AND a.source_id = p.id`;

export class BusinessPlanService {
  constructor(private readonly ds: DataSource, private readonly mutations: MutationRunner) {}

  async get(access: Access, id: string): Promise<BusinessPlan> {
    access.assertSignedIn();
    assertUuidOrNotFound(id, 'BusinessPlan');
    const plan = assertFound(await this.ds.getRepository(BusinessPlan).findOneBy({ id }), 'BusinessPlan', id);
    await access.assertCanRead('BusinessPlan', plan, 'This plan belongs to a board you do not work for');
    return plan;
  }

  async forBoards(boardIds: string[]): Promise<BusinessPlan[]> {
    return this.ds.getRepository(BusinessPlan).find({ where: { boardId: In(boardIds) }, order: { periodFrom: 'DESC', createdAt: 'DESC' } });
  }

  prioritiesOf(planIds: string[]): Promise<PlanPriority[]> {
    return this.ds.getRepository(PlanPriority).find({ where: { planId: In(planIds) }, order: { position: 'ASC' } });
  }

  progressOfPriorities(ids: string[], asOf: string): Promise<Map<string, ActionProgress>> {
    return progressBy(this.ds, { from: PRIORITY_ACTIONS, key: ident('p.id') }, ids, asOf);
  }

  progressOfPlans(ids: string[], asOf: string): Promise<Map<string, ActionProgress>> {
    return progressBy(this.ds, { from: PRIORITY_ACTIONS, key: ident('p.plan_id') }, ids, asOf);
  }

  /**
   * The statements behind progressOfPriorities and progressOfPlans over the priorities (alias `p`)
   * `where` picks, for a statement that nests them (the executive summary); read with progressOf.
   */
  progressOfPrioritiesSql(where: Sql, asOf: string): Sql {
    return progressSql({ from: PRIORITY_ACTIONS, key: ident('p.id') }, where, asOf);
  }

  progressOfPlansSql(where: Sql, asOf: string): Sql {
    return progressSql({ from: PRIORITY_ACTIONS, key: ident('p.plan_id') }, where, asOf);
  }

  async create(access: Access, input: CreateBusinessPlanInput): Promise<BusinessPlan> {
    access.assertSignedIn();
    const title = requireText('title', input.title, 200);
    assertPeriod(input.periodFrom, input.periodTo, 'periodFrom', 'periodTo');
    if (!(await this.ds.getRepository(Board).existsBy({ id: input.boardId }))) throw new BadInputError('boardId', `Board ${input.boardId} not found`);
    access.assertCanManageBoard(input.boardId);
    return this.mutations.run(access.me, 'createBusinessPlan', input, async (em) => {
      const plan = await em.save(em.create(BusinessPlan, { boardId: input.boardId, title, periodFrom: input.periodFrom, periodTo: input.periodTo }));
      return { result: plan, entityType: 'BusinessPlan', entityId: plan.id, boardIds: [plan.boardId] };
    });
  }

  async addPriority(access: Access, input: AddPriorityInput): Promise<PlanPriority> {
    const code = requireText('code', input.code, 10);
    const title = requireText('title', input.title, 500);
    const plan = await this.get(access, input.businessPlanId);
    access.assertCanManageBoard(plan.boardId);
    if (input.leadSubGroupId && !(await this.ds.getRepository(SubGroupBoard).existsBy({ subGroupId: input.leadSubGroupId, boardId: plan.boardId }))) {
      throw new BadInputError('leadSubGroupId', "The lead sub-group must serve the plan's board");
    }
    return this.mutations.run(access.me, 'addPriority', input, async (em) => {
      // Lock the plan so two priorities added at once get distinct positions.
      await em.getRepository(BusinessPlan).findOneOrFail({ where: { id: plan.id }, lock: { mode: 'pessimistic_write' } });
      const clash = await em.getRepository(PlanPriority).findOneBy({ planId: plan.id, code });
      if (clash) throw new ConflictError(`The plan already has a priority ${code}`, { existingId: clash.id });
      const [{ n }] = await em.query(`SELECT coalesce(max(position), 0)::int AS n FROM plan_priority WHERE plan_id = $1`, [plan.id]);
      const priority = await em.save(
        em.create(PlanPriority, {
          planId: plan.id,
          code,
          title,
          outcomesSought: input.outcomesSought?.trim() || null,
          leadSubGroupId: input.leadSubGroupId ?? null,
          position: n + 1,
        }),
      );
      return { result: priority, entityType: 'PlanPriority', entityId: priority.id, boardIds: [plan.boardId] };
    });
  }

  /** Priorities as a source of tracked actions (registered with the action module in src/services.ts). */
  actionSource(): ActionSource {
    return {
      type: ActionSourceType.PLAN_PRIORITY,
      field: 'priorityId',
      describe: async (id) => {
        const priority = await this.ds.getRepository(PlanPriority).findOneBy({ id });
        if (!priority) return null;
        const plan = await this.ds.getRepository(BusinessPlan).findOneByOrFail({ id: priority.planId });
        return { type: ActionSourceType.PLAN_PRIORITY, id: priority.id, boardId: plan.boardId, label: `${plan.title}: priority ${priority.code}` };
      },
    };
  }
}
