import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../common/scalars';
import { Rag } from '../action/action.entity';
import { AuditRating, AuditReturnStatus } from './audit-return.entity';

export enum AuditTrend {
  IMPROVED = 'IMPROVED',
  SUSTAINED = 'SUSTAINED',
  DECLINED = 'DECLINED',
  NEW = 'NEW',
}
registerEnumType(AuditTrend, {
  name: 'AuditTrend',
  description: "percentMet against the agency's latest submitted return in an earlier cycle of the same framework",
});

@ObjectType({ description: 'Compliance of one return over the standards of its framework' })
export class Compliance {
  @Field(() => Int, { description: 'Standards not rated NOT_APPLICABLE' })
  applicable: number;

  @Field(() => Int)
  met: number;

  @Field(() => Int)
  partiallyMet: number;

  @Field(() => Int)
  notMet: number;

  @Field(() => Int)
  notApplicable: number;

  @Field(() => Int, { description: 'Standards with no rating yet (drafts only)' })
  unrated: number;

  @Field(() => Float, { nullable: true, description: 'MET / applicable × 100, one decimal place; null when nothing is applicable' })
  percentMet: number | null;

  @Field(() => Rag, { nullable: true, description: 'RED if any NOT_MET, else AMBER if any PARTIALLY_MET, else GREEN; null while a standard is unrated and none is red or amber' })
  rag: Rag | null;
}

@ObjectType()
export class RatingCounts {
  @Field(() => Int) met: number;
  @Field(() => Int) partiallyMet: number;
  @Field(() => Int) notMet: number;
  @Field(() => Int) notApplicable: number;
}

@ObjectType({ description: 'How the submitted returns of a cycle rated one standard' })
export class StandardSummary extends RatingCounts {
  @Field(() => ID)
  standardId: string;

  @Field()
  code: string;

  @Field()
  title: string;

  @Field(() => RatingCounts, { description: 'On self-assessed ratings alone' })
  selfAssessed: RatingCounts;
}

@ObjectType()
export class TrendCounts {
  @Field(() => Int) improved: number;
  @Field(() => Int) sustained: number;
  @Field(() => Int) declined: number;
  @Field(() => Int, { name: 'new' }) isNew: number;
}

@ObjectType({ description: 'A cycle across partners: the figures front ends build RAG tables from' })
export class CycleSummary {
  @Field(() => Int)
  invited: number;

  @Field(() => Int, { description: 'Returns SUBMITTED or VALIDATED' })
  submitted: number;

  @Field(() => Int)
  validated: number;

  @Field(() => Int, { description: 'Invited agencies without a submitted return' })
  outstanding: number;

  @Field(() => Int, { description: 'Outstanding after the due date (judged on asOf)' })
  overdue: number;

  @Field(() => Int, { description: 'Submitted returns first submitted after the due date' })
  late: number;

  @Field(() => Int, { description: 'Returns in DRAFT' })
  drafts: number;

  @Field(() => Int, { description: 'Returns sent back and not yet resubmitted' })
  returned: number;

  @Field(() => Float, { nullable: true, description: 'submitted / invited, 0..1' })
  submissionRate: number | null;

  @Field(() => Int, { description: 'Submitted returns rated GREEN (moderated where moderated)' })
  fullyCompliant: number;

  @Field(() => Int, { description: 'Submitted returns GREEN on self-assessed ratings alone' })
  selfAssessedFullyCompliant: number;

  /** The cycle, for the standards field resolved on demand. */
  cycleId: string;

  @Field(() => TrendCounts)
  trends: TrendCounts;
}

@ObjectType({ description: 'A cycle an agency is invited to and has not yet submitted' })
export class OutstandingAuditReturn {
  @Field(() => ID)
  cycleId: string;

  @Field(() => ID, { description: 'The agency that owes the return' })
  agencyId: string;

  @Field(() => ID, { nullable: true, description: 'Null when the agency has not started its return' })
  returnId: string | null;

  @Field(() => AuditReturnStatus, { nullable: true, description: 'DRAFT or RETURNED; null when not started' })
  status: AuditReturnStatus | null;

  @Field(() => DateScalar)
  dueOn: string;

  @Field()
  overdue: boolean;
}

@ObjectType()
export class VersionAction {
  @Field(() => ID) id: string;
  @Field() description: string;
  @Field(() => ID) ownerAgencyId: string;
  @Field(() => DateScalar, { nullable: true }) dueOn: string | null;
  @Field() status: string;
}

@ObjectType({ description: 'One standard as it stood in a version' })
export class VersionAssessment {
  @Field() standardCode: string;
  @Field() standardTitle: string;
  @Field(() => AuditRating, { nullable: true }) rating: AuditRating | null;
  @Field(() => AuditRating, { nullable: true }) moderatedRating: AuditRating | null;
  @Field(() => String, { nullable: true }) evidence: string | null;
  @Field(() => [VersionAction]) actions: VersionAction[];
}
