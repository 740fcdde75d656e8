import { reportAudience } from '../../rules/report';
import { AttendanceSummary } from '../meeting/attendance.types';
import { AnnualReportModel } from './annual-report.model';
import type { PartnerFigures } from './executive-summary.service';
import { ExecutiveSummary } from './executive-summary.types';
import { isSubmitted } from '../../rules/audit';
import { isPublicReviewStatus } from '../../rules/report';
import { listOf, smallCountHidden } from './wording';

const AUDIT_LABELS = { section11: 'Section 11 audit', adultsCompliance: 'Safeguarding adults compliance audit' } as const;

/** Gathers the annual report's sections from figures already computed: no further SQL. */
export function buildAnnualReport(s: ExecutiveSummary, attendance: AttendanceSummary, p: PartnerFigures, headlines: string[], generatedOn: string): AnnualReportModel {
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
    headlines,
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
      reviews: p.reviews.map((r) => {
        const progress = p.reviewProgress.get(r.id)!;
        return {
          reference: r.reference,
          type: r.type.replace(/_/g, ' ').toLowerCase(),
          status: r.statusAtEnd,
          referredOn: r.referredOn,
          publishedOn: r.publishedOn,
          actions: { total: progress.total - progress.cancelled, complete: progress.complete, open: progress.open, overdue: progress.overdue },
        };
      }),
    },
    businessPlan: s.businessPlan && {
      title: s.businessPlan.plan.title,
      percentComplete: s.businessPlan.progress.percentComplete,
      priorities: s.businessPlan.priorities.map((x) => ({
        code: x.code,
        title: x.title,
        // Cancelled actions are out of every column: total = red + amber + green + no RAG.
        ...(p.planRows.get(x.priority.id) ?? { total: 0, red: 0, amber: 0, green: 0, unrated: 0, cancelled: 0 }),
        percentComplete: x.progress.percentComplete,
        littleOrNoProgress: x.progress.littleOrNoProgress,
      })),
    },
    scorecard: s.scorecard,
    nextSteps: [],
  };
  model.nextSteps = nextSteps(s, model);
  return model;
}

/** What comes next, read off the figures: where the board has to push in the coming year. */
function nextSteps(s: ExecutiveSummary, m: AnnualReportModel): string[] {
  const steps: string[] = [];
  for (const x of s.businessPlan?.priorities.filter((y) => y.progress.littleOrNoProgress) ?? []) {
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
