import { DataSource } from 'typeorm';
import { SignInThrottleConfig } from '../../config/env';
import { Clock } from '../../common/clock';
import { TooManyRequestsError } from '../../common/errors';
import { SignInAttempt, SignInOutcome } from './sign-in-attempt.entity';

/** Advisory lock namespace for sign-in counters (pg_advisory_xact_lock(int, int)). */
const LOCK_NAMESPACE = 7311;

/** Outcomes that count against the limits: every failure, and attempts still being checked. */
const COUNTED = `outcome IN ('PENDING', 'WRONG_PASSWORD', 'UNKNOWN_EMAIL', 'ACCOUNT_INACTIVE')`;

export interface AttemptTicket {
  id: string;
}

/**
 * Sign-in throttling with its counters in PostgreSQL, so it holds across every hub process.
 *
 * Rule: an email with `maxFailuresPerEmail` failed attempts within the last `windowSeconds` (since
 * its last successful sign-in) is refused until the oldest of those leaves the window; a client
 * address with `maxFailuresPerAddress` failures within the window (any emails) likewise. Refused
 * attempts are recorded as THROTTLED and do not extend the lock.
 *
 * An attempt is reserved as PENDING before the password is checked, in its own short transaction
 * that holds advisory locks on the email and the address, so parallel guesses from several
 * processes are counted before any of them is checked and cannot overtake the limit. The row is
 * then finished with its outcome in its own statement: it is never rolled back with the failed
 * sign-in.
 */
export class SignInThrottle {
  constructor(
    private readonly ds: DataSource,
    private readonly config: SignInThrottleConfig,
    private readonly clock: Clock,
  ) {}

  /** Reserves an attempt, or records a THROTTLED one and throws TooManyRequestsError. */
  async begin(email: string, clientAddress: string | null): Promise<AttemptTicket> {
    const now = this.clock.now();
    const windowMs = this.config.windowSeconds * 1000;
    const since = new Date(now.getTime() - windowMs);
    const outcome = await this.ds.transaction(async (em): Promise<AttemptTicket | { retryAfterSeconds: number }> => {
      await em.query(`SELECT pg_advisory_xact_lock($1, hashtext($2)), pg_advisory_xact_lock($1, hashtext($3))`, [
        LOCK_NAMESPACE,
        `email:${email}`,
        `address:${clientAddress ?? ''}`,
      ]);
      // The n-th most recent counted failure in the window; when it exists the limit is reached,
      // and the lock lifts when that attempt leaves the window.
      const [row] = await em.query(
        `SELECT
           (SELECT at FROM sign_in_attempt
             WHERE email = $1 AND ${COUNTED} AND at > $3 AND at <= $4
               AND at > coalesce((SELECT max(at) FROM sign_in_attempt WHERE email = $1 AND outcome = 'SUCCEEDED' AND at <= $4), '-infinity')
             ORDER BY at DESC OFFSET $5 - 1 LIMIT 1) AS email_from,
           (SELECT at FROM sign_in_attempt
             WHERE $2::text IS NOT NULL AND client_address = $2 AND ${COUNTED} AND at > $3 AND at <= $4
             ORDER BY at DESC OFFSET $6 - 1 LIMIT 1) AS address_from`,
        [email, clientAddress, since, now, this.config.maxFailuresPerEmail, this.config.maxFailuresPerAddress],
      );
      const lockedFrom = [row.email_from, row.address_from].filter(Boolean).map((d: Date) => new Date(d).getTime());
      const throttled = lockedFrom.length > 0;
      const inserted = await em.insert(SignInAttempt, { at: now, email, clientAddress, userId: null, outcome: throttled ? 'THROTTLED' : 'PENDING' });
      if (!throttled) return { id: String(inserted.identifiers[0].id) };
      const liftsAt = Math.max(...lockedFrom) + windowMs;
      return { retryAfterSeconds: Math.max(1, Math.ceil((liftsAt - now.getTime()) / 1000)) };
    });
    if ('retryAfterSeconds' in outcome) throw new TooManyRequestsError(outcome.retryAfterSeconds);
    return outcome;
  }

  /** Records how the attempt ended (its own statement, outside any transaction of the sign-in). */
  async finish(ticket: AttemptTicket, outcome: Exclude<SignInOutcome, 'PENDING' | 'THROTTLED'>, userId: string | null): Promise<void> {
    await this.ds.getRepository(SignInAttempt).update({ id: ticket.id }, { outcome, userId });
  }
}
