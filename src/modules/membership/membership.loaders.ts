import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { entityRows, groupedInKeyOrder } from '../../common/loader-utils';
import { eqAny, ident, sql, Sql } from '../../database/sql';
import { SubGroupBoard } from '../sub-group/sub-group.entity';
import { Membership } from './membership.entity';

export type MembershipWithBoards = Membership & { servesBoardIds: string[] };

/** The order seats are listed in, wherever they are read (the loaders here and src/lookahead.ts). */
export function membershipOrder(alias: string): Sql {
  return sql`${ident(`${alias}.starts_on`)}, ${ident(`${alias}.id`)}`;
}

export function createMembershipLoaders(ds: DataSource) {
  const seats = (column: string, ids: readonly string[]) => entityRows(ds, Membership, 'm', sql`${ident(`m.${column}`)} ${eqAny(ids)}`, membershipOrder('m'));
  return {
    membershipsByBoard: new DataLoader<string, Membership[]>(async (ids) => groupedInKeyOrder(ids, await seats('board_id', ids), (m) => m.boardId)),
    membershipsBySubGroup: new DataLoader<string, Membership[]>(async (ids) => groupedInKeyOrder(ids, await seats('sub_group_id', ids), (m) => m.subGroupId)),
    /** An agency's seats, each with the boards it answers to, so callers can filter by access. */
    membershipsByAgency: new DataLoader<string, MembershipWithBoards[]>(async (ids) => {
      const rows = await seats('agency_id', ids);
      const subGroupIds = [...new Set(rows.map((m) => m.subGroupId).filter((x): x is string => !!x))];
      const links = subGroupIds.length ? await ds.getRepository(SubGroupBoard).findBy({ subGroupId: In(subGroupIds) }) : [];
      const withBoards = rows.map((m) =>
        Object.assign(m, { servesBoardIds: m.boardId ? [m.boardId] : links.filter((l) => l.subGroupId === m.subGroupId).map((l) => l.boardId) }),
      );
      return groupedInKeyOrder(ids, withBoards, (m) => m.agencyId);
    }),
  };
}
