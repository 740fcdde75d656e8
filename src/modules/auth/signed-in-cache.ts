import { performance } from 'node:perf_hooks';
import { AuthUser } from '../../access/access';

/**
 * The signed-in users this process read lately, keyed by user id and token version, so a burst of
 * reads by one person costs one database query per TTL instead of one per request (issue 17).
 *
 * Staleness is bounded:
 * - in this process, every committed mutation empties the cache (src/common/mutation.ts), so a
 *   deactivation, a password change, signOutEverywhere, a role or board change applies to the very
 *   next request, as before; a read that began before the commit does not store its (older) row;
 * - mutations never use it: they read the user fresh, so nothing is written on a stale account;
 * - across replicas, another process's change reaches this one's reads within the TTL (a few
 *   seconds; AUTH_CACHE_MS, 0 turns the cache off).
 * Time here is the process's monotonic clock, not the domain clock (src/common/clock.ts): this is
 * an expiry of a copy, not a date any rule reads.
 */
export class SignedInCache {
  private readonly entries = new Map<string, { user: AuthUser; until: number }>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    /** Beyond this many entries the cache starts again empty (a cap, not an LRU: entries live seconds). */
    private readonly maxEntries = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get(userId: string, tokenVersion: number): AuthUser | null {
    if (!this.enabled) return null;
    const key = `${userId}:${tokenVersion}`;
    const hit = this.entries.get(key);
    if (!hit) return null;
    if (hit.until <= this.now()) {
      this.entries.delete(key);
      return null;
    }
    return hit.user;
  }

  /** The generation a read starts in: `set` ignores a row read before the cache was last emptied. */
  begin(): number {
    return this.generation;
  }

  set(userId: string, tokenVersion: number, user: AuthUser, readIn: number): void {
    if (!this.enabled || readIn !== this.generation) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(`${userId}:${tokenVersion}`, { user, until: this.now() + this.ttlMs });
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }
}
