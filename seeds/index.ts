import { DataSource } from 'typeorm';
import { Board } from '../src/modules/board/board.entity';
import { seedPartnership } from './partnership.seed';
import { seedSection11 } from './section11.seed';
import { seedCaseReviewsAndPlans } from './case-reviews-plans.seed';
import { seedScorecard } from './scorecard.seed';
import { seedReviews } from './reviews.seed';
import { seedCurrentPartnership } from './partnership-2024.seed';

export const DEMO_PASSWORD = 'demo-password';

/** Loads the demo partnership into an empty database only; returns whether it did. */
export async function seedDemo(ds: DataSource, hash: (password: string) => Promise<string>): Promise<boolean> {
  if ((await ds.getRepository(Board).count()) > 0) return false;
  const passwordHash = await hash(DEMO_PASSWORD);
  await ds.transaction(async (em) => {
    const demo = await seedPartnership(em, passwordHash);
    await seedSection11(em, demo);
    await seedCaseReviewsAndPlans(em, demo);
    await seedScorecard(em, demo);
    await seedReviews(em, demo);
    await seedCurrentPartnership(em, demo, passwordHash);
  });
  return true;
}
