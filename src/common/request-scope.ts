import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the hub keeps about the request an asynchronous call belongs to: its SQL statement count
 * (the log line, statement-count tests), whether its reads may go to a standby (read routing), and
 * its log record. One AsyncLocalStorage for all three: each instance is copied onto every promise
 * the request creates, so three cost three times one (issue 17's profile).
 */
export interface RequestScope {
  statements: number;
  replica: boolean;
  /** The request log's record (request-log.plugin.ts); absent outside /graphql. */
  log?: unknown;
}

const store = new AsyncLocalStorage<RequestScope>();

export function withRequestScope<T>(fn: () => T, log?: unknown): T {
  return store.run({ statements: 0, replica: false, log }, fn);
}

export function requestScope(): RequestScope | undefined {
  return store.getStore();
}
