import { bulkInsert } from '../bulk-insert';
import { addMonths, GenContext, intBetween } from './context';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Monthly meetings of every board and sub-group over the scale's history (HELD, a few CANCELLED) and
 * two SCHEDULED months after it; then the registers of HELD meetings, drawn in SQL (see ATTENDANCE_SQL).
 */
export async function generateMeetings(ctx: GenContext): Promise<void> {
  const { rand, world } = ctx;
  const rows: unknown[][] = [];
  const bodies = [...world.boards.map((b) => ({ boardId: b.id, subGroupId: null })), ...world.subGroups.map((g) => ({ boardId: null, subGroupId: g.id }))];
  for (const body of bodies) {
    const day = intBetween(rand, 3, 26);
    for (let m = 0; m < ctx.scale.months + 2; m++) {
      const month = addMonths(ctx.since, m);
      const date = `${month.slice(0, 8)}${String(day).padStart(2, '0')}`;
      const past = date <= ctx.until;
      const cancelled = past && rand() < 0.06;
      const status = !past ? 'SCHEDULED' : cancelled ? 'CANCELLED' : 'HELD';
      const title = `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)} meeting`;
      rows.push([ctx.uuid(), body.boardId, body.subGroupId, title, date, status, cancelled ? 'Not quorate: rearranged' : null]);
    }
  }
  ctx.counts.meeting = await bulkInsert(
    ctx.client,
    'meeting',
    [
      { name: 'id', type: 'uuid' },
      { name: 'board_id', type: 'uuid' },
      { name: 'sub_group_id', type: 'uuid' },
      { name: 'title', type: 'text' },
      { name: 'date', type: 'date' },
      { name: 'status', type: 'text', cast: 'meeting_status' },
      { name: 'cancellation_reason', type: 'text' },
    ],
    rows,
  );
  const res = await ctx.client.query(ATTENDANCE_SQL, [String(ctx.seed)]);
  ctx.counts.attendance = res.rowCount ?? 0;
}

/** A uniform number in [0,1) from md5 of the seed and some ids: deterministic, no round trip per row. */
const u = (parts: string) => `((('x' || substr(md5($1 || ${parts}), 1, 8))::bit(32)::int::bigint + 2147483648) / 4294967296.0)`;

/**
 * The register of each HELD meeting: one row per member agency active on the day, or none (missing).
 * Each seat has its own reliability r in [0.45, 0.98); then PRESENT below 0.8r, DEPUTY below r, and
 * the rest split into APOLOGIES, ABSENT and no record. Non-expected seats (advisers, observers) come
 * half the time and otherwise leave no record.
 */
const ATTENDANCE_SQL = `
  INSERT INTO attendance (id, meeting_id, agency_id, status, attendee_name)
  SELECT md5($1 || x.meeting_id::text || x.agency_id::text)::uuid, x.meeting_id, x.agency_id, x.status::attendance_status,
    CASE x.status WHEN 'DEPUTY' THEN x.deputy WHEN 'PRESENT' THEN x.representative END
  FROM (
    SELECT DISTINCT ON (m.id, s.agency_id) m.id AS meeting_id, s.agency_id, s.representative, s.deputy,
      CASE
        WHEN NOT s.expected_to_attend THEN CASE WHEN v.roll < 0.5 THEN 'PRESENT' END
        WHEN v.roll < 0.8 * v.r THEN 'PRESENT'
        WHEN v.roll < v.r THEN 'DEPUTY'
        WHEN v.roll < v.r + (1 - v.r) * 0.6 THEN 'APOLOGIES'
        WHEN v.roll < v.r + (1 - v.r) * 0.85 THEN 'ABSENT'
      END AS status
    FROM meeting m
    JOIN membership s ON coalesce(s.board_id, s.sub_group_id) = coalesce(m.board_id, m.sub_group_id)
      AND s.starts_on <= m.date AND (s.ends_on IS NULL OR s.ends_on >= m.date)
    CROSS JOIN LATERAL (SELECT 0.45 + 0.53 * ${u('s.id::text')} AS r, ${u("m.id::text || s.agency_id::text || 'roll'")} AS roll) v
    WHERE m.status = 'HELD'
    ORDER BY m.id, s.agency_id, s.starts_on DESC
  ) x
  WHERE x.status IS NOT NULL`;
