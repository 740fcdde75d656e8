import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, the rest of domain/reviews.md:
 * - external learning: a national or other area's review a board tests itself against, with
 *   actions through the tracker (a new action source, EXTERNAL_LEARNING);
 * - the completion clock's extension with a recorded reason: an event COMPLETION_EXTENDED whose
 *   due_on is the clock's new due date (a reason is required, as for the other reasoned events).
 */
export class ExternalLearning1763881700000 implements MigrationInterface {
  name = 'ExternalLearning1763881700000';

  public async up(q: QueryRunner): Promise<void> {
    // Appended values: usable from the next transaction, so nothing below names them.
    await q.query(`ALTER TYPE action_source_type ADD VALUE 'EXTERNAL_LEARNING'`);
    await q.query(`ALTER TYPE review_event_kind ADD VALUE 'COMPLETION_EXTENDED'`);
    await q.query(`ALTER TABLE review_event ADD COLUMN due_on date`);
    await q.query(`ALTER TABLE review_event ADD CONSTRAINT review_event_due_on_check CHECK (due_on IS NULL OR reason IS NOT NULL)`);

    await q.query(`CREATE TABLE external_learning (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      board_id uuid NOT NULL,
      source text NOT NULL,
      title text NOT NULL,
      area text,
      published_on date NOT NULL,
      summary text,
      CONSTRAINT external_learning_pkey PRIMARY KEY (id),
      CONSTRAINT external_learning_board_id_fkey FOREIGN KEY (board_id) REFERENCES board(id) ON DELETE RESTRICT
    )`);
    await q.query(`CREATE INDEX external_learning_board_idx ON external_learning (board_id, published_on)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // Actions against external learning have no source before this migration: they go with it.
    await q.query(`DELETE FROM action_due_date_change WHERE action_id IN (SELECT id FROM action WHERE source_type = 'EXTERNAL_LEARNING')`);
    await q.query(`DELETE FROM action_update WHERE action_id IN (SELECT id FROM action WHERE source_type = 'EXTERNAL_LEARNING')`);
    await q.query(`UPDATE action SET carried_forward_to_id = NULL WHERE carried_forward_to_id IN (SELECT id FROM action WHERE source_type = 'EXTERNAL_LEARNING')`);
    await q.query(`DELETE FROM action WHERE source_type = 'EXTERNAL_LEARNING'`);
    await q.query(`DROP TABLE external_learning`);
    await recreateEnum(q, 'action_source_type', ['AUDIT_STANDARD', 'REVIEW_RECOMMENDATION', 'PLAN_PRIORITY', 'MEETING'], [['action', 'source_type']]);

    // Extensions are lost with the column; the clock falls back to six months from the decision.
    await q.query(`DELETE FROM review_event WHERE kind = 'COMPLETION_EXTENDED'`);
    await q.query(`ALTER TABLE review_event DROP CONSTRAINT review_event_due_on_check, DROP COLUMN due_on`);
    // The status check's stored expression names the type: it goes while the type is replaced.
    await q.query(`ALTER TABLE review_event DROP CONSTRAINT review_event_status_check`);
    await recreateEnum(
      q,
      'review_event_kind',
      ['STATUS', 'LEARNING_BRIEF', 'OVERVIEW_REPORT', 'EXECUTIVE_SUMMARY', 'PUBLICATION_DELAYED', 'DECIDED_NOT_TO_PUBLISH', 'SENT_TO_PANEL', 'SENT_TO_SECRETARY_OF_STATE', 'WITHDRAWN'],
      [['review_event', 'kind']],
    );
    await q.query(`ALTER TABLE review_event ADD CONSTRAINT review_event_status_check CHECK ((kind = 'STATUS') = (status IS NOT NULL))`);
  }
}

/** Replaces an enum type by one with `values` (the rows holding removed values are gone already). */
async function recreateEnum(q: QueryRunner, type: string, values: string[], columns: [table: string, column: string][]): Promise<void> {
  await q.query(`ALTER TYPE ${type} RENAME TO ${type}_old`);
  await q.query(`CREATE TYPE ${type} AS ENUM (${values.map((v) => `'${v}'`).join(',')})`);
  for (const [table, column] of columns) await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE ${type} USING ${column}::text::${type}`);
  await q.query(`DROP TYPE ${type}_old`);
}
