import { arrayLiteral, bulkInsert } from '../bulk-insert';
import { areaName, generateAgencies, Regional } from './agencies';
import { addDays, Area, BenchBoard, daysBetween, GenContext, intBetween, personName, shuffled } from './context';

const SUB_GROUPS = ['Executive', 'Safeguarding Effectiveness Group', 'Serious Case Review Sub-Group', 'Procedures and Practice', 'Training Effectiveness Group', 'Child Death Overview Panel', 'CSE and Missing', 'Performance and Quality Assurance', 'Communications and Engagement', 'Learning and Improvement'];
/** Sub-groups a children's and an adults' board of the same area share. */
const JOINT_SUB_GROUPS = ['Training Effectiveness Group', 'Procedures and Practice'];

type Seat = [id: string, agencyId: string, boardId: string | null, subGroupId: string | null, role: string, representative: string, deputy: string, startsOn: string, endsOn: string | null, expected: boolean];

/** Boards, agencies, board seats, sub-groups and their seats: the partnership every other domain hangs on. */
export async function generatePartnership(ctx: GenContext): Promise<void> {
  const areas = createAreas(ctx);
  const regional = await generateAgencies(ctx, areas);
  const boards = await insertBoards(ctx, areas);
  const seats: Seat[] = [];
  for (const board of boards) seats.push(...boardSeats(ctx, board, areas[board.area], regional));
  seats.push(...(await insertSubGroups(ctx, areas)));
  ctx.counts.membership = await bulkInsert(
    ctx.client,
    'membership',
    [
      { name: 'id', type: 'uuid' },
      { name: 'agency_id', type: 'uuid' },
      { name: 'board_id', type: 'uuid' },
      { name: 'sub_group_id', type: 'uuid' },
      { name: 'role', type: 'text', cast: 'membership_role' },
      { name: 'representative', type: 'text' },
      { name: 'deputy', type: 'text' },
      { name: 'starts_on', type: 'date' },
      { name: 'ends_on', type: 'date' },
      { name: 'expected_to_attend', type: 'bool' },
    ],
    seats,
  );
}

function createAreas(ctx: GenContext): Area[] {
  const kinds = shuffled(ctx.rand, [...Array(ctx.scale.pairedAreas).fill(false), ...Array(ctx.scale.jointAreas).fill(true)] as boolean[]);
  const areas = kinds.map((joint, index) => ({ index, name: areaName(index), joint, boardIds: [], local: [] }));
  ctx.world.areas = areas;
  return areas;
}

async function insertBoards(ctx: GenContext, areas: Area[]): Promise<BenchBoard[]> {
  const rows: unknown[][] = [];
  for (const area of areas) {
    const kinds: BenchBoard['kind'][] = area.joint ? ['JOINT'] : ['CHILDREN', 'ADULTS'];
    for (const kind of kinds) {
      const name = kind === 'JOINT' ? `${area.name} LSCB/SAB` : kind === 'CHILDREN' ? `${area.name} Safeguarding Children Board` : `${area.name} Safeguarding Adults Board`;
      const board: BenchBoard = { id: ctx.uuid(), name, kind, area: area.index };
      ctx.world.boards.push(board);
      area.boardIds.push(board.id);
      const sectors = kind === 'ADULTS' ? ['LOCAL_AUTHORITY_ADULTS', 'POLICE', 'HEALTH_COMMISSIONER'] : ['LOCAL_AUTHORITY_CHILDREN', 'POLICE', 'HEALTH_COMMISSIONER'];
      // Historic boards are stored as LSCB / SAB since the arrangements migration (CHILDREN/ADULTS are deprecated names).
      rows.push([board.id, name, kind === 'CHILDREN' ? 'LSCB' : kind === 'ADULTS' ? 'SAB' : kind, area.name, [0.7, 0.75, 0.75, 0.8][intBetween(ctx.rand, 0, 3)], intBetween(ctx.rand, 6, 10), arrayLiteral(sectors)]);
    }
  }
  ctx.counts.board = await bulkInsert(
    ctx.client,
    'board',
    [
      { name: 'id', type: 'uuid' },
      { name: 'name', type: 'text' },
      { name: 'kind', type: 'text', cast: 'board_kind' },
      { name: 'area', type: 'text' },
      { name: 'attendance_threshold', type: 'numeric' },
      { name: 'quorum_minimum', type: 'int' },
      { name: 'quorum_sectors', type: 'text', cast: 'text[]' },
    ],
    rows,
  );
  return ctx.world.boards;
}

/** A seat from (about) the start of the history; some local seats end and pass to another agency. */
function seat(ctx: GenContext, agencyId: string, body: { boardId?: string; subGroupId?: string }, role: string, expected: boolean, startsOn?: string, endsOn?: string | null): Seat {
  const start = startsOn ?? addDays(ctx.since, -intBetween(ctx.rand, 0, 720));
  return [ctx.uuid(), agencyId, body.boardId ?? null, body.subGroupId ?? null, role, personName(ctx.rand), personName(ctx.rand), start, endsOn ?? null, expected];
}

function boardSeats(ctx: GenContext, board: BenchBoard, area: Area, r: Regional): Seat[] {
  const { rand, scale } = ctx;
  const covering = (list: { id: string; areas: number[] }[]) => list.filter((x) => x.areas.includes(area.index)).map((x) => x.id);
  const council = r.council.get(area.index)!;
  const statutory = [
    ...(board.kind !== 'ADULTS' ? [council.children, council.youthJustice] : []),
    ...(board.kind !== 'CHILDREN' ? [council.adults] : []),
    ...covering(r.police),
    ...covering(r.commissioners),
  ];
  const partners = [...covering(r.providers), ...covering(r.fire), ...covering(r.probation), ...council.districts];
  const b = { boardId: board.id };
  const out: Seat[] = [
    ...statutory.map((a) => seat(ctx, a, b, 'STATUTORY_PARTNER', true)),
    ...partners.map((a) => seat(ctx, a, b, 'PARTNER', true)),
  ];
  if (board.kind !== 'ADULTS') out.push(seat(ctx, r.cafcass, b, 'ADVISER', false));
  const taken = new Set(out.map((s) => s[1]));
  const local = shuffled(rand, area.local.filter((a) => !taken.has(a)));
  const target = scale.membersPerBoard + intBetween(rand, -3, 3);
  const span = daysBetween(ctx.since, ctx.until);
  while (out.length < target && local.length) {
    const agency = local.pop()!;
    const lay = ctx.world.agencies.find((a) => a.id === agency)?.sector === 'LAY_MEMBER';
    const observer = !lay && rand() < 0.08;
    const role = lay ? 'LAY_MEMBER' : observer ? 'OBSERVER' : 'PARTNER';
    if (rand() < 0.1 && local.length) {
      // Turnover: the seat ends part-way and another local agency takes it the next day.
      const endsOn = addDays(ctx.since, intBetween(rand, 30, span - 30));
      out.push(seat(ctx, agency, b, role, !observer, undefined, endsOn));
      out.push(seat(ctx, local.pop()!, b, role, !observer, addDays(endsOn, 1)));
    } else {
      out.push(seat(ctx, agency, b, role, !observer));
    }
  }
  ctx.world.boardMembers.set(board.id, out.map((s) => s[1]));
  return out;
}

/**
 * Each board is served by scale.subGroupsPerBoard sub-groups; a children's and an adults' board of
 * the same area share the JOINT_SUB_GROUPS. Members: some of the board's agencies and some local ones.
 */
async function insertSubGroups(ctx: GenContext, areas: Area[]): Promise<Seat[]> {
  const { rand, scale, world } = ctx;
  const groups: unknown[][] = [];
  const links: unknown[][] = [];
  const seats: Seat[] = [];
  const names = SUB_GROUPS.slice(0, scale.subGroupsPerBoard);
  for (const area of areas) {
    const shared = new Map<string, string>();
    for (const boardId of area.boardIds) {
      for (const name of names) {
        const joint = area.boardIds.length > 1 && JOINT_SUB_GROUPS.includes(name);
        if (joint && shared.has(name)) {
          links.push([shared.get(name), boardId]);
          world.subGroups.find((g) => g.id === shared.get(name))!.boardIds.push(boardId);
          continue;
        }
        const id = ctx.uuid();
        if (joint) shared.set(name, id);
        const board = world.boards.find((x) => x.id === boardId)!;
        groups.push([id, joint ? `${area.name} ${name} (joint)` : `${board.name}: ${name}`, `${name} of ${joint ? area.name + ' boards' : board.name}`, 0.75, 3]);
        links.push([id, boardId]);
        world.subGroups.push({ id, boardIds: [boardId] });
        const fromBoard = shuffled(rand, world.boardMembers.get(boardId)!).slice(0, scale.membersPerSubGroup - 3);
        const fromLocal = shuffled(rand, area.local.filter((a) => !fromBoard.includes(a))).slice(0, 3);
        for (const agency of [...fromBoard, ...fromLocal]) seats.push(seat(ctx, agency, { subGroupId: id }, 'PARTNER', true));
      }
    }
  }
  const cols = [
    { name: 'id', type: 'uuid' },
    { name: 'name', type: 'text' },
    { name: 'purpose', type: 'text' },
    { name: 'attendance_threshold', type: 'numeric' },
    { name: 'quorum_minimum', type: 'int' },
  ];
  ctx.counts.sub_group = await bulkInsert(ctx.client, 'sub_group', cols, groups);
  ctx.counts.sub_group_board = await bulkInsert(ctx.client, 'sub_group_board', [{ name: 'sub_group_id', type: 'uuid' }, { name: 'board_id', type: 'uuid' }], links);
  return seats;
}
