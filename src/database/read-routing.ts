import { requestScope } from '../common/request-scope';

/**
 * Reads go to a streaming standby (DATABASE_REPLICA_URLS) only inside a GraphQL query operation:
 * a mutation, the sign-in check of the token and anything in a transaction read the primary, so
 * nobody reads their own write stale. Each request runs in its own scope (src/common/request-scope.ts,
 * entered by the request log), which starts on the primary.
 */
/** Called once the request is known to be a query (no writes). */
export function allowReplicaReads(): void {
  const s = requestScope();
  if (s) s.replica = true;
}

export function replicaReadsAllowed(): boolean {
  return requestScope()?.replica ?? false;
}
