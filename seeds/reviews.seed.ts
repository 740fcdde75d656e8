import { EntityManager } from 'typeorm';
import {
  CaseReview, CaseReviewStatus as S, CaseReviewType, ExternalLearning, Finding, FindingResponse, RapidReview, RapidReviewOutcome, ReviewEvent, ReviewEventKind, SarCriterion, SeriousIncident,
} from '../src/modules/case-review/case-review.entity';
import { ActionSourceType, ActionStatus, Rag } from '../src/modules/action/action.entity';
import { addAction } from './case-reviews-plans.seed';
import { PartnershipDemo as Demo } from './partnership.seed';

type Step = [kind: ReviewEventKind, status: S | null, on: string, reason?: string];

/**
 * Issue 14's demo: a current partnership (Leicestershire and Rutland, 2025/26) with two serious
 * incident notifications and their rapid reviews, one on time and one late, and a SAR with a
 * finding not implemented. Dates worked out with England's working days:
 * - Child M: aware Thursday 17 April 2025 (before Good Friday); notification due Mon 28 April, made
 *   Thu 24 April (on time); rapid review due Fri 16 May (Early May bank holiday 5 May), sent Wed 14 May (on time).
 * - Child N: aware Wed 20 August 2025; notification due Thu 28 August (bank holiday 25 August), made
 *   Fri 22 August; rapid review due Mon 15 September, sent Wed 24 September: late, flagged.
 */
export async function seedReviews(em: EntityManager, demo: Demo): Promise<void> {
  const boardId = demo.boards.llr.id;
  const review = async (r: Partial<CaseReview>, steps: Step[]) => {
    const saved = await em.save(em.create(CaseReview, { boardId, themes: [], involvedAgencyIds: [], summary: null, ...r }));
    for (const [i, [kind, status, on, reason]] of steps.entries()) {
      await em.save(em.create(ReviewEvent, { caseReviewId: saved.id, seq: i + 1, kind, status, on, reason: reason ?? null }));
    }
    return saved;
  };
  const E = ReviewEventKind;
  const CSPR = CaseReviewType.CHILD_SAFEGUARDING_PRACTICE_REVIEW;

  const childM = await review(
    { type: CSPR, reference: 'Child M', status: S.IN_PROGRESS, referredOn: '2025-04-24', commissioned: true, decidedOn: '2025-05-14', decisionRationale: 'Rapid review outcome: LOCAL_REVIEW', startedOn: '2025-06-02', themes: ['Neglect', 'Non-mobile infant bruising'] },
    [[E.STATUS, S.NOTIFIED, '2025-04-24'], [E.STATUS, S.RAPID_REVIEW, '2025-05-08'], [E.STATUS, S.COMMISSIONED, '2025-05-14'], [E.STATUS, S.IN_PROGRESS, '2025-06-02']],
  );
  const m = await em.save(em.create(SeriousIncident, { boardId, caseReviewId: childM.id, pseudonym: 'Child M', incidentOn: '2025-04-16', awareOn: '2025-04-17', notifiedOn: '2025-04-24', lookedAfter: false }));
  await em.save(em.create(RapidReview, { boardId, seriousIncidentId: m.id, meetingOn: '2025-05-08', sentToPanelOn: '2025-05-14', outcome: RapidReviewOutcome.LOCAL_REVIEW, partnersAgreed: true, panelResponse: 'The Panel agreed a local review', nationalReview: false }));

  const childN = await review(
    { type: CSPR, reference: 'Child N', status: S.NO_FURTHER_REVIEW, referredOn: '2025-08-22', commissioned: false, decidedOn: '2025-09-24', decisionRationale: 'Rapid review outcome: NO_FURTHER_REVIEW' },
    [[E.STATUS, S.NOTIFIED, '2025-08-22'], [E.STATUS, S.RAPID_REVIEW, '2025-09-18'], [E.STATUS, S.NO_FURTHER_REVIEW, '2025-09-24']],
  );
  const n = await em.save(em.create(SeriousIncident, { boardId, caseReviewId: childN.id, pseudonym: 'Child N', incidentOn: '2025-08-19', awareOn: '2025-08-20', notifiedOn: '2025-08-22', lookedAfter: true }));
  await em.save(em.create(RapidReview, { boardId, seriousIncidentId: n.id, meetingOn: '2025-09-18', sentToPanelOn: '2025-09-24', outcome: RapidReviewOutcome.NO_FURTHER_REVIEW, partnersAgreed: true, panelResponse: null, nationalReview: false }));

  const adultK = await review(
    {
      type: CaseReviewType.SAFEGUARDING_ADULTS_REVIEW, sarCriterion: SarCriterion.MANDATORY, reference: 'Adult K', status: S.PUBLISHED, referredOn: '2024-11-04',
      commissioned: true, decidedOn: '2024-12-09', decisionRationale: 'Care Act s44(1)-(3): died, abuse or neglect suspected, concerns about how partners worked together',
      startedOn: '2025-01-06', publishedOn: '2025-09-10', themes: ['Self-neglect', 'Hoarding'],
    },
    [[E.STATUS, S.REFERRED, '2024-11-04'], [E.STATUS, S.COMMISSIONED, '2024-12-09'], [E.STATUS, S.IN_PROGRESS, '2025-01-06'], [E.STATUS, S.COMPLETED, '2025-07-15'],
      [E.LEARNING_BRIEF, null, '2025-09-10'], [E.STATUS, S.PUBLISHED, '2025-09-10']],
  );
  await em.save(em.create(Finding, { caseReviewId: adultK.id, number: 1, text: 'Self-neglect was not recognised as a safeguarding concern', response: FindingResponse.ACCEPTED, reasons: null, respondedOn: '2025-09-01' }));
  await em.save(em.create(Finding, {
    caseReviewId: adultK.id, number: 2, text: 'A single named worker should hold every high-risk self-neglect case', response: FindingResponse.NOT_IMPLEMENTED,
    reasons: 'Partners could not fund a dedicated post in 2025/26; the multi-agency risk management meeting takes the role instead', respondedOn: '2025-09-01',
  }));

  // External learning: the national review the partnership tested itself against, with its actions
  // on the one tracker (one done, one still open), so "what we learned from elsewhere" is in the demo.
  const national = await em.save(em.create(ExternalLearning, {
    boardId, source: 'Child Safeguarding Practice Review Panel', area: null, publishedOn: '2022-05-26',
    title: 'Child Protection in England: national review into the murders of Arthur Labinjo-Hughes and Star Hobson',
    summary: 'Concerns raised by wider family were not acted on; agencies relied on parents\' accounts; multi-agency information sharing at the front door was weak.',
  }));
  const source = { type: ActionSourceType.EXTERNAL_LEARNING, id: national.id, label: `External learning: ${national.title}`, boardId };
  await addAction(em, source, demo, ['Audit how referrals from wider family members are followed up at the front door', 'leicsChildren', '2023-03-31', ActionStatus.COMPLETE, Rag.GREEN,
    [['2022-11-15', 'Audit of 40 referrals from relatives completed'], ['2023-03-20', 'Findings presented to the partnership; practice guidance revised']]]);
  await addAction(em, source, demo, ['Joint training on professional curiosity with police and health', 'leicsPolice', '2026-03-31', ActionStatus.IN_PROGRESS, Rag.AMBER,
    [['2025-10-01', 'Two of four sessions delivered']]]);
}
