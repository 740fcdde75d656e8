import { Foundation1763880000000 } from './1763880000000-foundation';
import { Actions1763880100000 } from './1763880100000-actions';
import { Section111763880200000 } from './1763880200000-section11';
import { CaseReviewsPlans1763880300000 } from './1763880300000-case-reviews-plans';
import { ReturnRatingCounts1763880400000 } from './1763880400000-return-rating-counts';
import { ReviewReferenceCi1763880500000 } from './1763880500000-review-reference-ci';
import { Accounts1763880600000 } from './1763880600000-accounts';
import { Integrity1763880700000 } from './1763880700000-integrity';
import { CountingRating1763880900000 } from './1763880900000-counting-rating';
import { Ops1763881000000 } from './1763881000000-ops';
import { Scorecard1763881100000 } from './1763881100000-scorecard';
import { Reminders1763881200000 } from './1763881200000-reminders';
import { Arrangements1763881400000 } from './1763881400000-arrangements';
import { Reviews1763881500000 } from './1763881500000-reviews';
import { YearlyReport1763881600000 } from './1763881600000-yearly-report';
import { ExternalLearning1763881700000 } from './1763881700000-external-learning';
import { WebSessions1763881800000 } from './1763881800000-web-sessions';
import { PreviousReturn1763881900000 } from './1763881900000-previous-return';

/** Migrations in order. Listed explicitly so ts-jest, ts-node and the compiled build load the same set. */
export const migrations = [Foundation1763880000000, Actions1763880100000, Section111763880200000, CaseReviewsPlans1763880300000, ReturnRatingCounts1763880400000, ReviewReferenceCi1763880500000, Accounts1763880600000, Integrity1763880700000, CountingRating1763880900000, Ops1763881000000, Scorecard1763881100000, Reminders1763881200000, Arrangements1763881400000, Reviews1763881500000, YearlyReport1763881600000, ExternalLearning1763881700000, WebSessions1763881800000, PreviousReturn1763881900000];
