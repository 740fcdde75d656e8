import { DataSource, In } from 'typeorm';
import { Access } from '../../access/access';
import { BadInputError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { assertFound, assertUuidOrNotFound, requireText } from '../../common/validation';
import { Board } from '../board/board.entity';
import { SubGroup, SubGroupBoard } from './sub-group.entity';
import { CreateSubGroupInput } from './sub-group.inputs';

export class SubGroupService {
  constructor(private readonly ds: DataSource, private readonly mutations: MutationRunner) {}

  async boardIdsOf(subGroupId: string): Promise<string[]> {
    const links = await this.ds.getRepository(SubGroupBoard).findBy({ subGroupId });
    return links.map((l) => l.boardId);
  }

  async get(access: Access, id: string): Promise<SubGroup> {
    access.assertSignedIn();
    assertUuidOrNotFound(id, 'SubGroup');
    const subGroup = assertFound(await this.ds.getRepository(SubGroup).findOneBy({ id }), 'SubGroup', id);
    await access.assertCanRead('SubGroup', subGroup, 'You do not work on this sub-group or its boards');
    return subGroup;
  }

  async create(access: Access, input: CreateSubGroupInput): Promise<SubGroup> {
    access.assertSignedIn();
    const name = requireText('name', input.name, 200);
    const boards = await this.ds.getRepository(Board).findBy({ id: In(input.boardIds) });
    const missing = input.boardIds.find((id) => !boards.some((b) => b.id === id));
    if (missing) throw new BadInputError('boardIds', `Board ${missing} not found`);
    // A joint sub-group is set up by someone who coordinates every board it serves.
    for (const b of boards) access.assertCanManageBoard(b.id);
    const first = boards.find((b) => b.id === input.boardIds[0])!;
    return this.mutations.run(access.me, 'createSubGroup', input, async (em) => {
      const subGroup = await em.save(
        em.create(SubGroup, {
          name,
          purpose: input.purpose?.trim() || null,
          attendanceThreshold: input.attendanceThreshold ?? first.attendanceThreshold,
          quorumMinimum: input.quorumMinimum ?? first.quorumMinimum,
          quorumSectors: input.quorumSectors ?? first.quorumSectors,
        }),
      );
      await em.insert(SubGroupBoard, input.boardIds.map((boardId) => ({ subGroupId: subGroup.id, boardId })));
      return { result: subGroup, entityType: 'SubGroup', entityId: subGroup.id, boardIds: input.boardIds };
    });
  }
}
