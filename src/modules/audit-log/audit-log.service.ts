import { DataSource, EntityManager } from 'typeorm';
import { AuditRecord } from '../../common/mutation';
import { Access } from '../../access/access';
import { UserRole } from '../../common/enums';
import { decodeCursor, Page, toPage } from '../../common/pagination';
import { AuditLogEntry } from './audit-log.entity';
import { AuditLogArgs } from './audit-log.inputs';

/** The writer MutationRunner calls inside every mutation's transaction. */
export async function recordAuditEntry(em: EntityManager, entry: AuditRecord): Promise<void> {
  await em.insert(AuditLogEntry, entry as any);
}

export class AuditLogService {
  constructor(private readonly ds: DataSource) {}

  /** Newest first. Admins read the whole log; coordinators the entries about their boards. */
  async list(access: Access, args: AuditLogArgs): Promise<Page<AuditLogEntry>> {
    access.assertRole(UserRole.ADMIN, UserRole.COORDINATOR);
    if (args.boardId) access.assertCanManageBoard(args.boardId);
    const qb = this.ds.getRepository(AuditLogEntry).createQueryBuilder('e').orderBy('e.id', 'DESC').limit(args.first + 1);
    if (!access.isAdmin) qb.andWhere('e.board_ids && :mine::uuid[]', { mine: access.me.boardIds });
    if (args.boardId) qb.andWhere(':board::uuid = ANY(e.board_ids)', { board: args.boardId });
    if (args.operation) qb.andWhere('e.operation = :op', { op: args.operation });
    if (args.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: args.entityId });
    if (args.after) {
      const [id] = decodeCursor(args.after);
      if (!/^\d+$/.test(id)) return { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
      qb.andWhere('e.id < :after', { after: id });
    }
    return toPage(await qb.getMany(), args.first, (e) => [e.id, e.id]);
  }
}
