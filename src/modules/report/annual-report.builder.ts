import { reportAudience } from '../../rules/report';
import { AttendanceSummary } from '../meeting/attendance.types';
import { AnnualReportModel } from './annual-report.model';
import type { PartnerFigures } from './executive-summary.service';
import { ExecutiveSummary } from './executive-summary.types';
import { isSubmitted } from '../../rules/audit';
import { isPublicReviewStatus } from '../../rules/report';
import { listOf, smallCountHidden } from './wording';
import { statusWords } from '../../common/words';
import { littleOrNoProgress, percentCompleteOf } from '../action/action-progress';

const AUDIT_LABELS = { section11: 'Section 11 audit', adultsCompliance: 'Safeguarding adults compliance audit' } as const;

/**
 * Gathers the annual report's sections from figures already computed: no further SQL.
 * `headlines` is given the plan's figures as they stood on the period's last day.
 */
export function buildAnnualReport(
  s: ExecutiveSummary,
  attendance: AttendanceSummary,
  p: PartnerFigures,
  headlines: (planAtEnd?: { percentComplete: number | null; stalled: string[] }) => string[],
  generatedOn: string,
): AnnualReportModel {
  const audits = (['section11', 'adultsCompliance'] as const).filter((k) => s[k]).map((k) => ({ key: k, audit: s[k]! }));
  const attendanceOf = new Map(attendance.byAgency.map((a) => [a.agencyId, a]));
  const actionsOf = new Map(p.actions.map((a) => [a.owner_agency_id, a]));
  const suppress = s.board.suppressSmallNumbers;
  const model: AnnualReportModel = {
    // The report's shape follows the statutory audience, whatever the kind is called (rules/report.ts).
    board: { id: s.board.id, name: s.board.name, kind: reportAudience(s.board.kind), area: s.board.area },
    from: s.from,
    to: s.to,
    generatedOn,
    suppressSmallNumbers: suppress,
    headlines: [],
    effectiveness: {
      existed: s.existed,
      meetingsHeld: s.attendance.meetingsHeld,
      quorateMeetings: s.attendance.quorateMeetings,
      overallRate: s.attendance.overallRate,
      threshold: s.attendance.threshold,
      subGroups: p.subGroups.map((g) => {
        const a = p.subGroupAttendance.get(g.id);
        return { name: g.name, meetingsHeld: a?.meetingsHeld ?? 0, overallRate: a?.overallRate ?? null };
      }),
    },
    partners: p.agencies.map((agency) => {
      const a = attendanceOf.get(agency.id);
      const owed = actionsOf.get(agency.id);
      return {
        agency: agency.name,
        sector: agency.sector.replace(/_/g, ' ').toLowerCase(),
        expected: a?.expected ?? 0,
        attended: a?.attended ?? 0,
        rate: a?.rate ?? null,
        belowThreshold: a?.belowThreshold ?? false,
        audits: audits.map(({ audit }) => {
          if (!audit.cycle.invitedAgencyIds.includes(agency.id)) return null;
          const ret = p.returns.find((r) => r.cycle_id === audit.cycle.id && r.agency_id === agency.id);
          // Drafts never print: a return counts only once SUBMITTED or VALIDATED.
          if (!ret || !isSubmitted(ret.status)) return { status: 'NOT_SUBMITTED', percentMet: null, rag: null, trend: null };
          return { status: ret.status, percentMet: ret.figures?.compliance.percentMet ?? null, rag: ret.figures?.compliance.rag ?? null, trend: ret.figures?.trend ?? null };
        }),
        openActions: owed?.open ?? 0,
        overdueActions: owed?.overdue ?? 0,
        completedActions: owed?.completed ?? 0,
      };
    }),
    audits: audits.map(({ key, audit }) => ({
      label: AUDIT_LABELS[key],
      cycleName: audit.cycle.name,
      dueOn: audit.cycle.dueOn,
      invited: audit.invited,
      submitted: audit.submitted,
      outstanding: audit.outstanding,
      fullyCompliant: audit.fullyCompliant,
      trends: { improved: audit.trends.improved, sustained: audit.trends.sustained, declined: audit.trends.declined, new: audit.trends.isNew },
      standards: (p.standards.get(audit.cycle.id) ?? []).map((x) => ({ code: x.code, title: x.title, met: x.met, partiallyMet: x.partiallyMet, notMet: x.notMet, notApplicable: x.notApplicable })),
    })),
    caseReviews: {
      existed: s.existed,
      commissionedInPeriod: s.caseReviews.commissionedInPeriod,
      publishedInPeriod: s.caseReviews.publishedInPeriod,
      overdueActions: s.caseReviews.overdueActions,
      figures: {
        notificationsMade: s.caseReviews.notificationsMade,
        notificationsOnTime: s.caseReviews.notificationsOnTime,
        rapidReviewsCompleted: s.caseReviews.rapidReviewsCompleted,
        rapidReviewsOnTime: s.caseReviews.rapidReviewsOnTime,
        commissionedInPeriod: s.caseReviews.commissionedInPeriod,
        localReviewsInProgress: s.caseReviews.localReviewsInProgress,
        publishedInPeriod: s.caseReviews.publishedInPeriod,
        sarsConcluded: s.caseReviews.sarsConcluded,
        sarsOngoing: s.caseReviews.sarsOngoing,
        findingsNotImplemented: s.caseReviews.findingsNotImplemented,
        contributions: s.caseReviews.contributions,
        deliveredForOthers: s.caseReviews.deliveredForOthers,
      },
      notImplemented: p.findings
        .filter((f) => f.response === 'NOT_IMPLEMENTED' && f.respondedOn !== null && f.respondedOn >= s.from && f.respondedOn <= s.to)
        .map((f) => ({ review: f.review, sar: f.sar, published: f.publishedOn !== null, number: f.number, finding: f.text, decidedOn: f.respondedOn!, reason: f.reasons ?? '' })),
      learning: p.learning,
      reviews: p.reviews.map((r) => {
        const progress = p.reviewProgress.get(r.id)!;
        return {
          reference: r.reference,
          type: r.type.replace(/_/g, ' ').toLowerCase(),
          status: r.statusAtEnd,
          referredOn: r.referredOn,
          publishedOn: r.publishedOn,
          concludedOn: r.concludedOn,
          actions: { total: progress.total - progress.cancelled, complete: progress.complete, open: progress.open, overdue: progress.overdue },
        };
      }),
    },
    businessPlan: s.businessPlan && planAtEnd(s.businessPlan, p),
    scorecard: s.scorecard,
    nextSteps: [],
    extensions: {
      // Evidence of impact: each measure with a value in the quarter, its direction of travel (scorecard module).
      ...(p.scorecardRows.some((x) => x.value !== null)
        ? {
            scorecard: p.scorecardRows
              .filter((x) => x.value !== null)
              .map((x) => ({ indicator: x.indicator.title, direction: statusWords(x.directionOfTravel), value: x.publishedValue, rag: x.rag })),
          }
        : {}),
      ...(reportAudience(s.board.kind) !== 'CHILDREN'
        ? {
            sarFindings: p.findings.filter((f) => f.sar).map((f) => ({
              review: f.review,
              number: f.number,
              finding: f.text,
              response: f.response as 'ACCEPTED' | 'NOT_IMPLEMENTED' | null,
              implemented: f.response !== 'NOT_IMPLEMENTED',
              reason: f.response === 'NOT_IMPLEMENTED' ? f.reasons : null,
              respondedOn: f.respondedOn,
              concludedInPeriod: f.concludedOn !== null && f.concludedOn >= s.from && f.concludedOn <= s.to,
              published: f.publishedOn !== null,
            })),
          }
        : {}),
    },
  };
  const plan = model.businessPlan;
  model.headlines = headlines(plan ? { percentComplete: plan.percentComplete, stalled: plan.priorities.filter((x) => x.littleOrNoProgress).map((x) => x.code) } : undefined);
  model.nextSteps = nextSteps(s, model);
  return model;
}

/**
 * The plan's rows as they stood on the period's last day (PartnerFigures.planRows, from the actions'
 * progress notes): every column, % complete and "little or no progress" read from the same actions.
 */
function planAtEnd(plan: NonNullable<ExecutiveSummary['businessPlan']>, p: PartnerFigures): NonNullable<AnnualReportModel['businessPlan']> {
  const empty = { total: 0, red: 0, amber: 0, green: 0, unrated: 0, cancelled: 0, complete: 0 };
  const priorities = plan.priorities.map((x) => {
    // Cancelled actions are out of every column: total = red + amber + green + no RAG.
    const row = p.planRows.get(x.priority.id) ?? empty;
    const percentComplete = percentCompleteOf(row.complete, row.total);
    return { code: x.code, title: x.title, ...row, percentComplete, littleOrNoProgress: littleOrNoProgress(percentComplete) };
  });
  const sum = (k: 'complete' | 'total') => priorities.reduce((n, x) => n + x[k], 0);
  return { title: plan.plan.title, percentComplete: percentCompleteOf(sum('complete'), sum('total')), priorities };
}

/** What comes next, read off the figures: where the board has to push in the coming year. */
function nextSteps(s: ExecutiveSummary, m: AnnualReportModel): string[] {
  const steps: string[] = [];
  for (const x of m.businessPlan?.priorities.filter((y) => y.littleOrNoProgress) ?? []) {
    steps.push(`Priority ${x.code} (${x.title}) showed little or no progress: carry it forward with a recovery plan and a named lead.`);
  }
  const below = m.partners.filter((p) => p.belowThreshold).map((p) => p.agency);
  if (below.length) steps.push(`Follow up attendance with ${listOf(below)}, below the ${Math.round(m.effectiveness.threshold * 100)}% threshold.`);
  for (const a of m.audits) {
    // Returns are not about people: their counts always show.
    if (a.outstanding > 0) steps.push(`Obtain the ${a.outstanding === 1 ? 'one' : a.outstanding} outstanding ${a.label} return${a.outstanding === 1 ? '' : 's'} for ${a.cycleName}.`);
    if (a.trends.declined > 0) steps.push(`Challenge the agencies whose ${a.label} compliance declined and agree improvement actions.`);
  }
  // Reviews under way are not yet published: named only when their number is not suppressed.
  const pending = m.caseReviews.reviews.filter((r) => ['COMMISSIONED', 'IN_PROGRESS'].includes(r.status)).map((r) => r.reference);
  const open = m.caseReviews.reviews.filter((r) => !isPublicReviewStatus(r.status)).length;
  if (pending.length) {
    steps.push(smallCountHidden(open, 'people', m.suppressSmallNumbers) ? 'Complete and publish the reviews still under way.' : `Complete and publish the reviews still under way: ${listOf(pending)}.`);
  }
  if (s.caseReviews.overdueActions > 0) {
    steps.push(`Bring the ${s.caseReviews.overdueActions === 1 ? 'one' : s.caseReviews.overdueActions} overdue case review action${s.caseReviews.overdueActions === 1 ? '' : 's'} back on track.`);
  }
  if (!steps.length) steps.push('Sustain current performance and agree the next business plan.');
  return steps;
}
