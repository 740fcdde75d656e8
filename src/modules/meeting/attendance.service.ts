import { DataSource } from 'typeorm';
import { AgencyAttendance, AttendanceSummary, MeetingQuorum } from './attendance.types';
import { eqAny, ident, query, Queryable, sql, Sql } from '../../database/sql';
import { attendedSql, convenedSql, decisionQuorateSql, quorateSql, seatAttendanceSql } from '../../rules/meetings';
import { activeDuringSql, activeOnSql, col, partnerGroupSql } from '../../rules/membership';

export interface DecisionQuorum {
  meetingId: string;
  /** A children's partnership meeting (or a joint board with safeguarding partners): decision quorum applies. */
  partnership: boolean;
  groupsPresent: string[];
  decisionQuorate: boolean;
}

export type BodyKind = 'board' | 'subGroup';

const BODY = {
  board: { column: ident('board_id'), table: ident('board') },
  subGroup: { column: ident('sub_group_id'), table: ident('sub_group') },
} as const;

/**
 * Attendance and quorum, computed in SQL over many bodies at once (the loaders batch them).
 * The rules are DOMAIN.md's: only HELD meetings in the period count; an agency is expected when its
 * membership is active on the meeting date and expected to attend; a missing record counts as ABSENT.
 */
export class AttendanceService {
  constructor(private readonly ds: DataSource) {}

  async summaries(kind: BodyKind, bodyIds: string[], from: string, to: string): Promise<Map<string, AttendanceSummary>> {
    const [row] = await query<AttendanceRow>(this.ds, attendanceSql(kind, bodyIds, from, to));
    return attendanceSummaries(row, bodyIds);
  }

  /**
   * The statement behind summaries(): one row of JSON columns (AttendanceRow). The look-ahead of a
   * board read (src/lookahead.ts) nests it in its own statement and reads it with attendanceSummaries.
   */
  attendanceSql(kind: BodyKind, bodyIds: string[], from: string, to: string, parts: AttendanceParts = 'all'): Sql {
    return attendanceSql(kind, bodyIds, from, to, parts);
  }

  attendanceSummaries(row: AttendanceRow, bodyIds: string[]): Map<string, AttendanceSummary> {
    return attendanceSummaries(row, bodyIds);
  }

  /**
   * Decision quorum of single meetings (arrangements.md, src/rules/meetings.ts): the partner groups
   * (local authority, ICB, police) with a person PRESENT as member or deputy who is a named
   * representative or deputy of the agency's SAFEGUARDING_PARTNER seat, or its lead or delegated
   * safeguarding partner in office on the day.
   */
  async decisionQuorumOf(meetingIds: string[], db: Queryable = this.ds): Promise<Map<string, DecisionQuorum>> {
    const rows = await query<{ meeting_id: string; partnership: boolean; groups: string[]; decision_quorate: boolean }>(
      db,
      sql`SELECT x.meeting_id, x.partnership, x.groups, ${decisionQuorateSql(sql`x.groups`)} AS decision_quorate FROM (
        SELECT m.id AS meeting_id,
          coalesce(b.kind = 'SAFEGUARDING_CHILDREN_PARTNERSHIP'
            OR (b.kind = 'JOINT' AND EXISTS (SELECT 1 FROM membership sp WHERE sp.board_id = b.id AND sp.role = 'SAFEGUARDING_PARTNER')), false) AS partnership,
          coalesce((SELECT array_agg(DISTINCT ${partnerGroupSql(sql`ag.sector`)})
            FROM register_entry r
            JOIN agency ag ON ag.id = r.agency_id
            JOIN membership s ON s.agency_id = r.agency_id AND s.role = 'SAFEGUARDING_PARTNER'
              AND (s.board_id = m.board_id OR s.sub_group_id = m.sub_group_id) AND ${activeOnSql('s', col('m.date'))}
            WHERE r.meeting_id = m.id AND ${seatAttendanceSql('r')}
              AND (lower(r.person_name) IN (SELECT lower(x) FROM unnest(s.representatives || s.deputies) AS x)
                OR EXISTS (SELECT 1 FROM office_holder o WHERE o.board_id = m.board_id AND o.agency_id = r.agency_id
                  AND o.role IN ('LEAD_SAFEGUARDING_PARTNER', 'DELEGATED_SAFEGUARDING_PARTNER')
                  AND ${activeOnSql('o', col('m.date'))} AND lower(o.person_name) = lower(r.person_name)))), '{}') AS groups
        FROM meeting m LEFT JOIN board b ON b.id = m.board_id
        WHERE m.id = ANY(${meetingIds}::uuid[])) x`,
    );
    return new Map(rows.map((r) => [r.meeting_id, { meetingId: r.meeting_id, partnership: r.partnership, groupsPresent: r.groups, decisionQuorate: r.decision_quorate }]));
  }

  /** Quorum of individual meetings (null-free: a meeting not HELD is reported not quorate). */
  async quorumOf(meetingIds: string[], db: Queryable = this.ds): Promise<Map<string, MeetingQuorum>> {
    const rows = await query(db, quorumSql(meetingIds));
    return new Map(rows.map((r: any) => [r.meeting_id, { meetingId: r.meeting_id, attending: r.attending, quorate: r.quorate }]));
  }
}

/**
 * Quorum of single meetings: attending member agencies (active, expected-to-attend seats on the
 * meeting date) against the body's rule, decided by the same quorateSql as the summaries.
 */
function quorumSql(meetingIds: string[]): Sql {
  const attending = sql`count(DISTINCT a.agency_id)`;
  return sql`SELECT m.id AS meeting_id, coalesce(m.board_id, m.sub_group_id) AS body_id,
         ${attending}::int AS attending,
         (m.status = 'HELD' AND ${quorateSql({
           attending,
           sectorsPresent: sql`coalesce(array_agg(DISTINCT ag.sector::text) FILTER (WHERE ag.id IS NOT NULL), '{}')`,
           minimum: sql`coalesce(b.quorum_minimum, sg.quorum_minimum)`,
           required: sql`coalesce(b.quorum_sectors, sg.quorum_sectors)`,
         })}) AS quorate
       FROM meeting m
       LEFT JOIN board b ON b.id = m.board_id
       LEFT JOIN sub_group sg ON sg.id = m.sub_group_id
       LEFT JOIN attendance a ON a.meeting_id = m.id AND ${attendedSql('a')}
         AND EXISTS (SELECT 1 FROM membership s
           WHERE s.agency_id = a.agency_id AND s.expected_to_attend
             AND (s.board_id = m.board_id OR s.sub_group_id = m.sub_group_id)
             AND ${activeOnSql('s', col('m.date'))})
       LEFT JOIN agency ag ON ag.id = a.agency_id
       WHERE m.id = ANY(${meetingIds}::uuid[])
       GROUP BY m.id, b.quorum_minimum, b.quorum_sectors, sg.quorum_minimum, sg.quorum_sectors`;
}

/** A by_agency row of attendanceSql: body, agency, expected, attended, deputies, apologies, absent. */
type SlotRow = [string, string, number, number, number, number, number];
/** A quorum row of attendanceSql: body, meeting status, quorate. */
type QuorumRow = [string, string, boolean];

export interface AttendanceRow {
  slots: SlotRow[];
  quorum: QuorumRow[];
  people: any[];
  attendees: any[];
  decisions: any[];
  bodies: { id: string; threshold: number }[];
}

/**
 * 'agencies': the per-agency figures, quorum and thresholds only; people, head counts and decisions
 * come back empty and PostgreSQL never reads the person registers or decisions (the executive summary
 * and yearly report show none of them).
 */
export type AttendanceParts = 'all' | 'agencies';

/** The AttendanceSummary fields the 'agencies' part answers in full; every other field needs 'all'. */
export const AGENCY_PART_FIELDS: ReadonlySet<string> = new Set(['meetingsHeld', 'meetingsConvened', 'quorateMeetings', 'overallRate', 'threshold', 'byAgency', '__typename']);

function attendanceSql(kind: BodyKind, bodyIds: string[], from: string, to: string, parts: AttendanceParts = 'all'): Sql {
  const { column, table } = BODY[kind];
  const ids = eqAny(bodyIds);
  // One statement for the parts (per-agency figures, quorum per meeting, people, thresholds): each
  // round trip to PostgreSQL costs more than the JSON it takes to bundle them.
  return sql`WITH body AS (
         SELECT t.id, t.quorum_minimum, t.quorum_sectors, t.attendance_threshold FROM ${table} t WHERE t.id ${ids}
       ), held AS (
         -- Convened meetings (HELD or ADJOURNED): their registers count towards attendance.
         SELECT m.id, m.date, m.status, m.${column} AS body_id FROM meeting m
         WHERE m.${column} ${ids} AND ${convenedSql('m')} AND m.date BETWEEN ${from}::date AND ${to}::date
       ), seat AS (
         -- The seat holders by the body's index, each agency's name and sector looked up by its key:
         -- a plain join is planned as a hash over every agency (3,000 nationally) to name a couple of
         -- dozen; OFFSET 0 keeps the lateral lookup a lookup.
         SELECT m.${column} AS body_id, m.agency_id, m.starts_on, m.ends_on, m.expected_to_attend, m.representatives, ag.name, ag.sector
         FROM membership m CROSS JOIN LATERAL (SELECT a.name, a.sector FROM agency a WHERE a.id = m.agency_id OFFSET 0) ag
         WHERE m.${column} ${ids} AND ${activeDuringSql('m', from, to)}
       ), record AS MATERIALIZED (
         -- The convened meetings' attendance records, read once by meeting and hashed: looked up one
         -- slot at a time, a year of a board was 240 index probes (issue 17: 0.2 ms of 1.0).
         SELECT a.meeting_id, a.agency_id, a.status FROM attendance a WHERE a.meeting_id IN (SELECT id FROM held)
       ), slot AS (
         -- Each expected seat at each convened meeting with the agency's record on its register: the
         -- one read of the attendance registers, which both the tally and quorum count from. An
         -- agency holds at most one seat of a body on any day (membership_*_seat_excl), so each
         -- agency and meeting comes once without a DISTINCT (its sort was a tenth of the statement).
         SELECT x.body_id, x.agency_id, x.sector, x.meeting_id, x.meeting_status, a.status
         FROM (SELECT s.body_id, s.agency_id, s.sector, h.id AS meeting_id, h.status AS meeting_status
               FROM seat s JOIN held h ON h.body_id = s.body_id AND s.expected_to_attend AND ${activeOnSql('s', col('h.date'))}) x
         LEFT JOIN record a ON a.meeting_id = x.meeting_id AND a.agency_id = x.agency_id
       ), tally AS (
         SELECT x.body_id, x.agency_id,
           count(*)::int AS expected,
           count(*) FILTER (WHERE ${attendedSql('x')})::int AS attended,
           count(*) FILTER (WHERE x.status = 'DEPUTY')::int AS deputies,
           count(*) FILTER (WHERE x.status = 'APOLOGIES')::int AS apologies,
           count(*) FILTER (WHERE x.status IS NULL OR x.status = 'ABSENT')::int AS absent
         FROM slot x
         GROUP BY x.body_id, x.agency_id
       ), by_agency AS (
         -- Every seat holder in the period appears, with zeros when no meeting expected it.
         SELECT m.body_id, m.agency_id, m.name,
           coalesce(t.expected, 0) AS expected, coalesce(t.attended, 0) AS attended, coalesce(t.deputies, 0) AS deputies,
           coalesce(t.apologies, 0) AS apologies, coalesce(t.absent, 0) AS absent
         FROM (SELECT DISTINCT body_id, agency_id, name FROM seat) m
         LEFT JOIN tally t ON t.body_id = m.body_id AND t.agency_id = m.agency_id
       ), present AS (
         -- Per HELD meeting: the member agencies attending and their sectors (a slot is one agency at one meeting).
         SELECT x.meeting_id, count(*) FILTER (WHERE ${attendedSql('x')})::int AS attending,
           coalesce(array_agg(x.sector::text) FILTER (WHERE ${attendedSql('x')}), '{}') AS sectors
         FROM slot x WHERE x.meeting_status = 'HELD' GROUP BY x.meeting_id
       ), quorum AS (
         -- The slots are exactly the seats that count towards quorum (active, expected), so quorum
         -- reads off them rather than re-checking memberships per record.
         SELECT h.id AS meeting_id, h.body_id, h.status, coalesce(p.attending, 0) AS attending,
           ${quorateSql({
             attending: sql`coalesce(p.attending, 0)`,
             sectorsPresent: sql`coalesce(p.sectors, '{}')`,
             minimum: sql`b.quorum_minimum`,
             required: sql`b.quorum_sectors`,
           })} AS quorate
         FROM held h
         JOIN body b ON b.id = h.body_id
         LEFT JOIN present p ON p.meeting_id = h.id
       ), reg AS (
         -- The person registers of the convened meetings, read once for the people and the head counts.
         SELECT r.id, r.meeting_id, r.agency_id, lower(r.person_name) AS person_key, r.capacity, r.status, r.mode
         FROM register_entry r WHERE r.meeting_id IN (SELECT id FROM held)
       ), reg_person AS (
         SELECT r.meeting_id, r.agency_id, r.person_key,
           bool_or(${seatAttendanceSql('r')}) AS attended, bool_or(r.status = 'APOLOGIES') AS apologies
         FROM reg r GROUP BY r.meeting_id, r.agency_id, r.person_key
       ), person_slot AS (
         -- arrangements.md: each named representative of an active, expected seat is expected.
         SELECT DISTINCT s.body_id, s.agency_id, lower(p.name) AS person_key, h.id AS meeting_id
         FROM seat s CROSS JOIN LATERAL unnest(s.representatives) AS p(name)
         JOIN held h ON h.body_id = s.body_id AND s.expected_to_attend AND ${activeOnSql('s', col('h.date'))}
       ), person_tally AS (
         SELECT ps.body_id, ps.agency_id, ps.person_key, count(*)::int AS expected,
           count(*) FILTER (WHERE rp.attended)::int AS attended,
           count(*) FILTER (WHERE rp.apologies)::int AS apologies
         FROM person_slot ps
         LEFT JOIN reg_person rp ON rp.meeting_id = ps.meeting_id AND rp.agency_id = ps.agency_id AND rp.person_key = ps.person_key
         GROUP BY ps.body_id, ps.agency_id, ps.person_key
       ), by_person AS (
         SELECT p.body_id, p.agency_id, p.person_key, min(p.name) AS name,
           coalesce(max(t.expected), 0) AS expected, coalesce(max(t.attended), 0) AS attended, coalesce(max(t.apologies), 0) AS apologies
         FROM (SELECT s.body_id, s.agency_id, lower(n.name) AS person_key, n.name FROM seat s CROSS JOIN LATERAL unnest(s.representatives) AS n(name)) p
         LEFT JOIN person_tally t ON t.body_id = p.body_id AND t.agency_id = p.agency_id AND t.person_key = p.person_key
         GROUP BY p.body_id, p.agency_id, p.person_key
       ), attendees AS (
         SELECT h.id AS meeting_id, h.body_id, h.date, h.status,
           count(r.id) FILTER (WHERE r.status = 'PRESENT')::int AS present,
           count(r.id) FILTER (WHERE r.status = 'PRESENT' AND r.capacity = 'MEMBER')::int AS members,
           count(r.id) FILTER (WHERE r.status = 'PRESENT' AND r.capacity = 'DEPUTY')::int AS deputies,
           count(r.id) FILTER (WHERE r.status = 'PRESENT' AND r.capacity = 'IN_ATTENDANCE')::int AS in_attendance,
           count(r.id) FILTER (WHERE r.status = 'PRESENT' AND r.capacity = 'OBSERVER')::int AS observers,
           count(r.id) FILTER (WHERE r.status = 'PRESENT' AND r.mode = 'VIRTUAL')::int AS virtual,
           count(r.id) FILTER (WHERE r.status = 'APOLOGIES')::int AS apologies
         FROM held h LEFT JOIN reg r ON r.meeting_id = h.id
         GROUP BY h.id, h.body_id, h.date, h.status
       ), decisions AS (
         SELECT h.body_id, count(d.id)::int AS decisions, count(d.id) FILTER (WHERE NOT d.decision_quorate)::int AS without_quorum
         FROM held h JOIN decision d ON d.meeting_id = h.id GROUP BY h.body_id)
       SELECT
         -- The two parts every read has, as arrays (SlotRow, QuorumRow): a JSON object's keys cost
         -- PostgreSQL more to build than the figures, and Node more to parse.
         (SELECT coalesce(json_agg(json_build_array(b.body_id, b.agency_id, b.expected, b.attended, b.deputies, b.apologies, b.absent) ORDER BY b.name, b.agency_id), '[]') FROM by_agency b) AS slots,
         (SELECT coalesce(json_agg(json_build_array(q.body_id, q.status, q.quorate)), '[]') FROM quorum q) AS quorum,
         ${parts === 'all' ? sql`(SELECT coalesce(json_agg(p ORDER BY p.name, p.agency_id), '[]') FROM by_person p)` : sql`'[]'::json`} AS people,
         ${parts === 'all' ? sql`(SELECT coalesce(json_agg(a ORDER BY a.date, a.meeting_id), '[]') FROM attendees a)` : sql`'[]'::json`} AS attendees,
         ${parts === 'all' ? sql`(SELECT coalesce(json_agg(d), '[]') FROM decisions d)` : sql`'[]'::json`} AS decisions,
         (SELECT coalesce(json_agg(json_build_object('id', t.id, 'threshold', t.attendance_threshold::float8)), '[]') FROM body t) AS bodies`;
}

/** Reads attendanceSql's row: the figures of each body, every body present (zeros when it had no meeting). */
function attendanceSummaries(row: AttendanceRow, bodyIds: string[]): Map<string, AttendanceSummary> {
  const { slots, quorum, bodies, people, attendees, decisions } = row;
  const thresholds = new Map<string, number>(bodies.map((b: any) => [b.id, b.threshold]));
  const out = new Map<string, AttendanceSummary>();
  for (const id of bodyIds) {
    out.set(id, {
      meetingsHeld: 0, meetingsConvened: 0, quorateMeetings: 0, overallRate: null, threshold: thresholds.get(id) ?? 0.75, byAgency: [],
      byPerson: [], overallPersonRate: null, attendeesPerMeeting: [], decisions: 0, decisionsWithoutQuorum: 0,
    });
  }
  for (const [bodyId, status, quorate] of quorum) {
    const s = out.get(bodyId)!;
    s.meetingsConvened += 1;
    if (status === 'HELD') s.meetingsHeld += 1;
    if (quorate && status === 'HELD') s.quorateMeetings += 1;
  }
  const personTotals = new Map<string, { expected: number; attended: number }>();
  for (const p of people) {
    const s = out.get(p.body_id)!;
    const rate = p.expected === 0 ? null : p.attended / p.expected;
    s.byPerson.push({ name: p.name, agencyId: p.agency_id, expected: p.expected, attended: p.attended, apologies: p.apologies, rate, belowThreshold: rate !== null && rate < s.threshold });
    const t = personTotals.get(p.body_id) ?? { expected: 0, attended: 0 };
    t.expected += p.expected;
    t.attended += p.attended;
    personTotals.set(p.body_id, t);
  }
  for (const [id, t] of personTotals) out.get(id)!.overallPersonRate = t.expected === 0 ? null : t.attended / t.expected;
  for (const a of attendees) {
    out.get(a.body_id)!.attendeesPerMeeting.push({
      meetingId: a.meeting_id, date: a.date, status: a.status, present: a.present, members: a.members, deputies: a.deputies,
      inAttendance: a.in_attendance, observers: a.observers, virtual: a.virtual, apologies: a.apologies,
    });
  }
  for (const d of decisions) Object.assign(out.get(d.body_id)!, { decisions: d.decisions, decisionsWithoutQuorum: d.without_quorum });
  const totals = new Map<string, { expected: number; attended: number }>();
  for (const [bodyId, agencyId, expected, attended, deputies, apologies, absent] of slots) {
    const s = out.get(bodyId)!;
    const rate = expected === 0 ? null : attended / expected;
    const row: AgencyAttendance = { agencyId, expected, attended, deputies, apologies, absent, rate, belowThreshold: rate !== null && rate < s.threshold };
    s.byAgency.push(row);
    const t = totals.get(bodyId) ?? { expected: 0, attended: 0 };
    t.expected += expected;
    t.attended += attended;
    totals.set(bodyId, t);
  }
  for (const [id, t] of totals) out.get(id)!.overallRate = t.expected === 0 ? null : t.attended / t.expected;
  return out;
}
