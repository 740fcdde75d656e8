import { databaseNameFor } from '../bench/bench-db';
import { scaleNamed, withHistoryYears } from '../bench/generate/scales';

describe('bench data set with a longer history', () => {
  it('doubles what accrues over time, keeps the partnership, and lives in its own database', () => {
    const national = scaleNamed('national');
    const twice = withHistoryYears(national, 10);
    expect(twice).toEqual({ ...national, months: 120, actionsPerBoard: 400, auditCycles: 6, caseReviewsPerBoard: 40 });
    expect(withHistoryYears(national, 5)).toBe(national);
    expect(withHistoryYears(national, undefined)).toBe(national);
    expect(() => withHistoryYears(national, 2.5)).toThrow(/whole number/);
    expect([databaseNameFor('national'), databaseNameFor('national', 5), databaseNameFor('national', 10), databaseNameFor('smoke', 2)]).toEqual(['hub_bench', 'hub_bench', 'hub_bench_10y', 'hub_bench_smoke_2y']);
  });
});
