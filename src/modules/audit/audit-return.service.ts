import { DataSource, EntityManager, In } from 'typeorm';
import { Access } from '../../access/access';
import { BadInputError, ConflictError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';

import { assertUuidOrNotFound, requireText } from '../../common/validation';
import { ActionSourceType, ActionStatus } from '../action/action.entity';
import { ActionService } from '../action/action.service';
import { Agency } from '../agency/agency.entity';
import { AuditCycle } from './audit-cycle.entity';
import { AuditStandard } from './audit-framework.entity';
import {
  AuditAssessment,
  AuditRating,
  AuditReturn,
  AuditReturnStatus,
  AuditReturnVersion,
  AuditVersionKind,
  EDITABLE_STATUSES,
  SUBMITTED_STATUSES,
} from './audit-return.entity';
import { AuditReturnQueries } from './audit-return.queries';
import { ReturnAuditReturnInput, SaveAuditReturnInput, ShareAuditReturnInput, SubmitAuditReturnInput, ValidateAuditReturnInput } from './audit.inputs';

const NEEDS_ACTION = [AuditRating.PARTIALLY_MET, AuditRating.NOT_MET];

/** The agency-facing workflow of a return: save, submit, challenge, validate, share. */
export class AuditReturnService {
  constructor(
    private readonly ds: DataSource,
    private readonly mutations: MutationRunner,
    private readonly queries: AuditReturnQueries,
    private readonly actions: ActionService,
  ) {}

  async save(access: Access, input: SaveAuditReturnInput): Promise<AuditReturn> {
    access.assertSignedIn();
    const cycle = await this.ds.getRepository(AuditCycle).findOneBy({ id: input.cycleId });
    if (!cycle) throw new BadInputError('cycleId', `Audit cycle ${input.cycleId} not found`);
    access.assertCanEditReturn(input.agencyId, cycle.boardIds);
    if (!cycle.invitedAgencyIds.includes(input.agencyId)) throw new BadInputError('agencyId', 'This agency is not invited to the cycle');
    if (access.today < cycle.opensOn) throw new ConflictError(`The cycle opens on ${cycle.opensOn}`);
    const agency = await this.ds.getRepository(Agency).findOneByOrFail({ id: input.agencyId });
    const standards = await this.checkAssessments(input, cycle);

    return this.mutations.run(access.me, 'saveAuditReturn', input, async (em) => {
      const ret = await this.claimRevision(em, input, cycle);
      const existing = await em.getRepository(AuditAssessment).findBy({ returnId: ret.id });
      for (const a of input.assessments) {
        const standard = standards.get(a.standardCode)!;
        let assessment = existing.find((x) => x.standardId === standard.id);
        assessment ??= em.create(AuditAssessment, { returnId: ret.id, standardId: standard.id, selfRating: null, moderatedRating: null, evidence: null, sharedFromAssessmentId: null });
        if (a.rating !== undefined) assessment.selfRating = a.rating;
        if (a.evidence !== undefined) assessment.evidence = a.evidence?.trim() || null;
        assessment = await em.save(assessment);
        for (const action of a.actions ?? []) {
          await this.actions.create(em, {
            description: action.description,
            ownerAgencyId: action.ownerAgencyId ?? input.agencyId,
            dueOn: action.dueOn,
            sourceType: ActionSourceType.AUDIT_STANDARD,
            sourceId: assessment.id,
            sourceLabel: `${cycle.name}: ${agency.name}, standard ${standard.code}`,
            boardIds: cycle.boardIds,
          });
        }
      }
      return { result: ret, entityType: 'AuditReturn', entityId: ret.id, boardIds: cycle.boardIds };
    });
  }

  /** Every error a client could fix, found before anything is written. */
  private async checkAssessments(input: SaveAuditReturnInput, cycle: AuditCycle): Promise<Map<string, AuditStandard>> {
    const standards = new Map(
      (await this.ds.getRepository(AuditStandard).findBy({ frameworkId: cycle.frameworkId })).map((s) => [s.code, s]),
    );
    const seen = new Set<string>();
    const owners = new Set<string>();
    input.assessments.forEach((a, i) => {
      if (!standards.has(a.standardCode)) throw new BadInputError(`assessments.${i}.standardCode`, `No standard "${a.standardCode}" in this framework`);
      if (seen.has(a.standardCode)) throw new BadInputError(`assessments.${i}.standardCode`, `Standard ${a.standardCode} is given twice`);
      seen.add(a.standardCode);
      (a.actions ?? []).forEach((x, j) => {
        requireText(`assessments.${i}.actions.${j}.description`, x.description, 4000);
        if (x.ownerAgencyId) owners.add(x.ownerAgencyId);
      });
    });
    if (owners.size) {
      const found = new Set((await this.ds.getRepository(Agency).find({ select: { id: true }, where: { id: In([...owners]) } })).map((a) => a.id));
      input.assessments.forEach((a, i) =>
        (a.actions ?? []).forEach((x, j) => {
          if (x.ownerAgencyId && !found.has(x.ownerAgencyId)) throw new BadInputError(`assessments.${i}.actions.${j}.ownerAgencyId`, `Agency ${x.ownerAgencyId} not found`);
        }),
      );
    }
    return standards;
  }

  /**
   * Creates the return, or moves it on one revision if it is still at the revision the save was
   * based on. The compare-and-set happens in one UPDATE, so of two saves based on the same revision
   * exactly one wins and the other is told, never silently overwritten.
   */
  private async claimRevision(em: EntityManager, input: SaveAuditReturnInput, cycle: AuditCycle): Promise<AuditReturn> {
    const repo = em.getRepository(AuditReturn);
    const current = await repo.findOneBy({ cycleId: cycle.id, agencyId: input.agencyId });
    if (!current) {
      if (input.basedOnRevision !== undefined && input.basedOnRevision !== null) {
        throw new ConflictError('There is no return to base this save on yet: leave basedOnRevision out to start one');
      }
      // A concurrent first save hits the unique (cycle, agency) key and answers CONFLICT.
      return repo.save(repo.create({ cycleId: cycle.id, agencyId: input.agencyId, status: AuditReturnStatus.DRAFT, revision: 1 }));
    }
    if (!EDITABLE_STATUSES.includes(current.status)) {
      throw new ConflictError(`A ${current.status} return is not edited in place: the board returns it first`, { status: current.status });
    }
    if (input.basedOnRevision === undefined || input.basedOnRevision === null) {
      throw new ConflictError('This agency already has a return in the cycle: save with basedOnRevision', { currentRevision: current.revision, returnId: current.id });
    }
    // Wrapped in a CTE so the driver hands back the returned rows, not an UPDATE's row count.
    const claimed: { revision: number }[] = await em.query(
      `WITH claimed AS (
         UPDATE audit_return SET revision = revision + 1, updated_at = now()
         WHERE id = $1 AND revision = $2 AND status IN ('DRAFT', 'RETURNED') RETURNING revision
       ) SELECT revision FROM claimed`,
      [current.id, input.basedOnRevision],
    );
    if (!claimed.length) {
      const now = await repo.findOneByOrFail({ id: current.id });
      throw new ConflictError(`The return changed since revision ${input.basedOnRevision}: reload it and save again`, {
        currentRevision: now.revision,
        returnId: current.id,
      });
    }
    return repo.findOneByOrFail({ id: current.id });
  }

  /** Locks the return for a state change and checks the expected state and revision. */
  private async lockForChange(em: EntityManager, id: string, allowed: AuditReturnStatus[], basedOnRevision?: number): Promise<AuditReturn> {
    const ret = await em.getRepository(AuditReturn).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!ret) throw new ConflictError('The return was removed meanwhile');
    if (!allowed.includes(ret.status)) {
      throw new ConflictError(`Not allowed on a ${ret.status} return (needs ${allowed.join(' or ')})`, { status: ret.status });
    }
    if (basedOnRevision !== undefined && basedOnRevision !== null && ret.revision !== basedOnRevision) {
      throw new ConflictError(`The return changed since revision ${basedOnRevision}`, { currentRevision: ret.revision });
    }
    return ret;
  }

  private async recordVersion(em: EntityManager, access: Access, ret: AuditReturn, cycle: AuditCycle, kind: AuditVersionKind, comment: string | null) {
    const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM audit_return_version WHERE return_id = $1`, [ret.id]);
    await em.insert(AuditReturnVersion, {
      returnId: ret.id,
      number: n + 1,
      kind,
      recordedOn: access.today,
      byUserId: access.me.id,
      byName: access.me.name,
      comment,
      snapshot: await this.queries.snapshot(em, ret, cycle),
    });
  }

  async submit(access: Access, input: SubmitAuditReturnInput): Promise<AuditReturn> {
    const { ret: found, cycle } = await this.queries.get(access, input.returnId);
    access.assertCanEditReturn(found.agencyId, cycle.boardIds);
    return this.mutations.run(access.me, 'submitAuditReturn', input, async (em) => {
      const ret = await this.lockForChange(em, found.id, EDITABLE_STATUSES, input.basedOnRevision);
      await this.assertSubmittable(em, ret, cycle);
      ret.status = AuditReturnStatus.SUBMITTED;
      ret.revision += 1;
      ret.submittedAt = new Date();
      ret.firstSubmittedOn ??= access.today;
      const saved = await em.save(ret);
      await this.recordVersion(em, access, saved, cycle, AuditVersionKind.SUBMITTED, null);
      return { result: saved, entityType: 'AuditReturn', entityId: saved.id, boardIds: cycle.boardIds };
    });
  }

  /** Every standard rated; every PARTIALLY_MET or NOT_MET one with an improvement action that is not cancelled. */
  private async assertSubmittable(em: EntityManager, ret: AuditReturn, cycle: AuditCycle): Promise<void> {
    const standards = await em.getRepository(AuditStandard).find({ where: { frameworkId: cycle.frameworkId }, order: { position: 'ASC' } });
    const assessments = await em.getRepository(AuditAssessment).findBy({ returnId: ret.id });
    const actions = assessments.length ? await this.queries.actionsOf(assessments.map((a) => a.id), em) : new Map();
    const problems: { field: string; message: string }[] = [];
    for (const s of standards) {
      const a = assessments.find((x) => x.standardId === s.id);
      if (!a?.selfRating) {
        problems.push({ field: `assessments.${s.code}.rating`, message: `Standard ${s.code} (${s.title}) has no rating` });
      } else if (NEEDS_ACTION.includes(a.selfRating) && !(actions.get(a.id) ?? []).some((x: { status: ActionStatus }) => x.status !== ActionStatus.CANCELLED)) {
        problems.push({ field: `assessments.${s.code}.actions`, message: `Standard ${s.code} is ${a.selfRating} and needs at least one improvement action` });
      }
    }
    if (problems.length) {
      const err = new BadInputError(problems[0].field, `Cannot submit yet: ${problems.map((p) => p.message).join('; ')}`);
      err.extra.problems = problems;
      throw err;
    }
  }

  async returnToAgency(access: Access, input: ReturnAuditReturnInput): Promise<AuditReturn> {
    const comment = requireText('comment', input.comment, 4000);
    const { ret: found, cycle } = await this.queries.get(access, input.returnId);
    access.assertCanManageAnyBoard(cycle.boardIds);
    return this.mutations.run(access.me, 'returnAuditReturn', input, async (em) => {
      const ret = await this.lockForChange(em, found.id, [AuditReturnStatus.SUBMITTED]);
      ret.status = AuditReturnStatus.RETURNED;
      ret.revision += 1;
      ret.challengeComment = comment;
      const saved = await em.save(ret);
      await this.recordVersion(em, access, saved, cycle, AuditVersionKind.RETURNED, comment);
      return { result: saved, entityType: 'AuditReturn', entityId: saved.id, boardIds: cycle.boardIds };
    });
  }

  async validate(access: Access, input: ValidateAuditReturnInput): Promise<AuditReturn> {
    const { ret: found, cycle } = await this.queries.get(access, input.returnId);
    access.assertCanManageAnyBoard(cycle.boardIds);
    const standards = new Map((await this.ds.getRepository(AuditStandard).findBy({ frameworkId: cycle.frameworkId })).map((s) => [s.code, s]));
    const seen = new Set<string>();
    (input.moderatedRatings ?? []).forEach((m, i) => {
      if (!standards.has(m.standardCode)) throw new BadInputError(`moderatedRatings.${i}.standardCode`, `No standard "${m.standardCode}" in this framework`);
      if (seen.has(m.standardCode)) throw new BadInputError(`moderatedRatings.${i}.standardCode`, `Standard ${m.standardCode} is given twice`);
      seen.add(m.standardCode);
    });
    return this.mutations.run(access.me, 'validateAuditReturn', input, async (em) => {
      const ret = await this.lockForChange(em, found.id, [AuditReturnStatus.SUBMITTED]);
      const assessments = await em.getRepository(AuditAssessment).findBy({ returnId: ret.id });
      for (const m of input.moderatedRatings ?? []) {
        const a = assessments.find((x) => x.standardId === standards.get(m.standardCode)!.id)!;
        a.moderatedRating = m.rating;
        await em.save(a);
      }
      ret.status = AuditReturnStatus.VALIDATED;
      ret.revision += 1;
      ret.validatedAt = new Date();
      const saved = await em.save(ret);
      await this.recordVersion(em, access, saved, cycle, AuditVersionKind.VALIDATED, input.comment?.trim() || null);
      return { result: saved, entityType: 'AuditReturn', entityId: saved.id, boardIds: cycle.boardIds };
    });
  }

  async share(access: Access, input: ShareAuditReturnInput): Promise<AuditReturn> {
    const { ret: source, cycle: sourceCycle } = await this.queries.get(access, input.sourceReturnId);
    assertUuidOrNotFound(input.targetCycleId, 'AuditCycle');
    const target = await this.ds.getRepository(AuditCycle).findOneBy({ id: input.targetCycleId });
    if (!target) throw new BadInputError('targetCycleId', `Audit cycle ${input.targetCycleId} not found`);
    access.assertCanEditReturn(source.agencyId, target.boardIds);
    if (target.id === sourceCycle.id) throw new BadInputError('targetCycleId', 'The return is already in this cycle');
    if (target.frameworkId !== sourceCycle.frameworkId) {
      throw new BadInputError('targetCycleId', 'The target cycle runs a different framework version: answers can only be shared between cycles of the same version');
    }
    if (!target.invitedAgencyIds.includes(source.agencyId)) throw new BadInputError('targetCycleId', 'The agency is not invited to the target cycle');
    if (access.today < target.opensOn) throw new ConflictError(`The target cycle opens on ${target.opensOn}`);
    if (!SUBMITTED_STATUSES.includes(source.status)) throw new ConflictError('Only a submitted return can be shared', { status: source.status });

    return this.mutations.run(access.me, 'shareAuditReturn', input, async (em) => {
      const existing = await em.getRepository(AuditReturn).findOneBy({ cycleId: target.id, agencyId: source.agencyId });
      if (existing) throw new ConflictError('The agency already has a return in the target cycle', { returnId: existing.id, status: existing.status });
      const ret = await em.getRepository(AuditReturn).save(
        em.create(AuditReturn, {
          cycleId: target.id,
          agencyId: source.agencyId,
          status: AuditReturnStatus.SUBMITTED,
          revision: 1,
          firstSubmittedOn: access.today,
          submittedAt: new Date(),
          sharedFromReturnId: source.id,
        }),
      );
      // The agency's own answers travel, not the source board's moderation of them.
      await em.query(
        `INSERT INTO audit_assessment (return_id, standard_id, self_rating, evidence, shared_from_assessment_id)
         SELECT $1, standard_id, self_rating, evidence, id FROM audit_assessment WHERE return_id = $2`,
        [ret.id, source.id],
      );
      // Shared actions are the same actions: the target's boards now track them too.
      const assessmentIds = (await em.getRepository(AuditAssessment).findBy({ returnId: source.id })).map((a) => a.id);
      const chains = assessmentIds.length ? await this.queries.actionsOf(assessmentIds, em) : new Map();
      const actionIds = [...chains.values()].flat().map((a: { id: string }) => a.id);
      if (actionIds.length) {
        await em.query(
          `UPDATE action SET board_ids = ARRAY(SELECT DISTINCT unnest(board_ids || $2::uuid[])), updated_at = now() WHERE id = ANY($1::uuid[])`,
          [actionIds, target.boardIds],
        );
      }
      await this.recordVersion(em, access, ret, target, AuditVersionKind.SUBMITTED, `Shared from ${sourceCycle.name}`);
      return { result: ret, entityType: 'AuditReturn', entityId: ret.id, boardIds: [...sourceCycle.boardIds, ...target.boardIds] };
    });
  }
}
