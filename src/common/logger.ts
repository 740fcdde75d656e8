import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Logs go to stdout through an asynchronous buffer: a synchronous write to a slow pipe blocks the
 * event loop (sonic-boom retries in a loop), which under load cost a quarter of the hub's CPU.
 * Call flushLogger before exiting so the last lines are not lost.
 */
export function createLogger(level: string): Logger {
  const destination = level === 'silent' ? undefined : pino.destination({ dest: 1, sync: false, minLength: 0 });
  const logger = pino({ level, base: { service: 'partnership-hub' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
  return logger;
}

export function flushLogger(logger: Logger): void {
  try {
    (logger as unknown as { [k: symbol]: { flushSync?: () => void } })[pino.symbols.streamSym]?.flushSync?.();
  } catch {
    // Nothing more to do on the way out.
  }
}
