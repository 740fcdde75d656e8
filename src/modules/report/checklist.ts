import { AnnualReportModel } from './annual-report.model';

/**
 * The statutory checklist beside a yearly report: each item the law asks for, where the hub takes it
 * from, whether the data fills it, and what is missing.
 *
 * Items whose data comes from other modules read the optional `extensions` of AnnualReportModel
 * (the scorecard's direction of travel, SAR findings with their responses; office holders, feedback,
 * scrutiny and budgets when they are recorded); without it they say "no data" and name what is missing.
 */
export interface ChecklistEntry {
  item: string;
  source: string;
  filled: boolean;
  missing: string | null;
}

const entry = (item: string, source: string, filled: boolean, missing: string): ChecklistEntry => ({ item, source, filled, missing: filled ? null : missing });

export const SAR_TYPE = 'safeguarding adults review';

/** Working Together 2023: a safeguarding children partnership's yearly report. */
function childrenItems(m: AnnualReportModel): ChecklistEntry[] {
  const x = m.extensions ?? {};
  const audited = m.partners.some((p) => p.audits.some((a) => a !== null && a.percentMet !== null));
  return [
    entry('The arrangements and who leads them (office holders)', 'arrangements (issue 13)', !!x.officeHolders?.length, 'Office holders and the published arrangements are not recorded in the hub yet.'),
    entry(
      "Evidence of the impact of the partners' and relevant agencies' work",
      'scorecard (direction of travel), multi-agency audits',
      !!x.scorecard?.length,
      'No scorecard with a direction of travel and no multi-agency audit findings are recorded.',
    ),
    entry('Priorities with little or no evidence of progress', 'business plan', m.businessPlan !== null, 'No business plan covers the period.'),
    entry(
      'Decisions and actions on local and national review recommendations, and what improved',
      'case reviews and external learning, and their actions',
      m.caseReviews.reviews.some((r) => r.actions.total > 0) || m.caseReviews.learning.some((x) => x.total > 0),
      'No review in the period, and no national or other area\'s review the board tested itself against, has actions.',
    ),
    entry('How feedback from children and families was sought and used', 'agenda items or actions of that kind (no survey module yet)', !!x.feedback?.length, 'No feedback from children and families is recorded.'),
    entry(
      'The engagement of relevant agencies and education (attendance, Section 11)',
      'attendance and Section 11 returns',
      m.partners.some((p) => p.expected > 0) && audited,
      m.partners.some((p) => p.expected > 0) ? 'No submitted Section 11 return in the latest cycle.' : 'No attendance is recorded for the period.',
    ),
    entry("Independent scrutiny's findings", 'text entered by the scrutineer role (not in the hub yet)', !!x.scrutiny, 'The independent scrutineer has not entered findings.'),
    entry("Each partner's contribution (budget)", 'partner contributions (not in the hub yet)', !!x.contributions?.length, 'No budget contributions are recorded.'),
    entry('What comes next', 'figures of the year', m.nextSteps.length > 0, 'Nothing to carry forward was found.'),
  ];
}

/** Care Act 2014, Schedule 2 paragraph 4 (a)-(g): a Safeguarding Adults Board's annual report. */
function adultsItems(m: AnnualReportModel): ChecklistEntry[] {
  const x = m.extensions ?? {};
  const sars = m.caseReviews.reviews.filter((r) => r.type === SAR_TYPE);
  // Concluded: first COMPLETED, PUBLISHED or CLOSED in the year, whenever the SAR began (the figures' rule).
  const concluded = sars.filter((r) => r.concludedOn !== null && r.concludedOn >= m.from && r.concludedOn <= m.to);
  const findings = (x.sarFindings ?? []).filter((f) => f.concludedInPeriod);
  const withFindings = new Set(findings.map((f) => f.review));
  return [
    entry('(a) What the board did to achieve its objective', 'meetings and attendance', m.effectiveness.meetingsHeld > 0, 'No board meeting was held in the year.'),
    entry('(b) What the board did to implement its strategy', 'business plan', m.businessPlan !== null, 'No business plan (strategic plan) covers the year.'),
    entry(
      '(c) What each member did to implement the strategy',
      'attendance, compliance returns and actions per member',
      m.partners.length > 0,
      'The board has no members in the year.',
    ),
    // Worded alike whatever the number of SARs, so the checklist gives no suppressed count away.
    entry(
      '(d) The findings of the reviews (SARs) concluded in the year',
      'case reviews: findings',
      concluded.every((r) => withFindings.has(r.reference)),
      'Findings are not recorded for every SAR concluded in the year.',
    ),
    entry('(e) SARs ongoing at the end of the year', 'case reviews (status on the last day)', true, ''),
    entry(
      '(f) What the board did to implement the findings of SARs',
      'actions on SAR recommendations',
      sars.length === 0 || sars.some((r) => r.actions.total > 0),
      'No actions are recorded against the recommendations of its SARs.',
    ),
    entry(
      '(g) For each finding the board decided not to implement, the reasons',
      'case reviews: responses to findings',
      findings.every((f) => f.response !== null),
      'Some findings of the SARs concluded in the year have no response (accepted, or not implemented with the reasons) by its end.',
    ),
  ];
}

export function checklistOf(m: AnnualReportModel): ChecklistEntry[] {
  if (m.board.kind === 'ADULTS') return adultsItems(m);
  if (m.board.kind === 'JOINT') return [...childrenItems(m), ...adultsItems(m)];
  return childrenItems(m);
}
