import { ident, query, Queryable, sql } from '../../database/sql';
import { DataSource, In } from 'typeorm';
import { Access } from '../../access/access';
import { BadInputError, ConflictError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { isIsoDate } from '../../common/scalars';
import { assertFound, assertUuidOrNotFound, requireText } from '../../common/validation';
import { ActionProgress, ActionSet, progressBy } from '../action/action-progress';
import { ActionSource } from '../action/action-sources';
import { ActionSourceType } from '../action/action.entity';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { CaseReview, CaseReviewStatus, Recommendation } from './case-review.entity';
import { AddRecommendationInput, CaseReviewsArgs, CreateCaseReviewInput, DecideCaseReviewInput, UpdateCaseReviewStatusInput } from './case-review.inputs';

const S = CaseReviewStatus;
/** The only moves updateCaseReviewStatus makes; the decision itself goes through decideCaseReview. */
const NEXT: Partial<Record<CaseReviewStatus, CaseReviewStatus>> = {
  [S.COMMISSIONED]: S.IN_PROGRESS,
  [S.IN_PROGRESS]: S.PUBLISHED,
  [S.PUBLISHED]: S.CLOSED,
};
/** Recommendations come from a commissioned review's findings, up to its closing. */
const TAKES_RECOMMENDATIONS = [S.COMMISSIONED, S.IN_PROGRESS, S.PUBLISHED];

/** The actions of a review's recommendations, for the tracker's roll-ups. */
const REVIEW_ACTIONS: ActionSet = {
  from: sql`recommendation r LEFT JOIN action a ON a.source_type = 'REVIEW_RECOMMENDATION' AND a.source_id = r.id`,
  key: ident('r.case_review_id'),
};

export class CaseReviewService {
  constructor(private readonly ds: DataSource, private readonly mutations: MutationRunner) {}

  async get(access: Access, id: string): Promise<CaseReview> {
    access.assertSignedIn();
    assertUuidOrNotFound(id, 'CaseReview');
    const review = assertFound(await this.ds.getRepository(CaseReview).findOneBy({ id }), 'CaseReview', id);
    await access.assertCanRead('CaseReview', review, 'This case review belongs to a board you do not work for');
    return review;
  }

  async forBoards(boardIds: string[], args: CaseReviewsArgs): Promise<Map<string, CaseReview[]>> {
    const rows = await this.ds.getRepository(CaseReview).find({
      where: { boardId: In(boardIds), ...(args.status ? { status: args.status } : {}), ...(args.type ? { type: args.type } : {}) },
      order: { referredOn: 'DESC', reference: 'ASC' },
    });
    return new Map(boardIds.map((b) => [b, rows.filter((r) => r.boardId === b)]));
  }

  recommendationsOf(reviewIds: string[]): Promise<Recommendation[]> {
    return this.ds.getRepository(Recommendation).find({ where: { caseReviewId: In(reviewIds) }, order: { number: 'ASC' } });
  }

  progressOf(reviewIds: string[], asOf: string, db: Queryable = this.ds): Promise<Map<string, ActionProgress>> {
    return progressBy(db, REVIEW_ACTIONS, reviewIds, asOf);
  }

  async create(access: Access, input: CreateCaseReviewInput): Promise<CaseReview> {
    access.assertSignedIn();
    const reference = requireText('reference', input.reference, 100);
    if (!(await this.ds.getRepository(Board).existsBy({ id: input.boardId }))) throw new BadInputError('boardId', `Board ${input.boardId} not found`);
    access.assertCanManageBoard(input.boardId);
    if (input.referredOn > access.today) throw new BadInputError('referredOn', 'A referral cannot be dated in the future');
    const agencyIds = [...new Set(input.involvedAgencyIds ?? [])];
    if (agencyIds.length) {
      const found = new Set((await this.ds.getRepository(Agency).find({ select: { id: true }, where: { id: In(agencyIds) } })).map((a) => a.id));
      const missing = agencyIds.find((id) => !found.has(id));
      if (missing) throw new BadInputError('involvedAgencyIds', `Agency ${missing} not found`);
    }
    const themes = (input.themes ?? []).map((t) => t.trim()).filter(Boolean);
    return this.mutations.run(access.me, 'createCaseReview', input, async (em) => {
      const existing = await em
        .getRepository(CaseReview)
        .createQueryBuilder('c')
        .where('c.board_id = :boardId AND lower(c.reference) = lower(:reference)', { boardId: input.boardId, reference })
        .getOne();
      if (existing) throw new ConflictError(`The board already has a review called ${reference}`, { existingId: existing.id });
      const review = await em.save(
        em.create(CaseReview, {
          boardId: input.boardId,
          type: input.type,
          reference,
          summary: input.summary?.trim() || null,
          themes,
          involvedAgencyIds: agencyIds,
          referredOn: input.referredOn,
          status: S.REFERRED,
        }),
      );
      return { result: review, entityType: 'CaseReview', entityId: review.id, boardIds: [review.boardId] };
    });
  }

  async decide(access: Access, input: DecideCaseReviewInput): Promise<CaseReview> {
    const rationale = requireText('rationale', input.rationale, 10000);
    const review = await this.get(access, input.caseReviewId);
    access.assertCanManageBoard(review.boardId);
    if (input.decidedOn < review.referredOn) throw new BadInputError('decidedOn', `The decision cannot come before the referral on ${review.referredOn}`);
    if (input.decidedOn > access.today) throw new BadInputError('decidedOn', 'A decision cannot be dated in the future');
    return this.mutations.run(access.me, 'decideCaseReview', input, async (em) => {
      const locked = await em.getRepository(CaseReview).findOneOrFail({ where: { id: review.id }, lock: { mode: 'pessimistic_write' } });
      if (locked.status !== S.REFERRED) throw new ConflictError(`The review was already decided (${locked.status})`, { status: locked.status });
      locked.status = input.commission ? S.COMMISSIONED : S.NOT_COMMISSIONED;
      locked.commissioned = input.commission;
      locked.decidedOn = input.decidedOn;
      locked.decisionRationale = rationale;
      const saved = await em.save(locked);
      return { result: saved, entityType: 'CaseReview', entityId: saved.id, boardIds: [saved.boardId] };
    });
  }

  async updateStatus(access: Access, input: UpdateCaseReviewStatusInput): Promise<CaseReview> {
    const review = await this.get(access, input.caseReviewId);
    access.assertCanManageBoard(review.boardId);
    const on = input.on ?? access.today;
    if (!isIsoDate(on)) throw new BadInputError('on', 'Expected a date YYYY-MM-DD');
    if (on > access.today) throw new BadInputError('on', 'A status change cannot be dated in the future');
    return this.mutations.run(access.me, 'updateCaseReviewStatus', input, async (em) => {
      const locked = await em.getRepository(CaseReview).findOneOrFail({ where: { id: review.id }, lock: { mode: 'pessimistic_write' } });
      if (NEXT[locked.status] !== input.status) {
        const allowed = NEXT[locked.status];
        throw new ConflictError(
          `A ${locked.status} review cannot move to ${input.status}` + (allowed ? ` (only to ${allowed})` : locked.status === S.REFERRED ? ' (decide it first)' : ''),
          { status: locked.status },
        );
      }
      const since = locked.decidedOn ?? locked.referredOn;
      if (on < since) throw new BadInputError('on', `The change cannot come before ${since}`);
      if (input.status === S.CLOSED) {
        // The same roll-up the figures use, read inside this transaction under the review's lock.
        const { open } = (await this.progressOf([locked.id], on, em)).get(locked.id)!;
        if (open > 0) throw new ConflictError(`The review still has ${open} open action${open === 1 ? '' : 's'}: complete or cancel them first`, { openActions: open });
      }
      if (input.status === S.IN_PROGRESS) locked.startedOn = on;
      if (input.status === S.PUBLISHED) locked.publishedOn = on;
      if (input.status === S.CLOSED) locked.closedOn = on;
      locked.status = input.status;
      const saved = await em.save(locked);
      return { result: saved, entityType: 'CaseReview', entityId: saved.id, boardIds: [saved.boardId] };
    });
  }

  async addRecommendation(access: Access, input: AddRecommendationInput): Promise<Recommendation> {
    const text = requireText('text', input.text, 10000);
    const review = await this.get(access, input.caseReviewId);
    access.assertCanManageBoard(review.boardId);
    if (input.agencyId && !(await this.ds.getRepository(Agency).existsBy({ id: input.agencyId }))) {
      throw new BadInputError('agencyId', `Agency ${input.agencyId} not found`);
    }
    return this.mutations.run(access.me, 'addRecommendation', input, async (em) => {
      const locked = await em.getRepository(CaseReview).findOneOrFail({ where: { id: review.id }, lock: { mode: 'pessimistic_write' } });
      if (!TAKES_RECOMMENDATIONS.includes(locked.status)) throw new ConflictError(`A ${locked.status} review takes no recommendations`, { status: locked.status });
      const [{ n }] = await em.query(`SELECT coalesce(max(number), 0)::int AS n FROM recommendation WHERE case_review_id = $1`, [locked.id]);
      const rec = await em.save(em.create(Recommendation, { caseReviewId: locked.id, number: n + 1, text, agencyId: input.agencyId ?? null }));
      return { result: rec, entityType: 'Recommendation', entityId: rec.id, boardIds: [locked.boardId] };
    });
  }

  /** Recommendations as a source of tracked actions (registered with the action module in src/services.ts). */
  actionSource(): ActionSource {
    return {
      type: ActionSourceType.REVIEW_RECOMMENDATION,
      field: 'recommendationId',
      describe: async (id) => {
        const rec = await this.ds.getRepository(Recommendation).findOne({ where: { id }, relations: { caseReview: true } });
        if (!rec) return null;
        const review = rec.caseReview!;
        return { type: ActionSourceType.REVIEW_RECOMMENDATION, id: rec.id, boardId: review.boardId, label: `${review.reference}: recommendation ${rec.number}` };
      },
      // A share lock on the review: closing it waits for changes in flight, and they for a closing.
      lockForChange: async (em, recommendationId, change) => {
        const [review] = await query<{ status: string; reference: string }>(
          em,
          sql`SELECT c.status, c.reference FROM case_review c JOIN recommendation r ON r.case_review_id = c.id WHERE r.id = ${recommendationId}::uuid FOR SHARE OF c`,
        );
        if (review?.status !== CaseReviewStatus.CLOSED) return null;
        return change === 'add' ? 'The review is closed: it takes no new actions' : `Review ${review.reference} is closed: the status of its actions cannot change`;
      },
    };
  }
}
