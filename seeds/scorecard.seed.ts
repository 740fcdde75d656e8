import { EntityManager } from 'typeorm';
import {
  Benchmark,
  DataSetItem,
  Indicator,
  IndicatorAudience,
  IndicatorFrequency,
  IndicatorPolarity,
  IndicatorUnit,
  IndicatorVersion,
  Observation,
  ObservationStatus,
  ObservationVersion,
  ObservationVersionKind,
  RagMethod,
} from '../src/modules/scorecard/scorecard.entity';
import { PartnershipDemo } from './partnership.seed';

/**
 * Leicestershire's quarter 2 2014/15 Children and Families performance dashboard (reference/003,
 * "QUARTER 2 2014/15 PERFORMANCE REPORT", Appendix A) as the LLR board's data set: latest values,
 * the change from the 2013/14 year end (year end = latest − change), 2017/18 targets, national
 * quartiles and statistical-neighbour benchmarks. The report's summary reads "From 21 measures that
 * have new data available, 9 have improved since Q1, 7 show no significant change and 5 show
 * negative movement"; the previous values (Q1, or the year before for annual measures) are not
 * printed, so they are chosen to give the movements the report's commentary names (CP plans lasting
 * two years improved to 0.6%, second CP plans worsened, FEEE take-up rose, the early-years gap
 * narrowed, GCSE results fell, CAMHS waits shortened), with tolerances standing for "no significant
 * change". Two measures have no new data this quarter (breastfeeding, reported for Q1; re-offending,
 * 2013/14). RAG by target is AMBER within 5 points (days, entrants) of the 2017/18 target.
 */
const Q1 = ['2014-04-01', '2014-06-30'] as const;
const Q2 = ['2014-07-01', '2014-09-30'] as const;
const YEAR_13 = ['2013-04-01', '2014-03-31'] as const;
const ACADEMIC_13 = ['2012-09-01', '2013-08-31'] as const;
const ACADEMIC_14 = ['2013-09-01', '2014-08-31'] as const;
const ROLLING_13 = ['2012-10-01', '2013-09-30'] as const;
const ROLLING_14 = ['2013-10-01', '2014-09-30'] as const;

type Period = readonly [string, string];
interface DemoIndicator {
  key: string;
  title: string;
  unit: IndicatorUnit;
  polarity: IndicatorPolarity;
  frequency: IndicatorFrequency;
  supplier: string;
  tolerance?: number;
  countsPeople?: boolean;
  /** [period, value, numerator?, denominator?] */
  values: [Period, number, number?, number?][];
  rag: RagMethod;
  target?: number;
  benchmark?: { england?: number; statNeighbours?: number; quartiles?: [upper: number, median: number, lower: number] };
}

const { PERCENT, COUNT, DAYS, SCORE } = IndicatorUnit;
const { HIGHER_IS_BETTER: UP, LOWER_IS_BETTER: DOWN } = IndicatorPolarity;
const { QUARTER, YEAR } = IndicatorFrequency;
const { TARGET, QUARTILE } = RagMethod;

export const LEICS_Q2_DASHBOARD: DemoIndicator[] = [
  // Children and young people are safe
  { key: 'cp-reviewed-in-time', title: '% child protection cases reviewed within timescales', unit: PERCENT, polarity: UP, frequency: QUARTER, supplier: 'leicsChildren', tolerance: 0.5,
    values: [[YEAR_13, 97.9], [Q1, 97.0], [Q2, 96.8]], rag: TARGET, target: 100, benchmark: { statNeighbours: 98.2 } },
  { key: 'cla-3-placements', title: '% children with 3 or more placements during the year', unit: PERCENT, polarity: DOWN, frequency: QUARTER, supplier: 'leicsChildren', tolerance: 0.5, countsPeople: true,
    values: [[YEAR_13, 7.7], [Q1, 15.0, 60, 400], [Q2, 14.8]], rag: TARGET, target: 9, benchmark: { statNeighbours: 12.1, quartiles: [15.5, 11, 10] } },
  { key: 'cla-placement-stability', title: '% children in same placement for 2+ years or placed for adoption', unit: PERCENT, polarity: UP, frequency: QUARTER, supplier: 'leicsChildren', tolerance: 0.5,
    values: [[YEAR_13, 67.6], [Q1, 65.2], [Q2, 65.4]], rag: TARGET, target: 70, benchmark: { statNeighbours: 63.8, quartiles: [70, 67, 64] } },
  { key: 'cp-plans-2-years', title: 'Child protection plans lasting 2 years or more', unit: PERCENT, polarity: DOWN, frequency: QUARTER, supplier: 'leicsChildren', tolerance: 0.5, countsPeople: true,
    values: [[YEAR_13, 4.8], [Q1, 1.8], [Q2, 0.6, 3, 500]], rag: QUARTILE, benchmark: { statNeighbours: 2.84, quartiles: [3.5, 2.5, 1.5] } },
  { key: 'cp-second-plan', title: 'Children becoming subject to a child protection plan for a second or subsequent time', unit: PERCENT, polarity: DOWN, frequency: QUARTER, supplier: 'leicsChildren', tolerance: 0.5, countsPeople: true,
    values: [[YEAR_13, 12.5], [Q1, 16.1], [Q2, 18.7]], rag: QUARTILE, benchmark: { statNeighbours: 16.5, quartiles: [17, 15, 13] } },
  { key: 'feee-2-year-olds', title: '% eligible 2 year olds taking up free early education', unit: PERCENT, polarity: UP, frequency: QUARTER, supplier: 'leicsChildren', tolerance: 0.5,
    values: [[YEAR_13, 65.0], [Q1, 70.2], [Q2, 75.3]], rag: TARGET, target: 80 },
  { key: 'feee-3-year-olds', title: '% eligible 3 year olds taking up free early education', unit: PERCENT, polarity: UP, frequency: QUARTER, supplier: 'leicsChildren', tolerance: 0.5,
    values: [[YEAR_13, 88.4], [Q1, 88.9], [Q2, 89.8]], rag: TARGET, target: 95 },
  // Children and young people achieve their potential (academic years)
  { key: 'eyfs-inequality-gap', title: '% inequality gap in achievement across all early learning goals', unit: PERCENT, polarity: DOWN, frequency: YEAR, supplier: 'leicsChildren', tolerance: 0.5,
    values: [[ACADEMIC_13, 33.6], [ACADEMIC_14, 30.8]], rag: TARGET, target: 25 },
  { key: 'ks2-fsm-l4-rwm', title: '% pupils eligible for FSM achieving L4 in reading, writing and maths', unit: PERCENT, polarity: UP, frequency: YEAR, supplier: 'leicsChildren', tolerance: 0.5,
    values: [[ACADEMIC_13, 52.1], [ACADEMIC_14, 57.6]], rag: TARGET, target: 64 },
  { key: 'gcse-5-ac-em', title: '% pupils achieving 5+ A*-C GCSEs (inc. English and maths)', unit: PERCENT, polarity: UP, frequency: YEAR, supplier: 'leicsSchools', tolerance: 0.5,
    values: [[ACADEMIC_13, 59.5], [ACADEMIC_14, 55.9]], rag: TARGET, target: 70 },
  { key: 'ks2-4-progress-english', title: '% pupils making expected progress from KS2 to KS4 in English', unit: PERCENT, polarity: UP, frequency: YEAR, supplier: 'leicsSchools', tolerance: 0.5,
    values: [[ACADEMIC_13, 68.1], [ACADEMIC_14, 67.5]], rag: TARGET, target: 72 },
  { key: 'ks2-4-progress-maths', title: '% pupils making expected progress from KS2 to KS4 in maths', unit: PERCENT, polarity: UP, frequency: YEAR, supplier: 'leicsSchools', tolerance: 0.5,
    values: [[ACADEMIC_13, 70.0], [ACADEMIC_14, 65.1]], rag: TARGET, target: 72 },
  { key: 'a-level-aps', title: 'A level average points per entry', unit: SCORE, polarity: UP, frequency: YEAR, supplier: 'loughCollege', tolerance: 0.1,
    values: [[ACADEMIC_13, 208.5], [ACADEMIC_14, 208.8]], rag: TARGET, target: 215 },
  { key: 'neet-16-18', title: 'NEET 16-18', unit: PERCENT, polarity: DOWN, frequency: QUARTER, supplier: 'leicsChildren', tolerance: 0.2,
    values: [[YEAR_13, 2.8], [Q1, 3.1], [Q2, 3.0]], rag: QUARTILE, benchmark: { statNeighbours: 5.03, quartiles: [6, 5, 4] } },
  { key: 'schools-good-outstanding', title: '% schools assessed as good or outstanding', unit: PERCENT, polarity: UP, frequency: QUARTER, supplier: 'leicsChildren', tolerance: 0.5,
    values: [[YEAR_13, 82.0], [Q1, 83.1], [Q2, 84.6]], rag: TARGET, target: 85, benchmark: { england: 80, statNeighbours: 79.6 } },
  { key: 'pupils-good-outstanding', title: '% pupils in good or outstanding schools', unit: PERCENT, polarity: UP, frequency: QUARTER, supplier: 'leicsChildren', tolerance: 0.5,
    values: [[YEAR_13, 77.0], [Q1, 78.0], [Q2, 79.1]], rag: TARGET, target: 80, benchmark: { england: 77.9, statNeighbours: 77.6 } },
  { key: 'special-schools-good-outstanding', title: '% special schools assessed as good or outstanding', unit: PERCENT, polarity: UP, frequency: QUARTER, supplier: 'leicsChildren', tolerance: 0.5,
    values: [[YEAR_13, 100], [Q1, 83.3], [Q2, 83.3]], rag: TARGET, target: 100, benchmark: { statNeighbours: 88.2 } },
  // Health and wellbeing and life chances
  { key: 'camhs-wait-days', title: 'Waiting time for assessment by CAMHS (days; 9.1 weeks to 8.7)', unit: DAYS, polarity: DOWN, frequency: QUARTER, supplier: 'lpt', tolerance: 1,
    values: [[YEAR_13, 63.7], [Q1, 63.7], [Q2, 60.9]], rag: TARGET, target: 56 },
  { key: 'lac-health-checks', title: '% looked after children having health checks', unit: PERCENT, polarity: UP, frequency: QUARTER, supplier: 'lpt', tolerance: 0.5,
    values: [[YEAR_13, 74.2], [Q1, 74.0], [Q2, 74.2]], rag: TARGET, target: 90 },
  { key: 'breastfeeding-6-8-weeks', title: '% mothers breastfeeding at 6-8 weeks', unit: PERCENT, polarity: UP, frequency: QUARTER, supplier: 'lpt', tolerance: 0.5,
    values: [[YEAR_13, 46.0], [Q1, 47.3]], rag: TARGET, target: 50, benchmark: { statNeighbours: 47.2 } },
  // Thriving communities
  { key: 'yjs-reoffending', title: 'Youth re-offending (re-offences per offender)', unit: SCORE, polarity: DOWN, frequency: YEAR, supplier: 'leicsYos', tolerance: 0.05,
    values: [[YEAR_13, 1.04]], rag: TARGET, target: 0.9 },
  { key: 'yjs-first-time-entrants', title: 'First time entrants to the youth justice system (rolling 12 months)', unit: COUNT, polarity: DOWN, frequency: QUARTER, supplier: 'leicsYos', countsPeople: true,
    values: [[ROLLING_13, 212], [ROLLING_14, 234]], rag: TARGET, target: 200 },
  { key: 'asb-victims', title: '% people reporting they have been a victim of anti-social behaviour', unit: PERCENT, polarity: DOWN, frequency: QUARTER, supplier: 'leicsPolice', tolerance: 0.5,
    values: [[YEAR_13, 7.7], [Q1, 7.7], [Q2, 7.8]], rag: TARGET, target: 7.5 },
];

export async function seedScorecard(em: EntityManager, demo: PartnershipDemo): Promise<void> {
  const board = demo.boards.llr;
  let position = 0;
  for (const d of LEICS_Q2_DASHBOARD) {
    const supplier = demo.agencies[d.supplier];
    const ind = await em.save(
      em.create(Indicator, {
        key: `leics-${d.key}`,
        title: d.title,
        definition: `${d.title}, as in Leicestershire County Council's Children and Families performance dashboard 2014/15`,
        version: 1,
        unit: d.unit,
        polarity: d.polarity,
        frequency: d.frequency,
        audience: IndicatorAudience.CHILDREN,
        countsPeople: d.countsPeople ?? false,
        tolerance: d.tolerance ?? 0,
        supplierAgencyIds: [supplier.id],
        priorityId: null,
      }),
    );
    await em.insert(IndicatorVersion, { indicatorId: ind.id, version: 1, definition: ind.definition, effectiveFrom: '2014-04-01', byName: 'LLR Board Business Manager' });
    await em.insert(DataSetItem, { boardId: board.id, indicatorId: ind.id, ragMethod: d.rag, target: d.target ?? null, targetDate: d.target === undefined ? null : '2018-03-31', ragTolerance: d.rag === TARGET ? 5 : 0, position: (position += 1) });
    for (const [[periodFrom, periodTo], value, numerator, denominator] of d.values) {
      const o = await em.save(
        em.create(Observation, {
          indicatorId: ind.id, indicatorVersion: 1, boardId: board.id, periodFrom, periodTo, breakdownDimension: '', breakdownCategory: '',
          value, numerator: numerator ?? null, denominator: denominator ?? null, agencyId: supplier.id, commentary: null,
          status: ObservationStatus.VALIDATED, revision: 3, submittedOn: '2014-10-15', validatedOn: '2014-10-20',
        }),
      );
      const snapshot = { value, numerator: numerator ?? null, denominator: denominator ?? null, commentary: null };
      await em.insert(ObservationVersion, { observationId: o.id, number: 1, kind: ObservationVersionKind.SUBMITTED, recordedOn: '2014-10-15', byUserId: null, byName: `Performance lead, ${supplier.name}`, comment: null, snapshot });
      await em.insert(ObservationVersion, { observationId: o.id, number: 2, kind: ObservationVersionKind.VALIDATED, recordedOn: '2014-10-20', byUserId: null, byName: 'LLR Board Business Manager', comment: null, snapshot });
    }
    if (d.benchmark) {
      const [upperQuartile, median, lowerQuartile] = d.benchmark.quartiles ?? [null, null, null];
      await em.insert(Benchmark, {
        indicatorId: ind.id, boardId: board.id, periodFrom: YEAR_13[0], periodTo: YEAR_13[1],
        england: d.benchmark.england ?? null, statNeighbours: d.benchmark.statNeighbours ?? null, upperQuartile, median, lowerQuartile,
      });
    }
  }
}
