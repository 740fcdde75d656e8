import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { argsLoader, byIdLoader, groupedInKeyOrder } from '../../common/loader-utils';
import { ActionProgress, emptyProgress } from '../action/action-progress';
import { CaseReview, Recommendation } from './case-review.entity';
import { CaseReviewsArgs } from './case-review.inputs';
import { CaseReviewService } from './case-review.service';

export function createCaseReviewLoaders(ds: DataSource, reviews: CaseReviewService) {
  return {
    caseReviewById: byIdLoader(ds, CaseReview),
    recommendationById: byIdLoader(ds, Recommendation),
    caseReviewsByBoard: argsLoader<CaseReviewsArgs, CaseReview[]>((ids, args) => reviews.forBoards(ids, args), () => []),
    recommendationsByReview: new DataLoader<string, Recommendation[]>(async (ids) =>
      groupedInKeyOrder(ids, await reviews.recommendationsOf([...ids]), (r) => r.caseReviewId),
    ),
    reviewProgress: argsLoader<string, ActionProgress>((ids, asOf) => reviews.progressOf(ids, asOf), emptyProgress),
  };
}
