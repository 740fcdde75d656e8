import { parse as parseCookies } from 'cookie';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DataSource } from 'typeorm';
import { query, sql } from '../database/sql';

export const SESSION_COOKIE = 'hub_session';
/** A signed-in session lasts as long as its API token could (JWT_EXPIRES_IN); an anonymous one an hour. */
const ANONYMOUS_TTL_MS = 60 * 60 * 1000;

export interface Flash {
  /** GOV.UK notification banner: a success heading, or an important (neutral) message. */
  kind: 'success' | 'important';
  text: string;
}

/** What a browser's session holds. The API token carries the user id and token version, so deactivation and sign-out-everywhere end it at once. */
export interface SessionData {
  csrf: string;
  token?: string;
  tokenExpiresAt?: string;
  flash?: Flash;
}

export interface WebSessionHandle {
  data: SessionData;
  /** True until the session is stored (no row yet, no cookie sent). */
  readonly isNew: boolean;
  /** Persists the session (and sets the cookie) before the caller answers: a redirect after a change must find its flash message. */
  save(): Promise<void>;
  /** A fresh id on sign-in, so an id planted before sign-in opens nothing (session fixation). */
  regenerate(): Promise<void>;
  destroy(): Promise<void>;
  /** The flash message, once: reading it clears it from the stored session. */
  takeFlash(): Promise<Flash | undefined>;
}

declare module 'express-serve-static-core' {
  interface Request {
    webSession?: WebSessionHandle;
  }
}

const hashOf = (value: string) => createHash('sha256').update(value).digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');

/** A cookie's value (the `cookie` package: a malformed escape is kept as sent, never thrown). */
function readCookie(req: Request, name: string): string | undefined {
  return req.headers.cookie ? parseCookies(req.headers.cookie)[name] : undefined;
}

export interface SessionOptions {
  secureCookie: boolean;
}

/**
 * Session lifetimes follow the real clock, not the injectable one (src/common/clock.ts): the browser
 * reads the cookie's expiry against its own clock, and the API token's expiry (which the session
 * takes) is set by jsonwebtoken on the real clock too. Business dates never depend on it.
 */
const wallClock = () => new Date();

/**
 * Sessions in PostgreSQL (web_session), so every replica behind a load balancer reads the same ones.
 * The cookie carries a random value; the table keys its sha256. Nothing is written until save():
 * pages that change nothing in the session cost one SELECT.
 */
export function sessionMiddleware(ds: DataSource, options: SessionOptions): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const cookie = readCookie(req, SESSION_COOKIE);
      let secret = cookie && /^[\w-]{43}$/.test(cookie) ? cookie : undefined;
      let data: SessionData | undefined;
      if (secret) {
        const [row] = await query<{ data: SessionData }>(ds, sql`SELECT data FROM web_session WHERE id = ${hashOf(secret)} AND expires_at > ${wallClock()}`);
        data = row?.data;
      }
      if (!data) {
        secret = undefined;
        data = { csrf: newSecret() };
      }
      let current = secret;
      const setCookie = (value: string, expires: Date) =>
        res.cookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure: options.secureCookie, path: '/', expires });
      const handle: WebSessionHandle = {
        data,
        get isNew() {
          return current === undefined;
        },
        async save() {
          current ??= newSecret();
          const now = wallClock().getTime();
          const expiresAt = new Date(handle.data.tokenExpiresAt ? Date.parse(handle.data.tokenExpiresAt) : now + ANONYMOUS_TTL_MS);
          await query(
            ds,
            sql`INSERT INTO web_session (id, data, expires_at) VALUES (${hashOf(current)}, ${JSON.stringify(handle.data)}::jsonb, ${expiresAt})
                ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at`,
          );
          setCookie(current, expiresAt);
        },
        async regenerate() {
          if (current) await query(ds, sql`DELETE FROM web_session WHERE id = ${hashOf(current)}`);
          // Expired sessions go when someone signs in: no job needed, and the table stays small.
          await query(ds, sql`DELETE FROM web_session WHERE expires_at < ${wallClock()}`);
          current = newSecret();
          handle.data = { csrf: newSecret() };
        },
        async destroy() {
          if (current) await query(ds, sql`DELETE FROM web_session WHERE id = ${hashOf(current)}`);
          current = undefined;
          handle.data = { csrf: newSecret() };
          res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: options.secureCookie, path: '/' });
        },
        async takeFlash() {
          const flash = handle.data.flash;
          if (flash) {
            delete handle.data.flash;
            await handle.save();
          }
          return flash;
        },
      };
      req.webSession = handle;
      next();
    } catch (e) {
      next(e);
    }
  };
}

/** The synchronizer token: equal to the session's, compared in constant time. */
export function csrfMatches(session: SessionData, given: unknown): boolean {
  if (typeof given !== 'string' || !session.csrf) return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
