import { DEMO_PASSWORD, seedDemo } from '../seeds';
import { startHub, TestHub } from './helpers/hub';

/**
 * The Leicestershire quarter 2 2014/15 performance dashboard (reference/003, "QUARTER 2 2014/15
 * PERFORMANCE REPORT" and its Appendix A), entered as the LLR board's data set by the demo seed.
 */
describe('demo scorecard: Leicestershire quarter 2 2014/15', () => {
  let hub: TestHub;
  let token: string;
  beforeAll(async () => {
    hub = await startHub({ freshDatabase: 'hub_demo_scorecard' });
    expect(await seedDemo(hub.ds, (p) => hub.app.services.user.hash(p))).toBe(true);
    token = (await hub.gql(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, { e: 'coordinator.llr@demo.hub', p: DEMO_PASSWORD })).data.signIn.token;
  }, 60_000);
  afterAll(() => hub.close());

  it('reproduces "From 21 measures that have new data available, 9 have improved since Q1, 7 show no significant change and 5 show negative movement"', async () => {
    const boards = await hub.gql(`{ boards { id name } }`, {}, token);
    const llr = boards.data.boards[0];
    const res = await hub.gql(
      `query($b: ID!) { scorecard(boardId: $b, periodEnd: "2014-09-30") {
        rows { indicator { key } newData value previous yearEnd statNeighbours quartile directionOfTravel directionFromYearEnd rag suppressed publishedValue }
        summary { measures withNewData improved noChange declined notComparable red amber green exceptions sentence } } }`,
      { b: llr.id },
      token,
    );
    expect(res.errors).toBeUndefined();
    const card = res.data.scorecard;
    // 23 measures in the data set; breastfeeding (Q1 data) and re-offending (2013/14) have nothing new.
    expect(card.summary).toMatchObject({ measures: 23, withNewData: 21, improved: 9, noChange: 7, declined: 5, notComparable: 0 });
    expect(card.summary.sentence).toBe('Of 21 measures with new data, 9 improved, 7 showed no change and 5 declined.');
    const row = (k: string) => card.rows.find((r: any) => r.indicator.key === `leics-${k}`);
    // Paragraph 7: CP plans lasting 2 years or more fell to 0.6% (improved), top quartile; 3 children, so suppressed when published.
    expect(row('cp-plans-2-years')).toMatchObject({ value: 0.6, yearEnd: 4.8, directionOfTravel: 'IMPROVED', directionFromYearEnd: 'IMPROVED', quartile: 1, rag: 'GREEN', suppressed: true, publishedValue: 'suppressed' });
    // ...and second or subsequent plans rose to 18.7% (worsening), +6.2 on the year end, bottom quartile, above the SN 16.5%.
    expect(row('cp-second-plan')).toMatchObject({ value: 18.7, yearEnd: 12.5, directionOfTravel: 'DECLINED', quartile: 4, rag: 'RED', statNeighbours: 16.5 });
    // Paragraph 8: FEEE take-up rose for 2 and 3 year olds (+10.3 and +1.4 on the year end).
    expect(row('feee-2-year-olds')).toMatchObject({ value: 75.3, yearEnd: 65, directionOfTravel: 'IMPROVED', directionFromYearEnd: 'IMPROVED' });
    expect(row('feee-3-year-olds')).toMatchObject({ value: 89.8, yearEnd: 88.4, directionOfTravel: 'IMPROVED' });
    // Paragraph 9: the early learning goals gap narrowed by 2.8 to 30.8%.
    expect(row('eyfs-inequality-gap')).toMatchObject({ value: 30.8, previous: 33.6, directionOfTravel: 'IMPROVED' });
    // Paragraph 10 and the dashboard: 5 A*-C GCSEs fell 3.6 to 55.9%.
    expect(row('gcse-5-ac-em')).toMatchObject({ value: 55.9, previous: 59.5, directionOfTravel: 'DECLINED' });
    // Paragraph 13: NEET 3%, top quartile (1*), the lowest among statistical neighbours (5.03%).
    expect(row('neet-16-18')).toMatchObject({ value: 3, quartile: 1, directionOfTravel: 'NO_CHANGE' });
    // Paragraph 14: CAMHS waits fell from the 2013/14 year end (9.1 weeks to 8.7).
    expect(row('camhs-wait-days')).toMatchObject({ directionFromYearEnd: 'IMPROVED' });
    // Appendix A: 3+ placements 14.8% ("Q1 15%, slightly improved": within tolerance), +7.1 on the year end, quartile 3.
    expect(row('cla-3-placements')).toMatchObject({ value: 14.8, previous: 15, yearEnd: 7.7, directionOfTravel: 'NO_CHANGE', directionFromYearEnd: 'DECLINED', quartile: 3 });
    expect(row('yjs-first-time-entrants')).toMatchObject({ value: 234, previous: 212, directionOfTravel: 'DECLINED', suppressed: false });
    expect(row('breastfeeding-6-8-weeks')).toMatchObject({ newData: false });
    // RAG against the 2017/18 targets (AMBER within 5), quartile where the dashboard gives one:
    // GREEN cp-plans-2-years and NEET; RED the 11 more than 5 short or in the bottom quartile.
    expect(card.summary).toMatchObject({ red: 11, amber: 10, green: 2, exceptions: 11 });

    const x = await hub.gql(`query($b: ID!) { executiveSummary(boardId: $b, from: "2014-04-01", to: "2014-09-30") { scorecard { sentence } } }`, { b: llr.id }, token);
    expect(x.data.executiveSummary.scorecard.sentence).toBe(card.summary.sentence);
  });
});
