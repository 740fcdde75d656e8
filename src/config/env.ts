import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** Where the hub is reached from outside (links in emails, signed report links). */
export const DEFAULT_PUBLIC_URL = 'http://localhost:4000';

const boolFlag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true'));

/**
 * The only reader of process.env. Everything else receives a validated Config, so a
 * misconfigured deployment fails at boot with the full list of problems, not at the first request.
 */
const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    DATABASE_URL: z.string().url().optional(),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    DATA_DIR: z.string().default('.data'),
    JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
    JWT_EXPIRES_IN: z.string().regex(/^\d+[smhd]$/, 'JWT_EXPIRES_IN must look like 15m, 8h or 7d').default('8h'),
    ADMIN_EMAIL: z.string().email().optional(),
    ADMIN_PASSWORD: z.string().min(10, 'ADMIN_PASSWORD must be at least 10 characters').optional(),
    BCRYPT_ROUNDS: z.coerce.number().int().min(4).max(15).default(12),
    SIGN_IN_MAX_FAILURES_PER_EMAIL: z.coerce.number().int().min(1).default(5),
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
    SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
    GRAPHQL_JIT: boolFlag,
    AUTH_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
    TRUST_PROXY: z
      .string()
      .regex(/^[\w.:/,\s-]+$/, 'TRUST_PROXY is false, true, a hop count, or addresses/subnets (comma-separated)')
      .default('false'),
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
    DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
    PGBOUNCER: boolFlag,
    EMBEDDED_DATABASE: boolFlag,
    DATABASE_REPLICA_URLS: z
      .string()
      .optional()
      .transform((v) => (v ?? '').split(',').map((u) => u.trim()).filter(Boolean))
      .pipe(z.array(z.string().url('DATABASE_REPLICA_URLS: each comma-separated entry must be a URL'))),
    SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(0),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    METRICS: boolFlag,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    JOBS_ENABLED: z.enum(['true', 'false']).optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'SMTP_URL must look like smtp://user:pass@host:587 or smtps://host:465')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Partnership hub <no-reply@hub.local>'),
    PUBLIC_URL: z.string().url().default(DEFAULT_PUBLIC_URL),
    REMINDERS_CRON: z.string().regex(/^\S+( \S+){4}$/, 'REMINDERS_CRON is a five-field cron expression, e.g. "0 7 * * *"').default('0 7 * * *'),
    MAIL_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(5),
    MAIL_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
    CORS_ORIGINS: z
      .string()
      .optional()
      .transform((v) => (v ?? '').split(',').map((u) => u.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'CORS_ORIGINS: each comma-separated entry is an origin such as https://app.example.org (no path)'))),
    SEED_DEMO: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true')),
  });

/** Checked on the raw values so they are reported together with any other problem. */
function productionProblems(raw: Record<string, string | undefined>): string[] {
  if (raw.NODE_ENV !== 'production') return [];
  const missing = ['JWT_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD'].filter((k) => !raw[k]).map((k) => `${k}: required in production`);
  // Several replicas each starting their own embedded PostgreSQL would each hold a different database.
  if (!raw.DATABASE_URL && raw.EMBEDDED_DATABASE !== 'true') {
    missing.push('DATABASE_URL: required in production (or EMBEDDED_DATABASE=true for one process with its own embedded PostgreSQL)');
  }
  return missing;
}

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  databaseUrl?: string;
  embeddedPgPort: number;
  dataDir: string;
  jwtSecret: string;
  /** True when the secret was generated at boot: tokens then die with the process. */
  jwtSecretGenerated: boolean;
  jwtExpiresIn: string;
  admin?: { email: string; password: string; generated: boolean };
  bcryptRounds: number;
  /** Failed sign-ins allowed per email and per client address within the window before further attempts are refused. */
  signInThrottle: SignInThrottleConfig;
  /**
   * How long a query may reuse the signed-in user this process read for the same token (ms; 0: read
   * it on every request). Changes made in this process apply at once; another replica's within this.
   */
  authCacheMs: number;
  /**
   * GraphQL operations run through graphql-jit (compiled once per document) instead of graphql-js's
   * interpreter; GRAPHQL_JIT=false goes back to graphql-js (same answers, more CPU per field).
   */
  graphqlJit: boolean;
  /** Express's 'trust proxy' setting (decides req.ip, the client address); false unless TRUST_PROXY says otherwise. */
  trustProxy: boolean | number | string;
  /** PostgreSQL cancels a statement running longer than this (the request is answered 503). */
  dbStatementTimeoutMs: number;
  /** How long a request waits for a pooled connection before it is answered 503. */
  dbAcquireTimeoutMs: number;
  /** Connections in this process's pool (per replica: replicas × this must fit PostgreSQL's or PgBouncer's limit). */
  dbPoolSize: number;
  /**
   * Behind PgBouncer in transaction mode: no named prepared statements, and the statement timeout is
   * set inside each transaction (SET LOCAL) instead of as a connection startup parameter.
   */
  pgBouncer: boolean;
  /** Read-only replicas (streaming standbys) for the read path; empty: everything goes to DATABASE_URL. */
  replicaUrls: string[];
  /** After SIGTERM, /readyz answers 503 for this long while requests are still served, so a load balancer can take the replica out first. */
  shutdownDelayMs: number;
  /** After the listener closes, how long requests already received may take before their connections are cut. */
  shutdownTimeoutMs: number;
  /** Prometheus metrics at GET /metrics (on unless METRICS=false). */
  metrics: boolean;
  logLevel: string;
  seedDemo: boolean;
  /** The job queue and its worker (reminders, emails); off by default only under NODE_ENV=test. */
  jobsEnabled: boolean;
  mail: MailConfig;
  /** The reminders' daily run: a cron expression read in Europe/London time. */
  remindersCron: string;
  /** Browser origins allowed to call /graphql from another site (CORS); empty: none. */
  corsOrigins: string[];
}

export interface MailConfig {
  /** smtp:// or smtps:// URL; unset: messages are written to the log (and kept in the notifications table). */
  smtpUrl?: string;
  from: string;
  /** Base URL of the web app, for the links in every message. */
  publicUrl: string;
  /** Retries of a failed send (after the first try), spaced retryDelaySeconds × 2^n with jitter. */
  retryLimit: number;
  retryDelaySeconds: number;
}

export interface SignInThrottleConfig {
  maxFailuresPerEmail: number;
  maxFailuresPerAddress: number;
  windowSeconds: number;
}

export const DEFAULT_SIGN_IN_THROTTLE: SignInThrottleConfig = { maxFailuresPerEmail: 5, maxFailuresPerAddress: 20, windowSeconds: 60 };

function trustProxy(value: string): boolean | number | string {
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const raw = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(raw);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`)),
    ...productionProblems(raw),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const env = parsed.data;
  const isProduction = env.NODE_ENV === 'production';
  if ((env.ADMIN_EMAIL && !env.ADMIN_PASSWORD) || (!env.ADMIN_EMAIL && env.ADMIN_PASSWORD)) {
    throw new ConfigError(['ADMIN_EMAIL and ADMIN_PASSWORD must be set together']);
  }
  // Development convenience: a missing secret or admin is generated and printed, never in production.
  let admin: Config['admin'];
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) admin = { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD, generated: false };
  else if (env.NODE_ENV === 'development') admin = { email: 'admin@hub.local', password: 'admin-' + randomBytes(6).toString('hex'), generated: true };
  return {
    nodeEnv: env.NODE_ENV,
    isProduction,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    embeddedPgPort: env.EMBEDDED_PG_PORT,
    dataDir: env.DATA_DIR,
    jwtSecret: env.JWT_SECRET ?? randomBytes(32).toString('hex'),
    jwtSecretGenerated: !env.JWT_SECRET,
    jwtExpiresIn: env.JWT_EXPIRES_IN,
    admin,
    bcryptRounds: env.BCRYPT_ROUNDS,
    signInThrottle: {
      maxFailuresPerEmail: env.SIGN_IN_MAX_FAILURES_PER_EMAIL,
      maxFailuresPerAddress: env.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: env.SIGN_IN_WINDOW_SECONDS,
    },
    authCacheMs: env.AUTH_CACHE_MS,
    graphqlJit: env.GRAPHQL_JIT ?? true,
    trustProxy: trustProxy(env.TRUST_PROXY),
    dbStatementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
    dbAcquireTimeoutMs: env.DB_ACQUIRE_TIMEOUT_MS,
    dbPoolSize: env.DB_POOL_SIZE,
    pgBouncer: env.PGBOUNCER ?? false,
    replicaUrls: env.DATABASE_REPLICA_URLS,
    shutdownDelayMs: env.SHUTDOWN_DELAY_MS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    metrics: env.METRICS ?? true,
    logLevel: env.LOG_LEVEL,
    seedDemo: env.SEED_DEMO ?? env.NODE_ENV === 'development',
    jobsEnabled: env.JOBS_ENABLED === undefined ? env.NODE_ENV !== 'test' : env.JOBS_ENABLED === 'true',
    mail: {
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      publicUrl: env.PUBLIC_URL.replace(/\/+$/, ''),
      retryLimit: env.MAIL_RETRY_LIMIT,
      retryDelaySeconds: env.MAIL_RETRY_DELAY_SECONDS,
    },
    remindersCron: env.REMINDERS_CRON,
    corsOrigins: env.CORS_ORIGINS,
  };
}
