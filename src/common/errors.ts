import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { EntityNotFoundError, QueryFailedError } from 'typeorm';
import { HeaderMap } from '@apollo/server';
import { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';

/** Domain errors thrown by services; `toGraphQLError` is the one place they become API errors. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly extra: Record<string, unknown> = {};
  /** HTTP status (and headers) for the whole response, when the error decides it (401 for a bad token, 429). */
  protected http?: { status: number; headers?: Record<string, string> };

  /**
   * graphql-js copies an original error's `extensions` onto the GraphQL error, and Apollo takes
   * `extensions.http` from there for the response's status and headers (then drops it): this is
   * how a resolver's domain error sets the HTTP status. `toGraphQLError` builds the extensions
   * clients see from `code` and `extra` only.
   */
  get extensions(): Record<string, unknown> | undefined {
    if (!this.http) return undefined;
    return { http: { status: this.http.status, headers: new HeaderMap(Object.entries(this.http.headers ?? {})) } };
  }
}

export class BadInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  constructor(public readonly field: string, message: string) {
    super(message);
    this.extra.field = field;
  }
}
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  /** httpStatus 401 for credentials that were sent and refused (bad, expired or revoked token). */
  constructor(message = 'Sign in first: send Authorization: Bearer <token>', httpStatus?: number) {
    super(message);
    if (httpStatus) this.http = { status: httpStatus };
  }
}
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
  constructor(message = 'You do not have access to this') {
    super(message);
  }
}
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(entity: string, id?: string) {
    super(id ? `${entity} ${id} not found` : `${entity} not found`);
    this.extra.entity = entity;
  }
}
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message);
    Object.assign(this.extra, extra);
  }
}

export class ServiceUnavailableError extends DomainError {
  readonly code = 'SERVICE_UNAVAILABLE';
  constructor(message = 'The database is not answering; try again in a moment') {
    super(message);
  }
}

/** Sign-in throttled: answered with HTTP 429 and Retry-After, and `extensions.retryAfterSeconds`. */
export class TooManyRequestsError extends DomainError {
  readonly code = 'TOO_MANY_REQUESTS';
  constructor(public readonly retryAfterSeconds: number, message = `Too many failed sign-ins: try again in ${retryAfterSeconds} s`) {
    super(message);
    this.extra.retryAfterSeconds = retryAfterSeconds;
    this.http = { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } };
  }
}

const PG_UNIQUE_VIOLATION = '23505';
const PG_EXCLUSION_VIOLATION = '23P01';
const PG_INVALID_TEXT = '22P02';
/** Text PostgreSQL cannot store (a NUL byte) or cannot convert. */
const PG_BAD_CHARACTERS = ['22021', '22P05'];
/** Retried by MutationRunner, then answered CONFLICT. */
export const PG_RETRYABLE = ['40001', '40P01'];
/** statement_timeout (57014) and the server going away or refusing connections. */
const PG_UNAVAILABLE = /^(08|57P0[1-3]$|57014$|53[0-9]00$)/;
const NET_UNAVAILABLE = ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE'];
// What pg and pg-pool throw without a code: a connection cut, the pool's acquire timeout, a pool ended at shutdown.
// The network codes are matched in messages too: a socket error that reaches Apollo as a non-Error
// value keeps only its text ("Unexpected error value: Error: connect ECONNREFUSED …").
const DRIVER_UNAVAILABLE = new RegExp(
  ['Connection terminated', 'timeout exceeded when trying to connect', 'Client has encountered a connection error', 'Connection ended',
    'Cannot use a pool after calling end', 'connection is not established', 'not yet established', ...NET_UNAVAILABLE.map((c) => `\\b${c}\\b`)].join('|'),
  'i',
);

/** The error and what it wraps (GraphQL originalError, TypeORM driverError, cause), outermost first. */
function chain(error: unknown): any[] {
  const out: any[] = [];
  let e: any = error;
  while (e && typeof e === 'object' && out.length < 6 && !out.includes(e)) {
    out.push(e);
    e = e.originalError ?? e.driverError ?? e.cause;
  }
  return out;
}

/** The SQLSTATE of a PostgreSQL error anywhere in the chain. */
export function pgCode(error: unknown): string | undefined {
  // SQLSTATEs are five characters; Node's five-letter codes (EPIPE, EPERM) are not PostgreSQL's.
  for (const e of chain(error)) if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && !/^E[A-Z]{4}$/.test(e.code)) return e.code;
  return undefined;
}

/** The database is down, unreachable, out of connections or too slow: the client should retry later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return chain(error).some(
    (e) =>
      e instanceof ServiceUnavailableError ||
      (typeof e.code === 'string' && (NET_UNAVAILABLE.includes(e.code) || PG_UNAVAILABLE.test(e.code))) ||
      // Not in GraphQL's own errors, which quote the client's document ({ ECONNREFUSED } is a validation error),
      // except where Apollo wrapped a thrown value it could not keep.
      (typeof e.message === 'string' && (!(e instanceof GraphQLError) || /^(Unexpected error value|Context creation failed): /.test(e.message)) && DRIVER_UNAVAILABLE.test(e.message)),
  );
}

function fromValidation(err: ArgumentValidationError): GraphQLFormattedError['extensions'] {
  const first = err.extensions.validationErrors[0];
  // Nested input errors carry the path down to the leaf property.
  const path: string[] = [];
  let node: any = first;
  while (node) {
    path.push(node.property);
    node = node.children && node.children.length ? node.children[0] : undefined;
  }
  return {
    code: 'BAD_USER_INPUT',
    field: path.join('.'),
    validationErrors: err.extensions.validationErrors.map((v: any) => ({
      field: v.property,
      constraints: v.constraints,
    })),
  };
}

/** Apollo formatError hook: every thrown error leaves the server with a stable code. */
export function toGraphQLError(formatted: GraphQLFormattedError, error: unknown, exposeInternal: boolean): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return { ...formatted, message: original.message, extensions: { ...original.extra, code: original.code } };
  }
  if (original instanceof ArgumentValidationError) {
    const ext = fromValidation(original);
    return { ...formatted, message: `Invalid input: ${ext?.field}`, extensions: ext };
  }
  if (original instanceof EntityNotFoundError) {
    return { ...formatted, message: 'Not found', extensions: { code: 'NOT_FOUND' } };
  }
  // Before the error's own code: a context that failed on a dead database arrives as INTERNAL with the host in its message.
  if (isDatabaseUnavailable(error)) {
    const slow = pgCode(error) === '57014';
    return {
      message: slow ? 'The database took too long to answer; try again in a moment' : new ServiceUnavailableError().message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    };
  }
  const sqlState = pgCode(original);
  if (original instanceof QueryFailedError || sqlState) {
    const driverError = (original as any).driverError ?? original;
    // Key values (the pg detail) help in development; in production they may name another board's data.
    const detail = exposeInternal && driverError?.detail ? { detail: driverError.detail } : {};
    if (sqlState === PG_UNIQUE_VIOLATION) {
      return { ...formatted, message: 'That already exists', extensions: { code: 'CONFLICT', ...detail } };
    }
    if (sqlState === PG_EXCLUSION_VIOLATION) {
      return { ...formatted, message: 'That overlaps with an existing record', extensions: { code: 'CONFLICT', ...detail } };
    }
    if (sqlState && PG_RETRYABLE.includes(sqlState)) {
      return { ...formatted, message: 'Someone else changed this at the same time; reload and try again', extensions: { code: 'CONFLICT' } };
    }
    if (sqlState === PG_INVALID_TEXT) {
      return { ...formatted, message: 'Malformed identifier', extensions: { code: 'BAD_USER_INPUT' } };
    }
    if (sqlState && PG_BAD_CHARACTERS.includes(sqlState)) {
      return { ...formatted, message: 'Text contains characters that cannot be stored', extensions: { code: 'BAD_USER_INPUT' } };
    }
  }
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  // graphql-js's own errors while executing carry no code: an argument it cannot coerce at run time
  // (null given through a nullable variable for a non-null argument with a default) is the client's.
  if (original instanceof GraphQLError && !original.originalError && /^Argument "/.test(original.message)) {
    const field = /^Argument "([^"]+)"/.exec(original.message)![1];
    return { ...formatted, extensions: { code: 'BAD_USER_INPUT', field } };
  }
  return exposeInternal
    ? { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' } }
    : { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

export function isGraphQLError(e: unknown): e is GraphQLError {
  return e instanceof GraphQLError;
}

/**
 * HTTP 503 for answers that failed because the database is unavailable, so proxies and clients
 * retry later rather than treating it as a bug. Errors raised while building the context get the
 * status through their extensions (Apollo turns them into GraphQL errors after this hook);
 * errors of the operation itself set it when the answer goes out.
 */
export function serviceUnavailablePlugin(): ApolloServerPlugin<any> {
  const UNAVAILABLE = { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } };
  return {
    async contextCreationDidFail({ error }) {
      if (!isDatabaseUnavailable(error)) return;
      // Apollo keeps a GraphQLError as it is and copies a plain error's extensions into the one it makes.
      const target = error as { extensions?: Record<string, unknown> };
      target.extensions = Object.assign(target.extensions ?? {}, UNAVAILABLE);
    },
    async requestDidStart() {
      return {
        async willSendResponse({ errors, response }) {
          if (errors?.some((e) => isDatabaseUnavailable(e))) response.http.status = 503;
        },
      };
    },
  };
}
