import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { Access } from '../../access/access';
import { argsLoader, byIdLoader, groupedInKeyOrder } from '../../common/loader-utils';
import { Action } from '../action/action.entity';
import { ReturnFigures } from './audit-compliance.service';
import { AuditCycle } from './audit-cycle.entity';
import { AuditFramework, AuditStandard } from './audit-framework.entity';
import { AuditAssessment, AuditReturn, AuditReturnVersion } from './audit-return.entity';
import { AuditServices } from './audit.module';
import { CycleSummary, OutstandingAuditReturn, StandardSummary } from './audit.types';

export function createAuditLoaders(ds: DataSource, audit: AuditServices, access: Access) {
  const { cycles, queries, compliance } = audit;
  return {
    auditCycleById: byIdLoader(ds, AuditCycle),
    auditFrameworkById: byIdLoader(ds, AuditFramework),
    auditReturnById: byIdLoader(ds, AuditReturn),
    assessmentById: byIdLoader(ds, AuditAssessment),
    auditStandardById: byIdLoader(ds, AuditStandard),
    standardsByFramework: new DataLoader<string, AuditStandard[]>(async (ids) =>
      groupedInKeyOrder(ids, await cycles.standardsOf([...ids]), (s) => s.frameworkId),
    ),
    auditCyclesByBoard: new DataLoader<string, AuditCycle[]>(async (ids) => {
      const byBoard = await cycles.forBoards([...ids]);
      return ids.map((id) => byBoard.get(id) ?? []);
    }),
    auditReturnsByCycle: new DataLoader<string, AuditReturn[]>(async (ids) =>
      groupedInKeyOrder(ids, await queries.forCycles(access, [...ids]), (r) => r.cycleId),
    ),
    auditReturnsByAgency: new DataLoader<string, AuditReturn[]>(async (ids) =>
      groupedInKeyOrder(ids, await queries.forAgencies(access, [...ids]), (r) => r.agencyId),
    ),
    outstandingAuditsByAgency: argsLoader<string, OutstandingAuditReturn[]>((ids, asOf) => queries.outstandingFor(access, ids, asOf), () => []),
    assessmentsByReturn: new DataLoader<string, AuditAssessment[]>(async (ids) =>
      groupedInKeyOrder(ids, await queries.assessmentsOf([...ids]), (a) => a.returnId),
    ),
    actionsByAssessment: new DataLoader<string, Action[]>(async (ids) => {
      const byAssessment = await queries.actionsOf([...ids]);
      return ids.map((id) => byAssessment.get(id) ?? []);
    }),
    versionsByReturn: new DataLoader<string, AuditReturnVersion[]>(async (ids) =>
      groupedInKeyOrder(ids, await queries.versionsOf([...ids]), (v) => v.returnId),
    ),
    figuresByReturn: new DataLoader<string, ReturnFigures | null>(async (ids) => {
      const figures = await compliance.forReturns([...ids]);
      return ids.map((id) => figures.get(id) ?? null);
    }),
    standardSummaryByCycle: new DataLoader<string, StandardSummary[]>(async (ids) => {
      const byCycle = await compliance.standardSummaries([...ids]);
      return ids.map((id) => byCycle.get(id) ?? []);
    }),
    summaryByCycle: argsLoader<string, CycleSummary | null>((ids, asOf) => compliance.summaries(ids, asOf), () => null),
  };
}
