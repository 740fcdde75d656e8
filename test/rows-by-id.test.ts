import { EntityTarget, ObjectLiteral } from 'typeorm';
import { byIdLoader } from '../src/common/loader-utils';
import { Agency } from '../src/modules/agency/agency.entity';
import { AuditCycle } from '../src/modules/audit/audit-cycle.entity';
import { AuditFramework, AuditStandard } from '../src/modules/audit/audit-framework.entity';
import { AuditAssessment, AuditReturn } from '../src/modules/audit/audit-return.entity';
import { Board } from '../src/modules/board/board.entity';
import { BusinessPlan, PlanPriority } from '../src/modules/business-plan/business-plan.entity';
import { CaseReview, ExternalLearning, Recommendation } from '../src/modules/case-review/case-review.entity';
import { Meeting } from '../src/modules/meeting/meeting.entity';
import { Indicator } from '../src/modules/scorecard/scorecard.entity';
import { SubGroup } from '../src/modules/sub-group/sub-group.entity';
import { seedDemo } from '../seeds';
import { startHub, TestHub } from './helpers/hub';

/**
 * Issue 17: the by-id loaders read plain rows (one prepared statement, hydrate()) instead of a
 * repository find. On the demo data, every entity a by-id loader serves comes back exactly as the
 * repository gives it: every column, timestamps, numerics, enums, arrays, transformers.
 */
describe('rows by id', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub({ freshDatabase: 'hub_rows_by_id' });
    await seedDemo(hub.ds, (p) => hub.app.services.user.hash(p));
  });
  afterAll(() => hub.close());

  const entities: [string, EntityTarget<ObjectLiteral & { id: string }>][] = [
    ['Agency', Agency], ['Board', Board], ['SubGroup', SubGroup], ['Meeting', Meeting], ['AuditCycle', AuditCycle],
    ['AuditFramework', AuditFramework], ['AuditStandard', AuditStandard], ['AuditReturn', AuditReturn], ['AuditAssessment', AuditAssessment],
    ['CaseReview', CaseReview], ['Recommendation', Recommendation], ['ExternalLearning', ExternalLearning],
    ['BusinessPlan', BusinessPlan], ['PlanPriority', PlanPriority], ['Indicator', Indicator],
  ];

  it.each(entities)('%s: the loader answers what a repository find answers, in key order, null for a missing id', async (_name, entity) => {
    const found = await hub.ds.getRepository(entity).find({ order: { id: 'ASC' }, take: 100 });
    expect(found.length).toBeGreaterThan(0);
    const missing = '00000000-0000-4000-8000-000000000000';
    const keys = [...found.map((r) => r.id).reverse(), missing];
    const loaded = await byIdLoader(hub.ds, entity).loadMany(keys);
    expect(loaded).toEqual([...[...found].reverse(), null]);
    // One id alone (the statement's other form) too.
    expect(await byIdLoader(hub.ds, entity).load(found[0].id)).toEqual(found[0]);
  });
});
