import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { byIdLoader, groupedInKeyOrder } from '../../common/loader-utils';
import { Board } from '../board/board.entity';
import { SubGroup, SubGroupBoard } from './sub-group.entity';

export function createSubGroupLoaders(ds: DataSource) {
  return {
    subGroupById: byIdLoader(ds, SubGroup),
    /** Sub-groups serving each board (a joint sub-group appears under each of its boards). */
    subGroupsByBoard: new DataLoader<string, SubGroup[]>(async (boardIds) => {
      const links = await ds.getRepository(SubGroupBoard).find({ where: { boardId: In([...boardIds]) }, relations: { subGroup: true } });
      links.sort((a, b) => a.subGroup!.name.localeCompare(b.subGroup!.name));
      return groupedInKeyOrder(boardIds, links, (l) => l.boardId).map((ls) => ls.map((l) => l.subGroup!));
    }),
    /** Boards each sub-group serves. */
    boardsBySubGroup: new DataLoader<string, Board[]>(async (subGroupIds) => {
      const links = await ds.getRepository(SubGroupBoard).find({ where: { subGroupId: In([...subGroupIds]) }, relations: { board: true } });
      links.sort((a, b) => a.board!.name.localeCompare(b.board!.name));
      return groupedInKeyOrder(subGroupIds, links, (l) => l.subGroupId).map((ls) => ls.map((l) => l.board!));
    }),
  };
}
