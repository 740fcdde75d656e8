import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { Connection } from '../../common/pagination';
import { Context } from '../../context';
import { AuditLogEntry } from './audit-log.entity';
import { AuditLogArgs } from './audit-log.inputs';

export const AuditLogConnection = Connection(AuditLogEntry, 'AuditLog');

@Resolver(() => AuditLogEntry)
export class AuditLogResolver {
  @Query(() => AuditLogConnection, { description: 'Who changed what and when; coordinators see their boards, admins everything' })
  auditLog(@Args() args: AuditLogArgs, @Ctx() ctx: Context) {
    return ctx.services.auditLog.list(ctx.access, args);
  }
}
