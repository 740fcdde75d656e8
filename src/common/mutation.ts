import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../access/access';
import { transactionTimeoutMs } from '../database/data-source';
import { ConflictError, PG_RETRYABLE, pgCode } from './errors';

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

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** Upper bound of the random pause before the n-th retry: n × this, in milliseconds. */
  backoffMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 3, backoffMs: 25 };

/**
 * Every mutation runs through here: one transaction for the change and its audit log entry,
 * so a rejected mutation leaves neither behind. The work decides on rows it has locked (or that
 * constraints protect) inside that transaction; when PostgreSQL still aborts it for a deadlock or a
 * serialization failure, the whole transaction is tried again a few times, then answered CONFLICT.
 */
/** One audit-log entry, as the mutation runner hands it to the audit-log module. */
export interface AuditRecord {
  userId: string | null;
  userEmail: string | null;
  operation: string;
  entityType: string;
  entityId: string | null;
  boardIds: string[];
  input: Record<string, unknown>;
}
export type AuditRecorder = (em: EntityManager, entry: AuditRecord) => Promise<void>;

export class MutationRunner {
  /**
   * `record` appends one entry to the audit log inside the mutation's transaction; the audit-log
   * module provides it (src/services.ts wires them), so this shared layer knows no domain module.
   */
  constructor(
    private readonly ds: DataSource,
    private readonly record: AuditRecorder,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  private readonly committed: (() => void)[] = [];

  /** Called after every committed mutation of this process (the signed-in user cache empties itself). */
  afterCommit(listener: () => void): void {
    this.committed.push(listener);
  }

  async run<T>(
    actor: AuthUser | null,
    operation: string,
    input: unknown,
    work: (em: EntityManager) => Promise<MutationOutcome<T>>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.once(actor, operation, input, work);
        for (const listener of this.committed) listener();
        return result;
      } catch (e) {
        const code = pgCode(e);
        if (!code || !PG_RETRYABLE.includes(code)) throw e;
        if (attempt >= this.retry.attempts) {
          throw new ConflictError('Someone else changed this at the same time; reload and try again', { retried: attempt - 1 });
        }
        // Jittered, so two transactions that deadlocked each other do not meet again in step.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * this.retry.backoffMs * attempt));
      }
    }
  }

  private once<T>(actor: AuthUser | null, operation: string, input: unknown, work: (em: EntityManager) => Promise<MutationOutcome<T>>): Promise<T> {
    return this.ds.transaction(async (em) => {
      const timeout = transactionTimeoutMs(this.ds);
      // PgBouncer mode: the statement timeout is the transaction's own (a session setting would outlive it).
      if (timeout) await em.query(`SET LOCAL statement_timeout = ${Math.trunc(timeout)}`);
      const outcome = await work(em);
      await this.record(em, {
        userId: actor?.id ?? null,
        userEmail: actor?.email ?? null,
        operation,
        entityType: outcome.entityType,
        entityId: outcome.entityId,
        boardIds: [...new Set(outcome.boardIds)],
        input: redact(JSON.parse(JSON.stringify(input ?? {}))) as Record<string, unknown>,
      });
      return outcome.result;
    });
  }
}
