import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { byIdLoader } from '../../common/loader-utils';
import { groupedInKeyOrder } from '../../common/loader-utils';
import { Benchmark, DataSetItem, Indicator, IndicatorVersion, ObservationVersion } from './scorecard.entity';
import { ScorecardServices } from './scorecard.module';

export function createScorecardLoaders(ds: DataSource, s: ScorecardServices) {
  return {
    indicatorById: byIdLoader(ds, Indicator),
    indicatorVersions: new DataLoader<string, IndicatorVersion[]>(async (ids) => groupedInKeyOrder(ids, await s.indicators.versionsOf([...ids]), (v) => v.indicatorId)),
    dataSetByBoard: new DataLoader<string, DataSetItem[]>(async (ids) => groupedInKeyOrder(ids, await s.indicators.dataSetsOf([...ids]), (d) => d.boardId)),
    benchmarksByBoard: new DataLoader<string, Benchmark[]>(async (ids) => groupedInKeyOrder(ids, await s.indicators.benchmarksOf([...ids]), (b) => b.boardId)),
    observationVersions: new DataLoader<string, ObservationVersion[]>(async (ids) => groupedInKeyOrder(ids, await s.observations.versionsOf([...ids]), (v) => v.observationId)),
  };
}
