import { attendanceHeadline, businessPlanHeadline, caseReviewHeadlines, quorumHeadline, section11Headlines } from '../src/modules/report/headlines';
import MarkdownIt from 'markdown-it';
import { Counts, escapeMarkdown, suppressed } from '../src/modules/report/wording';
import { statusWords } from '../src/common/words';

/** Every sentence for zero, one and many: they are pasted into council reports as they stand. */
describe('headline sentences', () => {
  it('attendance', () => {
    expect(attendanceHeadline({ meetingsHeld: 0, overallRate: null, threshold: 0.75, belowThreshold: [] })).toBe('No board meetings were held in the period.');
    // A board not yet set up says nothing of meetings (issue 16).
    expect(attendanceHeadline({ meetingsHeld: 0, overallRate: null, threshold: 0.75, belowThreshold: [], existed: false })).toBeNull();
    expect(quorumHeadline(0, 0, false)).toBeNull();
    expect(attendanceHeadline({ meetingsHeld: 6, overallRate: 0.8666, threshold: 0.75, belowThreshold: [] })).toBe(
      'Attendance at board meetings was 87%; every agency met the 75% threshold.',
    );
    expect(attendanceHeadline({ meetingsHeld: 6, overallRate: 0.8666, threshold: 0.75, belowThreshold: ['Loughborough College'] })).toBe(
      'Attendance at board meetings was 87%; one agency (Loughborough College) fell below the 75% threshold.',
    );
    expect(attendanceHeadline({ meetingsHeld: 6, overallRate: 0.8666, threshold: 0.75, belowThreshold: ['A', 'B'] })).toBe(
      'Attendance at board meetings was 87%; two agencies fell below the 75% threshold.',
    );
  });

  it('quorum', () => {
    expect(quorumHeadline(0, 0)).toBe('No board meetings were held, so none could be quorate.');
    expect(quorumHeadline(1, 1)).toBe('The one board meeting held was quorate.');
    expect(quorumHeadline(1, 0)).toBe('The one board meeting held was not quorate.');
    expect(quorumHeadline(6, 6)).toBe('All six board meetings were quorate.');
    expect(quorumHeadline(6, 0)).toBe('None of the six board meetings was quorate.');
    expect(quorumHeadline(6, 5)).toBe('Five of six board meetings were quorate.');
  });

  it('Section 11', () => {
    const base = { cycleName: 'Section 11 2013/14', invited: 12, submitted: 11, fullyCompliant: 8, improved: 6, sustained: 4, declined: 1 };
    expect(section11Headlines({ ...base, invited: 0, submitted: 0 })).toEqual(['No agencies were invited to Section 11 2013/14.']);
    expect(section11Headlines({ ...base, submitted: 0, fullyCompliant: 0, improved: 0, sustained: 0, declined: 0 })).toEqual([
      'No Section 11 returns have been submitted for Section 11 2013/14 yet (12 agencies invited).',
    ]);
    expect(section11Headlines(base)).toEqual([
      '11 of 12 invited agencies submitted a Section 11 return for Section 11 2013/14.',
      'Eight agencies were fully compliant.',
      // 11 of the 12 invited have an earlier return: nothing is claimed of the twelfth.
      'Of the 11 agencies with an earlier Section 11 return, ten sustained or improved compliance and one declined.',
    ]);
    expect(section11Headlines({ ...base, invited: 11 })[2]).toBe('Section 11 returns show sustained or improved compliance in all but one agency.');
    // Issue 16: 3 of 9 had comparable returns, none declined: not "every agency".
    expect(section11Headlines({ ...base, invited: 9, submitted: 3, improved: 2, sustained: 1, declined: 0 })[2]).toBe(
      'Of the three agencies with an earlier Section 11 return, all sustained or improved compliance.',
    );
    expect(section11Headlines({ ...base, invited: 9, submitted: 3, improved: 0, sustained: 0, declined: 1 })[2]).toBe('Of the one agency with an earlier Section 11 return, its compliance declined.');
    expect(section11Headlines({ ...base, invited: 1, submitted: 1, fullyCompliant: 1, improved: 1, sustained: 0, declined: 0 })).toEqual([
      'The one invited agency submitted a Section 11 return for Section 11 2013/14.',
      'One agency was fully compliant.',
      'Section 11 returns show sustained or improved compliance in the one agency compared with its previous return.',
    ]);
    expect(section11Headlines({ ...base, fullyCompliant: 0, declined: 0 })[1]).toBe('No agency was fully compliant.');
    expect(section11Headlines({ ...base, invited: 10, declined: 0 })[2]).toBe('Section 11 returns show sustained or improved compliance in every agency compared with its previous return.');
    expect(section11Headlines({ ...base, invited: 5, submitted: 5 })[0]).toBe('All five invited agencies submitted a Section 11 return for Section 11 2013/14.');
    expect(section11Headlines({ ...base, invited: 3, submitted: 3, improved: 0, sustained: 0, declined: 3 })[2]).toBe(
      'Section 11 returns show declining compliance in all three agencies compared with their previous returns.',
    );
    expect(section11Headlines({ ...base, invited: 13, declined: 3 })[2]).toBe('Section 11 returns show sustained or improved compliance in all but three agencies.');
    expect(section11Headlines({ ...base, invited: 2, submitted: 2, improved: 0, sustained: 0, declined: 2 })[2]).toBe(
      'Section 11 returns show declining compliance in both agencies compared with their previous returns.',
    );
  });

  it('adults compliance uses its own name', () => {
    expect(section11Headlines({ kind: 'safeguarding adults compliance', cycleName: 'Adults audit 2013/14', invited: 11, submitted: 11, fullyCompliant: 8, improved: 0, sustained: 0, declined: 0 })).toEqual([
      'All 11 invited agencies submitted a safeguarding adults compliance return for Adults audit 2013/14.',
      'Eight agencies were fully compliant.',
    ]);
  });

  it('case reviews', () => {
    expect(caseReviewHeadlines({ publishedInPeriod: 0, openActions: 0, overdueActions: 0 })).toEqual([
      'No case reviews were published in the period.',
      'No case review actions remain open.',
    ]);
    expect(caseReviewHeadlines({ publishedInPeriod: 1, openActions: 1, overdueActions: 0 })).toEqual([
      'One case review was published in the period.',
      'One case review action remains open, none overdue.',
    ]);
    expect(caseReviewHeadlines({ publishedInPeriod: 3, openActions: 7, overdueActions: 2 })).toEqual([
      'Three case reviews were published in the period.',
      'Seven case review actions remain open, two overdue.',
    ]);
    expect(caseReviewHeadlines({ publishedInPeriod: 3, openActions: 4, overdueActions: 4 })[1]).toBe('Four case review actions remain open, all overdue.');
    // Published reviews are public and actions are not about people: suppression never touches these (issue 16).
    expect(caseReviewHeadlines({ publishedInPeriod: 3, openActions: 7, overdueActions: 2, suppress: true })).toEqual([
      'Three case reviews were published in the period.',
      'Seven case review actions remain open, two overdue.',
    ]);
    expect(caseReviewHeadlines({ publishedInPeriod: 6, openActions: 12, overdueActions: 12, suppress: true })).toEqual([
      'Six case reviews were published in the period.',
      '12 case review actions remain open, all overdue.',
    ]);
  });

  it('business plan', () => {
    expect(businessPlanHeadline({ title: 'Business plan 2014/15', percentComplete: null, stalled: [] })).toBe('Business plan 2014/15 has no actions yet; every priority shows progress.');
    expect(businessPlanHeadline({ title: 'Business plan 2014/15', percentComplete: 45, stalled: [] })).toBe('45% of Business plan 2014/15 actions are complete; every priority shows progress.');
    expect(businessPlanHeadline({ title: 'Business plan 2014/15', percentComplete: 45, stalled: ['2a'] })).toBe('45% of Business plan 2014/15 actions are complete; priority 2a shows little or no progress.');
    expect(businessPlanHeadline({ title: 'Business plan 2014/15', percentComplete: 45, stalled: ['2a', '3b', '5'] })).toBe(
      '45% of Business plan 2014/15 actions are complete; priorities 2a, 3b and 5 show little or no progress.',
    );
  });

  it('suppresses counts from one to four only when asked', () => {
    expect([0, 1, 4, 5, 12].map((n) => suppressed(n, true))).toEqual(['0', 'fewer than 5', 'fewer than 5', '5', '12']);
    expect([0, 1, 4, 5].map((n) => suppressed(n, false))).toEqual(['0', '1', '4', '5']);
  });
});

describe('report wording (src/modules/report/wording.ts)', () => {
  it('decides each count once per document and never gives a hidden one away through grammar', () => {
    const c = new Counts(true);
    // People counts of 1 to 4 are hidden, and always take the plural.
    expect(c.phrase('open', 1, 'people', 'review')).toBe('fewer than 5 reviews');
    expect(c.verb('open', 1, 'people', 'was', 'were')).toBe('were');
    expect(c.cell('open', 1, 'people')).toBe('fewer than 5');
    // The same count given with another value in one document is a bug, not a second decision.
    expect(() => c.cell('open', 2, 'people')).toThrow(/open/);
    // Public counts (meetings, returns, actions, published reviews) always show, with their own grammar.
    expect(c.phrase('published', 1, 'public', 'review')).toBe('one review');
    expect(c.verb('published', 1, 'public', 'was', 'were')).toBe('was');
    expect(c.cell('zero', 0, 'people')).toBe('0');
    expect(c.cell('five', 5, 'people')).toBe('5');
    expect(new Counts(false).cell('open', 3, 'people')).toBe('3');
    expect(c.decisions().filter((d) => d.hidden).map((d) => d.key)).toEqual(['open']);
  });

  it('prints status codes as words', () => {
    expect(['IN_PROGRESS', 'NOT_STARTED', 'GREEN', 'NOT_COMMISSIONED'].map(statusWords)).toEqual(['in progress', 'not started', 'green', 'not commissioned']);
  });

  it('escapes Markdown with backslashes only, and a CommonMark parser reads the text back unchanged', () => {
    const md = new MarkdownIt();
    const texts = ["Women's Centre", '<script>alert(1)</script>', 'A | B', '*bold* _it_ `code` [x](y) #1 & ~s~', '- not a list', '1. not a list', 'back\\slash'];
    expect(escapeMarkdown("Women's Centre")).toBe("Women's Centre");
    for (const t of texts) {
      const html = md.renderInline(escapeMarkdown(t));
      expect(html).toBe(md.utils.escapeHtml(t));
    }
    // In a table cell a pipe stays in its cell.
    const table = md.render(`| a | b |\n| --- | --- |\n| ${escapeMarkdown('x | y')} | z |`);
    expect(table).toContain('<td>x | y</td>');
  });
});
