import { DataSource, EntityManager, In } from 'typeorm';
import { Access } from '../../access/access';
import { UserRole } from '../../common/enums';
import { assertFound, assertUuidOrNotFound } from '../../common/validation';
import { Action, ActionSourceType } from '../action/action.entity';
import { AuditCycle } from './audit-cycle.entity';
import { AuditStandard } from './audit-framework.entity';
import { AuditAssessment, AuditReturn, AuditReturnStatus, AuditReturnVersion, VersionSnapshot } from './audit-return.entity';
import { OutstandingAuditReturn } from './audit.types';
import { empty, query, sql } from '../../database/sql';
import { submittedSql } from '../../rules/audit';

/** Reads of returns, shared by the resolvers' loaders and by the write side. */
export class AuditReturnQueries {
  constructor(private readonly ds: DataSource) {}

  async get(access: Access, id: string): Promise<{ ret: AuditReturn; cycle: AuditCycle }> {
    access.assertSignedIn();
    assertUuidOrNotFound(id, 'AuditReturn');
    const ret = assertFound(await this.ds.getRepository(AuditReturn).findOneBy({ id }), 'AuditReturn', id);
    const cycle = await this.ds.getRepository(AuditCycle).findOneByOrFail({ id: ret.cycleId });
    await access.assertCanRead('AuditReturn', ret, 'This return belongs to another agency or board');
    return { ret, cycle };
  }

  async forCycles(access: Access, cycleIds: string[]): Promise<AuditReturn[]> {
    const me = access.me;
    const where = me.role === UserRole.AGENCY_USER ? { cycleId: In(cycleIds), agencyId: me.agencyId! } : { cycleId: In(cycleIds) };
    return this.ds.getRepository(AuditReturn).find({ where, relations: { agency: true }, order: { createdAt: 'ASC' } }).then((rows) =>
      rows.sort((a, b) => a.agency!.name.localeCompare(b.agency!.name)),
    );
  }

  async forAgencies(access: Access, agencyIds: string[]): Promise<AuditReturn[]> {
    const me = access.me;
    const visible = me.role === UserRole.AGENCY_USER ? agencyIds.filter((a) => a === me.agencyId) : agencyIds;
    if (!visible.length) return [];
    const qb = this.ds
      .getRepository(AuditReturn)
      .createQueryBuilder('r')
      .innerJoin('r.cycle', 'c')
      .where('r.agency_id IN (:...visible)', { visible })
      .orderBy('c.opens_on', 'DESC')
      .addOrderBy('c.created_at', 'DESC');
    if (me.role === UserRole.COORDINATOR || me.role === UserRole.VIEWER) qb.andWhere('c.board_ids && :mine::uuid[]', { mine: me.boardIds });
    return qb.getMany();
  }

  /** Cycles each agency is invited to without a submitted return yet, soonest due first. */
  async outstandingFor(access: Access, agencyIds: string[], asOf: string): Promise<Map<string, OutstandingAuditReturn[]>> {
    const me = access.me;
    const out = new Map<string, OutstandingAuditReturn[]>(agencyIds.map((a) => [a, []]));
    const visible = me.role === UserRole.AGENCY_USER ? agencyIds.filter((a) => a === me.agencyId) : agencyIds;
    if (!visible.length) return out;
    const scoped = me.role === UserRole.COORDINATOR || me.role === UserRole.VIEWER;
    const rows: { agency_id: string; cycle_id: string; due_on: string; return_id: string | null; status: AuditReturnStatus | null }[] =
      await query(this.ds,
        sql`SELECT inv.agency_id, c.id AS cycle_id, c.due_on, r.id AS return_id, r.status
         FROM audit_cycle c
         CROSS JOIN LATERAL unnest(c.invited_agency_ids) AS inv(agency_id)
         LEFT JOIN audit_return r ON r.cycle_id = c.id AND r.agency_id = inv.agency_id
         WHERE c.invited_agency_ids && ${visible}::uuid[] AND inv.agency_id = ANY(${visible}::uuid[])
           AND (r.id IS NULL OR NOT ${submittedSql('r')})
           ${scoped ? sql`AND c.board_ids && ${me.boardIds}::uuid[]` : empty}
         ORDER BY c.due_on, c.id`,
      );
    for (const r of rows) {
      out.get(r.agency_id)!.push({ cycleId: r.cycle_id, agencyId: r.agency_id, returnId: r.return_id, status: r.status, dueOn: r.due_on, overdue: r.due_on < asOf });
    }
    return out;
  }

  async assessmentsOf(returnIds: string[], em: EntityManager = this.ds.manager): Promise<AuditAssessment[]> {
    return em
      .getRepository(AuditAssessment)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.standard', 's')
      .where('a.return_id IN (:...ids)', { ids: returnIds })
      .orderBy('s.position', 'ASC')
      .getMany();
  }

  /**
   * Improvement actions of each assessment, following shared answers back to the return that first
   * recorded them: an action shared into three cycles is one action, tracked once.
   */
  async actionsOf(assessmentIds: string[], em: EntityManager = this.ds.manager): Promise<Map<string, Action[]>> {
    const chain: { root: string; id: string }[] = await em.query(
      `WITH RECURSIVE chain(root, id) AS (
         SELECT id, id FROM audit_assessment WHERE id = ANY($1::uuid[])
         UNION
         SELECT chain.root, a.shared_from_assessment_id FROM chain JOIN audit_assessment a ON a.id = chain.id
         WHERE a.shared_from_assessment_id IS NOT NULL
       ) SELECT root, id FROM chain`,
      [assessmentIds],
    );
    const out = new Map<string, Action[]>(assessmentIds.map((id) => [id, []]));
    if (!chain.length) return out;
    const actions = await em.getRepository(Action).find({
      where: { sourceType: ActionSourceType.AUDIT_STANDARD, sourceId: In([...new Set(chain.map((c) => c.id))]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    for (const { root, id } of chain) out.get(root)!.push(...actions.filter((a) => a.sourceId === id));
    return out;
  }

  async versionsOf(returnIds: string[]): Promise<AuditReturnVersion[]> {
    return this.ds.getRepository(AuditReturnVersion).find({ where: { returnId: In(returnIds) }, order: { number: 'ASC' } });
  }

  /** What a version freezes: every standard of the framework, answered or not, with its actions then. */
  async snapshot(em: EntityManager, ret: AuditReturn, cycle: AuditCycle): Promise<VersionSnapshot> {
    const standards = await em.getRepository(AuditStandard).find({ where: { frameworkId: cycle.frameworkId }, order: { position: 'ASC' } });
    const assessments = await this.assessmentsOf([ret.id], em);
    const actions = assessments.length ? await this.actionsOf(assessments.map((a) => a.id), em) : new Map<string, Action[]>();
    return {
      status: ret.status,
      assessments: standards.map((s) => {
        const a = assessments.find((x) => x.standardId === s.id);
        return {
          standardCode: s.code,
          standardTitle: s.title,
          rating: a?.selfRating ?? null,
          moderatedRating: a?.moderatedRating ?? null,
          evidence: a?.evidence ?? null,
          actions: (a ? actions.get(a.id) ?? [] : []).map((x) => ({
            id: x.id,
            description: x.description,
            ownerAgencyId: x.ownerAgencyId,
            dueOn: x.dueOn,
            status: x.status,
          })),
        };
      }),
    };
  }
}
