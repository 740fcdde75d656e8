import { asWhere, ident, query, Queryable, sql, Sql } from '../../database/sql';
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
import { EntityManager } from 'typeorm';
import { BoardKind } from '../../common/enums';
import { addMonths, WorkingDays } from '../../rules/working-days';
import { concludedOnSql, publishedOn, publishedOnSql, statusOnSql } from '../../rules/reviews';
import { actionOnSql, openActionSql, overdueSql } from '../../rules/actions';
import { CalendarService } from '../calendar/calendar.service';
import {
  CaseReview, CaseReviewKind, CaseReviewStatus, CaseReviewType, ExternalLearning, Finding, FindingResponse, KIND_OF_TYPE, RapidReview, RapidReviewOutcome, Recommendation,
  ReviewClock, ReviewContribution, ReviewEvent, ReviewEventKind, SeriousIncident,
} from './case-review.entity';
import {
  AddFindingInput, AddRecommendationInput, CaseReviewsArgs, CreateCaseReviewInput, DecideCaseReviewInput, ExtendCompletionClockInput, NotifySeriousIncidentInput,
  RecordExternalLearningInput, RecordPublicationEventInput, RecordRapidReviewInput, RecordReviewContributionInput, RespondToFindingInput, UpdateCaseReviewStatusInput,
} from './case-review.inputs';

const S = CaseReviewStatus;
/**
 * The moves updateCaseReviewStatus makes (domain/reviews.md); the decision goes through
 * decideCaseReview (or a rapid review), publication through recordPublicationEvent as well.
 * SAR: IN_PROGRESS → COMPLETED → (PUBLISHED →) CLOSED. Any kind: IN_PROGRESS (or COMPLETED) → CLOSED
 * once the board decided not to publish.
 */
function nextStatuses(kind: CaseReviewKind, from: CaseReviewStatus, notPublishing: boolean): CaseReviewStatus[] {
  const sar = kind === CaseReviewKind.SAR;
  switch (from) {
    case S.COMMISSIONED:
      return [S.IN_PROGRESS];
    case S.IN_PROGRESS:
      return sar ? [S.COMPLETED, ...(notPublishing ? [S.CLOSED] : [])] : [S.PUBLISHED, ...(notPublishing ? [S.CLOSED] : [])];
    case S.COMPLETED:
      return notPublishing ? [S.CLOSED] : [S.PUBLISHED, S.CLOSED];
    case S.PUBLISHED:
      return [S.CLOSED];
    default:
      return [];
  }
}
/** Recommendations and findings come from a commissioned review, up to its closing. */
const TAKES_RECOMMENDATIONS = [S.COMMISSIONED, S.IN_PROGRESS, S.COMPLETED, S.PUBLISHED];
/** Publication events belong to a commissioned review that is not closed. */
const TAKES_PUBLICATION = [S.COMMISSIONED, S.IN_PROGRESS, S.COMPLETED, S.PUBLISHED];
const NEEDS_REASON: ReviewEventKind[] = [ReviewEventKind.PUBLICATION_DELAYED, ReviewEventKind.DECIDED_NOT_TO_PUBLISH, ReviewEventKind.WITHDRAWN];

/** Figures of a board's reviews for a period, read from the status on its last day (report module maps them). */
/** periodFiguresSql's row. */
export interface PeriodFiguresRow {
  by_status: { status: CaseReviewStatus; count: number; referred: number; commissioned: number; published: number; others: number }[];
  figures: {
    open: number; overdue: number; concluded: number; ongoing: number; not_implemented: number; contributions: number;
    incidents: { aware_on: string; notified_on: string; sent: string | null }[]; closures: string[];
  };
}

export interface ReviewPeriodFigures {
  byStatus: { status: CaseReviewStatus; count: number }[];
  referredInPeriod: number;
  commissionedInPeriod: number;
  publishedInPeriod: number;
  openActions: number;
  overdueActions: number;
  notificationsMade: number;
  notificationsOnTime: number;
  rapidReviewsCompleted: number;
  rapidReviewsOnTime: number;
  localReviewsInProgress: number;
  sarsConcluded: number;
  sarsOngoing: number;
  findingsNotImplemented: number;
  contributions: number;
  deliveredForOthers: number;
}

/** A finding of one of the board's reviews as it stood on the period's last day (findingsAsAt). */
export interface FindingAtEnd {
  review: string;
  /** Of a safeguarding adults review. */
  sar: boolean;
  number: number;
  text: string;
  /** ACCEPTED, NOT_IMPLEMENTED, or null: no response by the period's end. */
  response: string | null;
  reasons: string | null;
  respondedOn: string | null;
  /** When the SAR concluded (first COMPLETED, PUBLISHED or CLOSED), by the period's end. */
  concludedOn: string | null;
  publishedOn: string | null;
}

/** External learning a year's report names, with its actions as they stood on the year's last day (learningAsAt). */
export interface LearningAtEnd {
  title: string;
  source: string;
  area: string | null;
  publishedOn: string;
  /** Actions not cancelled on the last day; complete + open = total. */
  total: number;
  complete: number;
  open: number;
}

/** The actions of a review's recommendations, for the tracker's roll-ups. */
const REVIEW_ACTIONS: ActionSet = {
  from: sql`recommendation r LEFT JOIN action a ON a.source_type = 'REVIEW_RECOMMENDATION' AND a.source_id = r.id`,
  key: ident('r.case_review_id'),
};

export class CaseReviewService {
  constructor(private readonly ds: DataSource, private readonly mutations: MutationRunner, private readonly calendar: CalendarService) {}

  /** Appends a dated event (seq: order of entry within the review, under the review's lock). */
  private async addEvent(
    em: EntityManager, reviewId: string, kind: ReviewEventKind, status: CaseReviewStatus | null, on: string, reason: string | null = null, dueOn: string | null = null,
  ): Promise<ReviewEvent> {
    const [{ n }] = await query<{ n: number }>(em, sql`SELECT coalesce(max(seq), 0)::int AS n FROM review_event WHERE case_review_id = ${reviewId}::uuid`);
    return em.save(em.create(ReviewEvent, { caseReviewId: reviewId, seq: n + 1, kind, status, on, reason, dueOn }));
  }

  private lockReview(em: EntityManager, id: string): Promise<CaseReview> {
    return em.getRepository(CaseReview).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** England's working-day calendar with the closure days (the calendar module's). */
  workingDays(): Promise<WorkingDays> {
    return this.calendar.calendar();
  }

  eventsOf(reviewIds: string[]): Promise<ReviewEvent[]> {
    return this.ds.getRepository(ReviewEvent).find({ where: { caseReviewId: In(reviewIds) }, order: { seq: 'ASC' } });
  }

  findingsOf(reviewIds: string[]): Promise<Finding[]> {
    return this.ds.getRepository(Finding).find({ where: { caseReviewId: In(reviewIds) }, order: { number: 'ASC' } });
  }

  incidentsOfReviews(reviewIds: string[]): Promise<SeriousIncident[]> {
    return this.ds.getRepository(SeriousIncident).find({ where: { caseReviewId: In(reviewIds) } });
  }

  rapidReviewsOf(incidentIds: string[]): Promise<RapidReview[]> {
    return this.ds.getRepository(RapidReview).find({ where: { seriousIncidentId: In(incidentIds) } });
  }

  async contributionsOf(boardIds: string[]): Promise<Map<string, ReviewContribution[]>> {
    const rows = await this.ds.getRepository(ReviewContribution).find({ where: { boardId: In(boardIds) }, order: { contributedOn: 'DESC' } });
    return new Map(boardIds.map((b) => [b, rows.filter((r) => r.boardId === b)]));
  }

  /** Clocks of many reviews at once (one calendar, four batched reads). */
  async clocksOf(reviewIds: string[], today: string): Promise<Map<string, ReviewClock[]>> {
    const [cal, reviews, events, incidents] = await Promise.all([
      this.calendar.calendar(),
      this.ds.getRepository(CaseReview).findBy({ id: In(reviewIds) }),
      this.eventsOf(reviewIds),
      this.incidentsOfReviews(reviewIds),
    ]);
    const rapid = incidents.length ? await this.rapidReviewsOf(incidents.map((i) => i.id)) : [];
    return new Map(
      reviewIds.map((id) => {
        const review = reviews.find((r) => r.id === id);
        if (!review) return [id, []];
        const incident = incidents.find((i) => i.caseReviewId === id) ?? null;
        return [id, reviewClocks(cal, review, events.filter((e) => e.caseReviewId === id), incident, rapid.find((r) => r.seriousIncidentId === incident?.id) ?? null, today)];
      }),
    );
  }

  async get(access: Access, id: string): Promise<CaseReview> {
    access.assertSignedIn();
    assertUuidOrNotFound(id, 'CaseReview');
    const review = assertFound(await this.ds.getRepository(CaseReview).findOneBy({ id }), 'CaseReview', id);
    await access.assertCanRead('CaseReview', review, 'This case review belongs to a board you do not work for');
    return review;
  }

  async forBoards(boardIds: string[], args: CaseReviewsArgs): Promise<Map<string, CaseReview[]>> {
    if (args.on) return this.forBoardsOn(boardIds, args, args.on);
    const rows = await this.ds.getRepository(CaseReview).find({
      where: { boardId: In(boardIds), ...(args.status ? { status: args.status } : {}), ...(args.type ? { type: args.type } : {}) },
      order: { referredOn: 'DESC', reference: 'ASC' },
    });
    return new Map(boardIds.map((b) => [b, rows.filter((r) => r.boardId === b)]));
  }

  /** Board lists for a period: each review's status on `on` (the same rule as the period figures). */
  private async forBoardsOn(boardIds: string[], args: CaseReviewsArgs, on: string): Promise<Map<string, CaseReview[]>> {
    const [exists, p1] = asWhere(statusOnSql('c', on));
    const qb = this.ds.getRepository(CaseReview).createQueryBuilder('c').where('c.board_id IN (:...boardIds)', { boardIds }).andWhere(`${exists} IS NOT NULL`, p1);
    if (args.status) {
      const [then, p2] = asWhere(sql`${statusOnSql('c', on)} = ${args.status}::case_review_status`);
      qb.andWhere(then, p2);
    }
    if (args.type) qb.andWhere('c.type = :type', { type: args.type });
    const rows = await qb.orderBy('c.referred_on', 'DESC').addOrderBy('c.reference', 'ASC').getMany();
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
    if (input.sarCriterion && input.type !== CaseReviewType.SAFEGUARDING_ADULTS_REVIEW) throw new BadInputError('sarCriterion', 'Only a safeguarding adults review has a criterion');
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
          sarCriterion: input.type === CaseReviewType.SAFEGUARDING_ADULTS_REVIEW ? (input.sarCriterion ?? null) : null,
          deliveredFor: input.deliveredFor?.trim() || null,
        }),
      );
      await this.addEvent(em, review.id, ReviewEventKind.STATUS, S.REFERRED, input.referredOn);
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
      await this.addEvent(em, saved.id, ReviewEventKind.STATUS, saved.status, input.decidedOn);
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
      const locked = await this.lockReview(em, review.id);
      const events = await em.getRepository(ReviewEvent).find({ where: { caseReviewId: locked.id }, order: { seq: 'ASC' } });
      const notPublishing = events.some((e) => e.kind === ReviewEventKind.DECIDED_NOT_TO_PUBLISH);
      const allowed = nextStatuses(KIND_OF_TYPE[locked.type], locked.status, notPublishing);
      if (!allowed.includes(input.status)) {
        throw new ConflictError(
          `A ${locked.status} review cannot move to ${input.status}` +
            (allowed.length ? ` (only to ${allowed.join(' or ')})` : locked.status === S.REFERRED ? ' (decide it first)' : ''),
          { status: locked.status },
        );
      }
      const since = events.filter((e) => e.kind === ReviewEventKind.STATUS).reduce((d, e) => (e.on > d ? e.on : d), locked.decidedOn ?? locked.referredOn);
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
      await this.addEvent(em, saved.id, ReviewEventKind.STATUS, input.status, on);
      if (input.status === S.PUBLISHED && !events.some((e) => e.kind === ReviewEventKind.OVERVIEW_REPORT || e.kind === ReviewEventKind.LEARNING_BRIEF)) {
        await this.addEvent(em, saved.id, ReviewEventKind.OVERVIEW_REPORT, null, on);
      }
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
      const locked = await this.lockReview(em, review.id);
      if (!TAKES_RECOMMENDATIONS.includes(locked.status)) throw new ConflictError(`A ${locked.status} review takes no recommendations`, { status: locked.status });
      const [{ n }] = await em.query(`SELECT coalesce(max(number), 0)::int AS n FROM recommendation WHERE case_review_id = $1`, [locked.id]);
      const rec = await em.save(em.create(Recommendation, { caseReviewId: locked.id, number: n + 1, text, agencyId: input.agencyId ?? null }));
      return { result: rec, entityType: 'Recommendation', entityId: rec.id, boardIds: [locked.boardId] };
    });
  }


  private assertDate(field: string, d: string | undefined | null, today: string): void {
    if (d == null) return;
    if (!isIsoDate(d)) throw new BadInputError(field, 'Expected a date YYYY-MM-DD');
    if (d > today) throw new BadInputError(field, 'Cannot be dated in the future');
  }

  /** A serious incident notification opens a CSPR in status NOTIFIED; a late one is accepted (its clock shows the breach). */
  async notifySeriousIncident(access: Access, input: NotifySeriousIncidentInput): Promise<SeriousIncident> {
    access.assertSignedIn();
    const pseudonym = requireText('pseudonym', input.pseudonym, 100);
    const board = await this.ds.getRepository(Board).findOneBy({ id: input.boardId });
    if (!board) throw new BadInputError('boardId', `Board ${input.boardId} not found`);
    access.assertCanManageBoard(board.id);
    if (board.kind === BoardKind.ADULTS || board.kind === BoardKind.SAB) throw new BadInputError('boardId', "Serious incident notifications belong to a children's (or joint) partnership");
    for (const f of ['incidentOn', 'awareOn', 'notifiedOn'] as const) this.assertDate(f, input[f], access.today);
    if (input.awareOn < input.incidentOn) throw new BadInputError('awareOn', 'Awareness cannot come before the incident');
    if (input.notifiedOn < input.awareOn) throw new BadInputError('notifiedOn', 'The notification cannot come before awareness');
    return this.mutations.run(access.me, 'notifySeriousIncident', input, async (em) => {
      const existing = await em.getRepository(CaseReview).createQueryBuilder('c').where('c.board_id = :b AND lower(c.reference) = lower(:r)', { b: board.id, r: pseudonym }).getOne();
      if (existing) throw new ConflictError(`The board already has a review called ${pseudonym}`, { existingId: existing.id });
      const review = await em.save(
        em.create(CaseReview, { boardId: board.id, type: CaseReviewType.CHILD_SAFEGUARDING_PRACTICE_REVIEW, reference: pseudonym, themes: [], involvedAgencyIds: [], referredOn: input.notifiedOn, status: S.NOTIFIED, summary: null }),
      );
      await this.addEvent(em, review.id, ReviewEventKind.STATUS, S.NOTIFIED, input.notifiedOn);
      const incident = await em.save(
        em.create(SeriousIncident, { boardId: board.id, caseReviewId: review.id, pseudonym, incidentOn: input.incidentOn, awareOn: input.awareOn, notifiedOn: input.notifiedOn, lookedAfter: input.lookedAfter }),
      );
      return { result: incident, entityType: 'SeriousIncident', entityId: incident.id, boardIds: [board.id] };
    });
  }

  async incident(access: Access, id: string): Promise<SeriousIncident> {
    access.assertSignedIn();
    assertUuidOrNotFound(id, 'SeriousIncident');
    const incident = assertFound(await this.ds.getRepository(SeriousIncident).findOneBy({ id }), 'SeriousIncident', id);
    await access.assertCanRead('SeriousIncident', incident, 'This notification belongs to a board you do not work for');
    return incident;
  }

  async incidentsOf(boardIds: string[]): Promise<Map<string, SeriousIncident[]>> {
    const rows = await this.ds.getRepository(SeriousIncident).find({ where: { boardId: In(boardIds) }, order: { notifiedOn: 'DESC', pseudonym: 'ASC' } });
    return new Map(boardIds.map((b) => [b, rows.filter((r) => r.boardId === b)]));
  }

  /**
   * The rapid review of a NOTIFIED incident: the review moves to RAPID_REVIEW on the meeting date;
   * sent to the Panel with an outcome, LOCAL_REVIEW commissions the CSPR and the others end it
   * (NO_FURTHER_REVIEW), both on the day it was sent. Late is accepted and flagged on the clock.
   */
  async recordRapidReview(access: Access, input: RecordRapidReviewInput): Promise<RapidReview> {
    const incident = await this.incident(access, input.seriousIncidentId);
    access.assertCanManageBoard(incident.boardId);
    this.assertDate('meetingOn', input.meetingOn, access.today);
    this.assertDate('sentToPanelOn', input.sentToPanelOn, access.today);
    if (input.meetingOn < incident.notifiedOn) throw new BadInputError('meetingOn', `The rapid review cannot meet before the notification on ${incident.notifiedOn}`);
    if (input.sentToPanelOn && input.sentToPanelOn < input.meetingOn) throw new BadInputError('sentToPanelOn', 'It cannot be sent before the meeting');
    if (input.sentToPanelOn && !input.outcome) throw new BadInputError('outcome', 'A rapid review sent to the Panel has an outcome');
    return this.mutations.run(access.me, 'recordRapidReview', input, async (em) => {
      const review = await this.lockReview(em, incident.caseReviewId);
      if (review.status !== S.NOTIFIED) throw new ConflictError(`The rapid review was already recorded (the review is ${review.status})`, { status: review.status });
      const rapid = await em.save(
        em.create(RapidReview, {
          boardId: incident.boardId,
          seriousIncidentId: incident.id,
          meetingOn: input.meetingOn,
          sentToPanelOn: input.sentToPanelOn ?? null,
          outcome: input.outcome ?? null,
          partnersAgreed: input.partnersAgreed,
          panelResponse: input.panelResponse?.trim() || null,
          nationalReview: input.nationalReview,
        }),
      );
      await this.addEvent(em, review.id, ReviewEventKind.STATUS, S.RAPID_REVIEW, input.meetingOn);
      review.status = S.RAPID_REVIEW;
      if (input.sentToPanelOn && input.outcome) {
        const local = input.outcome === RapidReviewOutcome.LOCAL_REVIEW;
        review.status = local ? S.COMMISSIONED : S.NO_FURTHER_REVIEW;
        review.commissioned = local;
        review.decidedOn = input.sentToPanelOn;
        review.decisionRationale = `Rapid review outcome: ${input.outcome}`;
        await this.addEvent(em, review.id, ReviewEventKind.STATUS, review.status, input.sentToPanelOn);
      }
      await em.save(review);
      return { result: rapid, entityType: 'RapidReview', entityId: rapid.id, boardIds: [incident.boardId] };
    });
  }

  /** Publication events; the first overview report or learning brief publishes the review. */
  async recordPublicationEvent(access: Access, input: RecordPublicationEventInput): Promise<CaseReview> {
    const review = await this.get(access, input.caseReviewId);
    access.assertCanManageBoard(review.boardId);
    if (input.kind === ReviewEventKind.STATUS) throw new BadInputError('kind', 'Status changes go through updateCaseReviewStatus');
    if (input.kind === ReviewEventKind.COMPLETION_EXTENDED) throw new BadInputError('kind', 'Extensions of the completion clock go through extendCompletionClock');
    this.assertDate('on', input.on, access.today);
    const reason = input.reason?.trim() || null;
    if (NEEDS_REASON.includes(input.kind) && !reason) throw new BadInputError('reason', `${input.kind} needs a reason`);
    return this.mutations.run(access.me, 'recordPublicationEvent', input, async (em) => {
      const locked = await this.lockReview(em, review.id);
      if (!TAKES_PUBLICATION.includes(locked.status)) throw new ConflictError(`A ${locked.status} review takes no publication events`, { status: locked.status });
      if (locked.decidedOn && input.on < locked.decidedOn) throw new BadInputError('on', `The event cannot come before the decision on ${locked.decidedOn}`);
      const events = await em.getRepository(ReviewEvent).find({ where: { caseReviewId: locked.id } });
      const publishes = input.kind === ReviewEventKind.LEARNING_BRIEF || input.kind === ReviewEventKind.OVERVIEW_REPORT;
      if (input.kind === ReviewEventKind.DECIDED_NOT_TO_PUBLISH && locked.status === S.PUBLISHED) throw new ConflictError('The review is already published', { status: locked.status });
      if (publishes && events.some((e) => e.kind === ReviewEventKind.DECIDED_NOT_TO_PUBLISH)) throw new ConflictError('The board decided not to publish this review', { status: locked.status });
      if (publishes && locked.status === S.COMMISSIONED) throw new ConflictError('A review is published once it is under way (IN_PROGRESS)', { status: locked.status });
      await this.addEvent(em, locked.id, input.kind, null, input.on, reason);
      if (publishes && locked.status !== S.PUBLISHED) {
        await this.addEvent(em, locked.id, ReviewEventKind.STATUS, S.PUBLISHED, input.on);
        locked.status = S.PUBLISHED;
        locked.publishedOn = input.on;
      }
      const saved = await em.save(locked);
      return { result: saved, entityType: 'CaseReview', entityId: saved.id, boardIds: [saved.boardId] };
    });
  }

  async addFinding(access: Access, input: AddFindingInput): Promise<Finding> {
    const text = requireText('text', input.text, 10000);
    const review = await this.get(access, input.caseReviewId);
    access.assertCanManageBoard(review.boardId);
    return this.mutations.run(access.me, 'addFinding', input, async (em) => {
      const locked = await this.lockReview(em, review.id);
      if (!TAKES_RECOMMENDATIONS.includes(locked.status)) throw new ConflictError(`A ${locked.status} review takes no findings`, { status: locked.status });
      const [{ n }] = await query<{ n: number }>(em, sql`SELECT coalesce(max(number), 0)::int AS n FROM finding WHERE case_review_id = ${locked.id}::uuid`);
      const finding = await em.save(em.create(Finding, { caseReviewId: locked.id, number: n + 1, text, response: null, reasons: null, respondedOn: null }));
      return { result: finding, entityType: 'Finding', entityId: finding.id, boardIds: [locked.boardId] };
    });
  }

  async respondToFinding(access: Access, input: RespondToFindingInput): Promise<Finding> {
    access.assertSignedIn();
    assertUuidOrNotFound(input.findingId, 'Finding');
    const finding = assertFound(await this.ds.getRepository(Finding).findOneBy({ id: input.findingId }), 'Finding', input.findingId);
    const review = await this.get(access, finding.caseReviewId);
    access.assertCanManageBoard(review.boardId);
    this.assertDate('on', input.on, access.today);
    const reasons = input.reasons?.trim() || null;
    if (input.response === FindingResponse.NOT_IMPLEMENTED && !reasons) throw new BadInputError('reasons', 'A finding not implemented needs the reasons (Care Act Schedule 2)');
    return this.mutations.run(access.me, 'respondToFinding', input, async (em) => {
      const locked = await this.lockReview(em, review.id);
      if (locked.status === S.CLOSED) throw new ConflictError('The review is closed', { status: locked.status });
      await em.update(Finding, { id: finding.id }, { response: input.response, reasons, respondedOn: input.on });
      const saved = await em.getRepository(Finding).findOneByOrFail({ id: finding.id });
      return { result: saved, entityType: 'Finding', entityId: saved.id, boardIds: [locked.boardId] };
    });
  }

  async recordContribution(access: Access, input: RecordReviewContributionInput): Promise<ReviewContribution> {
    access.assertSignedIn();
    const area = requireText('area', input.area, 300);
    const reference = requireText('reviewReference', input.reviewReference, 100);
    if (!(await this.ds.getRepository(Board).existsBy({ id: input.boardId }))) throw new BadInputError('boardId', `Board ${input.boardId} not found`);
    access.assertCanManageBoard(input.boardId);
    this.assertDate('contributedOn', input.contributedOn, access.today);
    const agencyIds = [...new Set(input.agencyIds ?? [])];
    if (agencyIds.length) {
      const found = new Set((await this.ds.getRepository(Agency).find({ select: { id: true }, where: { id: In(agencyIds) } })).map((a) => a.id));
      const missing = agencyIds.find((id) => !found.has(id));
      if (missing) throw new BadInputError('agencyIds', `Agency ${missing} not found`);
    }
    return this.mutations.run(access.me, 'recordReviewContribution', input, async (em) => {
      const c = await em.save(em.create(ReviewContribution, { boardId: input.boardId, area, reviewReference: reference, type: input.type, agencyIds, contributedOn: input.contributedOn }));
      return { result: c, entityType: 'ReviewContribution', entityId: c.id, boardIds: [input.boardId] };
    });
  }

  /**
   * A board's reviews as they stood on `to` (the period's last day): status and publication date
   * from the events, so later events never change an earlier period. Reviews delivered for another
   * body, not yet referred on `to`, ended without a review, or closed before `from` are left out.
   */
  async asAt(boardId: string, from: string, to: string): Promise<(CaseReview & { concludedOn: string | null })[]> {
    // One statement: the rule's SQL form gives each review's status and first publication as at `to`.
    const [statusOnTo, p1] = asWhere(statusOnSql('c', to));
    const [publishedBy, p2] = asWhere(publishedOnSql('c', to));
    const [closedBy, p3] = asWhere(sql`(SELECT max(e."on") FROM review_event e WHERE e.case_review_id = c.id AND e.status = 'CLOSED' AND e."on" <= ${to}::date)`);
    const [concludedBy, p4] = asWhere(concludedOnSql('c', to));
    const { entities, raw } = await this.ds
      .getRepository(CaseReview)
      .createQueryBuilder('c')
      .addSelect(`${statusOnTo}::text`, 'status_on')
      .addSelect(`to_char(${publishedBy}, 'YYYY-MM-DD')`, 'published_by')
      .addSelect(`to_char(${closedBy}, 'YYYY-MM-DD')`, 'closed_by')
      .addSelect(`to_char(${concludedBy}, 'YYYY-MM-DD')`, 'concluded_by')
      .where('c.board_id = :boardId AND c.delivered_for IS NULL', { boardId })
      .setParameters({ ...p1, ...p2, ...p3, ...p4 })
      .orderBy('c.referred_on', 'ASC')
      .addOrderBy('c.reference', 'ASC')
      .getRawAndEntities<{ c_id: string; status_on: CaseReviewStatus | null; published_by: string | null; closed_by: string | null; concluded_by: string | null }>();
    const ended = [S.NOT_COMMISSIONED, S.NO_FURTHER_REVIEW, S.NOTIFIED, S.RAPID_REVIEW];
    return entities.flatMap((r) => {
      const row = raw.find((x) => x.c_id === r.id)!;
      const status = row.status_on;
      if (!status || ended.includes(status)) return [];
      const closed = status === S.CLOSED ? row.closed_by : null;
      if (closed && closed < from) return [];
      return [Object.assign(new CaseReview(), r, { status, publishedOn: row.published_by, closedOn: closed, concludedOn: row.concluded_by })];
    });
  }

  /**
   * Findings for the yearly report, each with the response as it stood on `to` (a response dated
   * later reads as none yet): those of the board's SARs concluded in the period, whenever they began
   * (Care Act Schedule 2 (d)), and every finding of its own reviews decided in the period not to be
   * implemented (Schedule 2 (g); the rule of periodFigures.findingsNotImplemented). One statement.
   */
  findingsAsAt(boardId: string, from: string, to: string): Promise<FindingAtEnd[]> {
    return query<FindingAtEnd & { referred: string }>(this.ds,
      sql`SELECT x.* FROM (
          SELECT c.reference AS review, c.type = 'SAFEGUARDING_ADULTS_REVIEW' AS sar, f.number, f.text,
            CASE WHEN f.responded_on <= ${to}::date THEN f.response::text END AS response,
            CASE WHEN f.responded_on <= ${to}::date THEN f.reasons END AS reasons,
            CASE WHEN f.responded_on <= ${to}::date THEN to_char(f.responded_on, 'YYYY-MM-DD') END AS "respondedOn",
            to_char(${concludedOnSql('c', to)}, 'YYYY-MM-DD') AS "concludedOn",
            to_char(${publishedOnSql('c', to)}, 'YYYY-MM-DD') AS "publishedOn",
            c.referred_on AS referred
          FROM finding f JOIN case_review c ON c.id = f.case_review_id
          WHERE c.board_id = ${boardId}::uuid AND c.delivered_for IS NULL) x
        WHERE (x.sar AND x."concludedOn" BETWEEN ${from} AND ${to}) OR (x.response = 'NOT_IMPLEMENTED' AND x."respondedOn" BETWEEN ${from} AND ${to})
        ORDER BY x.referred, x.review, x.number`,
    ).then((rows) => rows.map(({ referred: _r, ...r }) => r));
  }

  /**
   * External learning for a year's report: what was recorded by the year's end and either dates from
   * the year or still had an action open when it began (so learning acted on in the year is reported
   * in it, and learning finished with in earlier years is not repeated), each with its actions as they
   * stood on the year's last day (rules/actions.ts actionOnSql). One statement.
   */
  learningAsAt(boardId: string, from: string, to: string): Promise<LearningAtEnd[]> {
    return query<LearningAtEnd>(this.ds,
      sql`SELECT e.title, e.source, e.area, to_char(e.published_on, 'YYYY-MM-DD') AS "publishedOn",
           count(x.id) FILTER (WHERE x.at_end <> 'CANCELLED')::int AS total,
           count(x.id) FILTER (WHERE x.at_end = 'COMPLETE')::int AS complete,
           count(x.id) FILTER (WHERE x.at_end NOT IN ('COMPLETE', 'CANCELLED'))::int AS open
         FROM external_learning e LEFT JOIN (
           SELECT a.id, a.source_id, ${actionOnSql('a', 'status', to)}::text AS at_end,
             ${actionOnSql('a', 'status', sql`${from}::date - 1`)}::text AS at_start
           FROM action a WHERE a.source_type = 'EXTERNAL_LEARNING'
             AND a.source_id IN (SELECT id FROM external_learning WHERE board_id = ${boardId}::uuid)
         ) x ON x.source_id = e.id
         WHERE e.board_id = ${boardId}::uuid AND e.published_on <= ${to}::date
         GROUP BY e.id
         HAVING e.published_on >= ${from}::date OR bool_or(x.at_start NOT IN ('COMPLETE', 'CANCELLED'))
         ORDER BY e.published_on DESC, e.title`,
    );
  }

  /** The case-review part of the executive summary and annual report, every figure read as at `to`. */
  async periodFigures(boardId: string, from: string, to: string, asOf: string): Promise<ReviewPeriodFigures> {
    const [row] = await query<PeriodFiguresRow>(this.ds, this.periodFiguresSql(boardId, from, to, asOf));
    return this.periodFiguresOf(row, from, to);
  }

  /**
   * The statement behind periodFigures: one row of JSON, the statuses on `to` (by_status) and every
   * other figure (figures). The executive summary nests it in its own statement (one round trip).
   */
  periodFiguresSql(boardId: string, from: string, to: string, asOf: string): Sql {
    const byStatus = sql`SELECT x.status, count(*) FILTER (WHERE x.delivered_for IS NULL)::int AS count,
           count(*) FILTER (WHERE x.delivered_for IS NULL AND x.referred_on BETWEEN ${from}::date AND ${to}::date)::int AS referred,
           count(*) FILTER (WHERE x.delivered_for IS NULL AND x.commissioned AND x.decided_on BETWEEN ${from}::date AND ${to}::date)::int AS commissioned,
           count(*) FILTER (WHERE x.delivered_for IS NULL AND x.published BETWEEN ${from}::date AND ${to}::date)::int AS published,
           count(*) FILTER (WHERE x.delivered_for IS NOT NULL)::int AS others
         FROM (SELECT c.delivered_for, c.referred_on, c.commissioned, c.decided_on, ${statusOnSql('c', to)} AS status, ${publishedOnSql('c', to)} AS published
           FROM case_review c WHERE c.board_id = ${boardId}::uuid) x
         WHERE x.status IS NOT NULL GROUP BY x.status`;
    const figures = sql`SELECT a.open, a.overdue, sar.concluded, sar.ongoing,
           (SELECT count(*)::int FROM finding f JOIN case_review c ON c.id = f.case_review_id
             WHERE c.board_id = ${boardId}::uuid AND c.delivered_for IS NULL AND f.response = 'NOT_IMPLEMENTED' AND f.responded_on BETWEEN ${from}::date AND ${to}::date) AS not_implemented,
           (SELECT count(*)::int FROM review_contribution WHERE board_id = ${boardId}::uuid AND contributed_on BETWEEN ${from}::date AND ${to}::date) AS contributions,
           (SELECT coalesce(json_agg(json_build_object('aware_on', i.aware_on, 'notified_on', i.notified_on, 'sent', rr.sent_to_panel_on)), '[]')
             FROM serious_incident i LEFT JOIN rapid_review rr ON rr.serious_incident_id = i.id
             WHERE i.board_id = ${boardId}::uuid AND (i.notified_on BETWEEN ${from}::date AND ${to}::date OR rr.sent_to_panel_on BETWEEN ${from}::date AND ${to}::date)) AS incidents,
           (SELECT coalesce(array_agg(to_char(day, 'YYYY-MM-DD')), '{}') FROM closure_day) AS closures
         FROM (SELECT count(*) FILTER (WHERE ${openActionSql('a')})::int AS open,
             count(*) FILTER (WHERE ${overdueSql('a', asOf)})::int AS overdue
           -- The board's reviews, then their recommendations by key: a plain join hashes every
           -- recommendation (7,000 nationally) for the board's few dozen; OFFSET 0 keeps the lookup.
           FROM case_review c CROSS JOIN LATERAL (SELECT r.id FROM recommendation r WHERE r.case_review_id = c.id OFFSET 0) r
           JOIN action a ON a.source_type = 'REVIEW_RECOMMENDATION' AND a.source_id = r.id
           WHERE c.board_id = ${boardId}::uuid) a,
         (SELECT count(*) FILTER (WHERE x.concluded BETWEEN ${from}::date AND ${to}::date)::int AS concluded,
             count(*) FILTER (WHERE x.status IN ('COMMISSIONED', 'IN_PROGRESS'))::int AS ongoing
           FROM (SELECT ${statusOnSql('c', to)} AS status,
             ${concludedOnSql('c', to)} AS concluded
             FROM case_review c WHERE c.board_id = ${boardId}::uuid AND c.type = 'SAFEGUARDING_ADULTS_REVIEW' AND c.delivered_for IS NULL) x) sar`;
    // Once two statements (the statuses on `to`, every other figure); one round trip now, as JSON.
    return sql`SELECT (SELECT coalesce(json_agg(s), '[]') FROM (${byStatus}) s) AS by_status, (SELECT to_json(f) FROM (${figures}) f) AS figures`;
  }

  /** Reads periodFiguresSql's row. */
  periodFiguresOf(row: PeriodFiguresRow, from: string, to: string): ReviewPeriodFigures {
    const { by_status: byStatus, figures: f } = row;
    const cal = new WorkingDays(new Set(f.closures));
    const incidents = f.incidents;
    const sum = (k: 'referred' | 'commissioned' | 'published' | 'others') => byStatus.reduce((n, r) => n + r[k], 0);
    const notified = incidents.filter((i) => i.notified_on >= from && i.notified_on <= to);
    const sent = incidents.filter((i) => i.sent !== null && i.sent >= from && i.sent <= to);
    return {
      // The historic six statuses always; the newer ones (NOTIFIED, RAPID_REVIEW, NO_FURTHER_REVIEW, COMPLETED) when a review holds them.
      byStatus: Object.values(CaseReviewStatus)
        .map((status) => ({ status, count: byStatus.find((r) => r.status === status)?.count ?? 0 }))
        .filter((b, i) => i < 6 || b.count > 0),
      referredInPeriod: sum('referred'),
      commissionedInPeriod: sum('commissioned'),
      publishedInPeriod: sum('published'),
      openActions: f.open,
      overdueActions: f.overdue,
      notificationsMade: notified.length,
      notificationsOnTime: notified.filter((i) => i.notified_on <= cal.addWorkingDays(i.aware_on, 5)).length,
      rapidReviewsCompleted: sent.length,
      rapidReviewsOnTime: sent.filter((i) => i.sent! <= cal.addWorkingDays(i.notified_on, 15)).length,
      localReviewsInProgress: byStatus.filter((r) => r.status === S.IN_PROGRESS || r.status === S.COMMISSIONED).reduce((n, r) => n + r.count, 0),
      sarsConcluded: f.concluded,
      sarsOngoing: f.ongoing,
      findingsNotImplemented: f.not_implemented,
      contributions: f.contributions,
      deliveredForOthers: sum('others'),
    };
  }

  /**
   * Extends the completion clock with a recorded reason: an event COMPLETION_EXTENDED dated `on`
   * whose dueOn is the new due date (given, or the current due date plus `months` calendar months).
   * Refused (CONFLICT) on a review without the clock (not commissioned), a closed one, or one whose
   * clock stopped before `on`; a late entry of an extension agreed before it stopped is accepted.
   */
  async extendCompletionClock(access: Access, input: ExtendCompletionClockInput): Promise<CaseReview> {
    const reason = requireText('reason', input.reason, 4000);
    if ((input.dueOn == null) === (input.months == null)) throw new BadInputError('dueOn', 'Give the new due date or the number of months to add, not both');
    if (input.months != null && (!Number.isInteger(input.months) || input.months < 1 || input.months > 24)) throw new BadInputError('months', 'Add from 1 to 24 months');
    const review = await this.get(access, input.caseReviewId);
    access.assertCanManageBoard(review.boardId);
    const on = input.on ?? access.today;
    this.assertDate('on', on, access.today);
    return this.mutations.run(access.me, 'extendCompletionClock', input, async (em) => {
      const locked = await this.lockReview(em, review.id);
      const events = await em.getRepository(ReviewEvent).find({ where: { caseReviewId: locked.id }, order: { seq: 'ASC' } });
      const clock = completionClock(locked, events);
      if (!clock) throw new ConflictError('This review has no completion clock: it starts with a decision to commission', { status: locked.status });
      if (locked.status === S.CLOSED) throw new ConflictError('The review is closed', { status: locked.status });
      if (clock.doneOn && on > clock.doneOn) throw new ConflictError(`The completion clock stopped on ${clock.doneOn}`, { status: locked.status });
      if (on < clock.startedOn) throw new BadInputError('on', `The extension cannot come before the decision to commission on ${clock.startedOn}`);
      const dueOn = input.dueOn ?? addMonths(clock.dueOn, input.months!);
      if (dueOn <= clock.dueOn) throw new BadInputError('dueOn', `An extension moves the due date past ${clock.dueOn}`);
      await this.addEvent(em, locked.id, ReviewEventKind.COMPLETION_EXTENDED, null, on, reason, dueOn);
      return { result: locked, entityType: 'CaseReview', entityId: locked.id, boardIds: [locked.boardId] };
    });
  }

  /** External learning a board tests itself against; its actions go through addAction (externalLearningId). */
  async recordExternalLearning(access: Access, input: RecordExternalLearningInput): Promise<ExternalLearning> {
    access.assertSignedIn();
    const source = requireText('source', input.source, 300);
    const title = requireText('title', input.title, 500);
    if (!(await this.ds.getRepository(Board).existsBy({ id: input.boardId }))) throw new BadInputError('boardId', `Board ${input.boardId} not found`);
    access.assertCanManageBoard(input.boardId);
    this.assertDate('publishedOn', input.publishedOn, access.today);
    return this.mutations.run(access.me, 'recordExternalLearning', input, async (em) => {
      const x = await em.save(
        em.create(ExternalLearning, { boardId: input.boardId, source, title, area: input.area?.trim() || null, publishedOn: input.publishedOn, summary: input.summary?.trim() || null }),
      );
      return { result: x, entityType: 'ExternalLearning', entityId: x.id, boardIds: [input.boardId] };
    });
  }

  async externalLearningOf(boardIds: string[]): Promise<Map<string, ExternalLearning[]>> {
    const rows = await this.ds.getRepository(ExternalLearning).find({ where: { boardId: In(boardIds) }, order: { publishedOn: 'DESC', title: 'ASC' } });
    return new Map(boardIds.map((b) => [b, rows.filter((r) => r.boardId === b)]));
  }

  /** External learning as a source of tracked actions (registered with the action module in src/services.ts). */
  externalLearningSource(): ActionSource {
    return {
      type: ActionSourceType.EXTERNAL_LEARNING,
      field: 'externalLearningId',
      describe: async (id) => {
        const x = await this.ds.getRepository(ExternalLearning).findOneBy({ id });
        return x && { type: ActionSourceType.EXTERNAL_LEARNING, id: x.id, boardId: x.boardId, label: `External learning: ${x.title}` };
      },
    };
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

/** The statutory clocks of one review (domain/reviews.md), counted with the one working-day calendar. */
export function reviewClocks(cal: WorkingDays, review: CaseReview, events: ReviewEvent[], incident: SeriousIncident | null, rapid: RapidReview | null, today: string): ReviewClock[] {
  const clock = (name: string, startedOn: string, dueOn: string, doneOn: string | null): ReviewClock => {
    const end = doneOn ?? today;
    return { name, startedOn, dueOn, originalDueOn: null, extensionReason: null, doneOn, workingDaysTaken: cal.workingDaysBetween(startedOn, end < startedOn ? startedOn : end), breached: doneOn ? doneOn > dueOn : today > dueOn };
  };
  const clocks: ReviewClock[] = [];
  if (incident) {
    clocks.push(clock('NOTIFICATION', incident.awareOn, cal.addWorkingDays(incident.awareOn, 5), incident.notifiedOn));
    clocks.push(clock('RAPID_REVIEW', incident.notifiedOn, cal.addWorkingDays(incident.notifiedOn, 15), rapid?.sentToPanelOn ?? null));
  }
  const published = publishedOn(events, '9999-12-31');
  const completion = completionClock(review, events);
  if (completion) {
    const c = clock('COMPLETION', completion.startedOn, completion.dueOn, completion.doneOn);
    clocks.push({ ...c, originalDueOn: completion.originalDueOn, extensionReason: completion.extensionReason });
  }
  if (published && (KIND_OF_TYPE[review.type] === CaseReviewKind.CSPR)) {
    const sent = events.filter((e) => e.kind === ReviewEventKind.SENT_TO_PANEL || e.kind === ReviewEventKind.SENT_TO_SECRETARY_OF_STATE).map((e) => e.on).sort()[0] ?? null;
    const due = cal.addWorkingDays(published, -7);
    const c = clock('PRE_PUBLICATION', sent ?? due, due, sent);
    clocks.push({ ...c, workingDaysTaken: sent ? cal.workingDaysBetween(sent, published) : 0, breached: !sent || sent > due });
  }
  return clocks;
}

/**
 * The completion clock of a commissioned review: 6 calendar months from the decision to commission,
 * or the due date of its latest extension (COMPLETION_EXTENDED, by order of entry). It stops on the
 * first publication or completion, or on a decision not to publish. Null without a decision to commission.
 */
export function completionClock(
  review: CaseReview,
  events: ReviewEvent[],
): { startedOn: string; dueOn: string; originalDueOn: string | null; extensionReason: string | null; doneOn: string | null } | null {
  if (!review.commissioned || !review.decidedOn) return null;
  const published = publishedOn(events, '9999-12-31');
  const completed = events.filter((e) => e.status === S.COMPLETED).map((e) => e.on).sort()[0] ?? null;
  const ended = [published, completed].filter((d): d is string => d !== null).sort()[0] ?? null;
  const notPublishing = events.filter((e) => e.kind === ReviewEventKind.DECIDED_NOT_TO_PUBLISH).map((e) => e.on).sort()[0] ?? null;
  const original = addMonths(review.decidedOn, 6);
  const extension = events.filter((e) => e.kind === ReviewEventKind.COMPLETION_EXTENDED && e.dueOn).sort((a, b) => b.seq - a.seq)[0] ?? null;
  return {
    startedOn: review.decidedOn,
    dueOn: extension?.dueOn ?? original,
    originalDueOn: extension ? original : null,
    extensionReason: extension?.reason ?? null,
    doneOn: ended ?? notPublishing,
  };
}
