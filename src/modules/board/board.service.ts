import { DataSource, In } from 'typeorm';
import { Access } from '../../access/access';
import { UserRole } from '../../common/enums';
import { MutationRunner } from '../../common/mutation';
import { assertFound, assertUuidOrNotFound, requireText } from '../../common/validation';
import { UserBoard } from './board.entity';
import { Board } from './board.entity';
import { CreateBoardInput, UpdateBoardInput } from './board.inputs';

export class BoardService {
  constructor(private readonly ds: DataSource, private readonly mutations: MutationRunner) {}

  async list(access: Access): Promise<Board[]> {
    const scope = await access.readableBoards();
    const repo = this.ds.getRepository(Board);
    if (scope.all) return repo.find({ order: { name: 'ASC' } });
    if (scope.ids.size === 0) return [];
    return repo.find({ where: { id: In([...scope.ids]) }, order: { name: 'ASC' } });
  }

  async get(access: Access, id: string): Promise<Board> {
    access.assertSignedIn();
    assertUuidOrNotFound(id, 'Board');
    const board = assertFound(await this.ds.getRepository(Board).findOneBy({ id }), 'Board', id);
    await access.assertCanRead('Board', board, 'You do not work for this board');
    return board;
  }

  async create(access: Access, input: CreateBoardInput): Promise<Board> {
    access.assertRole(UserRole.ADMIN, UserRole.COORDINATOR);
    const name = requireText('name', input.name, 200);
    const area = requireText('area', input.area, 200);
    return this.mutations.run(access.me, 'createBoard', input, async (em) => {
      const board = await em.save(em.create(Board, { ...input, name, area }));
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
    return this.mutations.run(access.me, 'updateBoard', input, async (em) => {
      const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined && v !== null));
      const saved = await em.save(Board, { ...board, ...defined });
      return { result: saved, entityType: 'Board', entityId: id, boardIds: [id] };
    });
  }
}
