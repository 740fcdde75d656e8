import { arrayLiteral, bulkInsert } from '../bulk-insert';
import { addDays, daysBetween, GenContext, intBetween, pick } from './context';

const PLAN_ACTIONS = ['Audit the use of early help assessments', 'Deliver multi-agency training on neglect', 'Review the escalation policy', 'Publish the threshold document', 'Report on missing episodes quarterly', 'Embed the voice of the child in supervision'];
const REVIEW_ACTIONS = ['Brief front-line staff on the review findings', 'Update the information-sharing protocol', 'Audit case files against the recommendation', 'Add the learning to induction training'];
const NOTES = ['Work started; lead identified', 'Draft circulated to partners', 'Delayed: awaiting partner returns', 'Evidence presented to the sub-group', 'Completed and reported to the board'];

type Source = { id: string; label: string; from?: string; to?: string };

/**
 * Actions (the shared Action kind) per board, owned by its member agencies, on the board's plan
 * priorities (the plan of the year they fall due in) and open review recommendations, plus the
 * improvement actions the audit generator set. Older actions are mostly complete; some stay open
 * past their due date (overdue).
 */
export async function generateActions(ctx: GenContext): Promise<void> {
  const { rand, world } = ctx;
  const actions: unknown[][] = [];
  const updates: unknown[][] = [];
  const span = daysBetween(ctx.since, ctx.until);
  for (const board of world.boards) {
    const members = world.boardMembers.get(board.id)!;
    const area = world.areas[board.area];
    const priorities = (world.extra.priorities as Map<string, Source[]>).get(board.id)!;
    const recommendations = (world.extra.recommendations as Map<string, Source[]>).get(board.id)!;
    for (let n = 0; n < ctx.scale.actionsPerBoard; n++) {
      const fromPlan = !recommendations.length || rand() < 0.6;
      const due = addDays(ctx.since, intBetween(rand, 60, span + 180));
      const ofYear = priorities.filter((p) => p.from! <= due && due <= p.to!);
      const source = fromPlan ? pick(rand, ofYear.length ? ofYear : priorities) : pick(rand, recommendations);
      const created = addDays(due, -intBetween(rand, 60, 360));
      const old = due < addDays(ctx.until, -180);
      const roll = rand();
      const status = old ? (roll < 0.8 ? 'COMPLETE' : roll < 0.85 ? 'CANCELLED' : roll < 0.95 ? 'IN_PROGRESS' : 'NOT_STARTED') : roll < 0.2 ? 'COMPLETE' : roll < 0.7 ? 'IN_PROGRESS' : 'NOT_STARTED';
      const closed = status === 'COMPLETE' || status === 'CANCELLED';
      const closedOn = closed ? minDate(addDays(due, intBetween(rand, -60, 40)), ctx.until) : null;
      const rag = closed ? 'GREEN' : due < ctx.until ? pick(rand, ['RED', 'RED', 'AMBER']) : pick(rand, ['AMBER', 'GREEN', 'GREEN']);
      const boardIds = area.boardIds.length > 1 && rand() < 0.1 ? area.boardIds : [board.id];
      // Statutory partners (listed first) own most actions.
      const owner = members[rand() < 0.6 ? Math.floor(rand() * Math.min(6, members.length)) : Math.floor(rand() * members.length)];
      const id = ctx.uuid();
      const description = fromPlan ? pick(rand, PLAN_ACTIONS) : pick(rand, REVIEW_ACTIONS);
      actions.push([id, `${created}T09:00:00Z`, description, owner, due, status, rag, fromPlan ? 'PLAN_PRIORITY' : 'REVIEW_RECOMMENDATION', source.id, source.label, arrayLiteral(boardIds), closedOn]);
      // Progress notes between creation and closure (or the end of the history).
      const last = minDate(closedOn ?? ctx.until, ctx.until);
      const notes = status === 'NOT_STARTED' ? intBetween(rand, 0, 1) : intBetween(rand, 1, 4);
      let prev: string | null = null;
      for (let k = 0; k < notes && created < last; k++) {
        const final = k === notes - 1;
        const to = final ? status : 'IN_PROGRESS';
        const noted = addDays(created, Math.floor((daysBetween(created, last) * (k + 1)) / notes));
        updates.push([ctx.uuid(), id, noted, final && closed ? NOTES[4] : pick(rand, NOTES.slice(0, 4)), prev ?? 'NOT_STARTED', to, null, rag, `${noted}T17:00:00Z`]);
        prev = to;
      }
    }
  }
  for (const a of (world.extra.auditActions as unknown[][] | undefined) ?? []) actions.push([a[0], `${ctx.until}T09:00:00Z`, ...a.slice(1)]);
  ctx.counts.action = await bulkInsert(
    ctx.client,
    'action',
    [
      { name: 'id', type: 'uuid' },
      { name: 'created_at', type: 'timestamptz' },
      { name: 'description', type: 'text' },
      { name: 'owner_agency_id', type: 'uuid' },
      { name: 'due_on', type: 'date' },
      { name: 'status', type: 'text', cast: 'action_status' },
      { name: 'rag', type: 'text', cast: 'rag' },
      { name: 'source_type', type: 'text', cast: 'action_source_type' },
      { name: 'source_id', type: 'uuid' },
      { name: 'source_label', type: 'text' },
      { name: 'board_ids', type: 'text', cast: 'uuid[]' },
      { name: 'closed_on', type: 'date' },
    ],
    actions,
  );
  ctx.counts.action_update = await bulkInsert(
    ctx.client,
    'action_update',
    [
      { name: 'id', type: 'uuid' },
      { name: 'action_id', type: 'uuid' },
      { name: 'noted_on', type: 'date' },
      { name: 'note', type: 'text' },
      { name: 'from_status', type: 'text', cast: 'action_status' },
      { name: 'to_status', type: 'text', cast: 'action_status' },
      { name: 'from_rag', type: 'text', cast: 'rag' },
      { name: 'to_rag', type: 'text', cast: 'rag' },
      { name: 'created_at', type: 'timestamptz' },
    ],
    updates,
  );
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
