import { DataSource } from 'typeorm';
import { byIdLoader } from '../../common/loader-utils';
import { Board } from './board.entity';

export function createBoardLoaders(ds: DataSource) {
  return { boardById: byIdLoader(ds, Board) };
}
