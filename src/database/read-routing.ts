import { AsyncLocalStorage } from 'node:async_hooks';

const store = new AsyncLocalStorage<{ replica: boolean }>();

/**
 * Reads go to a streaming standby (DATABASE_REPLICA_URLS) only inside a GraphQL query operation:
 * a mutation, the sign-in check of the token and anything in a transaction read the primary, so
 * nobody reads their own write stale. Each request runs in its own scope.
 */
export function withReadRouting<T>(fn: () => T): T {
  return store.run({ replica: false }, fn);
}

/** Called once the request is known to be a query (no writes). */
export function allowReplicaReads(): void {
  const s = store.getStore();
  if (s) s.replica = true;
}

export function replicaReadsAllowed(): boolean {
  return store.getStore()?.replica ?? false;
}
