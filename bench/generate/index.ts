import { generateActions } from './actions';
import { generateAudits } from './audits';
import { generateCaseReviews } from './case-reviews';
import { generatePlans } from './plans';
import { GenContext } from './context';
import { generateMeetings } from './meetings';
import { generatePartnership } from './partnership';
import { generateUsers } from './users';
import { generateScorecard } from './scorecard';

/** One generator per domain, run in order; each reads what earlier ones left in ctx.world. */
export interface DomainGenerator {
  name: string;
  run(ctx: GenContext): Promise<void>;
}

/**
 * The extension point: a new domain (Section 11 audits, case reviews, business plans) adds its
 * generator here, after the ones whose ids it needs (actions would then take their sources from it).
 */
export const GENERATORS: DomainGenerator[] = [
  { name: 'partnership', run: generatePartnership },
  { name: 'meetings', run: generateMeetings },
  { name: 'users', run: generateUsers },
  { name: 'audits', run: generateAudits },
  { name: 'caseReviews', run: generateCaseReviews },
  { name: 'plans', run: generatePlans },
  { name: 'actions', run: generateActions },
  { name: 'scorecard', run: generateScorecard },
];
