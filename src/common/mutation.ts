import { DataSource, EntityManager } from 'typeorm';
import { AuditLogEntry } from '../modules/audit-log/audit-log.entity';
import { AuthUser } from '../access/access';

export interface MutationOutcome<T> {
  result: T;
  entityType: string;
  entityId: string | null;
  /** Boards the change concerns, so their coordinators can read it in the audit log. */
  boardIds: string[];
}

const SECRET_KEY = /password|token|secret/i;

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redact(v)]));
  }
  return value;
}

/**
 * Every mutation runs through here: one transaction for the change and its audit log entry,
 * so a rejected mutation leaves neither behind.
 */
export class MutationRunner {
  constructor(private readonly ds: DataSource) {}

  async run<T>(
    actor: AuthUser | null,
    operation: string,
    input: unknown,
    work: (em: EntityManager) => Promise<MutationOutcome<T>>,
  ): Promise<T> {
    return this.ds.transaction(async (em) => {
      const outcome = await work(em);
      await em.insert(AuditLogEntry, {
        userId: actor?.id ?? null,
        userEmail: actor?.email ?? null,
        operation,
        entityType: outcome.entityType,
        entityId: outcome.entityId,
        boardIds: [...new Set(outcome.boardIds)],
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        input: redact(JSON.parse(JSON.stringify(input ?? {}))) as any,
      });
      return outcome.result;
    });
  }
}
