import { countingRating } from '../../rules/audit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { Action, ActionSourceType } from '../action/action.entity';
import { Agency } from '../agency/agency.entity';
import { AuditCycle } from './audit-cycle.entity';
import { AuditStandard } from './audit-framework.entity';
import { AuditAssessment, AuditRating, AuditReturn, AuditReturnStatus, AuditReturnVersion } from './audit-return.entity';
import { ReturnAuditReturnInput, SaveAuditReturnInput, ShareAuditReturnInput, SubmitAuditReturnInput, ValidateAuditReturnInput } from './audit.inputs';
import { AuditTrend, Compliance, VersionAssessment } from './audit.types';

@Resolver(() => AuditReturn)
export class AuditReturnResolver {
  @Query(() => AuditReturn)
  async auditReturn(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return (await ctx.services.audit.queries.get(ctx.access, id)).ret;
  }

  @Mutation(() => AuditReturn, { description: 'Create or update a DRAFT or RETURNED return' })
  saveAuditReturn(@Arg('input') input: SaveAuditReturnInput, @Ctx() ctx: Context) {
    return ctx.services.audit.returns.save(ctx.access, input);
  }

  @Mutation(() => AuditReturn)
  submitAuditReturn(@Arg('input') input: SubmitAuditReturnInput, @Ctx() ctx: Context) {
    return ctx.services.audit.returns.submit(ctx.access, input);
  }

  @Mutation(() => AuditReturn, { description: 'A coordinator sends a submitted return back with a challenge' })
  returnAuditReturn(@Arg('input') input: ReturnAuditReturnInput, @Ctx() ctx: Context) {
    return ctx.services.audit.returns.returnToAgency(ctx.access, input);
  }

  @Mutation(() => AuditReturn, { description: 'A coordinator validates a submitted return, optionally recording moderated ratings' })
  validateAuditReturn(@Arg('input') input: ValidateAuditReturnInput, @Ctx() ctx: Context) {
    return ctx.services.audit.returns.validate(ctx.access, input);
  }

  @Mutation(() => AuditReturn, { description: 'Submit once, share with many: the new return keeps a link to its source' })
  shareAuditReturn(@Arg('input') input: ShareAuditReturnInput, @Ctx() ctx: Context) {
    return ctx.services.audit.returns.share(ctx.access, input);
  }

  @FieldResolver(() => AuditCycle)
  cycle(@Root() r: AuditReturn, @Ctx() ctx: Context) {
    return ctx.loaders.auditCycleById.load(r.cycleId);
  }

  @FieldResolver(() => Agency)
  agency(@Root() r: AuditReturn, @Ctx() ctx: Context) {
    return ctx.loaders.agencyById.load(r.agencyId);
  }

  @FieldResolver(() => AuditReturn, { nullable: true, description: 'The return whose answers were shared into this one' })
  sharedFrom(@Root() r: AuditReturn, @Ctx() ctx: Context) {
    // The link (sharedFromReturnId) is kept for everyone; the source itself only for those who may read it (the guard decides).
    return r.sharedFromReturnId ? ctx.loaders.auditReturnById.load(r.sharedFromReturnId) : null;
  }

  @FieldResolver(() => Boolean, { description: "First submitted after the cycle's due date" })
  async late(@Root() r: AuditReturn, @Ctx() ctx: Context) {
    if (!r.firstSubmittedOn) return false;
    const cycle = await ctx.loaders.auditCycleById.load(r.cycleId);
    return !!cycle && r.firstSubmittedOn > cycle.dueOn;
  }

  @FieldResolver(() => [AuditAssessment], { description: 'Answers given so far, in the order of the standards' })
  assessments(@Root() r: AuditReturn, @Ctx() ctx: Context) {
    return ctx.loaders.assessmentsByReturn.load(r.id);
  }

  @FieldResolver(() => Compliance, { description: 'On the rating that counts: moderated where recorded, else self-assessed' })
  async compliance(@Root() r: AuditReturn, @Ctx() ctx: Context) {
    return (await ctx.loaders.figuresByReturn.load(r.id))!.compliance;
  }

  @FieldResolver(() => Compliance, { description: 'On self-assessed ratings alone, to show the gap moderation made' })
  async selfAssessedCompliance(@Root() r: AuditReturn, @Ctx() ctx: Context) {
    return (await ctx.loaders.figuresByReturn.load(r.id))!.selfAssessed;
  }

  @FieldResolver(() => AuditTrend, { nullable: true, description: 'Null until submitted' })
  async trend(@Root() r: AuditReturn, @Ctx() ctx: Context) {
    return (await ctx.loaders.figuresByReturn.load(r.id))!.trend;
  }

  @FieldResolver(() => AuditReturn, { nullable: true, description: "The agency's return the trend compares with" })
  async previousReturn(@Root() r: AuditReturn, @Ctx() ctx: Context) {
    const id = (await ctx.loaders.figuresByReturn.load(r.id))!.previousReturnId;
    return id ? ctx.loaders.auditReturnById.load(id) : null;
  }

  @FieldResolver(() => [AuditReturnVersion], { description: 'Every submission, challenge and validation, oldest first; never changed' })
  versions(@Root() r: AuditReturn, @Ctx() ctx: Context) {
    return ctx.loaders.versionsByReturn.load(r.id);
  }
}

@Resolver(() => AuditAssessment)
export class AuditAssessmentResolver {
  @FieldResolver(() => AuditStandard)
  standard(@Root() a: AuditAssessment, @Ctx() ctx: Context) {
    return a.standard ?? ctx.loaders.auditStandardById.load(a.standardId);
  }

  @FieldResolver(() => AuditReturn)
  auditReturn(@Root() a: AuditAssessment, @Ctx() ctx: Context) {
    return ctx.loaders.auditReturnById.load(a.returnId);
  }

  @FieldResolver(() => AuditRating, { nullable: true, description: 'The rating that counts: moderated where recorded, else self-assessed' })
  rating(@Root() a: AuditAssessment) {
    return countingRating(a.moderatedRating, a.selfRating);
  }

  @FieldResolver(() => [Action], { description: 'Improvement actions, including those shared with the answer' })
  actions(@Root() a: AuditAssessment, @Ctx() ctx: Context) {
    return ctx.loaders.actionsByAssessment.load(a.id);
  }
}

@Resolver(() => AuditReturnVersion)
export class AuditReturnVersionResolver {
  @FieldResolver(() => AuditReturnStatus, { description: 'Status of the return when the version was recorded' })
  status(@Root() v: AuditReturnVersion) {
    return v.snapshot.status;
  }

  @FieldResolver(() => [VersionAssessment])
  assessments(@Root() v: AuditReturnVersion) {
    return v.snapshot.assessments;
  }
}

@Resolver(() => Action)
export class ActionAuditAssessmentResolver {
  // The owner of an improvement action may be another agency than the one whose return it is in.
  @FieldResolver(() => AuditAssessment, { nullable: true, description: "Set when the action came from an audit return's standard you may read" })
  auditAssessment(@Root() a: Action, @Ctx() ctx: Context) {
    return a.sourceType === ActionSourceType.AUDIT_STANDARD ? ctx.loaders.assessmentById.load(a.sourceId) : null;
  }
}
