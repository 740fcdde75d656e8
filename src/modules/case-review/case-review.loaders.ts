import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { argsLoader, byIdLoader, groupedInKeyOrder } from '../../common/loader-utils';
import { ActionProgress, emptyProgress } from '../action/action-progress';
import { CaseReview, ExternalLearning, Finding, RapidReview, Recommendation, ReviewClock, ReviewContribution, ReviewEvent, SeriousIncident } from './case-review.entity';
import { CaseReviewsArgs } from './case-review.inputs';
import { CaseReviewService } from './case-review.service';
import { WorkingDays } from '../../rules/working-days';

export function createCaseReviewLoaders(ds: DataSource, reviews: CaseReviewService) {
  return {
    caseReviewById: byIdLoader(ds, CaseReview),
    recommendationById: byIdLoader(ds, Recommendation),
    externalLearningById: byIdLoader(ds, ExternalLearning),
    externalLearningByBoard: new DataLoader<string, ExternalLearning[]>(async (ids) => {
      const m = await reviews.externalLearningOf([...ids]);
      return ids.map((id) => m.get(id) ?? []);
    }),
    caseReviewsByBoard: argsLoader<CaseReviewsArgs, CaseReview[]>((ids, args) => reviews.forBoards(ids, args), () => []),
    recommendationsByReview: new DataLoader<string, Recommendation[]>(async (ids) =>
      groupedInKeyOrder(ids, await reviews.recommendationsOf([...ids]), (r) => r.caseReviewId),
    ),
    reviewEvents: new DataLoader<string, ReviewEvent[]>(async (ids) => groupedInKeyOrder(ids, await reviews.eventsOf([...ids]), (e) => e.caseReviewId)),
    reviewFindings: new DataLoader<string, Finding[]>(async (ids) => groupedInKeyOrder(ids, await reviews.findingsOf([...ids]), (f) => f.caseReviewId)),
    incidentByReview: new DataLoader<string, SeriousIncident | null>(async (ids) => {
      const rows = await reviews.incidentsOfReviews([...ids]);
      return ids.map((id) => rows.find((r) => r.caseReviewId === id) ?? null);
    }),
    rapidReviewByIncident: new DataLoader<string, RapidReview | null>(async (ids) => {
      const rows = await reviews.rapidReviewsOf([...ids]);
      return ids.map((id) => rows.find((r) => r.seriousIncidentId === id) ?? null);
    }),
    incidentsByBoard: new DataLoader<string, SeriousIncident[]>(async (ids) => {
      const m = await reviews.incidentsOf([...ids]);
      return ids.map((id) => m.get(id) ?? []);
    }),
    contributionsByBoard: new DataLoader<string, ReviewContribution[]>(async (ids) => {
      const m = await reviews.contributionsOf([...ids]);
      return ids.map((id) => m.get(id) ?? []);
    }),
    /** The working-day calendar, loaded once per request. */
    workingDays: new DataLoader<string, WorkingDays>(async (keys) => {
      const cal = await reviews.workingDays();
      return keys.map(() => cal);
    }),
    reviewClocks: argsLoader<string, ReviewClock[]>((ids, today) => reviews.clocksOf(ids, today), () => []),
    reviewProgress: argsLoader<string, ActionProgress>((ids, asOf) => reviews.progressOf(ids, asOf), emptyProgress),
  };
}
