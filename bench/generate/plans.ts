import { bulkInsert } from '../bulk-insert';
import { addDays, addMonths, GenContext, pick } from './context';

const PRIORITIES: [string, string][] = [
  ['1', 'Governance and partnership arrangements are effective'],
  ['2a', 'Children and young people are safe'],
  ['2b', 'Adults in need of safeguarding are safe'],
  ['3', 'Quality of care for children looked after'],
  ['4', 'Learning and improvement raise service quality'],
  ['5', 'The workforce is fit for purpose'],
];

/** A business plan per board per year of the history (April to March), six priorities each. */
export async function generatePlans(ctx: GenContext): Promise<void> {
  const { rand, world } = ctx;
  const plans: unknown[][] = [];
  const priorities: unknown[][] = [];
  const byBoard = new Map<string, { id: string; label: string; from: string; to: string }[]>();
  const years = Math.max(1, Math.round(ctx.scale.months / 12));
  const lastStart = `${Number(ctx.until.slice(0, 4)) - (ctx.until.slice(5) < '04-01' ? 1 : 0)}-04-01`;
  for (const board of world.boards) {
    const mine: { id: string; label: string; from: string; to: string }[] = [];
    const leads = world.subGroups.filter((g) => g.boardIds.includes(board.id));
    for (let y = years - 1; y >= 0; y--) {
      const from = addMonths(lastStart, -12 * y);
      const to = addDays(addMonths(from, 12), -1);
      const id = ctx.uuid();
      const title = `Business plan ${from.slice(0, 4)}/${String(Number(from.slice(2, 4)) + 1).padStart(2, '0')}`;
      plans.push([id, board.id, title, from, to]);
      PRIORITIES.forEach(([code, t], i) => {
        const pid = ctx.uuid();
        priorities.push([pid, id, code, t, leads.length ? pick(rand, leads).id : null, i + 1]);
        mine.push({ id: pid, label: `${title}: priority ${code}`, from, to });
      });
    }
    byBoard.set(board.id, mine);
  }
  world.extra.priorities = byBoard;
  ctx.counts.business_plan = await bulkInsert(ctx.client, 'business_plan', [
    { name: 'id', type: 'uuid' },
    { name: 'board_id', type: 'uuid' },
    { name: 'title', type: 'text' },
    { name: 'period_from', type: 'date' },
    { name: 'period_to', type: 'date' },
  ], plans);
  ctx.counts.plan_priority = await bulkInsert(ctx.client, 'plan_priority', [
    { name: 'id', type: 'uuid' },
    { name: 'plan_id', type: 'uuid' },
    { name: 'code', type: 'text' },
    { name: 'title', type: 'text' },
    { name: 'lead_sub_group_id', type: 'uuid' },
    { name: 'position', type: 'int4' },
  ], priorities);
}
