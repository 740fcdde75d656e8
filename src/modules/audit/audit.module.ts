import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { MutationRunner } from '../../common/mutation';
import { ActionService } from '../action/action.service';
import { AuditComplianceService } from './audit-compliance.service';
import { AuditCycleService } from './audit-cycle.service';
import { AuditReturnQueries } from './audit-return.queries';
import { AuditReturnService } from './audit-return.service';

/** The Section 11 module's services, wired once per app. */
export function createAuditServices(ds: DataSource, mutations: MutationRunner, actions: ActionService, clock: Clock) {
  const queries = new AuditReturnQueries(ds);
  return {
    cycles: new AuditCycleService(ds, mutations, clock),
    queries,
    returns: new AuditReturnService(ds, mutations, queries, actions),
    compliance: new AuditComplianceService(ds),
  };
}

export type AuditServices = ReturnType<typeof createAuditServices>;
