import { capitalise, count, listOf, numberWord, percent } from './wording';

/**
 * Headline sentences built from the summary's figures. Each reads right for zero, one and many,
 * because boards paste them straight into council reports.
 */

export function attendanceHeadline(a: { meetingsHeld: number; overallRate: number | null; threshold: number; belowThreshold: string[] }): string {
  if (a.meetingsHeld === 0) return 'No board meetings were held in the period.';
  const threshold = percent(a.threshold);
  const below = a.belowThreshold.length;
  const tail =
    below === 0
      ? `every agency met the ${threshold} threshold`
      : below === 1
        ? `one agency (${a.belowThreshold[0]}) fell below the ${threshold} threshold`
        : `${numberWord(below)} agencies fell below the ${threshold} threshold`;
  return `Attendance at board meetings was ${percent(a.overallRate)}; ${tail}.`;
}

export function quorumHeadline(held: number, quorate: number): string {
  if (held === 0) return 'No board meetings were held, so none could be quorate.';
  if (held === 1) return quorate === 1 ? 'The one board meeting held was quorate.' : 'The one board meeting held was not quorate.';
  if (quorate === held) return `All ${numberWord(held)} board meetings were quorate.`;
  if (quorate === 0) return `None of the ${numberWord(held)} board meetings was quorate.`;
  return `${capitalise(numberWord(quorate))} of ${numberWord(held)} board meetings were quorate.`;
}

export function section11Headlines(s: {
  cycleName: string;
  invited: number;
  submitted: number;
  fullyCompliant: number;
  improved: number;
  sustained: number;
  declined: number;
}): string[] {
  if (s.invited === 0) return [`No agencies were invited to ${s.cycleName}.`];
  const lines: string[] = [];
  lines.push(
    s.submitted === 0
      ? `No Section 11 returns have been submitted for ${s.cycleName} yet (${count(s.invited, 'agency', 'agencies')} invited).`
      : s.submitted === s.invited
        ? s.invited === 1
          ? `The one invited agency submitted a Section 11 return for ${s.cycleName}.`
          : `All ${count(s.invited, 'invited agency', 'invited agencies')} submitted a Section 11 return for ${s.cycleName}.`
        : `${capitalise(numberWord(s.submitted))} of ${count(s.invited, 'invited agency', 'invited agencies')} submitted a Section 11 return for ${s.cycleName}.`,
  );
  if (s.submitted > 0) {
    lines.push(
      s.fullyCompliant === 0
        ? 'No agency was fully compliant.'
        : s.fullyCompliant === 1
          ? 'One agency was fully compliant.'
          : `${capitalise(numberWord(s.fullyCompliant))} agencies were fully compliant.`,
    );
  }
  const compared = s.improved + s.sustained + s.declined;
  if (compared > 0) {
    lines.push(
      s.declined === 0
        ? compared === 1
          ? 'Section 11 returns show sustained or improved compliance in the one agency compared with its previous return.'
          : 'Section 11 returns show sustained or improved compliance in every agency compared with its previous return.'
        : s.declined === compared
          ? compared === 1
            ? 'Section 11 returns show declining compliance in the one agency compared with its previous return.'
            : `Section 11 returns show declining compliance in ${compared === 2 ? 'both' : `all ${numberWord(compared)}`} agencies compared with their previous returns.`
          : s.declined === 1
            ? 'Section 11 returns show sustained or improved compliance in all but one agency.'
            : `Section 11 returns show sustained or improved compliance in all but ${numberWord(s.declined)} agencies.`,
    );
  }
  return lines;
}

export function caseReviewHeadlines(c: { publishedInPeriod: number; openActions: number; overdueActions: number }): string[] {
  const published =
    c.publishedInPeriod === 0
      ? 'No case reviews were published in the period.'
      : c.publishedInPeriod === 1
        ? 'One case review was published in the period.'
        : `${capitalise(numberWord(c.publishedInPeriod))} case reviews were published in the period.`;
  const actions =
    c.openActions === 0
      ? 'No case review actions remain open.'
      : c.overdueActions === 0
        ? `${capitalise(count(c.openActions, 'case review action'))} ${c.openActions === 1 ? 'remains' : 'remain'} open, none overdue.`
        : `${capitalise(count(c.openActions, 'case review action'))} ${c.openActions === 1 ? 'remains' : 'remain'} open, ${c.overdueActions === c.openActions && c.openActions > 1 ? 'all' : numberWord(c.overdueActions)} overdue.`;
  return [published, actions];
}

export function businessPlanHeadline(p: { title: string; percentComplete: number | null; stalled: string[] }): string {
  const done = p.percentComplete === null ? `${p.title} has no actions yet` : `${percent(p.percentComplete / 100)} of ${p.title} actions are complete`;
  const stalled =
    p.stalled.length === 0
      ? 'every priority shows progress'
      : p.stalled.length === 1
        ? `priority ${p.stalled[0]} shows little or no progress`
        : `priorities ${listOf(p.stalled)} show little or no progress`;
  return `${capitalise(done)}; ${stalled}.`;
}
