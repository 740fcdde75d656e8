import {
  FieldNode,
  getArgumentValues,
  getNamedType,
  GraphQLField,
  GraphQLObjectType,
  GraphQLResolveInfo,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { DataSource } from 'typeorm';
import { AuthUser } from './access/access';
import { isIsoDate } from './common/scalars';
import { setPrefetched } from './common/prefetched';
import { isUuid } from './common/validation';
import { hydrate, JsonRow, rowJson } from './database/hydrate';
import { join, query, sql, Sql } from './database/sql';
import { byIdTemplate, Statement } from './database/statement-template';
import { Loaders } from './loaders';
import { Agency } from './modules/agency/agency.entity';
import { AuditCycle } from './modules/audit/audit-cycle.entity';
import { Board } from './modules/board/board.entity';
import { AGENCY_PART_FIELDS, AttendanceParts, AttendanceRow } from './modules/meeting/attendance.service';
import { Attendance, Meeting } from './modules/meeting/meeting.entity';
import { MeetingPageArgs } from './modules/meeting/meeting.service';
import { Membership } from './modules/membership/membership.entity';
import { membershipOrder } from './modules/membership/membership.loaders';
import { Services } from './services';

/**
 * Look-ahead for the hot nested reads (issue 17). A `board(id)` read looks at its selection set
 * before its fields resolve: the subtrees it knows (members → agency, attendance(from, to),
 * auditCycles → summary(asOf), meetings(first) → nodes → attendance → agency) are fetched in ONE statement whose JSON PostgreSQL builds, and the
 * rows are handed to the request's DataLoaders (primed) under the keys the field resolvers ask for.
 * The resolvers then run as always and find their rows loaded; any other shape, or a part of one
 * this does not know, falls back to the loaders' own statements.
 *
 * Access is unchanged: the primed rows are exactly what the loaders would have read, and the read
 * guard (src/access/guard.ts) still decides every object a field returns, whichever path loaded it;
 * the board itself is still checked by BoardService.get. Nothing is fetched for an anonymous request.
 */
export function createLookahead(ds: DataSource, services: Services, loaders: Loaders, user: AuthUser | null) {
  return {
    /** Prefetches what the selection asks for under the board; the board row, or undefined when nothing was looked ahead. */
    async board(id: string, info: GraphQLResolveInfo): Promise<Board | null | undefined> {
      if (!user || !isUuid(id)) return undefined;
      const boardType = getNamedType(info.returnType) as GraphQLObjectType;
      const fields = childFields(info, info.fieldNodes, boardType.name);
      const members = fields.filter((f) => f.name.value === 'members');
      const memberAgencies = members.length > 0 && childFields(info, members, 'Membership').some((f) => f.name.value === 'agency');

      const periods = known(fields.filter((f) => f.name.value === 'attendance').map((f) => args<{ from: string; to: string }>(boardType.getFields().attendance, f, info)));
      // One period only (the common case); a period the resolver would refuse is left to it.
      const period = periods.length === 1 && isIsoDate(periods[0].from) && isIsoDate(periods[0].to) && periods[0].from <= periods[0].to ? periods[0] : null;

      const cycleNodes = fields.filter((f) => f.name.value === 'auditCycles');
      const cycleType = info.schema.getType('AuditCycle') as GraphQLObjectType;
      const asOfs = known(
        childFields(info, cycleNodes, 'AuditCycle')
          .filter((f) => f.name.value === 'summary')
          .map((f) => args<{ asOf?: string | null }>(cycleType.getFields().summary, f, info))
          .map((a) => a && (a.asOf ?? services.clock.today())),
      );
      const asOf = asOfs.length === 1 && isIsoDate(asOfs[0]) ? asOfs[0] : null;
      // meetings(first) -> nodes -> attendance -> agency: the page as MeetingService.pagesFor picks it.
      const meetingNodes = fields.filter((f) => f.name.value === 'meetings');
      const pages = known(meetingNodes.map((f) => args<PageArgs>(boardType.getFields().meetings, f, info)));
      // A first page of a sensible size only: a cursor, or a size the limits refuse, goes to the loaders.
      const pageArgs = pages.length === 1 && !pages[0].after && pages[0].first >= 0 && pages[0].first <= 100 ? pages[0] : null;
      const pageKey = pageArgs && { first: pageArgs.first, after: pageArgs.after, from: pageArgs.from, to: pageArgs.to };
      const registerNodes = childFields(info, childFields(info, meetingNodes, 'MeetingConnection').filter((f) => f.name.value === 'nodes'), 'Meeting').filter(
        (f) => f.name.value === 'attendance',
      );
      const registerAgencies = childFields(info, registerNodes, 'Attendance').some((f) => f.name.value === 'agency');
      const plan: Plan = {
        members: members.length > 0,
        memberAgencies,
        period,
        attendanceParts: attendancePartsOf(info),
        cycles: cycleNodes.length > 0,
        asOf,
        page: pageKey && { first: pageKey.first, from: pageKey.from ?? null, to: pageKey.to ?? null },
        registers: registerNodes.length > 0,
        registerAgencies,
      };
      // The board alone too: this one plain statement is cheaper than a repository find of it.
      const [row] = await query<LookaheadRow>(ds, statementFor(ds, services)(id, JSON.stringify(plan)));
      if (!row.board) return null;
      const board = hydrate(ds, Board, row.board);
      loaders.boardById.prime(id, board);
      // Each object's argument-free edges are set on it as well (src/common/prefetched.ts): the
      // field then answers without its resolver, loader and promises, the guard still deciding.
      const agencies = agencyMap(ds, loaders, row.agencies);
      if (row.members) {
        const members = row.members.map((m) => hydrate(ds, Membership, m));
        if (agencies) for (const m of members) edge(m, 'agency', agencies.get(m.agencyId));
        loaders.membershipsByBoard.prime(id, members);
      }
      if (period && row.attendance) {
        const summary = services.attendance.attendanceSummaries(row.attendance, [id]).get(id)!;
        if (agencies) for (const a of summary.byAgency) edge(a, 'agency', agencies.get(a.agencyId));
        loaders.boardAttendance.prime({ id, args: { from: period.from, to: period.to } }, summary);
      }
      if (row.cycles) {
        const cycles = row.cycles.map((c) => hydrate(ds, AuditCycle, c));
        loaders.auditCyclesByBoard.prime(id, cycles);
        for (const c of cycles) loaders.auditCycleById.prime(c.id, c);
        if (asOf && row.summaries) {
          const summaries = services.audit.compliance.toSummaries(row.summaries);
          for (const c of cycles) loaders.summaryByCycle.prime({ id: c.id, args: asOf }, summaries.get(c.id) ?? null);
        }
      }
      if (pageKey && row.meetings) {
        const meetings = row.meetings.map((m) => hydrate(ds, Meeting, m));
        loaders.meetingsByBoard.prime({ id, args: pageKey as MeetingPageArgs }, services.meeting.toPages('board_id', [id], pageKey as MeetingPageArgs, meetings).get(id)!);
        for (const m of meetings) loaders.meetingById.prime(m.id, m);
        const registerAgencies = agencyMap(ds, loaders, row.register_agencies);
        if (row.registers) {
          const byMeeting = new Map<string, Attendance[]>(meetings.map((m) => [m.id, []]));
          for (const r of row.registers) {
            const a = hydrate(ds, Attendance, r);
            if (registerAgencies) edge(a, 'agency', registerAgencies.get(a.agencyId));
            byMeeting.get(a.meetingId)?.push(a);
          }
          for (const m of meetings) edge(m, 'attendance', byMeeting.get(m.id));
          for (const [meetingId, registers] of byMeeting) loaders.attendanceByMeeting.prime(meetingId, registers);
        }
      }
      return board;
    },
  };
}

/** What a board read's selection asks the look-ahead for (its arguments already checked). */
interface Plan {
  members: boolean;
  memberAgencies: boolean;
  period: { from: string; to: string } | null;
  /** 'agencies' when no field of the operation needs the people, head counts or decisions. */
  attendanceParts: AttendanceParts;
  cycles: boolean;
  asOf: string | null;
  page: { first: number; from: string | null; to: string | null } | null;
  registers: boolean;
  registerAgencies: boolean;
}

/**
 * The look-ahead's statement for a plan, built once per plan (and app) and filled in with the board
 * (byIdTemplate): its text (10 to 15 thousand characters with attendance and cycle summaries) was
 * built from a dozen fragments and hashed for its prepared statement's name on every request.
 */
const statements = new WeakMap<Services, (id: string, plan: string) => Statement>();
function statementFor(ds: DataSource, services: Services): (id: string, plan: string) => Statement {
  let made = statements.get(services);
  if (!made) {
    made = byIdTemplate((id: string, planText: string) => lookaheadSql(ds, services, id, JSON.parse(planText) as Plan), 64);
    statements.set(services, made);
  }
  return made;
}

function lookaheadSql(ds: DataSource, services: Services, id: string, plan: Plan): Sql {
  const parts: Sql[] = [sql`(SELECT ${rowJson(ds, Board, 'b')} FROM board b WHERE b.id = ${id}::uuid) AS board`];
  if (plan.members) {
    parts.push(sql`(SELECT coalesce(json_agg(${rowJson(ds, Membership, 'm')} ORDER BY ${membershipOrder('m')}), '[]'::json) FROM membership m WHERE m.board_id = ${id}::uuid) AS members`);
  }
  if (plan.memberAgencies) {
    parts.push(sql`${services.agency.rowsSql(sql`SELECT DISTINCT m.agency_id FROM membership m WHERE m.board_id = ${id}::uuid`)} AS agencies`);
  }
  if (plan.period) parts.push(sql`(SELECT row_to_json(x) FROM (${services.attendance.attendanceSql('board', [id], plan.period.from, plan.period.to, plan.attendanceParts)}) x) AS attendance`);
  // The board's cycles as AuditCycleService.forBoards picks and orders them.
  const ofBoard = sql`c.board_ids && ARRAY[${id}::uuid]`;
  if (plan.cycles) {
    parts.push(sql`(SELECT coalesce(json_agg(${rowJson(ds, AuditCycle, 'c')} ORDER BY c.opens_on DESC, c.created_at DESC), '[]'::json) FROM audit_cycle c WHERE ${ofBoard}) AS cycles`);
    if (plan.asOf) parts.push(sql`(SELECT coalesce(json_agg(x), '[]'::json) FROM (${services.audit.compliance.summariesSql(ofBoard, plan.asOf)}) x) AS summaries`);
  }
  let ctes = sql``;
  if (plan.page) {
    ctes = sql`WITH page AS (${services.meeting.pageIdsSql('board_id', [id], { first: plan.page.first, from: plan.page.from ?? undefined, to: plan.page.to ?? undefined })}) `;
    parts.push(sql`(SELECT coalesce(json_agg(${rowJson(ds, Meeting, 'm')} ORDER BY m.date, m.id), '[]'::json) FROM meeting m WHERE m.id IN (SELECT id FROM page)) AS meetings`);
    if (plan.registers) {
      // In the order the heap holds them, as the loader's unordered read of a meeting's rows returns them.
      parts.push(sql`(SELECT coalesce(json_agg(${rowJson(ds, Attendance, 'a')} ORDER BY a.ctid), '[]'::json) FROM attendance a WHERE a.meeting_id IN (SELECT id FROM page)) AS registers`);
    }
    if (plan.registerAgencies) {
      parts.push(sql`${services.agency.rowsSql(sql`SELECT DISTINCT a.agency_id FROM attendance a WHERE a.meeting_id IN (SELECT id FROM page)`)} AS register_agencies`);
    }
  }
  return sql`${ctes}SELECT ${join(parts, ', ')}`;
}

interface PageArgs {
  first: number;
  after?: string | null;
  from?: string | null;
  to?: string | null;
}

export type Lookahead = ReturnType<typeof createLookahead>;

interface LookaheadRow {
  board: JsonRow | null;
  members?: JsonRow[];
  agencies?: JsonRow[];
  attendance?: AttendanceRow;
  cycles?: JsonRow[];
  summaries?: any[];
  meetings?: JsonRow[];
  registers?: JsonRow[];
  register_agencies?: JsonRow[];
}

/** Agencies read ahead, primed into the by-id loader and by id for the edges; undefined when none were read. */
function agencyMap(ds: DataSource, loaders: Loaders, rows: JsonRow[] | undefined): Map<string, Agency> | undefined {
  if (!rows) return undefined;
  const map = new Map<string, Agency>();
  for (const r of rows) {
    const a = hydrate(ds, Agency, r);
    map.set(a.id, a);
    loaders.agencyById.prime(a.id, a);
  }
  return map;
}

/** An edge only when it was read: a missing one is left to the resolver. */
function edge(target: object, field: string, value: unknown): void {
  if (value !== undefined) setPrefetched(target, field, value);
}

/**
 * Which parts of attendance a board read's look-ahead computes. The summary it primes answers every
 * read of the same board and period in the request, whatever the path (another root field, an
 * alias), so 'agencies' only when no field anywhere in the operation is one that part leaves
 * empty (people, head counts, decisions: a fifth of the attendance statement's time). Worked out
 * once per parsed document.
 */
const partsByOperation = new WeakMap<OperationDefinitionNode, AttendanceParts>();
function attendancePartsOf(info: GraphQLResolveInfo): AttendanceParts {
  let parts = partsByOperation.get(info.operation);
  if (!parts) {
    const summary = info.schema.getType('AttendanceSummary') as GraphQLObjectType;
    const fuller = Object.keys(summary.getFields()).filter((f) => !AGENCY_PART_FIELDS.has(f));
    const named = new Set<string>();
    const walk = (set: SelectionSetNode | undefined) => {
      for (const s of set?.selections ?? []) {
        if (s.kind === Kind.FIELD) named.add(s.name.value);
        if (s.kind !== Kind.FRAGMENT_SPREAD) walk(s.selectionSet);
      }
    };
    walk(info.operation.selectionSet);
    for (const f of Object.values(info.fragments)) walk(f.selectionSet);
    parts = fuller.some((f) => named.has(f)) ? 'all' : 'agencies';
    partsByOperation.set(info.operation, parts);
  }
  return parts;
}

/** The fields selected under some field nodes, through fragments on the given type (or on none). */
function childFields(info: GraphQLResolveInfo, nodes: readonly FieldNode[], typeName: string): FieldNode[] {
  const out: FieldNode[] = [];
  const walk = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) out.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (!s.typeCondition || s.typeCondition.name.value === typeName) walk(s.selectionSet);
      } else {
        const fragment = info.fragments[s.name.value];
        if (fragment && fragment.typeCondition.name.value === typeName) walk(fragment.selectionSet);
      }
    }
  };
  for (const n of nodes) walk(n.selectionSet);
  return out;
}

/** A field's arguments as its resolver receives them (variables and defaults applied); null when they do not coerce (the resolver's own error then answers). */
function args<T>(field: GraphQLField<unknown, unknown>, node: FieldNode, info: GraphQLResolveInfo): T | null {
  try {
    return getArgumentValues(field, node, info.variableValues) as T;
  } catch {
    return null;
  }
}

/** The distinct argument sets of some nodes; none when any of them is unknown, so that part is left to the loaders. */
function known<T>(values: (T | null)[]): T[] {
  if (values.some((v) => v === null)) return [];
  const seen = new Map(values.map((v) => [JSON.stringify(v), v as T]));
  return [...seen.values()];
}
