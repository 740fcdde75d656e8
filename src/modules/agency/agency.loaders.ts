import { DataSource } from 'typeorm';
import { byIdLoader } from '../../common/loader-utils';
import { Agency } from './agency.entity';

export function createAgencyLoaders(ds: DataSource) {
  return { agencyById: byIdLoader(ds, Agency) };
}
