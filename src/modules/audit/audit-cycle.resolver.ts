import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { today } from '../../common/scalars';
import { Context } from '../../context';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { AuditCycle } from './audit-cycle.entity';
import { AuditFramework, AuditStandard } from './audit-framework.entity';
import { AuditReturn } from './audit-return.entity';
import { AsOfArgs, CreateAuditCycleInput, PublishAuditFrameworkInput } from './audit.inputs';
import { CycleSummary, OutstandingAuditReturn, StandardSummary } from './audit.types';

@Resolver(() => AuditFramework)
export class AuditFrameworkResolver {
  @Query(() => [AuditFramework], { description: 'Every framework version, newest version first' })
  auditFrameworks(@Ctx() ctx: Context) {
    return ctx.services.audit.cycles.frameworks(ctx.access);
  }

  @Mutation(() => AuditFramework, { description: 'Admins only: a new version of a framework' })
  publishAuditFramework(@Arg('input') input: PublishAuditFrameworkInput, @Ctx() ctx: Context) {
    return ctx.services.audit.cycles.publishFramework(ctx.access, input);
  }

  @FieldResolver(() => [AuditStandard])
  standards(@Root() f: AuditFramework, @Ctx() ctx: Context) {
    return ctx.loaders.standardsByFramework.load(f.id);
  }
}

@Resolver(() => AuditCycle)
export class AuditCycleResolver {
  @Query(() => AuditCycle)
  auditCycle(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.audit.cycles.get(ctx.access, id);
  }

  @Mutation(() => AuditCycle)
  createAuditCycle(@Arg('input') input: CreateAuditCycleInput, @Ctx() ctx: Context) {
    return ctx.services.audit.cycles.create(ctx.access, input);
  }

  @FieldResolver(() => AuditFramework)
  framework(@Root() c: AuditCycle, @Ctx() ctx: Context) {
    return ctx.loaders.auditFrameworkById.load(c.frameworkId);
  }

  @FieldResolver(() => [Board], { description: 'The boards running the cycle that you can read (an invited agency need not sit on them all)' })
  async boards(@Root() c: AuditCycle, @Ctx() ctx: Context) {
    return (await ctx.loaders.boardById.loadMany(c.boardIds)).filter((b): b is Board => b instanceof Board);
  }

  @FieldResolver(() => [Agency])
  async invitedAgencies(@Root() c: AuditCycle, @Ctx() ctx: Context) {
    const agencies = (await ctx.loaders.agencyById.loadMany(c.invitedAgencyIds)).filter((a): a is Agency => a instanceof Agency);
    return agencies.sort((a, b) => a.name.localeCompare(b.name));
  }

  @FieldResolver(() => Boolean, { description: 'Open from opensOn; late returns are still taken after dueOn' })
  isOpen(@Root() c: AuditCycle, @Args() args: AsOfArgs) {
    return c.opensOn <= (args.asOf ?? today());
  }

  @FieldResolver(() => [AuditReturn], { description: "Returns started so far; an agency user sees only its own agency's" })
  returns(@Root() c: AuditCycle, @Ctx() ctx: Context) {
    return ctx.loaders.auditReturnsByCycle.load(c.id);
  }

  @FieldResolver(() => CycleSummary)
  summary(@Root() c: AuditCycle, @Args() args: AsOfArgs, @Ctx() ctx: Context) {
    return ctx.loaders.summaryByCycle.load({ id: c.id, args: args.asOf ?? today() });
  }
}

@Resolver(() => CycleSummary)
export class CycleSummaryResolver {
  @FieldResolver(() => [StandardSummary], { description: 'How the submitted returns rated each standard' })
  standards(@Root() s: CycleSummary, @Ctx() ctx: Context) {
    return ctx.loaders.standardSummaryByCycle.load(s.cycleId);
  }
}

@Resolver(() => OutstandingAuditReturn)
export class OutstandingAuditReturnResolver {
  @FieldResolver(() => AuditCycle)
  cycle(@Root() o: OutstandingAuditReturn, @Ctx() ctx: Context) {
    return ctx.loaders.auditCycleById.load(o.cycleId);
  }
}

@Resolver(() => Board)
export class BoardAuditResolver {
  @FieldResolver(() => [AuditCycle], { description: "The board's audit cycles, newest first" })
  auditCycles(@Root() b: Board, @Ctx() ctx: Context) {
    return ctx.loaders.auditCyclesByBoard.load(b.id);
  }
}

@Resolver(() => Agency)
export class AgencyAuditResolver {
  @FieldResolver(() => [AuditReturn], { description: "The agency's returns across cycles and boards, newest cycle first (what you may see of them)" })
  auditReturns(@Root() a: Agency, @Ctx() ctx: Context) {
    return ctx.loaders.auditReturnsByAgency.load(a.id);
  }

  @FieldResolver(() => [OutstandingAuditReturn], { description: 'Cycles the agency is invited to and has not submitted yet, soonest due first' })
  outstandingAuditReturns(@Root() a: Agency, @Args() args: AsOfArgs, @Ctx() ctx: Context) {
    return ctx.loaders.outstandingAuditsByAgency.load({ id: a.id, args: args.asOf ?? today() });
  }
}
