import { arrayLiteral, bulkInsert } from '../bulk-insert';
import { addDays, GenContext, intBetween, pick } from './context';

const TYPES = ['SERIOUS_CASE_REVIEW', 'SERIOUS_CASE_REVIEW', 'LEARNING_REVIEW', 'DOMESTIC_HOMICIDE_REVIEW'];
const THEMES = ['Neglect', 'Domestic abuse', 'Child sexual exploitation', 'Self-neglect', 'Non-accidental injury', 'Mental capacity'];

/**
 * Case reviews per board across the history, oldest closed, newest referred; commissioned ones
 * have three recommendations each, which the actions generator hangs actions on.
 */
export async function generateCaseReviews(ctx: GenContext): Promise<void> {
  const { rand, world } = ctx;
  const reviews: unknown[][] = [];
  const recs: unknown[][] = [];
  const recommendations = new Map<string, { id: string; label: string }[]>();
  const perBoard = ctx.scale.caseReviewsPerBoard;
  // Ages are in units of the scale's base history, so a longer history adds older (closed) reviews
  // and leaves the recent flow (referred, commissioned, in progress) as it was.
  const factor = ctx.scale.months / ctx.scale.baseMonths;
  for (const board of world.boards) {
    const mine: { id: string; label: string }[] = [];
    const members = world.boardMembers.get(board.id)!;
    for (let n = 0; n < perBoard; n++) {
      // Spread referrals over the history; position decides how far along the flow a review is.
      const age = (1 - n / perBoard) * factor;
      const referredOn = addDays(ctx.until, -Math.floor(age * ctx.scale.baseMonths * 30) - 10);
      const notCommissioned = rand() < 0.15;
      const stage = notCommissioned ? 'NOT_COMMISSIONED' : age > 0.7 ? 'CLOSED' : age > 0.4 ? 'PUBLISHED' : age > 0.2 ? 'IN_PROGRESS' : age > 0.08 ? 'COMMISSIONED' : 'REFERRED';
      const decidedOn = stage === 'REFERRED' ? null : addDays(referredOn, intBetween(rand, 10, 60));
      const startedOn = ['IN_PROGRESS', 'PUBLISHED', 'CLOSED'].includes(stage) ? addDays(decidedOn!, 30) : null;
      const publishedOn = ['PUBLISHED', 'CLOSED'].includes(stage) ? addDays(startedOn!, intBetween(rand, 180, 400)) : null;
      const closedOn = stage === 'CLOSED' ? addDays(publishedOn!, 365) : null;
      const id = ctx.uuid();
      const reference = `${pick(rand, ['Child', 'Baby', 'Family', 'Adult'])} ${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + Math.floor(rand() * 26))}${n}`;
      reviews.push([id, board.id, pick(rand, TYPES), reference, 'Generated review', arrayLiteral([pick(rand, THEMES)]), arrayLiteral(members.slice(0, 3)), stage, referredOn, decidedOn ? !notCommissioned : null, decidedOn, decidedOn ? 'Panel decision' : null, startedOn, publishedOn, closedOn]);
      if (['COMMISSIONED', 'IN_PROGRESS', 'PUBLISHED', 'CLOSED'].includes(stage)) {
        for (let r = 1; r <= 3; r++) {
          const recId = ctx.uuid();
          recs.push([recId, id, r, `Recommendation ${r} of ${reference}`, rand() < 0.5 ? pick(rand, members) : null]);
          if (stage !== 'CLOSED') mine.push({ id: recId, label: `${reference}: recommendation ${r}` });
        }
      }
    }
    recommendations.set(board.id, mine);
  }
  world.extra.recommendations = recommendations;
  ctx.counts.case_review = await bulkInsert(ctx.client, 'case_review', [
    { name: 'id', type: 'uuid' },
    { name: 'board_id', type: 'uuid' },
    { name: 'type', type: 'text', cast: 'case_review_type' },
    { name: 'reference', type: 'text' },
    { name: 'summary', type: 'text' },
    { name: 'themes', type: 'text', cast: 'text[]' },
    { name: 'involved_agency_ids', type: 'text', cast: 'uuid[]' },
    { name: 'status', type: 'text', cast: 'case_review_status' },
    { name: 'referred_on', type: 'date' },
    { name: 'commissioned', type: 'bool' },
    { name: 'decided_on', type: 'date' },
    { name: 'decision_rationale', type: 'text' },
    { name: 'started_on', type: 'date' },
    { name: 'published_on', type: 'date' },
    { name: 'closed_on', type: 'date' },
  ], reviews);
  // Their dates as dated status events (the reviews migration's own function).
  await ctx.client.query(`SELECT hub_review_events_from_dates(array(SELECT id FROM case_review))`);
  ctx.counts.recommendation = await bulkInsert(ctx.client, 'recommendation', [
    { name: 'id', type: 'uuid' },
    { name: 'case_review_id', type: 'uuid' },
    { name: 'number', type: 'int4' },
    { name: 'text', type: 'text' },
    { name: 'agency_id', type: 'uuid' },
  ], recs);
}
