import { EntityManager } from 'typeorm';
import { Action, ActionSourceType, ActionStatus, ActionUpdate, Rag } from '../src/modules/action/action.entity';
import { BusinessPlan, PlanPriority } from '../src/modules/business-plan/business-plan.entity';
import { CaseReview, CaseReviewStatus, CaseReviewType, Recommendation } from '../src/modules/case-review/case-review.entity';
import { PartnershipDemo } from './partnership.seed';

const { COMPLETE, IN_PROGRESS, NOT_STARTED, CANCELLED } = ActionStatus;

/** [description, owner agency key, due, status, RAG, commentary notes (date, text)] */
export type DemoAction = [string, string, string, ActionStatus, Rag | null, [string, string][]?];

export async function addAction(em: EntityManager, source: { type: ActionSourceType; id: string; label: string; boardId: string }, demo: PartnershipDemo, a: DemoAction) {
  const [description, owner, dueOn, status, rag, notes = []] = a;
  const closing = status === COMPLETE || status === CANCELLED;
  const action = await em.save(
    em.create(Action, {
      description,
      ownerAgencyId: demo.agencies[owner].id,
      dueOn,
      status,
      rag,
      sourceType: source.type,
      sourceId: source.id,
      sourceLabel: source.label,
      boardIds: [source.boardId],
      closedOn: closing ? (notes.at(-1)?.[0] ?? dueOn) : null,
    }),
  );
  let from: ActionStatus = NOT_STARTED;
  for (const [i, [notedOn, note]] of notes.entries()) {
    const to = i === notes.length - 1 ? status : IN_PROGRESS;
    await em.insert(ActionUpdate, {
      actionId: action.id,
      notedOn,
      note,
      fromStatus: from,
      toStatus: to,
      fromRag: null,
      toRag: rag,
      byUserId: null,
      byName: `Safeguarding lead, ${demo.agencies[owner].name}`,
    });
    from = to;
  }
}

interface DemoReview {
  reference: string;
  type: CaseReviewType;
  status: CaseReviewStatus;
  referredOn: string;
  decidedOn?: string;
  startedOn?: string;
  publishedOn?: string;
  closedOn?: string;
  summary: string;
  themes: string[];
  involved: string[];
  recommendations?: [text: string, agency: string | null, actions: DemoAction[]][];
}

/** Blackpool's case reviews (reference/001, 5.4) and Leicestershire and Rutland's 2014/15 business plan (reference/003). */
export async function seedCaseReviewsAndPlans(em: EntityManager, demo: PartnershipDemo): Promise<void> {
  const bscb = demo.boards.blackpoolChildren;
  const S = CaseReviewStatus;
  const SCR = CaseReviewType.SERIOUS_CASE_REVIEW;
  const reviews: DemoReview[] = [
    {
      reference: 'Child BR', type: SCR, status: S.PUBLISHED, referredOn: '2013-06-14', decidedOn: '2013-07-10', startedOn: '2013-09-02', publishedOn: '2014-12-10',
      summary: 'Chronic neglect of a child known to several agencies over many years.', themes: ['Neglect', 'Escalation'], involved: ['bpChildren', 'bpHospitals', 'lancsCare', 'lancsPolice'],
      recommendations: [
        ['Agencies to use the neglect tool to assess cumulative harm', null, [
          ['Pilot the NSPCC neglect tool in two localities', 'bpChildren', '2015-03-31', COMPLETE, Rag.GREEN, [['2014-11-20', 'Pilot started in two localities'], ['2015-03-25', 'Pilot evaluated; roll-out agreed']]],
          ['Roll the neglect tool out to all children\'s services', 'bpChildren', '2015-12-31', IN_PROGRESS, Rag.AMBER, [['2015-06-01', 'Training for team managers under way']]],
        ]],
        ['Health visitors to share concerns about missed appointments with the GP and social worker', 'bpHospitals', [
          ['Revise the was-not-brought policy for health visiting', 'bpHospitals', '2015-01-31', COMPLETE, Rag.GREEN, [['2015-01-28', 'Policy revised and launched']]],
        ]],
        ['Police to notify children\'s social care of every domestic incident where a child lives at the address', 'lancsPolice', [
          ['Audit domestic abuse notifications for children in the household', 'lancsPolice', '2015-04-30', IN_PROGRESS, Rag.RED, [['2015-02-10', 'Audit sample drawn; backlog in the MASH']]],
        ]],
      ],
    },
    {
      reference: 'Baby Q', type: SCR, status: S.PUBLISHED, referredOn: '2013-10-02', decidedOn: '2013-11-05', startedOn: '2014-01-06', publishedOn: '2015-03-18',
      summary: 'Non-accidental injury to a baby of young parents.', themes: ['Non-accidental injury', 'Young parents', 'Safe sleeping'], involved: ['bpChildren', 'bpHospitals', 'bpCcg'],
      recommendations: [
        ['Midwifery and health visiting to assess fathers and partners as well as mothers', 'bpHospitals', [
          ['Add fathers and partners to the antenatal assessment', 'bpHospitals', '2015-06-30', IN_PROGRESS, Rag.AMBER, [['2015-05-05', 'New template drafted']]],
        ]],
        ['The board to commission multi-agency training on bruising in non-mobile babies', null, [
          ['Deliver bruising protocol training to 200 practitioners', 'bpCcg', '2015-07-31', NOT_STARTED, Rag.RED],
        ]],
      ],
    },
    {
      reference: 'Child BT', type: SCR, status: S.PUBLISHED, referredOn: '2014-01-20', decidedOn: '2014-02-20', startedOn: '2014-04-01', publishedOn: '2015-05-14',
      summary: 'A teenager at risk of sexual exploitation who went missing repeatedly.', themes: ['Child sexual exploitation', 'Missing from home'], involved: ['bpChildren', 'lancsPolice', 'bpSixth'],
      recommendations: [
        ['Return interviews after every missing episode', 'bpChildren', [
          ['Commission an independent return interview service', 'bpChildren', '2015-09-30', IN_PROGRESS, Rag.AMBER, [['2015-07-01', 'Tender issued']]],
          ['Extend the council\'s own return interview team', 'bpChildren', '2015-06-30', CANCELLED, null, [['2015-06-15', 'Superseded by the commissioned service']]],
        ]],
        ['Colleges to train pastoral staff to recognise CSE', 'bpSixth', [
          ['CSE awareness training for all pastoral staff', 'bpSixth', '2015-10-31', NOT_STARTED, null],
        ]],
      ],
    },
    {
      reference: 'Child BS', type: SCR, status: S.IN_PROGRESS, referredOn: '2014-05-12', decidedOn: '2014-06-16', startedOn: '2014-08-01',
      summary: 'A two-year-old child; the review is complete and awaiting publication.', themes: ['Neglect', 'Parental substance misuse'], involved: ['bpChildren', 'lancsCare', 'bpHospitals'],
      recommendations: [
        ['Adult substance misuse services to ask about children in the household at every review', 'lancsCare', [
          ['Add a "think family" question to the substance misuse review template', 'lancsCare', '2015-09-30', NOT_STARTED, null],
        ]],
      ],
    },
    {
      reference: 'Young Person C', type: SCR, status: S.COMMISSIONED, referredOn: '2015-03-02', decidedOn: '2015-04-20',
      summary: 'A serious sexual assault.', themes: ['Sexual abuse'], involved: ['lancsPolice', 'bpChildren'],
    },
    {
      reference: 'Baby D', type: SCR, status: S.COMMISSIONED, referredOn: '2015-04-14', decidedOn: '2015-05-28',
      summary: 'The unexpected death of a young baby.', themes: ['Sudden unexpected death in infancy', 'Safe sleeping'], involved: ['bpHospitals', 'bpChildren'],
    },
    {
      reference: 'Child E', type: CaseReviewType.LEARNING_REVIEW, status: S.COMMISSIONED, referredOn: '2015-04-27', decidedOn: '2015-06-10',
      summary: 'A concise learning review (North West Learning and Improvement Framework) where sexually harmful behaviour was prevalent.', themes: ['Sexually harmful behaviour'], involved: ['bpChildren', 'bpSixth'],
    },
    {
      reference: 'Family F', type: SCR, status: S.NOT_COMMISSIONED, referredOn: '2014-09-01', decidedOn: '2014-09-29',
      summary: 'Referred after a serious injury; the criteria were not met and single-agency learning was taken forward.', themes: ['Physical abuse'], involved: ['bpChildren'],
    },
    {
      reference: 'Child AZ', type: SCR, status: S.CLOSED, referredOn: '2012-02-06', decidedOn: '2012-03-12', startedOn: '2012-05-01', publishedOn: '2013-06-20', closedOn: '2014-07-15',
      summary: 'An older review whose action plan is complete.', themes: ['Domestic abuse'], involved: ['lancsPolice', 'bpChildren'],
      recommendations: [
        ['MARAC referrals to include the children in the household', 'lancsPolice', [
          ['Revise the MARAC referral form', 'lancsPolice', '2013-12-31', COMPLETE, Rag.GREEN, [['2013-11-30', 'New form in use']]],
        ]],
      ],
    },
  ];
  for (const r of reviews) {
    const review = await em.save(
      em.create(CaseReview, {
        boardId: bscb.id,
        type: r.type,
        reference: r.reference,
        summary: r.summary,
        themes: r.themes,
        involvedAgencyIds: r.involved.map((k) => demo.agencies[k].id),
        status: r.status,
        referredOn: r.referredOn,
        commissioned: r.decidedOn ? r.status !== S.NOT_COMMISSIONED : null,
        decidedOn: r.decidedOn ?? null,
        decisionRationale: r.decidedOn ? (r.status === S.NOT_COMMISSIONED ? 'The criteria for a serious case review were not met' : 'The criteria for a serious case review were met') : null,
        startedOn: r.startedOn ?? null,
        publishedOn: r.publishedOn ?? null,
        closedOn: r.closedOn ?? null,
      }),
    );
    for (const [i, [text, agency, actions]] of (r.recommendations ?? []).entries()) {
      const rec = await em.save(em.create(Recommendation, { caseReviewId: review.id, number: i + 1, text, agencyId: agency ? demo.agencies[agency].id : null }));
      const source = { type: ActionSourceType.REVIEW_RECOMMENDATION, id: rec.id, label: `${r.reference}: recommendation ${i + 1}`, boardId: bscb.id };
      for (const a of actions) await addAction(em, source, demo, a);
    }
  }
  // Each review's dates as dated status events (the same function the reviews migration used).
  await em.query(`SELECT hub_review_events_from_dates(array(SELECT id FROM case_review WHERE board_id = $1))`, [bscb.id]);

  const llr = demo.boards.llr;
  const plan = await em.save(em.create(BusinessPlan, { boardId: llr.id, title: 'LSCB/SAB Business Plan 2014/15', periodFrom: '2014-04-01', periodTo: '2015-03-31' }));
  const priorities: [code: string, title: string, lead: string | null, actions: DemoAction[]][] = [
    ['1', 'To be assured that the boards\' governance and partnership arrangements are effective', null, [
      ['Review the memorandum of understanding between the LSCB, SAB and Health and Wellbeing Boards', 'leicsChildren', '2014-09-30', COMPLETE, Rag.GREEN, [['2014-09-24', 'Protocol agreed by all three boards']]],
      ['Agree partner financial contributions for 2015/16', 'leicsChildren', '2015-01-31', COMPLETE, Rag.GREEN, [['2015-01-20', 'Contributions agreed at the executive']]],
    ]],
    ['2a', 'To be assured that children and young people are safe', 'llrSeg', [
      ['Multi-agency audit of thresholds across the child\'s journey', 'leicsChildren', '2014-12-31', COMPLETE, Rag.GREEN, [['2014-12-12', 'Audit reported to the SEG']]],
      ['CSE and missing: quarterly performance report to the board', 'leicsPolice', '2015-03-31', IN_PROGRESS, Rag.AMBER, [['2014-10-15', 'First two quarterly reports received; data from Rutland still missing']]],
      ['Evaluate the impact of early help on child protection numbers', 'leicsChildren', '2015-03-31', IN_PROGRESS, Rag.AMBER, [['2015-01-10', 'Evaluation framework agreed']]],
    ]],
    ['2b', 'To be assured that adults in need of safeguarding are safe', 'llrSeg', [
      ['Implement the Care Act 2014 safeguarding duties', 'leicsAdults', '2015-03-31', IN_PROGRESS, Rag.GREEN, [['2015-02-02', 'Procedures revised; training under way']]],
      ['Audit the application of adult safeguarding thresholds', 'leicsAdults', '2014-11-30', COMPLETE, Rag.GREEN, [['2014-11-28', 'Audit completed and reported']]],
    ]],
    ['2c', 'To be assured that services for children, adults and families are effectively coordinated', 'llrPp', [
      ['Transition protocol from children\'s to adults\' services', 'leicsAdults', '2014-12-31', IN_PROGRESS, Rag.RED, [['2015-01-15', 'Protocol drafted but not yet agreed; slipped']]],
      ['MAPPA and MARAC assurance report to the boards', 'nps', '2015-02-28', COMPLETE, Rag.GREEN, [['2015-02-20', 'Report presented']]],
    ]],
    ['3a', 'To be assured of the quality of care for any child not living with a parent or someone with parental responsibility', 'llrSeg', [
      ['Private fostering awareness campaign', 'leicsChildren', '2014-10-31', COMPLETE, Rag.GREEN, [['2014-10-20', 'Campaign delivered through schools']]],
      ['Report on children placed in the area by other authorities', 'leicsChildren', '2015-03-31', IN_PROGRESS, Rag.AMBER, [['2015-02-15', 'Data-sharing with placing authorities improving']]],
    ]],
    ['3b', 'To be assured of the quality of care for any adult supported by registered providers', 'llrSeg', [
      ['Safeguarding clauses in all care home contracts', 'leicsAdults', '2014-12-31', NOT_STARTED, Rag.RED, [['2015-01-20', 'Not started: contract review delayed to 2015/16']]],
      ['Provider safeguarding self-assessment', 'wlCcg', '2015-03-31', NOT_STARTED, Rag.RED],
      ['Joint quality monitoring visits with the CQC', 'elrCcg', '2015-03-31', IN_PROGRESS, Rag.AMBER, [['2015-02-01', 'Two visits completed of ten planned']]],
    ]],
    ['4', 'To be assured that the learning and improvement framework is raising service quality and outcomes', 'llrScr', [
      ['Disseminate learning from national and regional SCRs', 'lpt', '2014-12-31', COMPLETE, Rag.GREEN, [['2014-12-05', 'Learning briefings issued']]],
      ['Embed the revised quality assurance and performance management framework', 'leicsChildren', '2015-03-31', IN_PROGRESS, Rag.AMBER, [['2015-01-30', 'Scorecard extended to partner data']]],
      ['CDOP annual report and action on modifiable factors', 'uhl', '2014-09-30', COMPLETE, Rag.GREEN, [['2014-09-25', 'Report presented']]],
    ]],
    ['5', 'To be assured that the workforce is fit for purpose', 'llrTeg', [
      ['Competency framework for children and adult safeguarding training', 'leicsChildren', '2014-09-30', COMPLETE, Rag.GREEN, [['2014-09-30', 'Framework launched']]],
      ['Evaluate the impact of training on practice', 'loughCollege', '2015-03-31', IN_PROGRESS, Rag.AMBER, [['2015-01-12', 'Evaluation tool piloted']]],
      ['LADO annual report to both boards', 'leicsChildren', '2014-07-31', COMPLETE, Rag.GREEN, [['2014-07-20', 'Presented']]],
      ['Safer recruitment audit across partners', 'leicsSchools', '2015-02-28', CANCELLED, null, [['2015-02-01', 'Covered by the Section 11 audit instead']]],
    ]],
  ];
  for (const [i, [code, title, lead, actions]] of priorities.entries()) {
    const priority = await em.save(
      em.create(PlanPriority, { planId: plan.id, code, title, outcomesSought: null, leadSubGroupId: lead ? demo.subGroups[lead].id : null, position: i + 1 }),
    );
    const source = { type: ActionSourceType.PLAN_PRIORITY, id: priority.id, label: `${plan.title}: priority ${code}`, boardId: llr.id };
    for (const a of actions) await addAction(em, source, demo, a);
  }
}
