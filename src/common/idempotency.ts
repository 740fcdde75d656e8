import { createHash } from 'node:crypto';
import { Request, RequestHandler, Response } from 'express';
import { OperationTypeNode, parse } from 'graphql';
import { DataSource } from 'typeorm';
import { query, sql } from '../database/sql';
import { Logger } from './logger';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** A key answers the same for this long; after it, the key may be used again for a new request. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** A claim whose request never finished (its process died) may be taken over after this. */
const ABANDONED_AFTER_SECONDS = 120;
/** How long a second request with the same key waits for the first one's answer. */
const WAIT_FOR_FIRST_MS = 30_000;
const KEY = /^[\x21-\x7e]{1,200}$/;

/** Answers that a retry should run again rather than replay: nothing was written, or nothing for sure. */
const RETRYABLE_CODES = new Set(['SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'CONFLICT', 'TOO_MANY_REQUESTS', 'UNAUTHENTICATED']);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  return value;
}

/** The request a key stands for: the document, the operation name and the variables (key order aside). */
export function requestHash(body: { query?: unknown; operationName?: unknown; variables?: unknown }): string {
  const text = JSON.stringify(canonical({ query: body.query ?? null, operationName: body.operationName ?? null, variables: body.variables ?? null }));
  return createHash('sha256').update(text).digest('hex');
}

function isMutation(body: { query?: unknown; operationName?: unknown }): boolean {
  if (typeof body.query !== 'string') return false;
  try {
    const doc = parse(body.query, { maxTokens: 5000 });
    const ops = doc.definitions.filter((d) => d.kind === 'OperationDefinition');
    const op = typeof body.operationName === 'string' ? ops.find((o) => o.name?.value === body.operationName) : ops.length === 1 ? ops[0] : undefined;
    return op?.operation === OperationTypeNode.MUTATION;
  } catch {
    // Apollo answers the syntax error itself.
    return false;
  }
}

function refuse(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

function replayable(status: number, body: string): boolean {
  if (status >= 500 || status === 401 || status === 429) return false;
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] };
    return !(parsed.errors ?? []).some((e) => RETRYABLE_CODES.has(String(e.extensions?.code)));
  } catch {
    return false;
  }
}

interface Claim {
  state: 'PENDING' | 'DONE';
  request_hash: string;
  response_status: number | null;
  response_body: string | null;
  mine: boolean;
}

/**
 * Idempotent retries: a signed-in user's mutation sent with `Idempotency-Key: <key>` runs once; the
 * same key with the same request within 24 h gets the first answer again (header
 * `Idempotency-Replayed: true`) without writing; the same key with another request is refused
 * (HTTP 422, CONFLICT). Keys live in PostgreSQL (table idempotency_key), so this holds across
 * replicas: the first to insert the (user, key) row runs the request, a concurrent second waits for
 * its answer. The answer is stored before it is sent. Failures a retry should run again (database
 * unavailable, CONFLICT, internal errors) are not kept: the key is released.
 *
 * `authenticate` gives the user id of the request's bearer token (null when none or invalid: the
 * request then runs without idempotency, and fails or signs in as it would).
 */
export function idempotencyMiddleware(ds: DataSource, logger: Logger, authenticate: (req: Request, res: Response) => Promise<string | null>): RequestHandler {
  return async (req, res, next) => {
    const key = req.headers[IDEMPOTENCY_HEADER];
    if (key === undefined || req.method !== 'POST') return next();
    try {
      if (typeof key !== 'string' || !KEY.test(key)) {
        return refuse(res, 400, 'BAD_USER_INPUT', 'Idempotency-Key must be 1 to 200 visible ASCII characters');
      }
      const body = (req.body ?? {}) as { query?: unknown; operationName?: unknown; variables?: unknown };
      if (!isMutation(body)) return next();
      const userId = await authenticate(req, res).catch(() => null);
      if (!userId) return next();
      const hash = requestHash(body);

      let claim = await claimKey(ds, userId, key, hash);
      let first: Omit<Claim, 'mine'> | null = claim;
      // A first request still running: wait for its answer; if it failed and let the key go, claim it again.
      for (let tries = 0; !claim.mine && claim.state === 'PENDING' && claim.request_hash === hash && tries < 3; tries++) {
        first = await waitForAnswer(ds, userId, key);
        if (first) break;
        claim = await claimKey(ds, userId, key, hash);
        first = claim;
      }
      if (!claim.mine) {
        if (first && first.request_hash !== hash) {
          return refuse(res, 422, 'CONFLICT', 'This Idempotency-Key was already used with a different request: use a new key for a new request');
        }
        if (!first || first.state !== 'DONE' || first.response_status === null || first.response_body === null) {
          return refuse(res, 409, 'CONFLICT', 'A request with this Idempotency-Key is still running; retry in a moment');
        }
        res.setHeader('idempotency-replayed', 'true');
        res.status(first.response_status).type('application/json').send(first.response_body);
        return;
      }

      // Ours to run: keep the answer before it leaves (Apollo sends a complete body with res.send).
      const send = res.send.bind(res);
      let stored = false;
      res.send = ((payload: unknown) => {
        if (stored) return send(payload as never);
        stored = true;
        const text = Buffer.isBuffer(payload) ? payload.toString('utf8') : typeof payload === 'string' ? payload : JSON.stringify(payload);
        const status = res.statusCode;
        const keep = replayable(status, text);
        const write = keep
          ? query(ds, sql`UPDATE idempotency_key SET state = 'DONE', response_status = ${status}, response_body = ${text}, completed_at = now()
                          WHERE user_id = ${userId} AND key = ${key}`)
          : query(ds, sql`DELETE FROM idempotency_key WHERE user_id = ${userId} AND key = ${key} AND state = 'PENDING'`);
        write
          .catch((e) => logger.error({ err: e, requestId: req.headers['x-request-id'] }, 'could not store the idempotent answer'))
          .finally(() => send(payload as never));
        return res;
      }) as Response['send'];
      // A client gone before the answer: release the claim only if nothing was stored.
      res.once('close', () => {
        if (!stored) void query(ds, sql`DELETE FROM idempotency_key WHERE user_id = ${userId} AND key = ${key} AND state = 'PENDING'`).catch(() => undefined);
      });
      next();
    } catch (e) {
      next(e);
    }
  };
}

/**
 * Inserts the (user, key) row, or takes over one that has expired (24 h) or was abandoned; exactly
 * one concurrent caller gets `mine`. Otherwise returns the row as it stands.
 */
async function claimKey(ds: DataSource, userId: string, key: string, hash: string): Promise<Claim> {
  const [row] = await query<Omit<Claim, 'mine'> & { mine: boolean }>(
    ds,
    sql`INSERT INTO idempotency_key AS k (user_id, key, request_hash, state)
        VALUES (${userId}, ${key}, ${hash}, 'PENDING')
        ON CONFLICT (user_id, key) DO UPDATE
          SET request_hash = excluded.request_hash, state = 'PENDING', response_status = NULL, response_body = NULL, created_at = now(), completed_at = NULL
          WHERE k.created_at < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
             OR (k.state = 'PENDING' AND k.created_at < now() - make_interval(secs => ${ABANDONED_AFTER_SECONDS}))
        RETURNING k.state, k.request_hash, k.response_status, k.response_body, true AS mine`,
  );
  if (row) return row;
  const [existing] = await query<Omit<Claim, 'mine'>>(
    ds,
    sql`SELECT state, request_hash, response_status, response_body FROM idempotency_key WHERE user_id = ${userId} AND key = ${key}`,
  );
  // Released (deleted) between the two statements: try once more.
  if (!existing) return claimKey(ds, userId, key, hash);
  return { ...existing, mine: false };
}

/** The first request's answer, polled until it is stored (bounded); the row as last seen otherwise; null when it let the key go. */
async function waitForAnswer(ds: DataSource, userId: string, key: string): Promise<Omit<Claim, 'mine'> | null> {
  const until = Date.now() + WAIT_FOR_FIRST_MS;
  let delay = 10;
  for (;;) {
    const [row] = await query<Omit<Claim, 'mine'>>(
      ds,
      sql`SELECT state, request_hash, response_status, response_body FROM idempotency_key WHERE user_id = ${userId} AND key = ${key}`,
    );
    // Released because the first failed in a way worth retrying: this one may retry.
    if (!row) return null;
    if (row.state === 'DONE' || Date.now() > until) return row;
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 200);
  }
}
