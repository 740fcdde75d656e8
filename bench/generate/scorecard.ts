import { arrayLiteral, bulkInsert } from '../bulk-insert';
import { addDays, addMonths, GenContext } from './context';

const UNITS = ['PERCENT', 'PERCENT', 'RATE_PER_10K', 'COUNT', 'DAYS', 'SCORE'];
const POLARITIES = ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER', 'LOWER_IS_BETTER', 'NEUTRAL'];

/**
 * The national scorecard data set: 60 indicators, every board's data set holding all 60 (RAG by
 * target or by quartile), a VALIDATED value per board, indicator and quarter of the history (20
 * quarters over 5 years) plus a year-end value per financial year, supplied by the board's first
 * statutory partner, and a benchmark per board, indicator and year.
 */
export async function generateScorecard(ctx: GenContext): Promise<void> {
  const { rand, world } = ctx;
  const INDICATORS = 60;
  const indicators: unknown[][] = [];
  const versions: unknown[][] = [];
  const suppliersByIndicator = new Map<number, Set<string>>();
  const ids: string[] = [];
  for (let k = 0; k < INDICATORS; k++) {
    const id = ctx.uuid();
    ids.push(id);
    suppliersByIndicator.set(k, new Set());
    indicators.push([id, `national-${k}`, `National indicator ${k}`, 'As defined nationally', UNITS[k % UNITS.length], POLARITIES[k % POLARITIES.length], 'QUARTER', k % 3 ? 'CHILDREN' : 'ADULTS', k % 4 === 0, k % 2 ? 0.5 : 0]);
    versions.push([ctx.uuid(), id, 1, 'As defined nationally', ctx.since]);
  }
  // Quarters ending on or before the last day of the history, oldest first.
  const quarters: [string, string][] = [];
  for (let to = ctx.until; to > ctx.since; to = addDays(addMonths(addDays(to, 1), -3), -1)) quarters.unshift([addMonths(addDays(to, 1), -3), to]);
  const yearEnds = quarters.filter(([, to]) => to.slice(5) === '03-31').map(([, to]) => [addMonths(addDays(to, 1), -12), to] as [string, string]);
  const items: unknown[][] = [];
  const observations: unknown[][] = [];
  const benchmarks: unknown[][] = [];
  for (const board of world.boards) {
    const supplier = world.boardMembers.get(board.id)![0];
    for (let k = 0; k < INDICATORS; k++) {
      suppliersByIndicator.get(k)!.add(supplier);
      const quartile = k % 2 === 1;
      items.push([ctx.uuid(), board.id, ids[k], quartile ? 'QUARTILE' : 'TARGET', quartile ? null : 50, 2, k + 1]);
      let v = 30 + rand() * 40;
      for (const [from, to] of quarters) {
        v = Math.max(0, v + (rand() - 0.5) * 4);
        const value = Math.round(v * 10) / 10;
        observations.push([ctx.uuid(), ids[k], 1, board.id, from, to, value, k % 4 === 0 ? Math.round(value) : null, supplier, 'VALIDATED', 3]);
      }
      for (const [from, to] of yearEnds) {
        observations.push([ctx.uuid(), ids[k], 1, board.id, from, to, Math.round((30 + rand() * 40) * 10) / 10, null, supplier, 'VALIDATED', 3]);
        benchmarks.push([ctx.uuid(), ids[k], board.id, from, to, 50, 48, 60, 50, 40]);
      }
    }
  }
  indicators.forEach((row, k) => row.push(arrayLiteral([...suppliersByIndicator.get(k)!])));
  ctx.counts.indicator = await bulkInsert(ctx.client, 'indicator', [
    { name: 'id', type: 'uuid' },
    { name: 'key', type: 'text' },
    { name: 'title', type: 'text' },
    { name: 'definition', type: 'text' },
    { name: 'unit', type: 'text', cast: 'indicator_unit' },
    { name: 'polarity', type: 'text', cast: 'indicator_polarity' },
    { name: 'frequency', type: 'text', cast: 'indicator_frequency' },
    { name: 'audience', type: 'text', cast: 'indicator_audience' },
    { name: 'counts_people', type: 'bool' },
    { name: 'tolerance', type: 'float8' },
    { name: 'supplier_agency_ids', type: 'text', cast: 'uuid[]' },
  ], indicators);
  await bulkInsert(ctx.client, 'indicator_version', [
    { name: 'id', type: 'uuid' },
    { name: 'indicator_id', type: 'uuid' },
    { name: 'version', type: 'int4' },
    { name: 'definition', type: 'text' },
    { name: 'effective_from', type: 'date' },
  ], versions);
  ctx.counts.data_set_item = await bulkInsert(ctx.client, 'data_set_item', [
    { name: 'id', type: 'uuid' },
    { name: 'board_id', type: 'uuid' },
    { name: 'indicator_id', type: 'uuid' },
    { name: 'rag_method', type: 'text', cast: 'rag_method' },
    { name: 'target', type: 'float8' },
    { name: 'rag_tolerance', type: 'float8' },
    { name: 'position', type: 'int4' },
  ], items);
  ctx.counts.observation = await bulkInsert(ctx.client, 'observation', [
    { name: 'id', type: 'uuid' },
    { name: 'indicator_id', type: 'uuid' },
    { name: 'indicator_version', type: 'int4' },
    { name: 'board_id', type: 'uuid' },
    { name: 'period_from', type: 'date' },
    { name: 'period_to', type: 'date' },
    { name: 'value', type: 'float8' },
    { name: 'numerator', type: 'float8' },
    { name: 'agency_id', type: 'uuid' },
    { name: 'status', type: 'text', cast: 'observation_status' },
    { name: 'revision', type: 'int4' },
  ], observations);
  ctx.counts.benchmark = await bulkInsert(ctx.client, 'benchmark', [
    { name: 'id', type: 'uuid' },
    { name: 'indicator_id', type: 'uuid' },
    { name: 'board_id', type: 'uuid' },
    { name: 'period_from', type: 'date' },
    { name: 'period_to', type: 'date' },
    { name: 'england', type: 'float8' },
    { name: 'stat_neighbours', type: 'float8' },
    { name: 'upper_quartile', type: 'float8' },
    { name: 'median', type: 'float8' },
    { name: 'lower_quartile', type: 'float8' },
  ], benchmarks);
}
