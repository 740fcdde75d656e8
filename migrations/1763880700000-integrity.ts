import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rules that concurrent requests could break when only the application checked them:
 * - one seat per agency per board or sub-group at a time (the seat's dates, both ends included,
 *   may not overlap another seat of the same agency on the same body): an exclusion constraint,
 *   so two addMembership calls at once cannot both insert;
 * - only a CANCELLED meeting carries a cancellation reason.
 *
 * Existing rows that break either rule stop the migration with the list of them, rather than
 * being changed silently: ending a seat or clearing a reason is a decision for the board.
 */
export class Integrity1763880700000 implements MigrationInterface {
  name = 'Integrity1763880700000';

  public async up(q: QueryRunner): Promise<void> {
    // Building the constraint's index reads the whole table; the hub's statement timeout is for requests.
    await q.query(`SET LOCAL statement_timeout = 0`);
    const overlaps: { first: string; second: string; agency_id: string; body_id: string }[] = await q.query(
      `SELECT a.id AS first, b.id AS second, a.agency_id, coalesce(a.board_id, a.sub_group_id) AS body_id
       FROM membership a JOIN membership b
         ON a.agency_id = b.agency_id AND a.id < b.id
        AND (a.board_id = b.board_id OR a.sub_group_id = b.sub_group_id)
        AND daterange(a.starts_on, a.ends_on, '[]') && daterange(b.starts_on, b.ends_on, '[]')
       ORDER BY 3, 4, 1, 2
       LIMIT 50`,
    );
    if (overlaps.length) {
      const lines = overlaps.map((o) => `  agency ${o.agency_id} on body ${o.body_id}: memberships ${o.first} and ${o.second}`);
      throw new Error(
        `Cannot add membership_board_seat_excl / membership_sub_group_seat_excl: overlapping seats (pairs: ${overlaps.length}${overlaps.length === 50 ? '+' : ''}).\n` +
          `${lines.join('\n')}\nEnd one seat of each pair (UPDATE membership SET ends_on = ... WHERE id = ...) the day before the other starts, then migrate again.`,
      );
    }
    const reasons: { id: string; status: string }[] = await q.query(
      `SELECT id, status FROM meeting WHERE status <> 'CANCELLED' AND cancellation_reason IS NOT NULL ORDER BY id LIMIT 50`,
    );
    if (reasons.length) {
      throw new Error(
        `Cannot add meeting_cancellation_reason_check: meetings that are not CANCELLED carry a cancellation reason:\n` +
          `${reasons.map((r) => `  meeting ${r.id} (${r.status})`).join('\n')}\nClear their cancellation_reason, then migrate again.`,
      );
    }

    // btree_gist lets a GiST index compare uuids with =, beside the date ranges' && (a trusted extension).
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`ALTER TABLE membership ADD CONSTRAINT membership_board_seat_excl
      EXCLUDE USING gist (board_id WITH =, agency_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&) WHERE (board_id IS NOT NULL)`);
    await q.query(`ALTER TABLE membership ADD CONSTRAINT membership_sub_group_seat_excl
      EXCLUDE USING gist (sub_group_id WITH =, agency_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&) WHERE (sub_group_id IS NOT NULL)`);
    await q.query(`ALTER TABLE meeting ADD CONSTRAINT meeting_cancellation_reason_check
      CHECK (status = 'CANCELLED' OR cancellation_reason IS NULL)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting DROP CONSTRAINT meeting_cancellation_reason_check`);
    await q.query(`ALTER TABLE membership DROP CONSTRAINT membership_sub_group_seat_excl`);
    await q.query(`ALTER TABLE membership DROP CONSTRAINT membership_board_seat_excl`);
    // btree_gist stays: it may have been there before, or serve other objects by now.
  }
}
