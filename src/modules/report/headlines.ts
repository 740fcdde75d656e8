import { capitalise, count, listOf, numberWord, percent } from './wording';

/**
 * Headline sentences built from the summary's figures. Each reads right for zero, one and many,
 * because boards paste them straight into council reports.
 */

/**
 * A period with no held meetings says so only of a board that existed in it (`existed` false: no
 * sentence at all, rather than "no meetings were held" of a board not yet set up).
 */
export function attendanceHeadline(a: { meetingsHeld: number; overallRate: number | null; threshold: number; belowThreshold: string[]; existed?: boolean }): string | null {
  if (a.meetingsHeld === 0) return a.existed === false ? null : 'No board meetings were held in the period.';
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

export function quorumHeadline(held: number, quorate: number, existed = true): string | null {
  if (held === 0) return existed ? 'No board meetings were held, so none could be quorate.' : null;
  if (held === 1) return quorate === 1 ? 'The one board meeting held was quorate.' : 'The one board meeting held was not quorate.';
  if (quorate === held) return held === 2 ? 'Both board meetings were quorate.' : `All ${numberWord(held)} board meetings were quorate.`;
  if (quorate === 0) return `None of the ${numberWord(held)} board meetings was quorate.`;
  return `${capitalise(numberWord(quorate))} of ${numberWord(held)} board meetings were quorate.`;
}

export function section11Headlines(s: {
  /** "Section 11", or "safeguarding adults compliance" for an SAB's audit. */
  kind?: string;
  cycleName: string;
  invited: number;
  submitted: number;
  fullyCompliant: number;
  improved: number;
  sustained: number;
  declined: number;
}): string[] {
  if (s.invited === 0) return [`No agencies were invited to ${s.cycleName}.`];
  const kind = s.kind ?? 'Section 11';
  const lines: string[] = [];
  lines.push(
    s.submitted === 0
      ? `No ${kind} returns have been submitted for ${s.cycleName} yet (${count(s.invited, 'agency', 'agencies')} invited).`
      : s.submitted === s.invited
        ? s.invited === 1
          ? `The one invited agency submitted a ${kind} return for ${s.cycleName}.`
          : `All ${count(s.invited, 'invited agency', 'invited agencies')} submitted a ${kind} return for ${s.cycleName}.`
        : `${capitalise(numberWord(s.submitted))} of ${count(s.invited, 'invited agency', 'invited agencies')} submitted a ${kind} return for ${s.cycleName}.`,
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
  if (compared > 0 && compared < s.invited) {
    // Only some invited agencies have an earlier return: claim nothing of the others.
    const kept = s.improved + s.sustained;
    const who = compared === 1 ? `Of the one agency with an earlier ${kind} return,` : `Of the ${count(compared, 'agency', 'agencies')} with an earlier ${kind} return,`;
    lines.push(
      compared === 1
        ? `${who} ${s.declined === 0 ? 'its compliance was sustained or improved' : 'its compliance declined'}.`
        : s.declined === 0
          ? `${who} all sustained or improved compliance.`
          : kept === 0
            ? `${who} all declined.`
            : `${who} ${numberWord(kept)} sustained or improved compliance and ${numberWord(s.declined)} declined.`,
    );
  } else if (compared > 0) {
    lines.push(
      s.declined === 0
        ? compared === 1
          ? `${capitalise(kind)} returns show sustained or improved compliance in the one agency compared with its previous return.`
          : `${capitalise(kind)} returns show sustained or improved compliance in every agency compared with its previous return.`
        : s.declined === compared
          ? compared === 1
            ? `${capitalise(kind)} returns show declining compliance in the one agency compared with its previous return.`
            : `${capitalise(kind)} returns show declining compliance in ${compared === 2 ? 'both' : `all ${numberWord(compared)}`} agencies compared with their previous returns.`
          : s.declined === 1
            ? `${capitalise(kind)} returns show sustained or improved compliance in all but one agency.`
            : `${capitalise(kind)} returns show sustained or improved compliance in all but ${numberWord(s.declined)} agencies.`,
    );
  }
  return lines;
}

/**
 * Published reviews are public and actions are not about people, so none of these counts is ever
 * suppressed (DOMAIN.md "Numbers and words"); `suppress` is accepted and has no effect.
 */
export function caseReviewHeadlines(c: { publishedInPeriod: number; openActions: number; overdueActions: number; suppress?: boolean }): string[] {
  const published =
    c.publishedInPeriod === 0
      ? 'No case reviews were published in the period.'
      : c.publishedInPeriod === 1
        ? 'One case review was published in the period.'
        : `${capitalise(numberWord(c.publishedInPeriod))} case reviews were published in the period.`;
  const overdue = c.overdueActions === c.openActions && c.openActions > 1 ? 'all' : numberWord(c.overdueActions);
  const actions =
    c.openActions === 0
      ? 'No case review actions remain open.'
      : c.overdueActions === 0
        ? `${capitalise(count(c.openActions, 'case review action'))} ${c.openActions === 1 ? 'remains' : 'remain'} open, none overdue.`
        : `${capitalise(count(c.openActions, 'case review action'))} ${c.openActions === 1 ? 'remains' : 'remain'} open, ${overdue} overdue.`;
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
