import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import cors from 'cors';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express, { Express, RequestHandler } from 'express';
import http, { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import { DataSource } from 'typeorm';
import { Config } from './config/env';
import { Clock, systemClock } from './common/clock';
import { HttpDrain, Readiness } from './common/graceful';
import { HubMetrics } from './common/metrics';
import { allowReplicaReads } from './database/read-routing';
import { OperationTypeNode } from 'graphql';
import { idempotencyMiddleware } from './common/idempotency';
import { AuthUser } from './access/access';
import { DomainError, serviceUnavailablePlugin, toGraphQLError } from './common/errors';
import { Logger } from './common/logger';
import { graphqlFront } from './common/graphql-front';
import { requestErrorHandler, requestLogMiddleware, requestLogPlugin } from './common/request-log.plugin';
import { withSqlCounter } from './common/sql-counter';
import { Context, createContext } from './context';
import { annualReportRouter } from './modules/report/annual-report.route';
import { scorecardRouter } from './modules/scorecard/scorecard.route';
import { jitGateway } from './jit';
import { buildHubSchema } from './schema';
import { createServices, Services } from './services';
import { graphiqlRouter } from './web/graphiql';
import { mountAssets, webApp } from './web/web-app';

export interface App {
  app: Express;
  /** What the HTTP server runs: the GraphQL front (graphql-front.ts), then the Express app. Tests send requests here. */
  handler: http.RequestListener;
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  services: Services;
  /** Closes the listener and waits for the requests already received (see HttpDrain). */
  drain: HttpDrain;
  readiness: Readiness;
  stop(): Promise<void>;
}

/**
 * A body that is not JSON (another content type, or none) leaves req.body unset, which the Apollo
 * middleware answers with a 500; an empty one lets Apollo refuse it as the client error it is.
 */
const emptyBodyWhenNotJson: RequestHandler = (req, _res, next) => {
  req.body ??= {};
  next();
};

/** Lexical tokens a GraphQL document may have; a longer one is refused before it is parsed further. */
export const MAX_TOKENS = 5000;

export type AppConfig = Pick<Config, 'isProduction' | 'jwtSecret' | 'jwtExpiresIn' | 'bcryptRounds'> &
  Partial<Pick<Config, 'signInThrottle' | 'trustProxy' | 'mail' | 'authCacheMs' | 'corsOrigins' | 'graphqlJit'>> & {
    /** Off only in the schema-walk test, whose generated queries are deliberately huge. */
    queryLimits?: 'on' | 'off';
  };

export interface AppOptions {
  /** The time sign-in throttling reads; tests pass a TestClock and move it. */
  clock?: Clock;
  /** Start-up and stop state for /readyz; without one the app is ready at once (tests). */
  readiness?: Readiness;
  /** Prometheus metrics served at GET /metrics; none: no endpoint. */
  metrics?: HubMetrics;
}

/** Express + Apollo over a ready DataSource, without listening: tests drive it through supertest. */
export async function createApp(ds: DataSource, config: AppConfig, logger: Logger, options: AppOptions = {}): Promise<App> {
  const services = createServices(ds, config, options.clock ?? systemClock);
  const app = express();
  // req.ip (the client address sign-in throttling counts) reads X-Forwarded-For only behind a configured proxy.
  if (config.trustProxy) app.set('trust proxy', config.trustProxy);
  // Set below, once Apollo has started: the GraphQL front, then Express.
  let handler: http.RequestListener = app;
  const httpServer = http.createServer((req, res) => handler(req, res));
  const drain = new HttpDrain(httpServer);
  const readiness = options.readiness ?? new Readiness();
  if (!options.readiness) readiness.markReady();
  // Depth and cost limits always; production also hides field suggestions (schema probing).
  const limited = config.queryLimits !== 'off';
  // The token limit is graphql-js's own (parseOptions below): armor's throws outside the parser, a 500.
  const armor = new ApolloArmor({
    maxDepth: { enabled: limited, n: 12 },
    costLimit: { enabled: limited, maxCost: 20000, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5 },
    maxAliases: { n: 30 },
    maxDirectives: { n: 30 },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: config.isProduction },
  });
  const protection = armor.protect();
  const schema = buildHubSchema();
  const apollo = new ApolloServer<Context>({
    // graphql-jit executes (compiled once per document) unless GRAPHQL_JIT=false; Apollo keeps the rest.
    ...(config.graphqlJit ?? true ? { gateway: jitGateway(schema) } : { schema }),
    // Too many tokens is a syntax error like any other: HTTP 400, GRAPHQL_PARSE_FAILED.
    parseOptions: limited ? { maxTokens: MAX_TOKENS } : {},
    introspection: !config.isProduction,
    includeStacktraceInErrorResponses: !config.isProduction,
    formatError: (formatted, error) => toGraphQLError(formatted, error, !config.isProduction),
    plugins: [
      // Cache hints are unused (answers depend on who asks); the plugin instruments every field resolution.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ...protection.plugins,
      requestLogPlugin(logger),
      serviceUnavailablePlugin(),
      // A query operation (no writes) may read from a standby when DATABASE_REPLICA_URLS is set.
      { async requestDidStart() { return { async didResolveOperation({ operation }) { if (operation?.operation === OperationTypeNode.QUERY) allowReplicaReads(); } }; } },
      // Apollo's landing pages load from a CDN; development gets GraphiQL served by the hub instead (src/web/graphiql.ts).
      ApolloServerPluginLandingPageDisabled(),
    ],
    validationRules: protection.validationRules,
    allowBatchedHttpRequests: false,
    // index.ts owns the signals: readiness off, drain (HttpDrain), Apollo, the pool, then PostgreSQL.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  app.disable('x-powered-by');
  // No ETag on answers: a GraphQL POST is never revalidated, and hashing every body costs CPU per request (static assets set their own).
  app.set('etag', false);
  const databaseAnswers = async (): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([ds.query('SELECT 1'), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 2000)))]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  };
  /** The GraphQL context of a request: its user (from the idempotency middleware when it authenticated already), its id and address. */
  const contextFor = async (req: IncomingMessage, body: unknown, clientAddress: string | null, knownUser?: AuthUser | null): Promise<Context> => {
    const requestId = (req.headers['x-request-id'] as string) || randomUUID();
    try {
      const user = knownUser !== undefined ? knownUser : await services.auth.authenticate(req.headers.authorization, { readOnly: isQueryOnly(body) });
      return createContext(ds, services, user, requestId, { clientAddress });
    } catch (e) {
      // A bad, expired or revoked token: no user, and whatever needs one fails with this error
      // (HTTP 401); signIn still works.
      if (e instanceof DomainError) return createContext(ds, services, null, requestId, { clientAddress, authError: e });
      throw e;
    }
  };
  const requestLog = requestLogMiddleware(logger, options.metrics);
  // The common GraphQL request skips Express (src/common/graphql-front.ts); req.ip as Express reads it.
  const front = graphqlFront<Context>({
    apollo,
    requestLog,
    context: (req, body) => contextFor(req, body, proxyaddr(req, app.get('trust proxy fn'))),
  });
  handler = (req, res) => {
    if (!front(req, res)) app(req, res);
  };
  // Liveness: the process serves HTTP (a database outage is no reason to restart it).
  app.get('/healthz', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  // Other front ends (another origin) only from the configured allow-list (CORS_ORIGINS); none by default.
  const corsOrigins = config.corsOrigins ?? [];
  app.use('/graphql', cors({ origin: (origin, done) => done(null, !!origin && corsOrigins.includes(origin)), methods: ['GET', 'POST'], maxAge: 600 }));
  if (!config.isProduction) app.use(graphiqlRouter());
  app.use(
    '/graphql',
    requestLog,
    express.json({ limit: '1mb' }),
    emptyBodyWhenNotJson,
    // Idempotency-Key on a mutation: authenticated once here, the context reuses the user.
    idempotencyMiddleware(ds, logger, async (req, res) => {
      const user = await services.auth.authenticate(req.headers.authorization);
      res.locals.hubUser = user;
      return user?.id ?? null;
    }),
    expressMiddleware(apollo, { context: ({ req, res }) => contextFor(req, req.body, req.ip ?? null, res.locals.hubUser as AuthUser | null | undefined) }),
  );
  app.use('/graphql', requestErrorHandler(logger));
  // Readiness: send traffic here. 503 while starting, from the first moment of a stop, and while the database does not answer.
  app.get('/readyz', async (_req, res) => {
    if (!readiness.ready) {
      res.status(503).json({ status: readiness.status });
      return;
    }
    if (await databaseAnswers()) res.status(200).json({ status: 'ready' });
    else res.status(503).json({ status: 'database unavailable' });
  });
  if (options.metrics) {
    const metrics = options.metrics;
    app.get('/metrics', async (_req, res) => {
      res.setHeader('content-type', metrics.contentType());
      res.send(await metrics.text());
    });
  }
  // The reports and scorecard downloads (after /graphql, which most requests are: each layer in front of it is a route match per request).
  app.use((req, res, next) => (req.path.startsWith('/boards/') ? withSqlCounter(next) : next()), annualReportRouter(ds, services, logger), scorecardRouter(ds, services, logger));
  // The web app (issue 18) last: it answers the paths nothing above took.
  mountAssets(app);
  app.use(webApp(ds, services, schema, logger, { isProduction: config.isProduction }));

  return {
    app,
    handler,
    httpServer,
    apollo,
    services,
    drain,
    readiness,
    stop: () => apollo.stop(),
  };
}

/**
 * Whether a request can only read: a single operation whose text never says `mutation` (a mutation
 * operation must start with that keyword, so the test errs only towards "may write", e.g. for a
 * field or string that contains the word). Such requests may take the signed-in user from the cache.
 */
function isQueryOnly(body: unknown): boolean {
  const query = (body as { query?: unknown } | null)?.query;
  return typeof query === 'string' && !query.includes('mutation');
}
