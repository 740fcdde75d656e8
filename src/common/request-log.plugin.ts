import { ApolloServerPlugin } from '@apollo/server';
import { randomUUID } from 'node:crypto';
import { ErrorRequestHandler, RequestHandler } from 'express';
import { Kind } from 'graphql';
import { Context } from '../context';
import { HubMetrics } from './metrics';
import { toGraphQLError } from './errors';
import { Logger } from './logger';
import { requestScope, withRequestScope } from './request-scope';
import { sqlStatementsSoFar } from './sql-counter';

/** What one request's log line says; the Apollo plugin fills in what only GraphQL knows. */
interface RequestRecord {
  requestId: string;
  started: bigint;
  operation: string | null;
  user: string | null;
  role: string | null;
  errorCodes: string[];
  sqlStatements?: number;
  /** Root fields of the operation, for the metrics' bounded `operation` label. */
  rootFields?: string;
}

/** The request's log record, kept in its request scope. */
const currentRecord = (): RequestRecord | undefined => requestScope()?.log as RequestRecord | undefined;
const REQUEST_ID = /^[\w.:-]{1,100}$/;

/**
 * One structured line per request to /graphql, written when the answer has gone (or the client
 * went away), so requests refused before GraphQL runs (bad JSON, wrong content type, too large,
 * a context that could not be built) are logged like the others. Mount it first.
 */
export function requestLogMiddleware(logger: Logger, metrics?: HubMetrics): RequestHandler {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    // The context reads the same header, so the log line and the context carry one id.
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    const record: RequestRecord = { requestId, started: process.hrtime.bigint(), operation: null, user: null, role: null, errorCodes: [] };
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      const durationMs = Number(process.hrtime.bigint() - record.started) / 1e6;
      const status = res.writableFinished ? res.statusCode : null;
      const outcome = status === null ? 'aborted' : record.errorCodes.length || status >= 400 ? 'error' : 'ok';
      metrics?.observeRequest({
        operation: record.rootFields ?? '(invalid)',
        outcome: status === null ? 'aborted' : (record.errorCodes[0] ?? (status >= 400 ? `HTTP_${status}` : 'ok')),
        durationSeconds: durationMs / 1000,
      });
      logger.info(
        {
          requestId,
          method: req.method,
          operation: record.operation,
          durationMs: Math.round(durationMs * 10) / 10,
          user: record.user,
          role: record.role,
          outcome,
          errorCodes: record.errorCodes.length ? [...new Set(record.errorCodes)] : undefined,
          status,
          sqlStatements: record.sqlStatements,
        },
        'graphql request',
      );
    };
    res.on('finish', write);
    res.on('close', write);
    withRequestScope(next, record);
  };
}

/** What a client is told of a body refused before GraphQL runs (body-parser's errors here, src/common/graphql-front.ts's own). */
export const BODY_NOT_JSON = 'The request body is not valid JSON';
export const BODY_TOO_LARGE = 'The request body is too large';

/** Records an error code on the current request's log line (a request refused before GraphQL ran). */
export function noteRequestError(code: string): void {
  currentRecord()?.errorCodes.push(code);
}

/**
 * Express error handler for /graphql: a body that is not JSON, too large, or in an unknown charset is
 * the client's fault (4xx, JSON, no stack trace); anything else is logged and answered 500.
 */
export function requestErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    const code = status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    noteRequestError(code);
    if (status === 500) logger.error({ requestId: currentRecord()?.requestId, err }, 'unexpected error');
    const message =
      status === 500
        ? 'Internal server error'
        : err.type === 'entity.parse.failed'
          ? BODY_NOT_JSON
          : err.type === 'entity.too.large'
            ? BODY_TOO_LARGE
            : 'The request body cannot be read';
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}

/** Fills the request's log line with the operation, the user and the outcome. */
export function requestLogPlugin(logger: Logger): ApolloServerPlugin<Context> {
  const codeOf = (e: unknown) => String(toGraphQLError({ message: (e as Error).message, extensions: (e as { extensions?: Record<string, unknown> }).extensions }, e, true).extensions?.code);
  return {
    async contextCreationDidFail({ error }) {
      currentRecord()?.errorCodes.push(codeOf(error));
    },
    async invalidRequestWasReceived({ error }) {
      currentRecord()?.errorCodes.push(codeOf(error));
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          const rec = currentRecord();
          if (!rec || !operation) return;
          const names = operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : '(fragment)'));
          rec.rootFields = [...new Set(names)].sort().join(',').slice(0, 200) || '(none)';
        },
        async willSendResponse({ operationName, errors, contextValue: ctx }) {
          const codes = (errors ?? []).map(codeOf);
          const rec = currentRecord();
          if (rec) {
            rec.operation = operationName ?? null;
            rec.user = ctx?.user?.id ?? null;
            rec.role = ctx?.user?.role ?? null;
            rec.errorCodes.push(...codes);
            rec.sqlStatements = sqlStatementsSoFar();
          }
          const internal = (errors ?? []).filter((_, i) => codes[i] === 'INTERNAL_SERVER_ERROR');
          for (const e of internal) logger.error({ requestId: ctx?.requestId, err: e.originalError ?? e }, 'unexpected error');
        },
      };
    },
  };
}
