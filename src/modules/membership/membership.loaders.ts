import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { groupedInKeyOrder } from '../../common/loader-utils';
import { SubGroupBoard } from '../sub-group/sub-group.entity';
import { Membership } from './membership.entity';

export type MembershipWithBoards = Membership & { servesBoardIds: string[] };

export function createMembershipLoaders(ds: DataSource) {
  const repo = ds.getRepository(Membership);
  const order = { startsOn: 'ASC', id: 'ASC' } as const;
  return {
    membershipsByBoard: new DataLoader<string, Membership[]>(async (ids) =>
      groupedInKeyOrder(ids, await repo.find({ where: { boardId: In([...ids]) }, order }), (m) => m.boardId),
    ),
    membershipsBySubGroup: new DataLoader<string, Membership[]>(async (ids) =>
      groupedInKeyOrder(ids, await repo.find({ where: { subGroupId: In([...ids]) }, order }), (m) => m.subGroupId),
    ),
    /** An agency's seats, each with the boards it answers to, so callers can filter by access. */
    membershipsByAgency: new DataLoader<string, MembershipWithBoards[]>(async (ids) => {
      const rows = await repo.find({ where: { agencyId: In([...ids]) }, order });
      const subGroupIds = [...new Set(rows.map((m) => m.subGroupId).filter((x): x is string => !!x))];
      const links = subGroupIds.length ? await ds.getRepository(SubGroupBoard).findBy({ subGroupId: In(subGroupIds) }) : [];
      const withBoards = rows.map((m) =>
        Object.assign(m, { servesBoardIds: m.boardId ? [m.boardId] : links.filter((l) => l.subGroupId === m.subGroupId).map((l) => l.boardId) }),
      );
      return groupedInKeyOrder(ids, withBoards, (m) => m.agencyId);
    }),
  };
}
