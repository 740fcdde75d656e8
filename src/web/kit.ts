import { randomBytes, randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import nunjucks from 'nunjucks';
import { DataSource } from 'typeorm';
import { AuthUser } from '../access/access';
import { DomainError } from '../common/errors';
import { Context, createContext } from '../context';
import type { Services } from '../services';
import type { MeQuery } from './generated/graphql';
import { OperationError, OperationResult, WebOperations } from './graphql';
import { WebSessionHandle } from './session';

/** An answer that is a whole page of its own: 403, 404, or "sign in first". */
export class PageError extends Error {
  constructor(
    public readonly status: 401 | 403 | 404 | 500,
    message: string,
  ) {
    super(message);
  }
}

/** A GOV.UK error summary entry: text, and the field it links to. */
export interface ErrorItem {
  text: string;
  href?: string;
}

type Me = MeQuery['me'];

interface RequestState {
  user: AuthUser | null;
  context: Context;
  me?: Me;
}

const STATE = Symbol('webState');

/** What every page handler uses: the signed-in user's context, the operations, the views, the session. */
export class Web {
  constructor(
    private readonly ds: DataSource,
    readonly services: Services,
    readonly ops: WebOperations,
    private readonly views: nunjucks.Environment,
  ) {}

  session(req: Request): WebSessionHandle {
    if (!req.webSession) throw new Error('web session middleware missing');
    return req.webSession;
  }

  today(): string {
    return this.services.clock.today();
  }

  /**
   * The user behind the session's API token, read fresh on every request (AuthService.authenticate):
   * a deactivated user, a changed password or "sign out everywhere" ends the browser session at once.
   */
  async state(req: Request): Promise<RequestState> {
    const cached = (req as any)[STATE] as RequestState | undefined;
    if (cached) return cached;
    const session = this.session(req);
    let user: AuthUser | null = null;
    if (session.data.token) {
      try {
        user = await this.services.auth.authenticate(`Bearer ${session.data.token}`);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        await session.destroy();
      }
    }
    const requestId = (req.headers['x-request-id'] as string) || randomUUID();
    const state: RequestState = { user, context: createContext(this.ds, this.services, user, requestId, { clientAddress: req.ip ?? null }) };
    (req as any)[STATE] = state;
    return state;
  }

  /** The signed-in user (the Me operation), or "sign in first". */
  async me(req: Request): Promise<Me> {
    const state = await this.state(req);
    if (!state.user) throw new PageError(401, 'Sign in first');
    if (!state.me) state.me = (await this.query<MeQuery>(req, 'Me', {})).me;
    return state.me!;
  }

  /** A read for a page: an error is the page's answer (403, 404, ...), never half a page. */
  async query<T>(req: Request, name: string, variables: Record<string, unknown>): Promise<T> {
    const { context } = await this.state(req);
    const result = await this.ops.run<T, Record<string, unknown>>(name, variables, context);
    if (result.errors.length) throw pageErrorOf(result.errors[0]);
    return result.data as T;
  }

  /** A write from a form: its errors go back to the form (error summary); access errors are pages. */
  async mutate<T>(req: Request, name: string, variables: Record<string, unknown>): Promise<OperationResult<T>> {
    const state = await this.state(req);
    const result = await this.ops.run<T, Record<string, unknown>>(name, variables, state.context);
    // The request's DataLoaders cached what was read before the write: later reads get a fresh context.
    state.context = createContext(this.ds, this.services, state.user, state.context.requestId, { clientAddress: state.context.clientAddress });
    state.me = undefined;
    const access = result.errors.find((e) => ['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', 'INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE'].includes(e.code));
    if (access) throw pageErrorOf(access);
    return result;
  }

  async render(req: Request, res: Response, view: string, vars: Record<string, unknown> = {}, status = 200): Promise<void> {
    const session = this.session(req);
    const state = await this.state(req);
    const me = state.user ? await this.me(req).catch(() => undefined) : undefined;
    const flash = await session.takeFlash();
    // The sign-in form needs its CSRF token stored before the form comes back; other pages seen
    // signed out (403, 404) carry no form, so a passing crawler creates no session rows.
    if (session.isNew && view === 'sign-in') await session.save();
    // Scripts only from the hub, and GOV.UK's one inline line with this page's nonce; no framing, forms post only here.
    const cspNonce = randomBytes(16).toString('base64');
    const html = this.views.render(`pages/${view}.njk`, { ...vars, user: me, nav: me ? navigation(me, vars.section as string) : [], csrf: session.data.csrf, flash, cspNonce });
    res.status(status).setHeader('cache-control', 'no-store');
    res.setHeader(
      'content-security-policy',
      `default-src 'self'; script-src 'self' 'nonce-${cspNonce}'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'`,
    );
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'same-origin');
    res.type('html').send(html);
  }

  /** Post/Redirect/Get: the flash is in the session store before the redirect leaves, so the next page finds it. */
  async redirectWithFlash(req: Request, res: Response, to: string, text: string): Promise<void> {
    const session = this.session(req);
    session.data.flash = { kind: 'success', text };
    await session.save();
    res.redirect(303, to);
  }
}

function navigation(me: Me, section: string | undefined) {
  const items = [{ href: '/', text: 'My boards', active: section === 'boards' }];
  if (me.role === 'AGENCY_USER') {
    items.push({ href: '/owe', text: 'What we owe', active: section === 'owe' });
    items.push({ href: '/actions', text: 'Our actions', active: section === 'actions' });
  }
  items.push({ href: '/account/password', text: 'Change password', active: section === 'account' });
  return items;
}

export function pageErrorOf(e: OperationError): PageError {
  if (e.code === 'FORBIDDEN') return new PageError(403, e.message);
  if (e.code === 'NOT_FOUND') return new PageError(404, e.message);
  if (e.code === 'UNAUTHENTICATED') return new PageError(401, e.message);
  // Malformed ids in a URL are a page that does not exist.
  if (e.code === 'BAD_USER_INPUT') return new PageError(404, e.message);
  return new PageError(500, e.message);
}

/** Errors of a form's mutation as error summary entries, linked to their fields where the API names one. */
export function errorItems(errors: OperationError[], fieldIds: (field: string) => string | undefined = () => undefined): ErrorItem[] {
  return errors.map((e) => {
    const id = e.field ? fieldIds(e.field) : undefined;
    return { text: e.message, href: id ? `#${id}` : undefined };
  });
}

export type Handler = (req: Request, res: Response, next: NextFunction) => Promise<void>;

/** A string from a form body (urlencoded), trimmed; '' when absent. */
export function field(req: Request, name: string): string {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.trim() : Array.isArray(v) ? String(v[0] ?? '').trim() : '';
}
