import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { byIdLoader, groupedInKeyOrder } from '../../common/loader-utils';
import { Board, OfficeHolder } from './board.entity';
import { BoardService } from './board.service';

export function createBoardLoaders(ds: DataSource, boards: BoardService) {
  return {
    boardById: byIdLoader(ds, Board),
    officeHoldersByBoard: new DataLoader<string, OfficeHolder[]>(async (ids) => groupedInKeyOrder(ids, await boards.officeHoldersOf([...ids]), (o) => o.boardId)),
  };
}
