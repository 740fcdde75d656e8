import { DataSource, EntityManager, In } from 'typeorm';
import { Access } from '../../access/access';
import { BadInputError, ConflictError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { isIsoDate } from '../../common/scalars';
import { assertFound, assertPeriod, assertUuidOrNotFound, requireText } from '../../common/validation';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { PlanPriority } from '../business-plan/business-plan.entity';
import { SubGroupBoard } from '../sub-group/sub-group.entity';
import { Benchmark, DataSetItem, Indicator, IndicatorVersion, Population, RagMethod } from './scorecard.entity';
import { AddToDataSetInput, DefineIndicatorInput, ReviseIndicatorInput, SetBenchmarkInput, SetPopulationInput } from './scorecard.inputs';

const KEY = /^[a-z0-9][a-z0-9_.-]*$/;

/** Indicators (shared reference data), boards' data sets, benchmarks and population denominators. */
export class IndicatorService {
  constructor(private readonly ds: DataSource, private readonly mutations: MutationRunner) {}

  list(): Promise<Indicator[]> {
    return this.ds.getRepository(Indicator).find({ order: { key: 'ASC' } });
  }

  async get(access: Access, id: string): Promise<Indicator> {
    access.assertSignedIn();
    assertUuidOrNotFound(id, 'Indicator');
    return assertFound(await this.ds.getRepository(Indicator).findOneBy({ id }), 'Indicator', id);
  }

  versionsOf(ids: string[]): Promise<IndicatorVersion[]> {
    return this.ds.getRepository(IndicatorVersion).find({ where: { indicatorId: In(ids) }, order: { version: 'ASC' } });
  }

  dataSetsOf(boardIds: string[]): Promise<DataSetItem[]> {
    return this.ds.getRepository(DataSetItem).find({ where: { boardId: In(boardIds) }, order: { position: 'ASC' } });
  }

  private async checkAgencies(field: string, ids: string[]): Promise<void> {
    if (new Set(ids).size !== ids.length) throw new BadInputError(field, 'An agency is listed twice');
    ids.forEach((id, i) => assertUuidOrBad(`${field}.${i}`, id));
    const found = new Set((await this.ds.getRepository(Agency).findBy({ id: In(ids) })).map((a) => a.id));
    ids.forEach((id, i) => {
      if (!found.has(id)) throw new BadInputError(`${field}.${i}`, `Agency ${id} not found`);
    });
  }

  async define(access: Access, input: DefineIndicatorInput): Promise<Indicator> {
    access.assertCanDefineIndicator();
    const key = requireText('key', input.key, 60).toLowerCase();
    if (!KEY.test(key)) throw new BadInputError('key', 'A key is lower-case letters, digits, "_", "-" or "."');
    const title = requireText('title', input.title, 300);
    const definition = requireText('definition', input.definition, 4000);
    checkTolerance('tolerance', input.tolerance);
    await this.checkAgencies('supplierAgencyIds', input.supplierAgencyIds);
    if (input.priorityId && !(await this.ds.getRepository(PlanPriority).existsBy({ id: input.priorityId }))) throw new BadInputError('priorityId', 'Priority not found');
    const effectiveFrom = input.effectiveFrom ?? access.today;
    if (!isIsoDate(effectiveFrom)) throw new BadInputError('effectiveFrom', 'Expected a date YYYY-MM-DD');
    return this.mutations.run(access.me, 'defineIndicator', input, async (em) => {
      if (await em.getRepository(Indicator).existsBy({ key })) throw new ConflictError(`An indicator with key "${key}" exists`);
      const ind = await em.save(
        em.create(Indicator, {
          key,
          title,
          definition,
          version: 1,
          unit: input.unit,
          polarity: input.polarity,
          frequency: input.frequency,
          audience: input.audience,
          countsPeople: input.countsPeople,
          tolerance: input.tolerance,
          supplierAgencyIds: input.supplierAgencyIds,
          priorityId: input.priorityId ?? null,
        }),
      );
      await em.insert(IndicatorVersion, { indicatorId: ind.id, version: 1, definition, effectiveFrom, byName: access.me.name });
      return { result: ind, entityType: 'Indicator', entityId: ind.id, boardIds: [] };
    });
  }

  async revise(access: Access, input: ReviseIndicatorInput): Promise<Indicator> {
    access.assertCanDefineIndicator();
    const found = await this.get(access, input.indicatorId);
    const definition = input.definition != null ? requireText('definition', input.definition, 4000) : null;
    if (input.tolerance != null) checkTolerance('tolerance', input.tolerance);
    if (input.supplierAgencyIds) await this.checkAgencies('supplierAgencyIds', input.supplierAgencyIds);
    const effectiveFrom = input.effectiveFrom ?? access.today;
    if (!isIsoDate(effectiveFrom)) throw new BadInputError('effectiveFrom', 'Expected a date YYYY-MM-DD');
    return this.mutations.run(access.me, 'reviseIndicator', input, async (em) => {
      const ind = await em.getRepository(Indicator).findOneOrFail({ where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
      if (input.title != null) ind.title = requireText('title', input.title, 300);
      if (input.tolerance != null) ind.tolerance = input.tolerance;
      if (input.supplierAgencyIds) ind.supplierAgencyIds = input.supplierAgencyIds;
      if (input.countsPeople != null) ind.countsPeople = input.countsPeople;
      if (definition !== null && definition !== ind.definition) {
        ind.version += 1;
        ind.definition = definition;
        await em.insert(IndicatorVersion, { indicatorId: ind.id, version: ind.version, definition, effectiveFrom, byName: access.me.name });
      }
      const saved = await em.save(ind);
      return { result: saved, entityType: 'Indicator', entityId: saved.id, boardIds: [] };
    });
  }

  async addToDataSet(access: Access, input: AddToDataSetInput): Promise<DataSetItem> {
    access.assertSignedIn();
    if (!(await this.ds.getRepository(Board).existsBy({ id: input.boardId }))) throw new BadInputError('boardId', `Board ${input.boardId} not found`);
    access.assertCanManageBoard(input.boardId);
    const ind = await this.ds.getRepository(Indicator).findOneBy({ id: input.indicatorId });
    if (!ind) throw new BadInputError('indicatorId', `Indicator ${input.indicatorId} not found`);
    if (input.subGroupId && !(await this.ds.getRepository(SubGroupBoard).existsBy({ subGroupId: input.subGroupId, boardId: input.boardId }))) {
      throw new BadInputError('subGroupId', 'The sub-group must serve the board');
    }
    checkTolerance('ragTolerance', input.ragTolerance);
    if (input.target != null && !Number.isFinite(input.target)) throw new BadInputError('target', 'Not a number');
    if (input.targetDate != null && !isIsoDate(input.targetDate)) throw new BadInputError('targetDate', 'Expected a date YYYY-MM-DD');
    if (input.ragMethod === RagMethod.TARGET && input.target == null) throw new BadInputError('target', 'RAG by target needs a target');
    return this.mutations.run(access.me, 'addToDataSet', input, async (em) => {
      await em.getRepository(Board).findOneOrFail({ where: { id: input.boardId }, lock: { mode: 'pessimistic_write' } });
      const repo = em.getRepository(DataSetItem);
      let item = await repo.findOneBy({ boardId: input.boardId, indicatorId: ind.id });
      if (!item) {
        const [{ n }] = await em.query(`SELECT coalesce(max(position), 0)::int AS n FROM data_set_item WHERE board_id = $1`, [input.boardId]);
        item = repo.create({ boardId: input.boardId, indicatorId: ind.id, position: n + 1 });
      }
      // Given again, the indicator's rule and target are updated in place.
      Object.assign(item, {
        subGroupId: input.subGroupId ?? null,
        ragMethod: input.ragMethod,
        target: input.target ?? null,
        targetDate: input.targetDate ?? null,
        ragTolerance: input.ragTolerance,
      });
      const saved = await repo.save(item);
      return { result: saved, entityType: 'DataSetItem', entityId: saved.id, boardIds: [input.boardId] };
    });
  }

  async setBenchmark(access: Access, input: SetBenchmarkInput): Promise<Benchmark> {
    access.assertSignedIn();
    await this.checkBoardAndIndicator(access, input.boardId, input.indicatorId);
    assertPeriod(input.periodFrom, input.periodTo, 'periodFrom', 'periodTo');
    return this.mutations.run(access.me, 'setBenchmark', input, async (em) => {
      const saved = await upsertBenchmark(em, input);
      return { result: saved, entityType: 'Benchmark', entityId: saved.id, boardIds: [input.boardId] };
    });
  }

  async setPopulation(access: Access, input: SetPopulationInput): Promise<Population> {
    access.assertSignedIn();
    if (!(await this.ds.getRepository(Board).existsBy({ id: input.boardId }))) throw new BadInputError('boardId', `Board ${input.boardId} not found`);
    access.assertCanManageBoard(input.boardId);
    if (input.year < 1990 || input.year > 2200) throw new BadInputError('year', 'A year such as 2014');
    if (input.population <= 0) throw new BadInputError('population', 'A population is more than 0');
    return this.mutations.run(access.me, 'setPopulation', input, async (em) => {
      await em.query(
        `INSERT INTO population (board_id, year, audience, population) VALUES ($1, $2, $3, $4)
         ON CONFLICT ON CONSTRAINT population_board_id_year_audience_key DO UPDATE SET population = EXCLUDED.population, updated_at = now()`,
        [input.boardId, input.year, input.audience, input.population],
      );
      const saved = await em.getRepository(Population).findOneByOrFail({ boardId: input.boardId, year: input.year, audience: input.audience });
      return { result: saved, entityType: 'Population', entityId: saved.id, boardIds: [input.boardId] };
    });
  }

  async checkBoardAndIndicator(access: Access, boardId: string, indicatorId: string): Promise<Indicator> {
    if (!(await this.ds.getRepository(Board).existsBy({ id: boardId }))) throw new BadInputError('boardId', `Board ${boardId} not found`);
    access.assertCanManageBoard(boardId);
    const ind = await this.ds.getRepository(Indicator).findOneBy({ id: indicatorId });
    if (!ind) throw new BadInputError('indicatorId', `Indicator ${indicatorId} not found`);
    return ind;
  }

  benchmarksOf(boardIds: string[]): Promise<Benchmark[]> {
    return this.ds.getRepository(Benchmark).find({ where: { boardId: In(boardIds) }, order: { periodTo: 'DESC' } });
  }
}

/** A benchmark given again for the same indicator, board and period replaces the earlier figures. */
export async function upsertBenchmark(em: EntityManager, b: SetBenchmarkInput): Promise<Benchmark> {
  await em.query(
    `INSERT INTO benchmark (indicator_id, board_id, period_from, period_to, england, stat_neighbours, upper_quartile, median, lower_quartile)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT ON CONSTRAINT benchmark_indicator_id_board_id_period_from_period_to_key DO UPDATE SET
       england = EXCLUDED.england, stat_neighbours = EXCLUDED.stat_neighbours, upper_quartile = EXCLUDED.upper_quartile,
       median = EXCLUDED.median, lower_quartile = EXCLUDED.lower_quartile, updated_at = now()`,
    [b.indicatorId, b.boardId, b.periodFrom, b.periodTo, b.england ?? null, b.statNeighbours ?? null, b.upperQuartile ?? null, b.median ?? null, b.lowerQuartile ?? null],
  );
  return em.getRepository(Benchmark).findOneByOrFail({ indicatorId: b.indicatorId, boardId: b.boardId, periodFrom: b.periodFrom, periodTo: b.periodTo });
}

function checkTolerance(field: string, t: number): void {
  if (!Number.isFinite(t) || t < 0) throw new BadInputError(field, 'A tolerance is a number of 0 or more');
}

function assertUuidOrBad(field: string, id: string): void {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new BadInputError(field, `Not an id: ${id}`);
}
