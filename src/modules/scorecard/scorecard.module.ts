import { DataSource } from 'typeorm';
import { MutationRunner } from '../../common/mutation';
import { IndicatorService } from './indicator.service';
import { ObservationService } from './observation.service';
import { ScorecardService } from './scorecard.service';

/** The scorecard module's services, built once per app. */
export function createScorecardServices(ds: DataSource, mutations: MutationRunner) {
  const observations = new ObservationService(ds, mutations);
  return {
    indicators: new IndicatorService(ds, mutations),
    observations,
    scorecard: new ScorecardService(ds, mutations, observations),
  };
}

export type ScorecardServices = ReturnType<typeof createScorecardServices>;
