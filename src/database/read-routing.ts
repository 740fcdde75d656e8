import { requestScope, withRequestScope } from '../common/request-scope';

/**
 * Reads go to a streaming standby (DATABASE_REPLICA_URLS) only inside a GraphQL query operation:
 * a mutation, the sign-in check of the token and anything in a transaction read the primary, so
 * nobody reads their own write stale. Each request runs in its own scope (src/common/request-scope.ts),
 * which starts on the primary.
 */
export function withReadRouting<T>(fn: () => T): T {
  return requestScope() ? fn() : withRequestScope(fn);
}

/** Called once the request is known to be a query (no writes). */
export function allowReplicaReads(): void {
  const s = requestScope();
  if (s) s.replica = true;
}

export function replicaReadsAllowed(): boolean {
  return requestScope()?.replica ?? false;
}
