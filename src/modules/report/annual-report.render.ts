import { AnnualReportModel } from './annual-report.model';
import { isPublicReviewStatus } from '../../rules/report';
import { checklistOf, SAR_TYPE } from './checklist';
import { count, Counts, escapeMarkdown, listOf, numberWord, percent } from './wording';
import { statusWords } from '../../common/words';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every piece of user text goes through here before it reaches HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** User text in Markdown: backslash escapes only (wording.ts), never HTML entities. */
const md = escapeMarkdown;

type Cell = string | number;
export interface Table {
  /** The sheet's name in the workbook and the CSV's name. */
  name?: string;
  head: string[];
  rows: Cell[][];
}
export interface Section {
  title: string;
  /** An inline SVG chart for the HTML page (built from this section's table). */
  chart?: string;
  paragraphs: string[];
  tables: Table[];
  bullets?: string[];
}

/** One neutral structure of sections, so Markdown and HTML always say the same thing. */
export function sections(r: AnnualReportModel): Section[] {
  // One decision per count for the whole document (wording.ts).
  const counts = new Counts(r.suppressSmallNumbers);
  const e = r.effectiveness;
  const out: Section[] = [];
  out.push({ title: 'Summary', paragraphs: [], tables: [], bullets: r.headlines });
  out.push({
    title: 'What the board did and how effective it was',
    paragraphs: [
      !e.existed
        ? `The board was not yet set up in the period ${r.from} to ${r.to}: there are no meetings to report.`
        : e.meetingsHeld === 0
          ? `The board held no meetings between ${r.from} and ${r.to}.`
          : `The board held ${count(e.meetingsHeld, 'meeting')} between ${r.from} and ${r.to}, ${
              e.meetingsHeld === 1
                ? `which ${e.quorateMeetings === 1 ? 'was' : 'was not'} quorate`
                : e.quorateMeetings === e.meetingsHeld
                  ? 'all of them quorate'
                  : `of which ${numberWord(e.quorateMeetings)} ${e.quorateMeetings === 1 ? 'was' : 'were'} quorate`
            }. ` +
            `Overall attendance by member agencies was ${percent(e.overallRate)} against a threshold of ${percent(e.threshold)}.`,
    ],
    tables: e.subGroups.length
      ? [{ name: 'Sub-groups', head: ['Sub-group', 'Meetings held', 'Attendance'], rows: e.subGroups.map((s) => [s.name, s.meetingsHeld, percent(s.overallRate)]) }]
      : [],
  });
  const auditCell = (a: AnnualReportModel['partners'][number]['audits'][number]) =>
    a
      ? [statusWords(a.status), a.percentMet === null ? '' : `${a.percentMet.toFixed(0)}% met`, statusWords(a.rag), statusWords(a.trend)].filter(Boolean).join(', ')
      : 'not invited';
  const adults = r.board.kind !== 'CHILDREN';
  out.push({
    title: r.board.kind === 'ADULTS' ? 'What each member did' : "Partners' contribution",
    chart: r.partners.some((p) => p.expected > 0) ? attendanceChart(r) : undefined,
    paragraphs: [
      r.partners.length
        ? 'Attendance at board meetings, the latest audit returns and the actions each agency owns: open, overdue and completed.'
        : 'No data: the board had no member agencies in the period.',
    ],
    tables: [
      {
        name: 'Partners',
        head: ['Agency', 'Sector', 'Attended', 'Expected', 'Rate', 'Below threshold', ...r.audits.map((a) => a.label), 'Open actions', 'Overdue', 'Completed'],
        rows: r.partners.map((p) => [
          p.agency,
          p.sector,
          p.attended,
          p.expected,
          percent(p.rate),
          p.belowThreshold ? 'yes' : 'no',
          ...p.audits.map(auditCell),
          p.openActions,
          p.overdueActions,
          p.completedActions,
        ]),
      },
    ],
  });
  for (const s of r.audits) {
    const rated = s.standards.filter((x) => x.met + x.partiallyMet + x.notMet + x.notApplicable > 0);
    out.push({
      title: s.label,
      chart: rated.length ? standardsChart(s.label, rated) : undefined,
      paragraphs: [
        `${s.cycleName} (due ${s.dueOn}): ${s.submitted} of ${s.invited} invited agencies submitted, ${s.outstanding} outstanding; ${s.fullyCompliant} fully compliant. ` +
          `Compared with their previous returns, ${s.trends.improved} improved, ${s.trends.sustained} sustained, ${s.trends.declined} declined and ${s.trends.new} made a first return.`,
      ],
      tables: [
        {
          name: `${s.label.replace(/ audit$/, '')} by standard`,
          head: ['Standard', 'Title', 'Met', 'Partially met', 'Not met', 'Not applicable'],
          rows: rated.map((x) => [x.code, x.title, x.met, x.partiallyMet, x.notMet, x.notApplicable]),
        },
      ],
    });
  }
  const c = r.caseReviews;
  // Reviews not yet published are about people: counted, and listed one by one only when the count shows.
  // Published (and closed) reviews are public: always counted and named.
  const open = c.reviews.filter((v) => !isPublicReviewStatus(v.status));
  const published = c.reviews.filter((v) => isPublicReviewStatus(v.status));
  const openHidden = counts.hidden('reviews.notYetPublished', open.length, 'people');
  const statuses = [...new Set(c.reviews.map((v) => v.status))];
  const reviewRow = (v: (typeof c.reviews)[number]) => [v.reference, v.type, statusWords(v.status), v.referredOn, v.publishedOn ?? '', v.actions.total, v.actions.complete, v.actions.open, v.actions.overdue];
  const fg = c.figures;
  // SAR findings are listed in their own section (Care Act Schedule 2); the others here.
  const others = c.notImplemented.filter((x) => !(adults && x.sar));
  const paragraphs: string[] = [];
  // The period's figures as the executive summary has them (status on the period's last day); counts of
  // notifications, rapid reviews and reviews not yet published are about people, labelled so no word varies with them.
  if (r.board.kind !== 'ADULTS') {
    paragraphs.push(
      `Serious incidents notified to the Child Safeguarding Practice Review Panel: ${counts.cell('reviews.notificationsMade', fg.notificationsMade, 'people')}; ` +
        `notified within 5 working days of the local authority becoming aware: ${counts.cell('reviews.notificationsOnTime', fg.notificationsOnTime, 'people')}.`,
      `Rapid reviews completed (sent to the Panel): ${counts.cell('reviews.rapidReviewsCompleted', fg.rapidReviewsCompleted, 'people')}; ` +
        `within 15 working days of the notification: ${counts.cell('reviews.rapidReviewsOnTime', fg.rapidReviewsOnTime, 'people')}.`,
    );
  }
  paragraphs.push(
    `Commissioned in the period: ${counts.cell('reviews.commissionedInPeriod', c.commissionedInPeriod, 'people')}. ` +
      `Commissioned or in progress on ${r.to}: ${counts.cell('reviews.localReviewsInProgress', fg.localReviewsInProgress, 'people')}. ` +
      `Published in the period: ${counts.cell('reviews.publishedInPeriod', c.publishedInPeriod, 'public')}. ` +
      `Status as it stood on ${r.to}.`,
    `Contributions to other areas' reviews: ${counts.cell('reviews.contributions', fg.contributions, 'people')}.` +
      (fg.deliveredForOthers > 0 ? ` Reviews delivered for another body (not counted above): ${counts.cell('reviews.deliveredForOthers', fg.deliveredForOthers, 'people')}.` : ''),
    c.learning.length
      ? `Learning from national and other areas' reviews the board tested itself against: ${c.learning.length}, with ` +
          `${c.learning.reduce((n, x) => n + x.complete, 0)} of ${c.learning.reduce((n, x) => n + x.total, 0)} actions complete on ${r.to}.`
      : "Learning from national and other areas' reviews: none recorded for the period.",
    // Findings are not people: the count always shows, and each is listed with its reasons.
    `Findings the board decided in the period not to implement: ${fg.findingsNotImplemented}` +
      (fg.findingsNotImplemented === 0
        ? '.'
        : others.length === 0
          ? ' (with the reasons, under safeguarding adults reviews).'
          : others.length === c.notImplemented.length
            ? ', with the reasons below.'
            : ', with the reasons below and under safeguarding adults reviews.'),
  );
  out.push({
    title: 'Case reviews',
    paragraphs,
    tables: [
      {
        name: 'Reviews by status',
        head: ['Status', 'Reviews'],
        rows: statuses.map((st) => {
          const n = c.reviews.filter((v) => v.status === st).length;
          return [statusWords(st), isPublicReviewStatus(st) ? counts.cell(`reviews.status.${st}`, n, 'public') : counts.cell(`reviews.status.${st}`, n, 'people')];
        }),
      },
      {
        name: 'Reviews',
        head: ['Review', 'Type', 'Status', 'Referred', 'Published', 'Actions', 'Complete', 'Open', 'Overdue'],
        rows: [
          ...published.map(reviewRow),
          ...(openHidden ? [['Reviews not yet published', '', 'fewer than 5', '', '', '', '', '', '']] : open.map(reviewRow)),
        ],
      },
      {
        name: 'Findings not implemented',
        head: ['Review', 'Finding', 'Decided', 'Reasons'],
        // A review not yet published is named only when the count of such reviews shows.
        rows: others.map((x) => [x.published || !openHidden ? x.review : 'A review not yet published', `${x.number}. ${x.finding}`, x.decidedOn, x.reason]),
      },
      // Learning from national and other areas' reviews (published reviews: named, never hidden).
      ...(c.learning.length
        ? [{
            name: 'Learning from elsewhere',
            head: ['Review', 'From', 'Published', 'Actions', 'Complete', 'Open'],
            rows: c.learning.map((x) => [x.title, x.area ? `${x.source} (${x.area})` : x.source, x.publishedOn, x.total, x.complete, x.open]),
          }]
        : []),
    ],
  });
  if (r.businessPlan) {
    const p = r.businessPlan;
    const stalled = p.priorities.filter((x) => x.littleOrNoProgress).map((x) => `${x.code} ${x.title}`);
    out.push({
      title: 'Business plan progress',
      chart: p.priorities.some((x) => x.total > 0) ? ragChart(p.priorities) : undefined,
      paragraphs: [
        `${p.title}: ${p.percentComplete === null ? 'no actions yet' : `${p.percentComplete.toFixed(0)}% of actions complete`}.` +
          (stalled.length ? ` Little or no progress: ${stalled.join('; ')}.` : ' Every priority shows progress.'),
      ],
      tables: [
        {
          name: 'Business plan',
          head: ['Priority', 'Title', 'Actions', 'Red', 'Amber', 'Green', 'No RAG', 'Cancelled (not counted)', '% complete', 'Little or no progress'],
          rows: p.priorities.map((x) => [
            x.code,
            x.title,
            x.total,
            x.red,
            x.amber,
            x.green,
            x.unrated,
            x.cancelled,
            x.percentComplete === null ? 'n/a' : `${x.percentComplete.toFixed(0)}%`,
            x.littleOrNoProgress ? 'yes' : 'no',
          ]),
        },
      ],
    });
  }
  if (r.scorecard) {
    const x = r.scorecard;
    out.push({
      title: 'Performance scorecard',
      paragraphs: [`${x.sentence} Of the ${x.measures} measures in the data set, rated red: ${x.red}, amber: ${x.amber}, green: ${x.green}; needing attention (red, or declined two periods running): ${x.exceptions}.`],
      tables: [],
    });
  }
  if (adults) out.push(sarSection(r, counts));
  out.push(...noDataSections(r));
  out.push({ title: 'What comes next', paragraphs: [], tables: [], bullets: r.nextSteps });
  const list = checklistOf(r);
  out.push({
    title: 'Statutory checklist',
    paragraphs: [
      r.board.kind === 'ADULTS'
        ? 'Care Act 2014, Schedule 2 paragraph 4: what the annual report must contain, and whether the data fills it.'
        : r.board.kind === 'JOINT'
          ? 'Working Together to Safeguard Children 2023 and Care Act 2014 Schedule 2 paragraph 4: what the reports must contain, and whether the data fills it.'
          : "Working Together to Safeguard Children 2023: what the partnership's yearly report must contain, and whether the data fills it.",
    ],
    tables: [{ name: 'Checklist', head: ['Item', 'Source', 'Filled', 'Missing'], rows: list.map((c) => [c.item, c.source, c.filled ? 'yes' : 'no', c.missing ?? '']) }],
  });
  return out;
}

/**
 * Care Act Schedule 2 (d)-(g): SARs concluded in the year (whenever they began) and ongoing at its
 * end, counted as the executive summary counts them, and what came of their findings.
 */
function sarSection(r: AnnualReportModel, counts: Counts): Section {
  const fg = r.caseReviews.figures;
  const sars = r.caseReviews.reviews.filter((v) => v.type === SAR_TYPE);
  const concluded = sars.filter((v) => v.concludedOn !== null && v.concludedOn >= r.from && v.concludedOn <= r.to);
  const ongoing = sars.filter((v) => v.status === 'COMMISSIONED' || v.status === 'IN_PROGRESS');
  const published = concluded.filter((v) => v.publishedOn !== null);
  const named = (v: (typeof sars)[number]) => `${v.reference} (published ${v.publishedOn})`;
  // Published SARs are public; one concluded but not yet published is a case about a person.
  const concludedText =
    fg.sarsConcluded === 0
      ? 'No SAR was concluded in the year.'
      : published.length === fg.sarsConcluded
        ? `Concluded in the year: ${listOf(published.map(named))}.`
        : `Concluded in the year: ${counts.phrase('sars.concluded', fg.sarsConcluded, 'people', 'SAR')}` + (published.length ? `, of which published: ${listOf(published.map(named))}.` : '.');
  const concludedHidden = published.length !== fg.sarsConcluded && counts.hidden('sars.concluded', fg.sarsConcluded, 'people');
  const ongoingHidden = counts.hidden('sars.ongoing', fg.sarsOngoing, 'people');
  const ongoingText = counts.phrase('sars.ongoing', fg.sarsOngoing, 'people', 'SAR') + (!ongoingHidden && ongoing.length ? `: ${listOf(ongoing.map((v) => v.reference))}` : '');
  const findings = r.extensions?.sarFindings ?? [];
  const ofConcluded = findings.filter((x) => x.concludedInPeriod);
  const notImplemented = findings.filter((x) => x.response === 'NOT_IMPLEMENTED');
  const findingsText =
    fg.sarsConcluded === 0 && !findings.length
      ? 'Findings: none to report.'
      : `Findings of the SARs concluded in the year: ${ofConcluded.length}${ofConcluded.length ? '' : ' recorded'}. ` +
        `Findings the board decided not to implement: ${notImplemented.length}${notImplemented.length ? ', each with the reasons below' : ''}.`;
  // A SAR not yet published is named only when the count it belongs to shows.
  const reviewName = (x: (typeof findings)[number]) => (x.published || !concludedHidden ? x.review : 'A SAR not yet published');
  const responseWords = (x: (typeof findings)[number]) => (x.response === null ? 'no response yet' : statusWords(x.response));
  return {
    title: 'Safeguarding adults reviews',
    paragraphs: [concludedText, `Ongoing at the end of the year: ${ongoingText}.`, findingsText],
    tables: findings.length
      ? [
          {
            name: 'SAR findings',
            head: ['Review', 'Finding', "Board's response", 'Reasons for not implementing'],
            rows: findings.map((x) => [reviewName(x), `${x.number}. ${x.finding}`, responseWords(x), x.reason ?? '']),
          },
        ]
      : [],
  };
}

/** Sections the law asks for whose data the hub does not hold yet: marked "no data", never invented. */
function noDataSections(r: AnnualReportModel): Section[] {
  const x = r.extensions ?? {};
  const out: Section[] = [];
  if (r.board.kind !== 'ADULTS') {
    out.push({
      title: 'The arrangements and who leads them',
      paragraphs: [x.officeHolders?.length ? listOf(x.officeHolders.map((o) => `${o.role}: ${o.name}`)) + '.' : 'No data: office holders are not recorded in the hub yet.'],
      tables: [],
    });
    // The scorecard's measures with their direction of travel (scorecard module); without one, "no data".
    out.push(
      x.scorecard?.length
        ? {
            title: 'Evidence of impact',
            paragraphs: [`The scorecard's measures with a value in the quarter ending ${r.to}, each with its direction of travel from the previous period.`],
            tables: [{ name: 'Evidence of impact', head: ['Measure', 'Value', 'Direction of travel', 'RAG'], rows: x.scorecard.map((m) => [m.indicator, m.value, m.direction, statusWords(m.rag)]) }],
          }
        : { title: 'Evidence of impact', paragraphs: ['No data: no scorecard or multi-agency audit findings are recorded.'], tables: [] },
    );
    out.push({ title: 'Feedback from children and families', paragraphs: [x.feedback?.length ? x.feedback.join(' ') : 'No data: no feedback from children and families is recorded.'], tables: [] });
    out.push({ title: 'Independent scrutiny', paragraphs: [x.scrutiny ?? 'No data: the independent scrutineer has not entered findings.'], tables: [] });
    out.push({
      title: "Partners' financial contributions",
      paragraphs: [x.contributions?.length ? listOf(x.contributions.map((c) => `${c.agency}: £${c.amount.toLocaleString('en-GB')}`)) + '.' : 'No data: budget contributions are not recorded.'],
      tables: [],
    });
  }
  return out;
}

export function renderMarkdown(r: AnnualReportModel): string {
  const lines = [`# ${md(r.board.name)}: annual report ${r.from} to ${r.to}`, '', `_Draft generated on ${r.generatedOn} from live data._`, ''];
  for (const s of sections(r)) {
    lines.push(`## ${md(s.title)}`, '');
    for (const p of s.paragraphs) lines.push(md(p), '');
    for (const b of s.bullets ?? []) lines.push(`- ${md(b)}`);
    if (s.bullets?.length) lines.push('');
    for (const t of s.tables) {
      if (!t.rows.length) continue;
      lines.push(`| ${t.head.map(md).join(' | ')} |`, `|${t.head.map(() => ' --- ').join('|')}|`);
      for (const row of t.rows) lines.push(`| ${row.map((c) => md(String(c))).join(' | ')} |`);
      lines.push('');
    }
  }
  return lines.join('\n');
}

const SVG_W = 640;

/** Attendance rate per agency, horizontal bars, with the board's threshold as a line. */
function attendanceChart(r: AnnualReportModel): string {
  const rows = r.partners.filter((p) => p.expected > 0);
  const bar = 18;
  const left = 220;
  const width = SVG_W - left - 60;
  const height = rows.length * (bar + 6) + 30;
  const x = (rate: number) => left + rate * width;
  const items = rows
    .map((p, i) => {
      const y = 20 + i * (bar + 6);
      const rate = p.rate ?? 0;
      return (
        `<text x="${left - 6}" y="${y + 13}" text-anchor="end" font-size="11">${escapeHtml(p.agency.length > 34 ? p.agency.slice(0, 33) + '…' : p.agency)}</text>` +
        `<rect x="${left}" y="${y}" width="${(rate * width).toFixed(1)}" height="${bar}" fill="${p.belowThreshold ? '#d4351c' : '#1d70b8'}"/>` +
        `<text x="${x(rate) + 4}" y="${y + 13}" font-size="11">${percent(p.rate)}</text>`
      );
    })
    .join('');
  const t = x(r.effectiveness.threshold);
  return (
    `<svg class="chart" role="img" aria-label="Attendance at board meetings by agency" viewBox="0 0 ${SVG_W} ${height}" width="${SVG_W}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<text x="0" y="12" font-size="12" font-weight="bold">Attendance by agency (line: ${percent(r.effectiveness.threshold)} threshold)</text>${items}` +
    `<line x1="${t}" x2="${t}" y1="16" y2="${height - 4}" stroke="#0b0c0c" stroke-dasharray="4 3"/></svg>`
  );
}

/** How the submitted returns rated each standard: stacked bars, met / partially met / not met. */
function standardsChart(label: string, standards: AnnualReportModel['audits'][number]['standards']): string {
  const bar = 14;
  const left = 60;
  const width = SVG_W - left - 40;
  const height = standards.length * (bar + 5) + 46;
  const most = Math.max(1, ...standards.map((x) => x.met + x.partiallyMet + x.notMet));
  const parts: [keyof (typeof standards)[number], string, string][] = [
    ['met', '#00703c', 'met'],
    ['partiallyMet', '#f47738', 'partially met'],
    ['notMet', '#d4351c', 'not met'],
  ];
  const items = standards
    .map((x, i) => {
      const y = 20 + i * (bar + 5);
      let at = left;
      const rects = parts
        .map(([k, colour]) => {
          const w = ((x[k] as number) / most) * width;
          const rect = w > 0 ? `<rect x="${at.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${bar}" fill="${colour}"/>` : '';
          at += w;
          return rect;
        })
        .join('');
      return `<text x="${left - 6}" y="${y + 11}" text-anchor="end" font-size="11">${escapeHtml(x.code)}</text>${rects}`;
    })
    .join('');
  const ly = height - 12;
  const legend = parts.map(([, colour, name], i) => `<rect x="${left + i * 110}" y="${ly - 9}" width="10" height="10" fill="${colour}"/><text x="${left + i * 110 + 14}" y="${ly}" font-size="11">${name}</text>`).join('');
  return (
    `<svg class="chart" role="img" aria-label="${escapeHtml(label)}: compliance by standard" viewBox="0 0 ${SVG_W} ${height}" width="${SVG_W}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<text x="0" y="12" font-size="12" font-weight="bold">${escapeHtml(label)}: submitted returns by standard</text>${items}${legend}</svg>`
  );
}

/** Actions by RAG per priority: stacked bars over the actions not cancelled. */
function ragChart(priorities: NonNullable<AnnualReportModel['businessPlan']>['priorities']): string {
  const bar = 18;
  const left = 120;
  const width = SVG_W - left - 20;
  const height = priorities.length * (bar + 6) + 46;
  const most = Math.max(1, ...priorities.map((p) => p.total));
  const colours: [keyof (typeof priorities)[number], string, string][] = [
    ['red', '#d4351c', 'red'],
    ['amber', '#f47738', 'amber'],
    ['green', '#00703c', 'green'],
    ['unrated', '#b1b4b6', 'no RAG'],
  ];
  const items = priorities
    .map((p, i) => {
      const y = 20 + i * (bar + 6);
      let at = left;
      const parts = colours
        .map(([k, colour]) => {
          const w = ((p[k] as number) / most) * width;
          const rect = w > 0 ? `<rect x="${at.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${bar}" fill="${colour}"><title>${escapeHtml(`${p.code}: ${p[k]} ${k}`)}</title></rect>` : '';
          at += w;
          return rect;
        })
        .join('');
      return `<text x="${left - 6}" y="${y + 13}" text-anchor="end" font-size="11">Priority ${escapeHtml(p.code)}</text>${parts}<text x="${at + 4}" y="${y + 13}" font-size="11">${p.total}</text>`;
    })
    .join('');
  const ly = height - 12;
  const legend = colours.map(([, colour, label], i) => `<rect x="${left + i * 90}" y="${ly - 9}" width="10" height="10" fill="${colour}"/><text x="${left + i * 90 + 14}" y="${ly}" font-size="11">${label}</text>`).join('');
  return (
    `<svg class="chart" role="img" aria-label="Business plan actions by RAG status" viewBox="0 0 ${SVG_W} ${height}" width="${SVG_W}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<text x="0" y="12" font-size="12" font-weight="bold">Actions by RAG status (cancelled actions not counted)</text>${items}${legend}</svg>`
  );
}

/** The page; `alternates` are links to the same report in its other formats (shown on screen, not in print). */
export function renderHtml(r: AnnualReportModel, alternates: { format: string; href: string }[] = []): string {
  const h = escapeHtml;
  const body: string[] = [];
  body.push(`<h1>${h(r.board.name)}: annual report ${h(r.from)} to ${h(r.to)}</h1>`, `<p class="meta">Draft generated on ${h(r.generatedOn)} from live data.</p>`);
  if (alternates.length) {
    const names: Record<string, string> = { md: 'Markdown', csv: 'Tables as CSV', xlsx: 'Excel workbook' };
    body.push(`<nav class="formats">Also as: ${alternates.map((a) => `<a href="${h(a.href)}">${h(names[a.format] ?? a.format)}</a>`).join(' · ')}</nav>`);
  }
  for (const s of sections(r)) {
    body.push(`<section><h2>${h(s.title)}</h2>`);
    for (const p of s.paragraphs) body.push(`<p>${h(p)}</p>`);
    if (s.chart) body.push(`<figure>${s.chart}</figure>`);
    if (s.bullets?.length) body.push(`<ul>${s.bullets.map((b) => `<li>${h(b)}</li>`).join('')}</ul>`);
    for (const t of s.tables) {
      if (!t.rows.length) continue;
      body.push(
        `<table><thead><tr>${t.head.map((c) => `<th>${h(c)}</th>`).join('')}</tr></thead><tbody>` +
          t.rows.map((row) => `<tr>${row.map((c) => `<td>${h(String(c))}</td>`).join('')}</tr>`).join('') +
          '</tbody></table>',
      );
    }
    body.push('</section>');
  }
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${h(r.board.name)}: annual report</title>
<style>
body{font-family:Arial,Helvetica,sans-serif;max-width:60rem;margin:2rem auto;color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:2px solid #1d70b8;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.8rem 0}th,td{border:1px solid #b1b4b6;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#f3f2f1}.meta{color:#505a5f}
figure{margin:.8rem 0}svg.chart{max-width:100%;height:auto}.formats{font-size:.9rem;margin-bottom:1rem}
@page{size:A4;margin:18mm 15mm}
@media print{body{margin:0;max-width:none;font-size:10.5pt}nav.formats{display:none}h2{break-after:avoid}table,figure{break-inside:avoid}thead{display:table-header-group}th{background:#f3f2f1 !important;-webkit-print-color-adjust:exact;print-color-adjust:exact}svg *{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
</style></head><body>
${body.join('\n')}
</body></html>
`;
}
