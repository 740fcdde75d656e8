import { DataSource, In } from 'typeorm';
import { Access } from '../../access/access';
import { currentBoardKind, OfficeHolderRole, UserRole } from '../../common/enums';
import { BadInputError, ConflictError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { isIsoDate } from '../../common/scalars';
import { assertFound, assertUuidOrNotFound, requireText } from '../../common/validation';
import { partnerGroupOf } from '../../rules/membership';
import type { Agency } from '../agency/agency.entity';
import { OfficeHolder, UserBoard } from './board.entity';
import { Board } from './board.entity';
import { AppointOfficeHolderInput, CreateBoardInput, EndOfficeHolderInput, UpdateBoardInput } from './board.inputs';

/** Offices held for one of the three safeguarding partners: the agency must be a council, an ICB or a police force. */
const PARTNER_OFFICES = [OfficeHolderRole.LEAD_SAFEGUARDING_PARTNER, OfficeHolderRole.DELEGATED_SAFEGUARDING_PARTNER];

function footprintOf(list: string[] | undefined | null, fallback: string[]): string[] {
  if (list === undefined || list === null) return fallback;
  const areas = list.map((a, i) => requireText(`footprint.${i}`, a, 200));
  if (areas.length === 0) throw new BadInputError('footprint', 'A board covers at least one local authority area');
  if (new Set(areas.map((a) => a.toLowerCase())).size !== areas.length) throw new BadInputError('footprint', 'Each area once');
  return areas;
}

function assertRuns(runsFrom: string | null | undefined, runsTo: string | null | undefined): void {
  if (runsFrom && !isIsoDate(runsFrom)) throw new BadInputError('runsFrom', 'Expected a date YYYY-MM-DD');
  if (runsTo && !isIsoDate(runsTo)) throw new BadInputError('runsTo', 'Expected a date YYYY-MM-DD');
  if (runsFrom && runsTo && runsTo < runsFrom) throw new BadInputError('runsTo', 'runsTo must not be before runsFrom');
}

export class BoardService {
  constructor(private readonly ds: DataSource, private readonly mutations: MutationRunner) {}

  async list(access: Access): Promise<Board[]> {
    const scope = await access.readableBoards();
    const repo = this.ds.getRepository(Board);
    if (scope.all) return repo.find({ order: { name: 'ASC' } });
    if (scope.ids.size === 0) return [];
    return repo.find({ where: { id: In([...scope.ids]) }, order: { name: 'ASC' } });
  }

  /** `prefetched`: the board as a look-ahead read it (src/lookahead.ts), undefined when none did. */
  async get(access: Access, id: string, prefetched?: Promise<Board | null | undefined>): Promise<Board> {
    const ahead = prefetched?.catch((e: unknown) => e);
    access.assertSignedIn();
    assertUuidOrNotFound(id, 'Board');
    const early = await ahead;
    if (early instanceof Error) throw early;
    const board = assertFound(early !== undefined ? (early as Board | null) : await this.ds.getRepository(Board).findOneBy({ id }), 'Board', id);
    await access.assertCanRead('Board', board, 'You do not work for this board');
    return board;
  }

  async create(access: Access, input: CreateBoardInput): Promise<Board> {
    access.assertRole(UserRole.ADMIN, UserRole.COORDINATOR);
    const name = requireText('name', input.name, 200);
    const area = requireText('area', input.area, 200);
    const footprint = footprintOf(input.footprint, [area]);
    assertRuns(input.runsFrom, input.runsTo);
    return this.mutations.run(access.me, 'createBoard', input, async (em) => {
      const board = await em.save(
        em.create(Board, { ...input, kind: currentBoardKind(input.kind), name, area, footprint, runsFrom: input.runsFrom ?? null, runsTo: input.runsTo ?? null }),
      );
      // A coordinator who sets up a board works for it from then on.
      if (access.me.role === UserRole.COORDINATOR) {
        await em.insert(UserBoard, { userId: access.me.id, boardId: board.id });
        access.me.boardIds.push(board.id);
      }
      return { result: board, entityType: 'Board', entityId: board.id, boardIds: [board.id] };
    });
  }

  async update(access: Access, input: UpdateBoardInput): Promise<Board> {
    const board = await this.get(access, input.id);
    access.assertCanManageBoard(board.id);
    const { id, ...changes } = input;
    if (changes.name !== undefined) changes.name = requireText('name', changes.name, 200);
    if (changes.area !== undefined) changes.area = requireText('area', changes.area, 200);
    if (changes.footprint !== undefined) changes.footprint = footprintOf(changes.footprint, board.footprint);
    assertRuns(changes.runsFrom ?? board.runsFrom, changes.runsTo ?? board.runsTo);
    return this.mutations.run(access.me, 'updateBoard', input, async (em) => {
      const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined && v !== null));
      const saved = await em.save(Board, { ...board, ...defined });
      return { result: saved, entityType: 'Board', entityId: id, boardIds: [id] };
    });
  }

  /** Office holders of many boards at once, by role then start date (history included). */
  async officeHoldersOf(boardIds: string[]): Promise<OfficeHolder[]> {
    return this.ds.getRepository(OfficeHolder).find({ where: { boardId: In(boardIds) }, order: { role: 'ASC', startsOn: 'ASC', id: 'ASC' } });
  }

  async appointOfficeHolder(access: Access, input: AppointOfficeHolderInput): Promise<OfficeHolder> {
    const board = await this.get(access, input.boardId);
    access.assertCanManageBoard(board.id);
    const personName = requireText('personName', input.personName, 200);
    if (!isIsoDate(input.startsOn)) throw new BadInputError('startsOn', 'Expected a date YYYY-MM-DD');
    if (input.endsOn && input.endsOn < input.startsOn) throw new BadInputError('endsOn', 'endsOn must not be before startsOn');
    let agency: Agency | null = null;
    if (input.agencyId) {
      agency = await this.ds.getRepository<Agency>('Agency').findOneBy({ id: input.agencyId });
      if (!agency) throw new BadInputError('agencyId', `Agency ${input.agencyId} not found`);
    }
    if (PARTNER_OFFICES.includes(input.role)) {
      if (!agency) throw new BadInputError('agencyId', 'A lead or delegated safeguarding partner holds office for a council, an ICB or a police force: give agencyId');
      if (!partnerGroupOf(agency.sector)) throw new BadInputError('agencyId', `${agency.name} is not a local authority, health commissioner or police force`);
    }
    return this.mutations.run(access.me, 'appointOfficeHolder', input, async (em) => {
      const saved = await em.save(
        em.create(OfficeHolder, { boardId: board.id, role: input.role, personName, agencyId: agency?.id ?? null, startsOn: input.startsOn, endsOn: input.endsOn ?? null }),
      );
      return { result: saved, entityType: 'OfficeHolder', entityId: saved.id, boardIds: [board.id] };
    });
  }

  async endOfficeHolder(access: Access, input: EndOfficeHolderInput): Promise<OfficeHolder> {
    access.assertSignedIn();
    assertUuidOrNotFound(input.officeHolderId, 'OfficeHolder');
    const holder = assertFound(await this.ds.getRepository(OfficeHolder).findOneBy({ id: input.officeHolderId }), 'OfficeHolder', input.officeHolderId);
    await this.get(access, holder.boardId);
    access.assertCanManageBoard(holder.boardId);
    if (!isIsoDate(input.endsOn)) throw new BadInputError('endsOn', 'Expected a date YYYY-MM-DD');
    if (holder.endsOn !== null) throw new ConflictError(`This office already ended on ${holder.endsOn}`);
    if (input.endsOn < holder.startsOn) throw new BadInputError('endsOn', `endsOn must not be before the start date ${holder.startsOn}`);
    return this.mutations.run(access.me, 'endOfficeHolder', input, async (em) => {
      const saved = await em.save(OfficeHolder, { ...holder, endsOn: input.endsOn });
      return { result: saved, entityType: 'OfficeHolder', entityId: saved.id, boardIds: [holder.boardId] };
    });
  }
}
