/**
 * The measured scenarios, as data. A scenario is a name, the hub's GraphQL query with a variables
 * builder, and optionally the closest PostGraphile query and a hand-written SQL floor. Adding one (an
 * `executiveSummary` read, a `saveAuditReturn` mutation) is one more object in SCENARIOS, plus a
 * FIXTURES entry if it needs ids of a kind not listed yet.
 */

/** Ids the scenarios draw from, each list loaded by the SQL in FIXTURES before the runs. */
export type Fixtures = Record<string, string[]>;

export interface ScenarioContext {
  ids: Fixtures;
  /** A year of history ending on the data set's last day. */
  from: string;
  to: string;
  asOf: string;
}

export interface GraphQLCall {
  /** Must name its operation (`query Name`): the hub's log lines are matched on it. */
  query: string;
  variables(ctx: ScenarioContext, i: number): Record<string, unknown>;
  /** Sees each response body of this call. */
  onResponse?(body: string): void;
}

export interface Scenario {
  name: string;
  title: string;
  hub: GraphQLCall;
  /** The closest nested read PostGraphile can serve from the same tables (no auth, no computed fields). */
  postgraphile?: GraphQLCall;
  /** The same computed figure as one hand-written SQL statement, run straight through pg. */
  floor?: { sql: string; params(ctx: ScenarioContext, i: number): unknown[] };
  /** A fixture whose rows must not be used by two requests at once: connections are capped at its size, and it is reloaded before each run. */
  exclusive?: string;
  /** Forget per-run state before a run (the fixture has just been reloaded). */
  reset?(): void;
}

/** Ids loaded once per run (round-robin over them keeps every request different but the load repeatable). */
export const FIXTURES: Record<string, string> = {
  boards: 'SELECT id FROM board ORDER BY name',
  /** Agencies on several boards (police forces, NHS bodies): the cross-board view is theirs. */
  crossBoardAgencies: `SELECT agency_id AS id FROM membership WHERE board_id IS NOT NULL
    GROUP BY agency_id HAVING count(DISTINCT board_id) >= 3 ORDER BY agency_id`,
  /** Each board's latest audit cycle. */
  latestCycles: `SELECT DISTINCT ON (board_ids[1]) id FROM audit_cycle ORDER BY board_ids[1], opens_on DESC`,
  /** Editable returns with what a save needs: "id|cycle|agency|revision". */
  draftReturns: `SELECT id || '|' || cycle_id || '|' || agency_id || '|' || revision AS id FROM audit_return WHERE status IN ('DRAFT', 'RETURNED') ORDER BY id`,
};

/**
 * A save names the revision it is based on. Saves to one return must not overlap, so each request
 * takes the next return not already in flight (released when its response names it); the next
 * revision is then counted here from the one loaded with the fixture, not read back.
 */
const nextRevision = new Map<string, number>();
const inFlight = new Set<string>();
let cursor = 0;
function saveVariables(c: ScenarioContext, i: number): Record<string, unknown> {
  const list = c.ids.draftReturns;
  let pick = '';
  for (let tries = 0; tries < list.length; tries++) {
    const candidate = list[cursor++ % list.length];
    if (!inFlight.has(candidate.split('|')[0])) {
      pick = candidate;
      break;
    }
  }
  if (!pick) throw new Error('Every draft return has a save in flight: run fewer connections than there are drafts');
  const [id, cycleId, agencyId, revision] = pick.split('|');
  inFlight.add(id);
  const based = nextRevision.get(id) ?? Number(revision);
  nextRevision.set(id, based + 1);
  return {
    i: {
      cycleId,
      agencyId,
      basedOnRevision: based,
      assessments: [
        { standardCode: '1', rating: 'MET', evidence: `Board minutes and safeguarding report, save ${i}` },
        { standardCode: '5', rating: i % 2 ? 'MET' : 'PARTIALLY_MET', evidence: `Training take-up ${60 + (i % 40)}%` },
      ],
    },
  };
}

const nth = (list: string[], i: number) => list[i % list.length];

/** DOMAIN.md's per-return compliance over a cycle (moderated where recorded), as one statement. */
const COMPLIANCE_FLOOR_SQL = `SELECT r.id,
    count(*) FILTER (WHERE coalesce(a.moderated_rating, a.self_rating) = 'MET')::int AS met,
    count(*) FILTER (WHERE coalesce(a.moderated_rating, a.self_rating) = 'PARTIALLY_MET')::int AS partially_met,
    count(*) FILTER (WHERE coalesce(a.moderated_rating, a.self_rating) = 'NOT_MET')::int AS not_met,
    count(*) FILTER (WHERE coalesce(a.moderated_rating, a.self_rating) = 'NOT_APPLICABLE')::int AS not_applicable
  FROM audit_return r
  JOIN audit_cycle c ON c.id = r.cycle_id
  JOIN audit_standard s ON s.framework_id = c.framework_id
  LEFT JOIN audit_assessment a ON a.return_id = r.id AND a.standard_id = s.id
  WHERE r.cycle_id = $1
  GROUP BY r.id`;

/** DOMAIN.md's attendance aggregate for one board, as AttendanceService computes it (its main statement). */
const ATTENDANCE_FLOOR_SQL = `WITH held AS (
    SELECT id, date, board_id AS body_id FROM meeting
    WHERE board_id = ANY($1) AND status = 'HELD' AND date BETWEEN $2 AND $3
  ), seat AS (
    SELECT board_id AS body_id, agency_id, starts_on, ends_on, expected_to_attend FROM membership
    WHERE board_id = ANY($1) AND starts_on <= $3 AND (ends_on IS NULL OR ends_on >= $2)
  ), slot AS (
    SELECT DISTINCT s.body_id, s.agency_id, h.id AS meeting_id
    FROM seat s JOIN held h ON h.body_id = s.body_id AND s.expected_to_attend
      AND s.starts_on <= h.date AND (s.ends_on IS NULL OR s.ends_on >= h.date)
  )
  SELECT m.body_id, m.agency_id, ag.name,
    count(slot.meeting_id)::int AS expected,
    count(*) FILTER (WHERE a.status IN ('PRESENT','DEPUTY'))::int AS attended,
    count(*) FILTER (WHERE a.status = 'APOLOGIES')::int AS apologies,
    count(*) FILTER (WHERE slot.meeting_id IS NOT NULL AND (a.status IS NULL OR a.status = 'ABSENT'))::int AS absent
  FROM (SELECT DISTINCT body_id, agency_id FROM seat) m
  LEFT JOIN slot ON slot.body_id = m.body_id AND slot.agency_id = m.agency_id
  LEFT JOIN attendance a ON a.meeting_id = slot.meeting_id AND a.agency_id = slot.agency_id
  JOIN agency ag ON ag.id = m.agency_id
  GROUP BY m.body_id, m.agency_id, ag.name
  ORDER BY ag.name`;

export const SCENARIOS: Scenario[] = [
  {
    name: 'partnershipStatus',
    title: 'Board partnership status: members → agency, attendance over a year',
    hub: {
      query: `query BenchPartnershipStatus($id: ID!, $from: LocalDate!, $to: LocalDate!) {
        board(id: $id) {
          id name kind
          members { id role expectedToAttend representative agency { id name sector } }
          attendance(from: $from, to: $to) {
            meetingsHeld quorateMeetings overallRate threshold
            byAgency { agency { id name } expected attended apologies absent rate belowThreshold }
          }
          auditCycles { id name dueOn summary(asOf: $to) { invited submitted outstanding overdue fullyCompliant trends { improved sustained declined new } } }
        }
      }`,
      variables: (c, i) => ({ id: nth(c.ids.boards, i), from: c.from, to: c.to }),
    },
    postgraphile: {
      // No computed attendance: the client gets the year's HELD meetings and their registers to count itself.
      query: `query PgPartnershipStatus($id: UUID!) {
        boardById(id: $id) {
          id name kind
          membershipsByBoardId { nodes { id role expectedToAttend representative startsOn endsOn agencyByAgencyId { id name sector } } }
          meetingsByBoardId(condition: { status: HELD }, orderBy: [DATE_DESC], first: 12) {
            nodes { id date attendancesByMeetingId { nodes { agencyId status } } }
          }
        }
      }`,
      variables: (c, i) => ({ id: nth(c.ids.boards, i) }),
    },
    floor: { sql: ATTENDANCE_FLOOR_SQL, params: (c, i) => [[nth(c.ids.boards, i)], c.from, c.to] },
  },
  {
    name: 'agencyCrossBoard',
    title: 'Agency cross-board view: memberships → board, overdue actions',
    hub: {
      query: `query BenchAgencyCrossBoard($id: ID!, $asOf: LocalDate!) {
        agency(id: $id) {
          id name sector
          memberships { id role board { id name } subGroupId }
          actions(overdueOnly: true, asOf: $asOf) { id description dueOn status rag sourceType sourceLabel }
        }
      }`,
      variables: (c, i) => ({ id: nth(c.ids.crossBoardAgencies, i), asOf: c.asOf }),
    },
  },
  {
    name: 'boardMeetings',
    title: 'Board meetings(first: 12) → attendance → agency',
    hub: {
      query: `query BenchBoardMeetings($id: ID!) {
        board(id: $id) {
          id name
          meetings(first: 12) { nodes { id date title status attendance { status attendeeName agency { id name } } } }
        }
      }`,
      variables: (c, i) => ({ id: nth(c.ids.boards, i) }),
    },
    postgraphile: {
      query: `query PgBoardMeetings($id: UUID!) {
        boardById(id: $id) {
          id name
          meetingsByBoardId(first: 12, orderBy: [DATE_ASC, ID_ASC]) {
            nodes { id date title status attendancesByMeetingId { nodes { status attendeeName agencyByAgencyId { id name } } } }
          }
        }
      }`,
      variables: (c, i) => ({ id: nth(c.ids.boards, i) }),
    },
  },
];

SCENARIOS.push(
  {
    name: 'executiveSummary',
    title: 'executiveSummary for a year, with headlines',
    hub: {
      query: `query BenchExecutiveSummary($id: ID!, $from: LocalDate!, $to: LocalDate!) {
        executiveSummary(boardId: $id, from: $from, to: $to) {
          attendance { overallRate meetingsHeld quorateMeetings agenciesBelowThreshold { agency { name } rate } }
          section11 { cycle { name } invited submitted submissionRate fullyCompliant trends { improved sustained declined new } }
          adultsCompliance { cycle { name } invited submitted fullyCompliant }
          caseReviews { byStatus { status count } publishedInPeriod openActions overdueActions }
          businessPlan { plan { title } progress { percentComplete overdue } priorities { code title progress { red amber green percentComplete } } littleOrNoProgress }
          headlines
        }
      }`,
      variables: (c, i) => ({ id: nth(c.ids.boards, i), from: c.from, to: c.to }),
    },
  },
  {
    name: 'cycleCompliance',
    title: 'Audit cycle: summary and every return\'s compliance',
    hub: {
      query: `query BenchCycleCompliance($id: ID!) {
        auditCycle(id: $id) {
          id name summary { invited submitted fullyCompliant standards { code met partiallyMet notMet notApplicable } }
          returns { id status agency { name } compliance { applicable met partiallyMet notMet notApplicable percentMet rag } trend }
        }
      }`,
      variables: (c, i) => ({ id: nth(c.ids.latestCycles, i) }),
    },
    floor: { sql: COMPLIANCE_FLOOR_SQL, params: (c, i) => [nth(c.ids.latestCycles, i)] },
  },
  {
    name: 'saveAuditReturn',
    title: 'saveAuditReturn: two standards of a draft, compare-and-set on its revision',
    hub: {
      query: `mutation BenchSaveAuditReturn($i: SaveAuditReturnInput!) { saveAuditReturn(input: $i) { id revision status } }`,
      variables: saveVariables,
      onResponse: (body) => {
        const id = /"saveAuditReturn":\{"id":"([0-9a-f-]+)"/.exec(body)?.[1];
        if (id) inFlight.delete(id);
      },
    },
    exclusive: 'draftReturns',
    reset: () => {
      inFlight.clear();
      nextRevision.clear();
      cursor = 0;
    },
  },
);

/**
 * The scorecard's rows as one hand-written statement: each data set item's latest validated value on
 * or before the period end and the value of the quarter before it (no rules, benchmarks or summary).
 */
const SCORECARD_FLOOR_SQL = `SELECT d.indicator_id, c.value, p.value AS previous
  FROM data_set_item d
  LEFT JOIN LATERAL (SELECT o.* FROM observation o WHERE o.board_id = d.board_id AND o.indicator_id = d.indicator_id
    AND o.breakdown_dimension = '' AND o.status = 'VALIDATED' AND o.period_to <= $2 ORDER BY o.period_to DESC, o.period_from DESC LIMIT 1) c ON true
  LEFT JOIN LATERAL (SELECT o.value FROM observation o WHERE o.board_id = d.board_id AND o.indicator_id = d.indicator_id
    AND o.breakdown_dimension = '' AND o.status = 'VALIDATED' AND o.period_to = c.period_from - 1 LIMIT 1) p ON true
  WHERE d.board_id = $1 ORDER BY d.position`;

SCENARIOS.push({
  name: 'scorecard',
  title: 'scorecard for the last quarter: 60 indicators with previous, year end, benchmarks, RAG, summary, completeness',
  hub: {
    query: `query BenchScorecard($id: ID!, $end: LocalDate!) {
      scorecard(boardId: $id, periodEnd: $end) {
        rows { indicator { id key title } value previous yearEnd target england statNeighbours quartile directionOfTravel directionFromYearEnd rag exception publishedValue }
        summary { withNewData improved noChange declined red amber green exceptions sentence }
        completeness { agency { id name } due missing }
      }
    }`,
    variables: (c, i) => ({ id: nth(c.ids.boards, i), end: c.to }),
  },
  floor: { sql: SCORECARD_FLOOR_SQL, params: (c, i) => [nth(c.ids.boards, i), c.to] },
});

/** The stack's fixed cost: one board's own columns, nothing nested (what every request pays before its figures). */
SCENARIOS.push({
  name: 'boardRead',
  title: 'board(id) { id name kind }: the fixed cost of a request',
  hub: {
    query: `query BenchBoardRead($id: ID!) { board(id: $id) { id name kind } }`,
    variables: (c, i) => ({ id: nth(c.ids.boards, i) }),
  },
  postgraphile: {
    query: `query PgBoardRead($id: UUID!) { boardById(id: $id) { id name kind } }`,
    variables: (c, i) => ({ id: nth(c.ids.boards, i) }),
  },
});

export function operationName(query: string): string {
  const m = /^\s*(?:query|mutation)\s+(\w+)/.exec(query);
  if (!m) throw new Error(`A scenario query must name its operation: ${query.slice(0, 60)}`);
  return m[1];
}
