import { MigrationInterface, QueryRunner } from 'typeorm';

/** "Child BR" and "child br" are the same review: pseudonyms are unique on a board whatever their case. */
export class ReviewReferenceCi1763880500000 implements MigrationInterface {
  name = 'ReviewReferenceCi1763880500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX case_review_board_reference_ci ON case_review (board_id, lower(reference))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_review_board_reference_ci`);
  }
}
