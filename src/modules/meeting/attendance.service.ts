import { DataSource } from 'typeorm';
import { AgencyAttendance, AttendanceSummary, MeetingQuorum } from './attendance.types';
import { ident, query, Queryable, sql, Sql } from '../../database/sql';
import { attendedSql, quorateSql } from '../../rules/meetings';
import { activeDuringSql, activeOnSql, col } from '../../rules/membership';

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
    const { column, table } = BODY[kind];
    // One statement for the three parts (per-agency figures, quorum per meeting, thresholds): each
    // round trip to PostgreSQL costs more than the JSON it takes to bundle them.
    const [row] = await query<{ slots: any[]; quorum: any[]; bodies: { id: string; threshold: number }[] }>(
      this.ds,
      sql`WITH held AS (
         SELECT id, date, ${column} AS body_id FROM meeting
         WHERE ${column} = ANY(${bodyIds}::uuid[]) AND status = 'HELD' AND date BETWEEN ${from}::date AND ${to}::date
       ), seat AS (
         SELECT ${column} AS body_id, agency_id, starts_on, ends_on, expected_to_attend FROM membership m
         WHERE ${column} = ANY(${bodyIds}::uuid[]) AND ${activeDuringSql('m', from, to)}
       ), slot AS (
         SELECT DISTINCT s.body_id, s.agency_id, h.id AS meeting_id
         FROM seat s JOIN held h ON h.body_id = s.body_id AND s.expected_to_attend AND ${activeOnSql('s', col('h.date'))}
       ), tally AS (
         SELECT slot.body_id, slot.agency_id,
           count(*)::int AS expected,
           count(*) FILTER (WHERE ${attendedSql('a')})::int AS attended,
           count(*) FILTER (WHERE a.status = 'DEPUTY')::int AS deputies,
           count(*) FILTER (WHERE a.status = 'APOLOGIES')::int AS apologies,
           count(*) FILTER (WHERE a.status IS NULL OR a.status = 'ABSENT')::int AS absent
         FROM slot LEFT JOIN attendance a ON a.meeting_id = slot.meeting_id AND a.agency_id = slot.agency_id
         GROUP BY slot.body_id, slot.agency_id
       ), by_agency AS (
         -- Every seat holder in the period appears, with zeros when no meeting expected it.
         SELECT m.body_id, m.agency_id, ag.name,
           coalesce(t.expected, 0) AS expected, coalesce(t.attended, 0) AS attended, coalesce(t.deputies, 0) AS deputies,
           coalesce(t.apologies, 0) AS apologies, coalesce(t.absent, 0) AS absent
         FROM (SELECT DISTINCT body_id, agency_id FROM seat) m
         JOIN agency ag ON ag.id = m.agency_id
         LEFT JOIN tally t ON t.body_id = m.body_id AND t.agency_id = m.agency_id
       ), quorum AS (
         -- The slots are exactly the seats that count towards quorum (active, expected), so quorum
         -- reads off them rather than re-checking memberships per attendance record.
         SELECT h.id AS meeting_id, h.body_id,
           count(DISTINCT s.agency_id) FILTER (WHERE ${attendedSql('a')})::int AS attending,
           ${quorateSql({
             attending: sql`count(DISTINCT s.agency_id) FILTER (WHERE ${attendedSql('a')})`,
             sectorsPresent: sql`coalesce(array_agg(DISTINCT ag.sector::text) FILTER (WHERE ${attendedSql('a')}), '{}')`,
             minimum: sql`t.quorum_minimum`,
             required: sql`t.quorum_sectors`,
           })} AS quorate
         FROM held h
         JOIN ${table} t ON t.id = h.body_id
         LEFT JOIN slot s ON s.meeting_id = h.id
         LEFT JOIN attendance a ON a.meeting_id = s.meeting_id AND a.agency_id = s.agency_id
         LEFT JOIN agency ag ON ag.id = s.agency_id
         GROUP BY h.id, h.body_id, t.quorum_minimum, t.quorum_sectors)
       SELECT
         (SELECT coalesce(json_agg(b ORDER BY b.name, b.agency_id), '[]') FROM by_agency b) AS slots,
         (SELECT coalesce(json_agg(q), '[]') FROM quorum q) AS quorum,
         (SELECT coalesce(json_agg(json_build_object('id', t.id, 'threshold', t.attendance_threshold::float8)), '[]') FROM ${table} t WHERE t.id = ANY(${bodyIds}::uuid[])) AS bodies`,
    );
    const { slots, quorum, bodies } = row;
    const thresholds = new Map<string, number>(bodies.map((b: any) => [b.id, b.threshold]));
    const out = new Map<string, AttendanceSummary>();
    for (const id of bodyIds) {
      out.set(id, { meetingsHeld: 0, quorateMeetings: 0, overallRate: null, threshold: thresholds.get(id) ?? 0.75, byAgency: [] });
    }
    for (const q of quorum) {
      const s = out.get(q.body_id)!;
      s.meetingsHeld += 1;
      if (q.quorate) s.quorateMeetings += 1;
    }
    const totals = new Map<string, { expected: number; attended: number }>();
    for (const r of slots) {
      const s = out.get(r.body_id)!;
      const rate = r.expected === 0 ? null : r.attended / r.expected;
      const row: AgencyAttendance = {
        agencyId: r.agency_id,
        expected: r.expected,
        attended: r.attended,
        deputies: r.deputies,
        apologies: r.apologies,
        absent: r.absent,
        rate,
        belowThreshold: rate !== null && rate < s.threshold,
      };
      s.byAgency.push(row);
      const t = totals.get(r.body_id) ?? { expected: 0, attended: 0 };
      t.expected += r.expected;
      t.attended += r.attended;
      totals.set(r.body_id, t);
    }
    for (const [id, t] of totals) out.get(id)!.overallRate = t.expected === 0 ? null : t.attended / t.expected;
    return out;
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
