import { DataSource } from 'typeorm';
import { Access } from '../../access/access';
import { BadInputError, ConflictError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { Agency } from '../agency/agency.entity';
import { BusinessPlan, PlanPriority } from '../business-plan/business-plan.entity';
import { CaseReview, CaseReviewStatus, Recommendation } from '../case-review/case-review.entity';
import { Action, ActionSourceType } from './action.entity';
import { AddActionInput } from './action.inputs';
import { ActionService } from './action.service';

/** Adds an action to a review recommendation or a plan priority (audit actions come with their return). */
export class AddActionService {
  constructor(private readonly ds: DataSource, private readonly mutations: MutationRunner, private readonly actions: ActionService) {}

  async add(access: Access, input: AddActionInput): Promise<Action> {
    access.me;
    if (!!input.recommendationId === !!input.priorityId) throw new BadInputError('recommendationId', 'Give exactly one of recommendationId or priorityId');
    if (!(await this.ds.getRepository(Agency).existsBy({ id: input.ownerAgencyId }))) throw new BadInputError('ownerAgencyId', `Agency ${input.ownerAgencyId} not found`);
    const source = input.recommendationId ? await this.recommendation(input.recommendationId) : await this.priority(input.priorityId!);
    access.assertCanManageBoard(source.boardId);
    return this.mutations.run(access.me, 'addAction', input, async (em) => {
      if (source.reviewId) {
        const review = await em.getRepository(CaseReview).findOneOrFail({ where: { id: source.reviewId }, lock: { mode: 'pessimistic_read' } });
        if (review.status === CaseReviewStatus.CLOSED) throw new ConflictError('The review is closed: it takes no new actions');
      }
      const action = await this.actions.create(em, {
        description: input.description,
        ownerAgencyId: input.ownerAgencyId,
        dueOn: input.dueOn,
        rag: input.rag ?? null,
        sourceType: source.type,
        sourceId: source.id,
        sourceLabel: source.label,
        boardIds: [source.boardId],
      });
      return { result: action, entityType: 'Action', entityId: action.id, boardIds: action.boardIds };
    });
  }

  private async recommendation(id: string) {
    const rec = await this.ds.getRepository(Recommendation).findOne({ where: { id }, relations: { caseReview: true } });
    if (!rec) throw new BadInputError('recommendationId', `Recommendation ${id} not found`);
    const review = rec.caseReview!;
    return { type: ActionSourceType.REVIEW_RECOMMENDATION, id: rec.id, boardId: review.boardId, reviewId: review.id, label: `${review.reference}: recommendation ${rec.number}` };
  }

  private async priority(id: string) {
    const priority = await this.ds.getRepository(PlanPriority).findOneBy({ id });
    if (!priority) throw new BadInputError('priorityId', `Priority ${id} not found`);
    const plan = await this.ds.getRepository(BusinessPlan).findOneByOrFail({ id: priority.planId });
    return { type: ActionSourceType.PLAN_PRIORITY, id: priority.id, boardId: plan.boardId, reviewId: null, label: `${plan.title}: priority ${priority.code}` };
  }
}
