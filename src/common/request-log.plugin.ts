import { ApolloServerPlugin } from '@apollo/server';
import { Context } from '../context';
import { toGraphQLError } from './errors';
import { Logger } from './logger';
import { sqlStatementsSoFar } from './sql-counter';

/** One structured line per GraphQL request: operation, duration, user and outcome. */
export function requestLogPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors, contextValue: ctx, response }) {
          const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
          const codes = (errors ?? []).map((e) => String(toGraphQLError({ message: e.message, extensions: e.extensions }, e, true).extensions?.code));
          logger.info(
            {
              requestId: ctx.requestId,
              operation: operationName ?? null,
              durationMs: Math.round(durationMs * 10) / 10,
              user: ctx.user?.id ?? null,
              role: ctx.user?.role ?? null,
              outcome: codes.length ? 'error' : 'ok',
              errorCodes: codes.length ? [...new Set(codes)] : undefined,
              status: response.http.status ?? 200,
              sqlStatements: sqlStatementsSoFar(),
            },
            'graphql request',
          );
          const internal = (errors ?? []).filter((_, i) => codes[i] === 'INTERNAL_SERVER_ERROR');
          for (const e of internal) logger.error({ requestId: ctx.requestId, err: e.originalError ?? e }, 'unexpected error');
        },
      };
    },
  };
}
