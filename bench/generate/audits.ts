import { arrayLiteral, bulkInsert } from '../bulk-insert';
import { addDays, addMonths, GenContext, pick } from './context';

const RATINGS = ['MET', 'MET', 'MET', 'MET', 'MET', 'PARTIALLY_MET', 'PARTIALLY_MET', 'NOT_MET', 'NOT_APPLICABLE'];

/**
 * Yearly audit cycles per board (scale.auditCycles: 3 in the national 5 years, one a year back
 * from the latest; Section 11 for children's and joint boards, the adults' compliance framework
 * for SABs), every board member invited. Older cycles are all submitted or
 * validated; in the latest some returns are drafts, returned, or not started. PARTIALLY_MET and
 * NOT_MET standards of the latest cycle get an improvement action (the shared Action kind).
 */
export async function generateAudits(ctx: GenContext): Promise<void> {
  const { rand, world } = ctx;
  const frameworks: { id: string; key: string }[] = (await ctx.client.query(`SELECT id, key FROM audit_framework WHERE version = 1`)).rows;
  const standards: { id: string; framework_id: string; code: string }[] = (await ctx.client.query(`SELECT id, framework_id, code FROM audit_standard ORDER BY position`)).rows;
  const cycles: unknown[][] = [];
  const returns: unknown[][] = [];
  const assessments: unknown[][] = [];
  const versions: unknown[][] = [];
  const actions: unknown[][] = [];
  const drafts: string[] = [];
  for (const board of world.boards) {
    const framework = frameworks.find((f) => f.key === (board.kind === 'ADULTS' ? 'SAFEGUARDING_ADULTS_COMPLIANCE' : 'SECTION_11_CHILDREN'))!;
    const frameworkStandards = standards.filter((s) => s.framework_id === framework.id);
    const members = world.boardMembers.get(board.id)!;
    const n = ctx.scale.auditCycles;
    for (let k = 0; k < n; k++) {
      const latest = k === n - 1;
      const opensOn = addMonths(ctx.until, -12 * (n - k) - 3);
      const dueOn = addDays(addMonths(opensOn, 3), -1);
      const cycleId = ctx.uuid();
      const name = `${board.kind === 'ADULTS' ? 'Safeguarding adults compliance audit' : 'Section 11 audit'} ${opensOn.slice(0, 4)}`;
      cycles.push([cycleId, `${opensOn}T09:00:00Z`, framework.id, name, arrayLiteral([board.id]), arrayLiteral(members), opensOn, dueOn]);
      for (const agencyId of members) {
        const roll = rand();
        const status = !latest ? (roll < 0.7 ? 'VALIDATED' : 'SUBMITTED') : roll < 0.35 ? 'VALIDATED' : roll < 0.6 ? 'SUBMITTED' : roll < 0.7 ? 'RETURNED' : roll < 0.85 ? 'DRAFT' : 'NONE';
        if (status === 'NONE') continue;
        const returnId = ctx.uuid();
        const submitted = status !== 'DRAFT';
        const submittedOn = addDays(dueOn, Math.floor(rand() * 40) - 30);
        returns.push([returnId, cycleId, agencyId, status, submitted ? submittedOn : null, submitted ? `${submittedOn}T12:00:00Z` : null, status === 'RETURNED' ? 'Please evidence training take-up' : null]);
        if (status === 'DRAFT') drafts.push(returnId);
        const snapshot: { standardCode: string; rating: string | null }[] = [];
        for (const s of frameworkStandards) {
          const rating = status === 'DRAFT' && rand() < 0.3 ? null : pick(rand, RATINGS);
          const moderated = status === 'VALIDATED' && rating === 'MET' && rand() < 0.05 ? 'PARTIALLY_MET' : null;
          const assessmentId = ctx.uuid();
          assessments.push([assessmentId, returnId, s.id, rating, moderated, rating ? 'Evidence held by the agency safeguarding lead' : null]);
          snapshot.push({ standardCode: s.code, rating });
          if (latest && (rating === 'PARTIALLY_MET' || rating === 'NOT_MET')) {
            const due = addMonths(dueOn, 6 + Math.floor(rand() * 6));
            const done = rand() < 0.3;
            actions.push([ctx.uuid(), `Improve standard ${s.code}`, agencyId, due, done ? 'COMPLETE' : pick(rand, ['NOT_STARTED', 'IN_PROGRESS']), done ? 'GREEN' : pick(rand, ['RED', 'AMBER']), 'AUDIT_STANDARD', assessmentId, `${name}: standard ${s.code}`, arrayLiteral([board.id]), done ? due : null]);
          }
        }
        if (submitted) versions.push([ctx.uuid(), returnId, 1, 'SUBMITTED', submittedOn, JSON.stringify({ status: 'SUBMITTED', assessments: snapshot })]);
      }
    }
  }
  world.extra.draftReturns = drafts;
  ctx.counts.audit_cycle = await bulkInsert(ctx.client, 'audit_cycle', [
    { name: 'id', type: 'uuid' },
    { name: 'created_at', type: 'timestamptz' },
    { name: 'framework_id', type: 'uuid' },
    { name: 'name', type: 'text' },
    { name: 'board_ids', type: 'text', cast: 'uuid[]' },
    { name: 'invited_agency_ids', type: 'text', cast: 'uuid[]' },
    { name: 'opens_on', type: 'date' },
    { name: 'due_on', type: 'date' },
  ], cycles);
  ctx.counts.audit_return = await bulkInsert(ctx.client, 'audit_return', [
    { name: 'id', type: 'uuid' },
    { name: 'cycle_id', type: 'uuid' },
    { name: 'agency_id', type: 'uuid' },
    { name: 'status', type: 'text', cast: 'audit_return_status' },
    { name: 'first_submitted_on', type: 'date' },
    { name: 'submitted_at', type: 'timestamptz' },
    { name: 'challenge_comment', type: 'text' },
  ], returns);
  ctx.counts.audit_assessment = await bulkInsert(ctx.client, 'audit_assessment', [
    { name: 'id', type: 'uuid' },
    { name: 'return_id', type: 'uuid' },
    { name: 'standard_id', type: 'uuid' },
    { name: 'self_rating', type: 'text', cast: 'audit_rating' },
    { name: 'moderated_rating', type: 'text', cast: 'audit_rating' },
    { name: 'evidence', type: 'text' },
  ], assessments);
  ctx.counts.audit_return_version = await bulkInsert(ctx.client, 'audit_return_version', [
    { name: 'id', type: 'uuid' },
    { name: 'return_id', type: 'uuid' },
    { name: 'number', type: 'int4' },
    { name: 'kind', type: 'text', cast: 'audit_version_kind' },
    { name: 'recorded_on', type: 'date' },
    { name: 'snapshot', type: 'text', cast: 'jsonb' },
  ], versions);
  world.extra.auditActions = actions;
}
