import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { EntityNotFoundError, QueryFailedError } from 'typeorm';
import { HeaderMap } from '@apollo/server';
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
const PG_SERIALIZATION_FAILURE = '40001';
const PG_INVALID_TEXT = '22P02';

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
  if (original instanceof QueryFailedError) {
    const code = (original as any).driverError?.code;
    if (code === PG_UNIQUE_VIOLATION) {
      return { ...formatted, message: 'That already exists', extensions: { code: 'CONFLICT', detail: (original as any).driverError?.detail } };
    }
    if (code === PG_SERIALIZATION_FAILURE) {
      return { ...formatted, message: 'Someone else changed this at the same time; reload and try again', extensions: { code: 'CONFLICT' } };
    }
    if (code === PG_INVALID_TEXT) {
      return { ...formatted, message: 'Malformed identifier', extensions: { code: 'BAD_USER_INPUT' } };
    }
  }
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  return exposeInternal
    ? { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' } }
    : { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

export function isGraphQLError(e: unknown): e is GraphQLError {
  return e instanceof GraphQLError;
}
