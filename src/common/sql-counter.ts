import { Logger as TypeOrmLogger } from 'typeorm';
import { Logger } from './logger';
import type { HubMetrics } from './metrics';
import { requestScope, withRequestScope } from './request-scope';

/** Runs a request with its own SQL statement counter, read back for the request log line (a request already in a scope keeps its own). */
export function withSqlCounter<T>(fn: () => T): T {
  return requestScope() ? fn() : withRequestScope(fn);
}

export function sqlStatementsSoFar(): number | undefined {
  return requestScope()?.statements;
}

/** TypeORM logger: counts statements per request and sends errors to pino instead of the console. */
export class CountingSqlLogger implements TypeOrmLogger {
  constructor(private readonly logger?: Logger, private readonly metrics?: HubMetrics) {}
  logQuery(query: string): void {
    const s = requestScope();
    if (s && !/^(START TRANSACTION|COMMIT|ROLLBACK)/.test(query)) s.statements += 1;
  }
  logQueryError(error: string | Error, query: string): void {
    this.metrics?.observeDbError(error);
    this.logger?.debug({ err: error, query }, 'sql error');
  }
  logQuerySlow(time: number, query: string): void {
    this.logger?.warn({ time, query: query.slice(0, 500) }, 'slow sql');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.logger?.info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger?.warn({ message }, 'typeorm');
  }
}
