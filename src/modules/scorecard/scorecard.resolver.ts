import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { PlanPriority } from '../business-plan/business-plan.entity';
import { SubGroup } from '../sub-group/sub-group.entity';
import { Benchmark, DataSetItem, Indicator, IndicatorVersion, Observation, ObservationVersion, Population } from './scorecard.entity';
import {
  AddToDataSetInput,
  DefineIndicatorInput,
  ImportArgs,
  ObservationChangeInput,
  ReviseIndicatorInput,
  SaveObservationInput,
  ScorecardArgs,
  SetBenchmarkInput,
  SetPopulationInput,
} from './scorecard.inputs';
import { AgencyCompleteness, DataSet, ImportReport, Scorecard } from './scorecard.types';

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Query(() => [Indicator], { description: 'Every indicator (shared reference data)' })
  indicators(@Ctx() ctx: Context) {
    ctx.access.assertSignedIn();
    return ctx.services.scorecard.indicators.list();
  }

  @Query(() => Indicator)
  indicator(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.scorecard.indicators.get(ctx.access, id);
  }

  @Mutation(() => Indicator)
  defineIndicator(@Arg('input') input: DefineIndicatorInput, @Ctx() ctx: Context) {
    return ctx.services.scorecard.indicators.define(ctx.access, input);
  }

  @Mutation(() => Indicator, { description: 'A changed definition starts a new version' })
  reviseIndicator(@Arg('input') input: ReviseIndicatorInput, @Ctx() ctx: Context) {
    return ctx.services.scorecard.indicators.revise(ctx.access, input);
  }

  @FieldResolver(() => [IndicatorVersion])
  versions(@Root() i: Indicator, @Ctx() ctx: Context) {
    return ctx.loaders.indicatorVersions.load(i.id);
  }

  @FieldResolver(() => [Agency])
  async suppliers(@Root() i: Indicator, @Ctx() ctx: Context) {
    return (await ctx.loaders.agencyById.loadMany(i.supplierAgencyIds)).filter((a): a is Agency => !!a && !(a instanceof Error));
  }

  @FieldResolver(() => PlanPriority, { nullable: true })
  priority(@Root() i: Indicator, @Ctx() ctx: Context) {
    return i.priorityId ? ctx.loaders.priorityById.load(i.priorityId) : null;
  }
}

@Resolver(() => DataSetItem)
export class DataSetItemResolver {
  @Mutation(() => DataSetItem, { description: "Adds an indicator to the board's data set, or changes its RAG rule and target" })
  addToDataSet(@Arg('input') input: AddToDataSetInput, @Ctx() ctx: Context) {
    return ctx.services.scorecard.indicators.addToDataSet(ctx.access, input);
  }

  @FieldResolver(() => Indicator)
  indicator(@Root() d: DataSetItem, @Ctx() ctx: Context) {
    return ctx.loaders.indicatorById.load(d.indicatorId);
  }

  @FieldResolver(() => SubGroup, { nullable: true })
  subGroup(@Root() d: DataSetItem, @Ctx() ctx: Context) {
    return d.subGroupId ? ctx.loaders.subGroupById.load(d.subGroupId) : null;
  }
}

@Resolver(() => Observation)
export class ObservationResolver {
  @Query(() => Observation)
  observation(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.scorecard.observations.get(ctx.access, id);
  }

  @Mutation(() => Observation, { description: 'Saves a DRAFT (or RETURNED) value; an existing one needs basedOnRevision' })
  saveObservation(@Arg('input') input: SaveObservationInput, @Ctx() ctx: Context) {
    return ctx.services.scorecard.observations.save(ctx.access, input);
  }

  @Mutation(() => Observation)
  submitObservation(@Arg('input') input: ObservationChangeInput, @Ctx() ctx: Context) {
    return ctx.services.scorecard.observations.submit(ctx.access, input);
  }

  @Mutation(() => Observation, { description: 'Sends a submitted value back to its agency with a comment' })
  returnObservation(@Arg('input') input: ObservationChangeInput, @Ctx() ctx: Context) {
    return ctx.services.scorecard.observations.returnToAgency(ctx.access, input);
  }

  @Mutation(() => Observation, { description: 'A validated value appears on the scorecard' })
  validateObservation(@Arg('input') input: ObservationChangeInput, @Ctx() ctx: Context) {
    return ctx.services.scorecard.observations.validate(ctx.access, input);
  }

  @Mutation(() => ImportReport, { description: 'Observations from CSV: a dry run lists every bad row and field; otherwise all rows or none' })
  importObservations(@Args() args: ImportArgs, @Ctx() ctx: Context) {
    return ctx.services.scorecard.scorecard.importObservations(ctx.access, args);
  }

  @Mutation(() => ImportReport, { description: 'Benchmarks from CSV: a dry run lists every bad row and field; otherwise all rows or none' })
  importBenchmarks(@Args() args: ImportArgs, @Ctx() ctx: Context) {
    return ctx.services.scorecard.scorecard.importBenchmarks(ctx.access, args);
  }

  @Mutation(() => Benchmark)
  setBenchmark(@Arg('input') input: SetBenchmarkInput, @Ctx() ctx: Context) {
    return ctx.services.scorecard.indicators.setBenchmark(ctx.access, input);
  }

  @Mutation(() => Population)
  setPopulation(@Arg('input') input: SetPopulationInput, @Ctx() ctx: Context) {
    return ctx.services.scorecard.indicators.setPopulation(ctx.access, input);
  }

  @FieldResolver(() => Indicator)
  indicator(@Root() o: Observation, @Ctx() ctx: Context) {
    return ctx.loaders.indicatorById.load(o.indicatorId);
  }

  @FieldResolver(() => Agency)
  agency(@Root() o: Observation, @Ctx() ctx: Context) {
    return ctx.loaders.agencyById.load(o.agencyId);
  }

  @FieldResolver(() => [ObservationVersion], { description: 'Every submission, return and validation, oldest first' })
  versions(@Root() o: Observation, @Ctx() ctx: Context) {
    return ctx.loaders.observationVersions.load(o.id);
  }
}

@Resolver(() => Scorecard)
export class ScorecardResolver {
  @Query(() => Scorecard, { description: "A board's scorecard for the reporting period ending periodEnd" })
  scorecard(@Args() args: ScorecardArgs, @Ctx() ctx: Context) {
    return ctx.services.scorecard.scorecard.scorecard(ctx.access, args.boardId, args.periodEnd, args.periodStart);
  }
}

@Resolver(() => AgencyCompleteness)
export class AgencyCompletenessResolver {
  @FieldResolver(() => Agency)
  agency(@Root() c: AgencyCompleteness, @Ctx() ctx: Context) {
    return ctx.loaders.agencyById.load(c.agencyId);
  }
}

@Resolver(() => Board)
export class BoardScorecardResolver {
  @FieldResolver(() => DataSet, { description: 'The indicators the board tracks, in order' })
  async dataSet(@Root() b: Board, @Ctx() ctx: Context): Promise<DataSet> {
    return { boardId: b.id, items: await ctx.loaders.dataSetByBoard.load(b.id) };
  }

  @FieldResolver(() => [Benchmark], { description: 'Newest period first' })
  benchmarks(@Root() b: Board, @Ctx() ctx: Context) {
    return ctx.loaders.benchmarksByBoard.load(b.id);
  }
}
