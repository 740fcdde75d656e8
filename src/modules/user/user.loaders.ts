import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { groupedInKeyOrder } from '../../common/loader-utils';
import { Board } from '../board/board.entity';
import { UserBoard } from '../board/board.entity';

export function createUserLoaders(ds: DataSource) {
  return {
    boardsByUser: new DataLoader<string, Board[]>(async (userIds) => {
      const links = await ds.getRepository(UserBoard).find({ where: { userId: In([...userIds]) }, relations: { board: true } });
      return groupedInKeyOrder(userIds, links, (l) => l.userId).map((ls) => ls.map((l) => l.board!));
    }),
  };
}
