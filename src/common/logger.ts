import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Logs go to stdout through an asynchronous buffer: a synchronous write to a slow pipe blocks the
 * event loop (sonic-boom retries in a loop), which under load cost a quarter of the hub's CPU.
 * Call flushLogger before exiting so the last lines are not lost.
 */
export function createLogger(level: string): Logger {
  const destination = level === 'silent' ? undefined : pino.destination({ dest: 1, sync: false, minLength: LOG_BATCH_BYTES });
  // Lines wait for a batch to fill, or at most this long when the hub is quiet.
  if (destination) setInterval(() => destination.flush(), LOG_FLUSH_MS).unref();
  const logger = pino({ level, base: { service: 'partnership-hub' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
  return logger;
}

/**
 * Under load every request's line was its own write to stdout (a system call and a trip through
 * libuv's thread pool): about 4% of the hub's CPU on a nested read (issue 17). Lines are written
 * in batches of this many bytes, and at least every LOG_FLUSH_MS.
 */
const LOG_BATCH_BYTES = 4096;
const LOG_FLUSH_MS = 100;

export function flushLogger(logger: Logger): void {
  try {
    (logger as unknown as { [k: symbol]: { flushSync?: () => void } })[pino.symbols.streamSym]?.flushSync?.();
  } catch {
    // Nothing more to do on the way out.
  }
}
