import { DataSource } from 'typeorm';
import { Rag } from '../action/action.entity';
import { AuditTrend, Compliance, CycleSummary, RatingCounts, StandardSummary } from './audit.types';
import { eqAny, ident, join, query, raw, sql, Sql } from '../../database/sql';
import { countingRatingSql, fullyCompliantSql, isSubmitted, submittedSql, trendOfCounts, trendSql } from '../../rules/audit';

export interface ReturnFigures {
  cycleId: string;
  compliance: Compliance;
  selfAssessed: Compliance;
  /** Null until the return is submitted: a draft has nothing to compare yet. */
  trend: AuditTrend | null;
  previousReturnId: string | null;
}

interface CountsRow {
  standards: number;
  met: number;
  partially_met: number;
  not_met: number;
  not_applicable: number;
  self_met: number;
  self_partially_met: number;
  self_not_met: number;
  self_not_applicable: number;
}

export function toCompliance(standards: number, met: number, partiallyMet: number, notMet: number, notApplicable: number): Compliance {
  const applicable = standards - notApplicable;
  const unrated = standards - met - partiallyMet - notMet - notApplicable;
  const rag = notMet > 0 ? Rag.RED : partiallyMet > 0 ? Rag.AMBER : unrated > 0 ? null : Rag.GREEN;
  return {
    applicable,
    met,
    partiallyMet,
    notMet,
    notApplicable,
    unrated,
    percentMet: applicable > 0 ? Math.round((met * 1000) / applicable) / 10 : null,
    rag,
  };
}

function effective(r: CountsRow): Compliance {
  return toCompliance(r.standards, r.met, r.partially_met, r.not_met, r.not_applicable);
}
function selfAssessed(r: CountsRow): Compliance {
  return toCompliance(r.standards, r.self_met, r.self_partially_met, r.self_not_met, r.self_not_applicable);
}

/** The trend rule (src/rules/audit.ts) over two returns' compliance. */
export function trendOf(current: Compliance, previous: Compliance | null): AuditTrend {
  return AuditTrend[trendOfCounts(current, previous)];
}

const RATING_COUNTS = (prefix: '' | 'self_', rating: Sql) => {
  const as = (c: string) => ident(prefix + c);
  return sql`
  count(*) FILTER (WHERE ${rating} = 'MET')::int AS ${as('met')},
  count(*) FILTER (WHERE ${rating} = 'PARTIALLY_MET')::int AS ${as('partially_met')},
  count(*) FILTER (WHERE ${rating} = 'NOT_MET')::int AS ${as('not_met')},
  count(*) FILTER (WHERE ${rating} = 'NOT_APPLICABLE')::int AS ${as('not_applicable')}`;
};

/** The rating counts a return keeps (migration 1763880400000), as the JSON the figures are built from. */
function countsJson(alias: string): Sql {
  const cols = ['standards', 'met', 'partially_met', 'not_met', 'not_applicable', 'self_met', 'self_partially_met', 'self_not_met', 'self_not_applicable'];
  return sql`json_build_object(${join(cols.map((c) => sql`${raw(`'${c}'`)}, ${ident(`${alias}.${c}`)}`), ', ')})`;
}

/**
 * One statement for any number of returns: each return's rating counts over every standard of its
 * framework (a standard with no answer counts as unrated), and the same for the agency's previous
 * submitted return of the same framework, which gives the trend. Each return keeps the link to its
 * previous return (migration 1763881900000, maintained by triggers), so this reads two rows per return.
 */
function complianceSql(target: Sql): Sql {
  return sql`
  SELECT r.id, r.cycle_id, r.status, r.previous_return_id AS prev_id, ${countsJson('r')} AS cur,
    CASE WHEN prev.id IS NULL THEN NULL ELSE ${countsJson('prev')} END AS prev
  FROM audit_return r LEFT JOIN audit_return prev ON prev.id = r.previous_return_id
  WHERE ${target}`;
}

export class AuditComplianceService {
  constructor(private readonly ds: DataSource) {}

  async forReturns(returnIds: string[]): Promise<Map<string, ReturnFigures>> {
    return toFigures(await query<FiguresRow>(this.ds, complianceSql(sql`r.id = ANY(${returnIds}::uuid[])`)));
  }

  /**
   * Cycle summaries in one statement whatever the number of cycles or returns: PostgreSQL counts the
   * returns, the fully compliant ones and the trends (src/rules/audit.ts) over each return's stored
   * counts and its stored previous return; one row per cycle comes back.
   */
  async summaries(cycleIds: string[], asOf: string): Promise<Map<string, CycleSummary>> {
    return this.toSummaries(await query<CycleCountsRow>(this.ds, this.summariesSql(sql`c.id ${eqAny(cycleIds)}`, asOf)));
  }

  /**
   * The statement behind summaries(), over the cycles (alias `c`) a condition picks: one row per
   * cycle. The look-ahead of a board read (src/lookahead.ts) nests it, picking the board's cycles.
   */
  summariesSql(cycles: Sql, asOf: string): Sql {
    const submitted = submittedSql('r');
    const trend = trendSql('r', 'p');
    return sql`SELECT c.id, cardinality(c.invited_agency_ids)::int AS invited,
           count(r.id) FILTER (WHERE ${submitted})::int AS submitted,
           count(r.id) FILTER (WHERE r.status = 'VALIDATED')::int AS validated,
           count(r.id) FILTER (WHERE r.status = 'DRAFT')::int AS drafts,
           count(r.id) FILTER (WHERE r.status = 'RETURNED')::int AS returned,
           count(r.id) FILTER (WHERE ${submitted} AND r.first_submitted_on > c.due_on)::int AS late,
           count(r.id) FILTER (WHERE ${submitted} AND ${fullyCompliantSql('r')})::int AS fully_compliant,
           count(r.id) FILTER (WHERE ${submitted} AND ${fullyCompliantSql('r', 'self_')})::int AS self_fully_compliant,
           count(r.id) FILTER (WHERE ${submitted} AND ${trend} = 'IMPROVED')::int AS improved,
           count(r.id) FILTER (WHERE ${submitted} AND ${trend} = 'SUSTAINED')::int AS sustained,
           count(r.id) FILTER (WHERE ${submitted} AND ${trend} = 'DECLINED')::int AS declined,
           count(r.id) FILTER (WHERE ${submitted} AND ${trend} = 'NEW')::int AS is_new,
           c.due_on < ${asOf}::date AS past_due
         FROM audit_cycle c
         LEFT JOIN audit_return r ON r.cycle_id = c.id AND r.agency_id = ANY(c.invited_agency_ids)
         LEFT JOIN audit_return p ON p.id = r.previous_return_id
         WHERE ${cycles}
         GROUP BY c.id`;
  }

  toSummaries(counts: CycleCountsRow[]): Map<string, CycleSummary> {
    const out = new Map<string, CycleSummary>();
    for (const c of counts) {
      const outstanding = c.invited - c.submitted;
      out.set(c.id, {
        invited: c.invited,
        submitted: c.submitted,
        validated: c.validated,
        outstanding,
        overdue: c.past_due ? outstanding : 0,
        late: c.late,
        drafts: c.drafts,
        returned: c.returned,
        submissionRate: c.invited > 0 ? c.submitted / c.invited : null,
        fullyCompliant: c.fully_compliant,
        selfAssessedFullyCompliant: c.self_fully_compliant,
        cycleId: c.id,
        trends: { improved: c.improved, sustained: c.sustained, declined: c.declined, isNew: c.is_new },
      });
    }
    return out;
  }

  /** How each cycle's submitted returns rated each standard, both ways: only when a client asks for it. */
  async standardSummaries(cycleIds: string[]): Promise<Map<string, StandardSummary[]>> {
    const rows = await query<StandardRow>(
      this.ds,
      sql`SELECT c.id AS cycle_id, s.id AS standard_id, s.code, s.title,
         ${RATING_COUNTS('', countingRatingSql('a'))},
         ${RATING_COUNTS('self_', sql`a.self_rating`)}
       FROM audit_cycle c
       JOIN audit_standard s ON s.framework_id = c.framework_id
       LEFT JOIN audit_return r ON r.cycle_id = c.id AND ${submittedSql('r')} AND r.agency_id = ANY(c.invited_agency_ids)
       LEFT JOIN audit_assessment a ON a.return_id = r.id AND a.standard_id = s.id
       WHERE c.id = ANY(${cycleIds}::uuid[])
       GROUP BY c.id, s.id
       ORDER BY s.position`,
    );
    return new Map(cycleIds.map((id) => [id, rows.filter((r) => r.cycle_id === id).map(standardSummary)]));
  }
}

function standardSummary(s: CountsRow & { standard_id: string; code: string; title: string }): StandardSummary {
  const self: RatingCounts = { met: s.self_met, partiallyMet: s.self_partially_met, notMet: s.self_not_met, notApplicable: s.self_not_applicable };
  return {
    standardId: s.standard_id,
    code: s.code,
    title: s.title,
    met: s.met,
    partiallyMet: s.partially_met,
    notMet: s.not_met,
    notApplicable: s.not_applicable,
    selfAssessed: self,
  };
}

interface FiguresRow {
  id: string;
  cycle_id: string;
  status: string;
  prev_id: string | null;
  cur: CountsRow;
  prev: CountsRow | null;
}

export interface CycleCountsRow {
  id: string;
  invited: number;
  submitted: number;
  validated: number;
  drafts: number;
  returned: number;
  late: number;
  fully_compliant: number;
  self_fully_compliant: number;
  improved: number;
  sustained: number;
  declined: number;
  is_new: number;
  past_due: boolean;
}

type StandardRow = CountsRow & { cycle_id: string; standard_id: string; code: string; title: string };

function toFigures(rows: FiguresRow[]): Map<string, ReturnFigures> {
  return new Map(
    rows.map((r) => {
      const compliance = effective(r.cur);
      const figures: ReturnFigures = {
        cycleId: r.cycle_id,
        compliance,
        selfAssessed: selfAssessed(r.cur),
        trend: isSubmitted(r.status) ? trendOf(compliance, r.prev ? effective(r.prev) : null) : null,
        previousReturnId: r.prev_id,
      };
      return [r.id, figures];
    }),
  );
}
