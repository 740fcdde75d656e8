import { sql, Sql } from '../database/sql';
import { activeOnSql } from './membership';

/**
 * The users of a set of boards, as ids: coordinators and viewers working for one of them, and
 * agency users of agencies holding a membership active on `day` of one of them, directly or
 * through a sub-group serving it. Coordinators list, read and manage these people.
 */
export function usersOfBoardsSql(boardIds: readonly string[], day: string): Sql {
  return sql`SELECT ub.user_id FROM user_board ub WHERE ub.board_id = ANY(${boardIds}::uuid[])
    UNION
    SELECT au.id FROM app_user au
      JOIN membership m ON m.agency_id = au.agency_id
      LEFT JOIN sub_group_board sgb ON sgb.sub_group_id = m.sub_group_id
     WHERE au.role = 'AGENCY_USER' AND coalesce(m.board_id, sgb.board_id) = ANY(${boardIds}::uuid[]) AND ${activeOnSql('m', day)}`;
}

/** The boards one user belongs to on `day`: theirs (coordinator, viewer) or those their agency sits on (agency user). */
export function boardsOfUserSql(userId: string, day: string): Sql {
  return sql`SELECT ub.board_id FROM user_board ub WHERE ub.user_id = ${userId}::uuid
    UNION
    SELECT coalesce(m.board_id, sgb.board_id) FROM app_user au
      JOIN membership m ON m.agency_id = au.agency_id
      LEFT JOIN sub_group_board sgb ON sgb.sub_group_id = m.sub_group_id
     WHERE au.id = ${userId}::uuid AND au.role = 'AGENCY_USER' AND coalesce(m.board_id, sgb.board_id) IS NOT NULL AND ${activeOnSql('m', day)}`;
}
