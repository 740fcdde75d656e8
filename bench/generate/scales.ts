/** How much data a scale generates. National is England-sized; smoke is for CI. */
export interface Scale {
  name: string;
  /** Areas with separate children's and adults' boards. */
  pairedAreas: number;
  /** Areas with one joint LSCB/SAB. */
  jointAreas: number;
  agencies: number;
  policeForces: number;
  healthCommissioners: number;
  healthProviders: number;
  fireServices: number;
  probationRegions: number;
  membersPerBoard: number;
  subGroupsPerBoard: number;
  membersPerSubGroup: number;
  /** Months of monthly board and sub-group meetings. */
  months: number;
  /**
   * The history the per-board counts below were chosen for. A longer history (withHistoryYears)
   * scales them by months / baseMonths, so each year holds as much as before and the last year
   * looks the same: only the past grows.
   */
  baseMonths: number;
  actionsPerBoard: number;
  /** Yearly audit cycles per board (the latest one still open for returns). */
  auditCycles: number;
  caseReviewsPerBoard: number;
  /** One agency user per agency for the first this-many agencies (regional agencies come first). */
  agencyUsers: number;
}

export const SCALES: Record<string, Scale> = {
  national: {
    name: 'national',
    pairedAreas: 60,
    jointAreas: 30,
    agencies: 3000,
    policeForces: 43,
    healthCommissioners: 42,
    healthProviders: 200,
    fireServices: 45,
    probationRegions: 12,
    membersPerBoard: 25,
    subGroupsPerBoard: 8,
    membersPerSubGroup: 8,
    months: 60,
    baseMonths: 60,
    actionsPerBoard: 200,
    auditCycles: 3,
    caseReviewsPerBoard: 20,
    agencyUsers: 3000,
  },
  smoke: {
    name: 'smoke',
    pairedAreas: 1,
    jointAreas: 1,
    agencies: 90,
    policeForces: 1,
    healthCommissioners: 1,
    healthProviders: 3,
    fireServices: 1,
    probationRegions: 1,
    membersPerBoard: 20,
    subGroupsPerBoard: 8,
    membersPerSubGroup: 6,
    months: 12,
    baseMonths: 12,
    actionsPerBoard: 30,
    auditCycles: 3,
    caseReviewsPerBoard: 6,
    agencyUsers: 90,
  },
};

export function scaleNamed(name: string): Scale {
  const s = SCALES[name];
  if (!s) throw new Error(`Unknown scale ${name}: use ${Object.keys(SCALES).join(' or ')}`);
  return s;
}

/**
 * The scale with `years` of history instead of its own (same boards, agencies and members): meetings,
 * plans, quarters of observations follow the months; actions, audit cycles and case reviews are
 * multiplied by the same factor. The name stays the scale's; the database name says the years.
 */
export function withHistoryYears(scale: Scale, years: number | undefined): Scale {
  if (years === undefined || years * 12 === scale.months) return scale;
  if (!Number.isInteger(years) || years < 1) throw new Error(`--history-years must be a whole number of years, not ${years}`);
  const factor = (years * 12) / scale.baseMonths;
  return {
    ...scale,
    months: years * 12,
    actionsPerBoard: Math.round(scale.actionsPerBoard * factor),
    auditCycles: Math.max(1, Math.round(scale.auditCycles * factor)),
    caseReviewsPerBoard: Math.max(1, Math.round(scale.caseReviewsPerBoard * factor)),
  };
}

/** The years of history a scale generates by default (5 national, 1 smoke). */
export const defaultHistoryYears = (scale: Scale): number => scale.baseMonths / 12;
