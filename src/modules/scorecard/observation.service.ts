import { DataSource, EntityManager, In } from 'typeorm';
import { Access } from '../../access/access';
import { BadInputError, ConflictError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { assertFound, assertUuidOrNotFound, requireText } from '../../common/validation';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { checkObservation, ObservationFields } from './observation.rules';
import { EDITABLE_OBSERVATION, Indicator, Observation, ObservationStatus, ObservationVersion, ObservationVersionKind } from './scorecard.entity';
import { ObservationChangeInput, SaveObservationInput } from './scorecard.inputs';

/** The supplying agency's workflow for one value: save (DRAFT), submit, return with a comment, validate. */
export class ObservationService {
  constructor(private readonly ds: DataSource, private readonly mutations: MutationRunner) {}

  async get(access: Access, id: string): Promise<Observation> {
    access.assertSignedIn();
    assertUuidOrNotFound(id, 'Observation');
    const o = assertFound(await this.ds.getRepository(Observation).findOneBy({ id }), 'Observation', id);
    await access.assertCanRead('Observation', o, 'This value belongs to a board you do not work for');
    return o;
  }

  versionsOf(ids: string[]): Promise<ObservationVersion[]> {
    return this.ds.getRepository(ObservationVersion).find({ where: { observationId: In(ids) }, order: { number: 'ASC' } });
  }

  /** The population of the board's area for the year the period starts in, per audience. */
  async populationFor(db: DataSource | EntityManager, boardId: string, audience: string, periodFrom: string): Promise<number | null> {
    const rows = await db.query(`SELECT population FROM population WHERE board_id = $1 AND audience = $2 AND year = $3`, [boardId, audience, Number(periodFrom.slice(0, 4))]);
    return rows[0]?.population ?? null;
  }

  async save(access: Access, input: SaveObservationInput): Promise<Observation> {
    access.assertSignedIn();
    const ind = await this.ds.getRepository(Indicator).findOneBy({ id: input.indicatorId });
    if (!ind) throw new BadInputError('indicatorId', `Indicator ${input.indicatorId} not found`);
    if (!(await this.ds.getRepository(Board).existsBy({ id: input.boardId }))) throw new BadInputError('boardId', `Board ${input.boardId} not found`);
    access.assertCanSupplyObservation({ agencyId: input.agencyId, boardId: input.boardId, supplierAgencyIds: ind.supplierAgencyIds });
    if (!(await this.ds.getRepository(Agency).existsBy({ id: input.agencyId }))) throw new BadInputError('agencyId', `Agency ${input.agencyId} not found`);
    if (!ind.supplierAgencyIds.includes(input.agencyId)) throw new BadInputError('agencyId', 'This agency does not supply this indicator');
    const population = await this.populationFor(this.ds, input.boardId, ind.audience, input.periodFrom);
    const checked = checkObservation(ind, input, population);
    if (checked.problems.length) {
      const err = new BadInputError(checked.problems[0].field, checked.problems.map((p) => p.message).join('; '));
      err.extra.problems = checked.problems;
      throw err;
    }
    return this.mutations.run(access.me, 'saveObservation', input, async (em) => {
      const saved = await this.write(em, ind, input.boardId, input.agencyId, input, checked, input.basedOnRevision);
      return { result: saved, entityType: 'Observation', entityId: saved.id, boardIds: [input.boardId] };
    });
  }

  /**
   * Creates the cell's value or moves it on one revision, compare-and-set in one UPDATE as audit
   * returns do: of two saves based on the same revision exactly one wins, the other is told.
   */
  async write(
    em: EntityManager,
    ind: Indicator,
    boardId: string,
    agencyId: string,
    o: ObservationFields,
    checked: { value: number | null; denominator: number | null },
    basedOnRevision: number | null | undefined,
  ): Promise<Observation> {
    const repo = em.getRepository(Observation);
    const cell = {
      indicatorId: ind.id,
      indicatorVersion: ind.version,
      boardId,
      periodFrom: o.periodFrom,
      periodTo: o.periodTo,
      breakdownDimension: (o.breakdownDimension ?? '').trim(),
      breakdownCategory: (o.breakdownCategory ?? '').trim(),
    };
    const fields = {
      value: checked.value,
      numerator: o.numerator ?? null,
      denominator: checked.denominator,
      commentary: o.commentary?.trim() || null,
      agencyId,
    };
    const current = await repo.findOneBy(cell);
    if (!current) {
      if (basedOnRevision != null) throw new ConflictError('There is no value to base this save on yet: leave basedOnRevision out');
      // A concurrent first save hits observation_cell_key and answers CONFLICT.
      return repo.save(repo.create({ ...cell, ...fields, status: ObservationStatus.DRAFT, revision: 1 }));
    }
    if (!EDITABLE_OBSERVATION.includes(current.status)) {
      throw new ConflictError(`A ${current.status} value is not edited in place: the board returns it first`, { status: current.status, observationId: current.id });
    }
    if (basedOnRevision == null) throw new ConflictError('This cell already has a value: save with basedOnRevision', { currentRevision: current.revision, observationId: current.id });
    const claimed: { revision: number }[] = await em.query(
      `WITH claimed AS (
         UPDATE observation SET revision = revision + 1, updated_at = now(), value = $3, numerator = $4, denominator = $5, commentary = $6, agency_id = $7
         WHERE id = $1 AND revision = $2 AND status IN ('DRAFT', 'RETURNED') RETURNING revision
       ) SELECT revision FROM claimed`,
      [current.id, basedOnRevision, fields.value, fields.numerator, fields.denominator, fields.commentary, fields.agencyId],
    );
    if (!claimed.length) throw new ConflictError(`The value changed since revision ${basedOnRevision}: reload it and save again`, { observationId: current.id });
    return repo.findOneByOrFail({ id: current.id });
  }

  private async lockForChange(em: EntityManager, id: string, allowed: ObservationStatus[], basedOnRevision?: number | null): Promise<Observation> {
    const o = await em.getRepository(Observation).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!o) throw new ConflictError('The value was removed meanwhile');
    if (!allowed.includes(o.status)) throw new ConflictError(`Not allowed on a ${o.status} value (needs ${allowed.join(' or ')})`, { status: o.status });
    if (basedOnRevision != null && o.revision !== basedOnRevision) throw new ConflictError(`The value changed since revision ${basedOnRevision}`, { currentRevision: o.revision });
    return o;
  }

  async recordVersion(em: EntityManager, access: Access, o: Observation, kind: ObservationVersionKind, comment: string | null): Promise<void> {
    const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM observation_version WHERE observation_id = $1`, [o.id]);
    await em.insert(ObservationVersion, {
      observationId: o.id,
      number: n + 1,
      kind,
      recordedOn: access.today,
      byUserId: access.me.id,
      byName: access.me.name,
      comment,
      snapshot: { value: o.value, numerator: o.numerator, denominator: o.denominator, commentary: o.commentary },
    });
  }

  async submit(access: Access, input: ObservationChangeInput): Promise<Observation> {
    const found = await this.get(access, input.observationId);
    const ind = await this.ds.getRepository(Indicator).findOneByOrFail({ id: found.indicatorId });
    access.assertCanSupplyObservation({ agencyId: found.agencyId, boardId: found.boardId, supplierAgencyIds: ind.supplierAgencyIds });
    return this.change(access, 'submitObservation', input, EDITABLE_OBSERVATION, ObservationStatus.SUBMITTED, null, found.boardId);
  }

  async returnToAgency(access: Access, input: ObservationChangeInput): Promise<Observation> {
    const comment = requireText('comment', input.comment, 4000);
    const found = await this.get(access, input.observationId);
    access.assertCanManageBoard(found.boardId);
    return this.change(access, 'returnObservation', input, [ObservationStatus.SUBMITTED], ObservationStatus.RETURNED, comment, found.boardId);
  }

  async validate(access: Access, input: ObservationChangeInput): Promise<Observation> {
    const found = await this.get(access, input.observationId);
    access.assertCanManageBoard(found.boardId);
    return this.change(access, 'validateObservation', input, [ObservationStatus.SUBMITTED], ObservationStatus.VALIDATED, input.comment?.trim() || null, found.boardId);
  }

  private change(access: Access, op: string, input: ObservationChangeInput, allowed: ObservationStatus[], to: ObservationStatus, comment: string | null, boardId: string) {
    return this.mutations.run(access.me, op, input, async (em) => {
      const o = await this.lockForChange(em, input.observationId, allowed, input.basedOnRevision);
      const saved = await this.moveTo(em, access, o, to, comment);
      return { result: saved, entityType: 'Observation', entityId: saved.id, boardIds: [boardId] };
    });
  }

  /** A state change: one more revision and a frozen version of what was submitted, returned or validated. */
  async moveTo(em: EntityManager, access: Access, o: Observation, to: ObservationStatus, comment: string | null): Promise<Observation> {
    o.status = to;
    o.revision += 1;
    if (to === ObservationStatus.SUBMITTED) o.submittedOn = access.today;
    if (to === ObservationStatus.VALIDATED) o.validatedOn = access.today;
    if (to === ObservationStatus.RETURNED) o.returnComment = comment;
    const saved = await em.save(o);
    await this.recordVersion(em, access, saved, to as unknown as ObservationVersionKind, comment);
    return saved;
  }
}
