import { UserRole } from '../src/common/enums';
import { countRows, Factories, factories, signedIn } from './helpers/factories';
import { codeOf, startHub, TestHub } from './helpers/hub';
import { rejecter } from './helpers/rejects';
import { key, scorecardApi } from './helpers/scorecard';

const TABLES = ['indicator', 'indicator_version', 'data_set_item', 'observation', 'observation_version', 'benchmark', 'population'];
const Q1 = { periodFrom: '2014-04-01', periodTo: '2014-06-30' };
const Q2 = { periodFrom: '2014-07-01', periodTo: '2014-09-30' };
const Q4_13 = { periodFrom: '2014-01-01', periodTo: '2014-03-31' };
const YEAR_13 = { periodFrom: '2013-04-01', periodTo: '2014-03-31' };
const SAVE = `mutation($i: SaveObservationInput!) { saveObservation(input: $i) { id status revision } }`;

describe('partnership data set and scorecard', () => {
  let hub: TestHub;
  let f: Factories;
  let rejects: ReturnType<typeof rejecter>;
  beforeAll(async () => {
    hub = await startHub();
    f = factories(hub.ds);
    rejects = rejecter(hub, TABLES);
  });
  afterAll(() => hub.close());

  async function boardWithCoordinator(o: { suppressSmallNumbers?: boolean } = {}) {
    const board = await f.board(o);
    const la = await f.agency({ name: `${board.name} children's services` });
    const police = await f.agency({ name: `${board.name} police` });
    const health = await f.agency({ name: `${board.name} health` });
    for (const a of [la, police, health]) await f.membership(a.id, { boardId: board.id }, { startsOn: '2010-01-01' });
    const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    return { board, la, police, health, coordinator, api: scorecardApi(hub, coordinator.token) };
  }

  it('works out direction of travel (both polarities, a tolerance, a definition change), RAG by target and by quartile, the summary and exceptions', async () => {
    const { board, la, api } = await boardWithCoordinator();
    const common = { boardId: board.id, agencyId: la.id };
    const sup = [la.id];
    // I1: percent, higher is better, tolerance 0.5; target 100 with RAG tolerance 2.
    const i1 = await api.define({ key: key('cp-reviewed'), unit: 'PERCENT', polarity: 'HIGHER_IS_BETTER', tolerance: 0.5, supplierAgencyIds: sup });
    await api.addToDataSet({ boardId: board.id, indicatorId: i1.id, ragMethod: 'TARGET', target: 100, ragTolerance: 2 });
    // I2: percent, lower is better, tolerance 0.5; RAG by national quartile.
    const i2 = await api.define({ key: key('placements'), unit: 'PERCENT', polarity: 'LOWER_IS_BETTER', tolerance: 0.5, supplierAgencyIds: sup });
    await api.addToDataSet({ boardId: board.id, indicatorId: i2.id, ragMethod: 'QUARTILE' });
    // I3: lower is better, tolerance 0, quartile.
    const i3 = await api.define({ key: key('cp-2yrs'), unit: 'PERCENT', polarity: 'LOWER_IS_BETTER', supplierAgencyIds: sup });
    await api.addToDataSet({ boardId: board.id, indicatorId: i3.id, ragMethod: 'QUARTILE' });
    // I4: higher is better, target 80 with RAG tolerance 5.
    const i4 = await api.define({ key: key('ks2'), unit: 'PERCENT', polarity: 'HIGHER_IS_BETTER', supplierAgencyIds: sup });
    await api.addToDataSet({ boardId: board.id, indicatorId: i4.id, ragMethod: 'TARGET', target: 80, ragTolerance: 5 });
    // I5: a count whose definition changes between Q1 and Q2.
    const i5 = await api.define({ key: key('referrals'), unit: 'COUNT', polarity: 'LOWER_IS_BETTER', supplierAgencyIds: sup });
    await api.addToDataSet({ boardId: board.id, indicatorId: i5.id, ragMethod: 'QUARTILE' });
    // I6: neutral.
    const i6 = await api.define({ key: key('families'), unit: 'COUNT', polarity: 'NEUTRAL', supplierAgencyIds: sup });
    await api.addToDataSet({ boardId: board.id, indicatorId: i6.id, ragMethod: 'TARGET', target: 480 });

    const enter = (indicatorId: string, period: object, value: number) => api.enter({ ...common, indicatorId, ...period, value });
    await enter(i1.id, Q4_13, 98.5);
    await enter(i1.id, YEAR_13, 97.9);
    await enter(i1.id, Q1, 97.9);
    await enter(i1.id, Q2, 96.8);
    await enter(i2.id, YEAR_13, 7.7);
    await enter(i2.id, Q1, 15.0);
    await enter(i2.id, Q2, 14.8);
    await api.setBenchmark({ boardId: board.id, indicatorId: i2.id, periodFrom: '2013-04-01', periodTo: '2014-03-31', england: 11.0, statNeighbours: 12.1, upperQuartile: 12, median: 11, lowerQuartile: 10 });
    await enter(i3.id, Q1, 2.0);
    await enter(i3.id, Q2, 0.6);
    await api.setBenchmark({ boardId: board.id, indicatorId: i3.id, periodFrom: '2013-04-01', periodTo: '2014-03-31', upperQuartile: 3, median: 2, lowerQuartile: 1 });
    await enter(i4.id, Q1, 74);
    await enter(i4.id, Q2, 76);
    await enter(i5.id, Q1, 120);
    const revised = await api.run(`mutation($i: ReviseIndicatorInput!) { reviseIndicator(input: $i) { version versions { version definition } } }`, {
      i: { indicatorId: i5.id, definition: 'Now counts re-referrals within 12 months too', effectiveFrom: '2014-07-01' },
    });
    expect(revised.version).toBe(2);
    expect(revised.versions.map((v: any) => v.version)).toEqual([1, 2]);
    await enter(i5.id, Q2, 100);
    await enter(i6.id, Q1, 299);
    await enter(i6.id, Q2, 373);
    // A draft and a submitted value never reach the scorecard.
    await api.save({ ...common, indicatorId: i4.id, periodFrom: '2014-10-01', periodTo: '2014-12-31', value: 10 });

    const card = await api.scorecard(board.id, '2014-09-30');
    expect(card.periodStart).toBe('2014-07-01');
    const row = (k: string) => card.rows.find((r: any) => r.indicator.key === k);
    // I1: 96.8 from 97.9 is -1.1, worse than the 0.5 tolerance: DECLINED (also from the 97.9 year end);
    // 100 - 96.8 = 3.2 short of target, beyond the RAG tolerance of 2: RED. Q4 98.5 -> Q1 97.9 (-0.6) declined too.
    expect(row(i1.key)).toMatchObject({ value: 96.8, previous: 97.9, yearEnd: 97.9, target: 100, directionOfTravel: 'DECLINED', directionFromYearEnd: 'DECLINED', rag: 'RED', exception: true });
    // I2: 15.0 -> 14.8 is 0.2 better, within 0.5: NO_CHANGE; from the 7.7 year end, 7.1 worse: DECLINED.
    // Lower is better: 14.8 above the upper quartile boundary 12 -> quartile 4 -> RED.
    expect(row(i2.key)).toMatchObject({ previous: 15, yearEnd: 7.7, directionOfTravel: 'NO_CHANGE', directionFromYearEnd: 'DECLINED', quartile: 4, rag: 'RED', england: 11, statNeighbours: 12.1, exception: true });
    // I3: 2.0 -> 0.6, lower is better: IMPROVED; 0.6 <= lower quartile 1 -> quartile 1 -> GREEN. No year end: NOT_COMPARABLE.
    expect(row(i3.key)).toMatchObject({ directionOfTravel: 'IMPROVED', directionFromYearEnd: 'NOT_COMPARABLE', quartile: 1, rag: 'GREEN', exception: false });
    // I4: 74 -> 76 IMPROVED; 4 short of 80, within 5: AMBER. The Q3 draft is not shown.
    expect(row(i4.key)).toMatchObject({ value: 76, periodTo: '2014-09-30', directionOfTravel: 'IMPROVED', rag: 'AMBER' });
    // I5: version 1 (120) against version 2 (100): NOT_COMPARABLE; no benchmark, so no quartile RAG.
    expect(row(i5.key)).toMatchObject({ value: 100, previous: 120, directionOfTravel: 'NOT_COMPARABLE', rag: null });
    // I6: neutral, 299 -> 373: CHANGED, no RAG.
    expect(row(i6.key)).toMatchObject({ directionOfTravel: 'CHANGED', rag: null });
    // 6 with new data: improved I3, I4; no change I2; declined I1; not comparable I5, I6.
    // RAG: RED I1, I2; AMBER I4; GREEN I3. Exceptions: the two REDs.
    expect(card.summary).toEqual({
      measures: 6, withNewData: 6, improved: 2, noChange: 1, declined: 1, notComparable: 2, red: 2, amber: 1, green: 1, exceptions: 2,
      sentence: 'Of 6 measures with new data, 2 improved, 1 showed no change, 1 declined and 2 could not be compared.',
    });
    // Completeness: LA (seated since 2010) supplies 6 quarterly indicators, each due for Q2 (ending 30 Sept), all submitted.
    expect(card.completeness).toEqual([{ agency: { id: la.id, name: la.name }, due: 6, missing: 0, missingIndicators: [] }]);

    // The executive summary carries the same summary, and the annual report a section for it.
    const x = await api.run(`query($b: ID!) { executiveSummary(boardId: $b, from: "2014-04-01", to: "2014-09-30") { scorecard { withNewData improved red sentence } headlines annualReport(format: MARKDOWN) } }`, { b: board.id });
    expect(x.scorecard).toEqual({ withNewData: 6, improved: 2, red: 2, sentence: card.summary.sentence });
    expect(x.headlines).toContain(`Scorecard: ${card.summary.sentence}`);
    expect(x.annualReport).toContain('## Performance scorecard');
    expect(x.annualReport).toContain('Of the 6 measures in the data set, rated red: 2, amber: 1, green: 1; needing attention (red, or declined two periods running): 2.');
  });

  it('computes a rate per 10,000 from the population, and suppresses a small count and the rate built on it in published output', async () => {
    const { board, police, api, coordinator } = await boardWithCoordinator();
    await api.run(`mutation($i: SetPopulationInput!) { setPopulation(input: $i) { population } }`, { i: { boardId: board.id, year: 2014, audience: 'CHILDREN', population: 150000 } });
    const rate = await api.define({ key: key('cse-rate'), unit: 'RATE_PER_10K', polarity: 'LOWER_IS_BETTER', countsPeople: true, supplierAgencyIds: [police.id] });
    const bigRate = await api.define({ key: key('missing-rate'), unit: 'RATE_PER_10K', polarity: 'LOWER_IS_BETTER', countsPeople: true, supplierAgencyIds: [police.id] });
    const count = await api.define({ key: key('cse-count'), unit: 'COUNT', polarity: 'LOWER_IS_BETTER', countsPeople: true, supplierAgencyIds: [police.id] });
    const meetings = await api.define({ key: key('strategy-meetings'), unit: 'COUNT', polarity: 'NEUTRAL', countsPeople: false, supplierAgencyIds: [police.id] });
    for (const i of [rate, bigRate, count, meetings]) await api.addToDataSet({ boardId: board.id, indicatorId: i.id, ragMethod: 'QUARTILE' });
    const common = { boardId: board.id, agencyId: police.id, ...Q2 };
    // 3 / 150,000 x 10,000 = 0.2; 45 / 150,000 x 10,000 = 3.0.
    const small = await api.save({ ...common, indicatorId: rate.id, numerator: 3 });
    expect(small).toMatchObject({ value: 0.2, denominator: 150000 });
    await api.submit(small.id);
    await api.validate(small.id);
    expect((await api.enter({ ...common, indicatorId: bigRate.id, numerator: 45 })).status).toBe('VALIDATED');
    await api.enter({ ...common, indicatorId: count.id, value: 4 });
    await api.enter({ ...common, indicatorId: meetings.id, value: 3 });
    // A breakdown cell is its own value and not on the whole-area scorecard.
    await api.enter({ ...common, indicatorId: count.id, value: 2, breakdownDimension: 'age band', breakdownCategory: '10-15' });

    const card = await api.scorecard(board.id, '2014-09-30');
    const row = (k: string) => card.rows.find((r: any) => r.indicator.key === k);
    expect(row(rate.key)).toMatchObject({ value: 0.2, suppressed: true, publishedValue: 'suppressed' });
    expect(row(bigRate.key)).toMatchObject({ value: 3, suppressed: false, publishedValue: '3' });
    expect(row(count.key)).toMatchObject({ value: 4, suppressed: true, publishedValue: 'fewer than 5' });
    // Meetings are not people: 3 shows.
    expect(row(meetings.key)).toMatchObject({ value: 3, suppressed: false, publishedValue: '3' });

    const csv = await hub.http().get(`/boards/${board.id}/scorecard.csv?periodEnd=2014-09-30`).set('authorization', `Bearer ${coordinator.token}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('indicator,title,period_from,period_to,value,previous,year_end,target,england,stat_neighbours,quartile,direction_of_travel,direction_from_year_end,rag,exception');
    expect(lines.find((l) => l.startsWith(rate.key + ','))).toContain(',suppressed,');
    expect(lines.find((l) => l.startsWith(count.key + ','))).toContain(',fewer than 5,');
    expect(csv.text).not.toMatch(/,0\.2,|,4,/);
    // The same route refuses without a token and for a coordinator of another board.
    expect((await hub.http().get(`/boards/${board.id}/scorecard.csv?periodEnd=2014-09-30`)).status).toBe(401);
    const other = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [(await f.board()).id] });
    expect((await hub.http().get(`/boards/${board.id}/scorecard.csv?periodEnd=2014-09-30`).set('authorization', `Bearer ${other.token}`)).status).toBe(403);
  });

  it('counts completeness per supplying agency: due and missing', async () => {
    const { board, health, police, api } = await boardWithCoordinator();
    const healthUser = await signedIn(hub, f, UserRole.AGENCY_USER, { agencyId: health.id });
    const asHealth = scorecardApi(hub, healthUser.token);
    const ids = [];
    for (let n = 0; n < 4; n++) {
      const i = await api.define({ key: key(`health-${n}`), unit: 'PERCENT', polarity: 'HIGHER_IS_BETTER', supplierAgencyIds: [health.id] });
      await api.addToDataSet({ boardId: board.id, indicatorId: i.id, ragMethod: 'QUARTILE' });
      ids.push(i);
    }
    const monthly = await api.define({ key: key('police-monthly'), unit: 'COUNT', polarity: 'NEUTRAL', frequency: 'MONTH', supplierAgencyIds: [police.id] });
    await api.addToDataSet({ boardId: board.id, indicatorId: monthly.id, ragMethod: 'QUARTILE' });
    // Health supplies half its four: one submitted, one validated; one draft and one nothing.
    const common = { boardId: board.id, agencyId: health.id, ...Q2 };
    const a = await asHealth.save({ ...common, indicatorId: ids[0].id, value: 50 });
    await asHealth.submit(a.id);
    const b = await asHealth.save({ ...common, indicatorId: ids[1].id, value: 60 });
    await asHealth.submit(b.id);
    await api.validate(b.id);
    await asHealth.save({ ...common, indicatorId: ids[2].id, value: 70 });
    // Police supplies July and August of its monthly indicator, not September.
    await api.enter({ boardId: board.id, agencyId: police.id, indicatorId: monthly.id, periodFrom: '2014-07-01', periodTo: '2014-07-31', value: 8 });
    await api.enter({ boardId: board.id, agencyId: police.id, indicatorId: monthly.id, periodFrom: '2014-08-01', periodTo: '2014-08-31', value: 9 });
    const card = await api.scorecard(board.id, '2014-09-30');
    const of = (id: string) => card.completeness.find((c: any) => c.agency.id === id);
    // Health: 4 due (one per quarterly indicator), 2 missing (the draft and the absent one).
    expect(of(health.id)).toMatchObject({ due: 4, missing: 2, missingIndicators: [ids[2].key, ids[3].key].sort() });
    // Police: 3 monthly values due in the quarter, September missing.
    expect(of(police.id)).toMatchObject({ due: 3, missing: 1, missingIndicators: [monthly.key] });
  });

  it('imports observations from CSV: a file with three bad rows imports nothing and reports each; a good file imports all', async () => {
    const { board, la, api } = await boardWithCoordinator();
    const pct = await api.define({ key: key('csv-pct'), unit: 'PERCENT', polarity: 'HIGHER_IS_BETTER', supplierAgencyIds: [la.id] });
    const cnt = await api.define({ key: key('csv-count'), unit: 'COUNT', polarity: 'LOWER_IS_BETTER', countsPeople: true, supplierAgencyIds: [la.id] });
    const header = 'indicator,period_from,period_to,value,numerator,denominator,agency,commentary';
    const bad = [
      header,
      `${pct.key},2014-07-01,2014-09-30,96.8,,,${la.name},fine`, // line 2: good
      `no-such-indicator,2014-07-01,2014-09-30,5,,,${la.name},`, // line 3: unknown indicator
      `${cnt.key},2014-07-01,2014-09-30,12,,,${la.name},`, // line 4: good
      `${cnt.key},2014-04-01,2014-06-30,abc,,,${la.name},`, // line 5: value not a number
      `${pct.key},2014-04-01,2014-06-30,,130,100,${la.name},`, // line 6: numerator above denominator
    ].join('\n');
    const before = await countRows(hub.ds, 'observation', 'board_id = $1', [board.id]);
    const report = await api.import(board.id, bad, false);
    expect(report).toMatchObject({ dryRun: false, rows: 5, imported: 0 });
    expect(report.problems.map((p: any) => [p.line, p.field])).toEqual([
      [3, 'indicator'],
      [5, 'value'],
      [6, 'numerator'],
    ]);
    expect(await countRows(hub.ds, 'observation', 'board_id = $1', [board.id])).toBe(before);

    const good = [header, `${pct.key},2014-07-01,2014-09-30,,968,1000,${la.name},`, `${cnt.key},2014-07-01,2014-09-30,12,,,${la.id},`].join('\n');
    expect(await api.import(board.id, good, true)).toEqual({ dryRun: true, rows: 2, imported: 0, problems: [] });
    expect(await countRows(hub.ds, 'observation', 'board_id = $1', [board.id])).toBe(before);
    expect(await api.import(board.id, good, false)).toEqual({ dryRun: false, rows: 2, imported: 2, problems: [] });
    // Imported by the board's coordinator: validated, each with its submitted and validated versions.
    const rows = await hub.ds.query(`SELECT value, status, (SELECT count(*)::int FROM observation_version v WHERE v.observation_id = o.id) AS versions FROM observation o WHERE board_id = $1 ORDER BY value`, [board.id]);
    // 968 / 1000 x 100 = 96.8
    expect(rows).toEqual([{ value: 12, status: 'VALIDATED', versions: 2 }, { value: 96.8, status: 'VALIDATED', versions: 2 }]);
    // A file that is not CSV at all is refused whole.
    const res = await hub.gql(`mutation($b: ID!) { importObservations(boardId: $b, csv: "indicator,period_from\\n\\"unclosed", dryRun: true) { imported } }`, { b: board.id }, (await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] })).token);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.field).toBe('csv');
  });

  it('lets an agency user submit its own agency’s values only, and keeps every version through return and resubmission', async () => {
    const { board, police, health, api } = await boardWithCoordinator();
    const policeUser = await signedIn(hub, f, UserRole.AGENCY_USER, { agencyId: police.id });
    const viewer = await signedIn(hub, f, UserRole.VIEWER, { boardIds: [board.id] });
    const healthInd = await api.define({ key: key('health-only'), unit: 'PERCENT', polarity: 'HIGHER_IS_BETTER', supplierAgencyIds: [health.id] });
    const policeInd = await api.define({ key: key('police-own'), unit: 'COUNT', polarity: 'LOWER_IS_BETTER', supplierAgencyIds: [police.id] });
    // Another agency's indicator, whether named as that agency or as its own: refused, nothing written.
    await rejects(SAVE, { i: { indicatorId: healthInd.id, boardId: board.id, agencyId: health.id, ...Q2, value: 50 } }, policeUser.token, 'FORBIDDEN');
    await rejects(SAVE, { i: { indicatorId: healthInd.id, boardId: board.id, agencyId: police.id, ...Q2, value: 50 } }, policeUser.token, 'FORBIDDEN');
    await rejects(SAVE, { i: { indicatorId: policeInd.id, boardId: board.id, agencyId: police.id, ...Q2, value: 5 } }, viewer.token, 'FORBIDDEN');
    // Bad figures and personal details are refused with the field at fault.
    await rejects(SAVE, { i: { indicatorId: policeInd.id, boardId: board.id, agencyId: police.id, ...Q2, value: 2.5 } }, policeUser.token, 'BAD_USER_INPUT', 'value');
    await rejects(SAVE, { i: { indicatorId: policeInd.id, boardId: board.id, agencyId: police.id, ...Q2, value: 5, commentary: 'Child A, date of birth 01/02/2010' } }, policeUser.token, 'BAD_USER_INPUT', 'commentary');
    await rejects(SAVE, { i: { indicatorId: policeInd.id, boardId: board.id, agencyId: police.id, periodFrom: '2014-09-30', periodTo: '2014-07-01', value: 5 } }, policeUser.token, 'BAD_USER_INPUT', 'periodTo');

    const asPolice = scorecardApi(hub, policeUser.token);
    const o = await asPolice.save({ indicatorId: policeInd.id, boardId: board.id, agencyId: police.id, ...Q2, value: 7 });
    expect(o).toMatchObject({ status: 'DRAFT', revision: 1 });
    // Saving again needs the revision: without it, or with a stale one, CONFLICT.
    await rejects(SAVE, { i: { indicatorId: policeInd.id, boardId: board.id, agencyId: police.id, ...Q2, value: 8 } }, policeUser.token, 'CONFLICT');
    expect((await asPolice.save({ indicatorId: policeInd.id, boardId: board.id, agencyId: police.id, ...Q2, value: 8, basedOnRevision: 1 })).revision).toBe(2);
    await rejects(SAVE, { i: { indicatorId: policeInd.id, boardId: board.id, agencyId: police.id, ...Q2, value: 9, basedOnRevision: 1 } }, policeUser.token, 'CONFLICT');
    await asPolice.submit(o.id);
    // Submitted: not edited in place; only the board returns or validates it.
    await rejects(SAVE, { i: { indicatorId: policeInd.id, boardId: board.id, agencyId: police.id, ...Q2, value: 9, basedOnRevision: 4 } }, policeUser.token, 'CONFLICT');
    await rejects(`mutation($i: ObservationChangeInput!) { validateObservation(input: $i) { id } }`, { i: { observationId: o.id } }, policeUser.token, 'FORBIDDEN');
    await api.run(`mutation($i: ObservationChangeInput!) { returnObservation(input: $i) { status returnComment } }`, { i: { observationId: o.id, comment: 'Check against the MASH log' } });
    const resaved = await asPolice.save({ indicatorId: policeInd.id, boardId: board.id, agencyId: police.id, ...Q2, value: 6, basedOnRevision: 4 });
    expect(resaved).toMatchObject({ status: 'RETURNED', revision: 5, value: 6 });
    await asPolice.submit(o.id);
    await api.validate(o.id);
    const read = await asPolice.run(`query($id: ID!) { observation(id: $id) { status value versions { number kind comment } } }`, { id: o.id });
    expect(read.status).toBe('VALIDATED');
    expect(read.versions.map((v: any) => [v.number, v.kind])).toEqual([[1, 'SUBMITTED'], [2, 'RETURNED'], [3, 'SUBMITTED'], [4, 'VALIDATED']]);
    expect(read.versions[1].comment).toBe('Check against the MASH log');
    // A health user does not read the police value's drafts, but reads it once validated when seated on the board.
    const healthUser = await signedIn(hub, f, UserRole.AGENCY_USER, { agencyId: health.id });
    expect((await hub.gql(`query($id: ID!) { observation(id: $id) { value } }`, { id: o.id }, healthUser.token)).data.observation.value).toBe(6);
  });
});
