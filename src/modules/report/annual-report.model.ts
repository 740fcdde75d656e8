/** Everything the annual report shows, gathered once and rendered as Markdown or HTML. */
export interface AnnualReportModel {
  board: { id: string; name: string; kind: string; area: string };
  from: string;
  to: string;
  generatedOn: string;
  suppressSmallNumbers: boolean;
  headlines: string[];
  effectiveness: {
    /** The board was set up by the period's end. */
    existed: boolean;
    meetingsHeld: number;
    quorateMeetings: number;
    overallRate: number | null;
    threshold: number;
    subGroups: { name: string; meetingsHeld: number; overallRate: number | null }[];
  };
  partners: {
    agency: string;
    sector: string;
    expected: number;
    attended: number;
    rate: number | null;
    belowThreshold: boolean;
    /** The agency's return in each audit shown, in the order of `audits`; null when not invited. */
    audits: ({ status: string; percentMet: number | null; rag: string | null; trend: string | null } | null)[];
    openActions: number;
    overdueActions: number;
    completedActions: number;
  }[];
  audits: {
    label: string;
    cycleName: string;
    dueOn: string;
    invited: number;
    submitted: number;
    fullyCompliant: number;
    outstanding: number;
    trends: { improved: number; sustained: number; declined: number; new: number };
    /** How the submitted returns rated each standard (moderated where moderated). */
    standards: { code: string; title: string; met: number; partiallyMet: number; notMet: number; notApplicable: number }[];
  }[];
  caseReviews: {
    existed: boolean;
    commissionedInPeriod: number;
    overdueActions: number;
    publishedInPeriod: number;
    /**
     * The period's review figures as the executive summary has them (executiveSummary.caseReviews,
     * CaseReviewService.periodFigures: status on the period's last day), printed, never recomputed.
     */
    figures: {
      notificationsMade: number;
      notificationsOnTime: number;
      rapidReviewsCompleted: number;
      rapidReviewsOnTime: number;
      commissionedInPeriod: number;
      localReviewsInProgress: number;
      publishedInPeriod: number;
      sarsConcluded: number;
      sarsOngoing: number;
      findingsNotImplemented: number;
      contributions: number;
      deliveredForOthers: number;
    };
    /** Findings of the board's reviews decided in the period not to be implemented, with the reasons (figures.findingsNotImplemented of them). */
    notImplemented: { review: string; sar: boolean; published: boolean; number: number; finding: string; decidedOn: string; reason: string }[];
    /** External learning (national and other areas' reviews) acted on in the period, actions as at its end (CaseReviewService.learningAsAt). */
    learning: { title: string; source: string; area: string | null; publishedOn: string; total: number; complete: number; open: number }[];
    reviews: {
      reference: string;
      type: string;
      /** As it stood on the period's last day. */
      status: string;
      referredOn: string;
      publishedOn: string | null;
      /** First COMPLETED, PUBLISHED or CLOSED by the period's end. */
      concludedOn: string | null;
      actions: { total: number; complete: number; open: number; overdue: number };
    }[];
  };
  businessPlan: {
    title: string;
    percentComplete: number | null;
    priorities: {
      code: string;
      title: string;
      /** Actions not cancelled; = red + amber + green + unrated. */
      total: number;
      red: number;
      amber: number;
      green: number;
      unrated: number;
      cancelled: number;
      /** Of total, COMPLETE on the period's last day. */
      complete: number;
      percentComplete: number | null;
      littleOrNoProgress: boolean;
    }[];
  } | null;
  /** The data set's scorecard summary for the quarter ending on the period's end. */
  scorecard?: { sentence: string; measures: number; red: number; amber: number; green: number; exceptions: number } | null;
  nextSteps: string[];
  /**
   * Data from other modules (arrangements, issue 13; reviews, issue 14; scorecard, issue 15); the
   * checklist (checklist.ts) and sections read it and say "no data" without it.
   */
  extensions?: {
    officeHolders?: { role: string; name: string }[];
    /** The scorecard's measures with a value in the quarter ending on the period's end (evidence of impact). */
    scorecard?: { indicator: string; direction: string; value: string; rag: string | null }[];
    feedback?: string[];
    scrutiny?: string;
    contributions?: { agency: string; amount: number }[];
    /**
     * Findings of the SARs concluded in the period, and findings decided in it not to be implemented,
     * each with the response as it stood on the period's last day (null: none yet).
     */
    sarFindings?: {
      review: string;
      number: number;
      finding: string;
      response: 'ACCEPTED' | 'NOT_IMPLEMENTED' | null;
      implemented: boolean;
      reason: string | null;
      respondedOn: string | null;
      /** The SAR concluded in the period (Schedule 2 (d)); else only its decision not to implement falls in it. */
      concludedInPeriod: boolean;
      /** The SAR was published by the period's end (its reference is public). */
      published: boolean;
    }[];
  };
}
