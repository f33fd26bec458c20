import pino, { type Logger } from 'pino';

export type { Logger };

/** The `logger` option: a pino logger, or false to print nothing at all. */
export type LoggerOption = Logger | false | undefined;

interface WithStderr {
  process?: { stderr?: { write(text: string): unknown } };
}

// One default logger for every receiver without a logger of its own, made on first use.
let defaultLogger: Logger | undefined;
let silentLogger: Logger | undefined;

/**
 * The logger option, else the request's pino-http logger, else the default: warnings and errors to stderr, so
 * that a failing handler or a refused delivery is never silent. `false` turns logging off.
 */
export function pickLogger(configured: LoggerOption | unknown, fromRequest?: unknown): Logger {
  if (configured === false) return silent();
  if (isLogger(configured)) return configured;
  if (isLogger(fromRequest)) return fromRequest;
  return fallbackLogger();
}

/**
 * The logger for a warning that must be seen (verification switched off): the configured one when it prints
 * warnings, else the default on stderr, even under `logger: false`.
 */
export function visibleLogger(configured: LoggerOption | unknown): Logger {
  if (isLogger(configured) && configured.isLevelEnabled('warn')) return configured;
  return fallbackLogger();
}

/**
 * pino at level warn on stderr. On Node (and Bun, Deno) a synchronous write to the process's stderr, so the line
 * of a crash is not lost; where there is no process (Cloudflare Workers), pino's browser build prints to the
 * console. Nothing Node-only is imported: the Fetch entry loads this file too.
 */
function fallbackLogger(): Logger {
  if (defaultLogger) return defaultLogger;
  const stderr = (globalThis as WithStderr).process?.stderr;
  defaultLogger = stderr ? pino({ level: 'warn' }, { write: (line: string) => void stderr.write(line) }) : pino({ level: 'warn' });
  return defaultLogger;
}

/**
 * Replaces the default logger (undefined: back to stderr). For this package's own test suite, whose thousands of
 * deliberately refused deliveries would otherwise fill stderr; not exported to users, who pass `logger`.
 */
export function replaceDefaultLogger(logger: Logger | undefined): void {
  defaultLogger = logger;
}

/**
 * Checks the `logger` option once. Anything but a pino logger (winston, console) would otherwise be passed over
 * without a word, and its owner would wonder where the lines went.
 */
export function checkLoggerOption(value: unknown): void {
  if (value === undefined || value === null || value === false || isLogger(value) || isNullLogger(value)) return;
  throw new TypeError('Option "logger" must be a pino logger (pino(), or req.log of pino-http), or false for no logging.');
}

function silent(): Logger {
  silentLogger ??= pino({ level: 'silent' });
  return silentLogger;
}

/**
 * A logger that writes nothing whatever the level: `app.log` of a Fastify app with logging off (abstract-logging),
 * whose methods are all one no-op. Passing it means "no logging configured", so the stderr default is used and
 * warnings and errors are still seen.
 */
function isNullLogger(value: unknown): boolean {
  const methods = value as { info?: unknown; warn?: unknown; error?: unknown } | null;
  return typeof methods?.info === 'function' && methods.info === methods.warn && methods.warn === methods.error;
}

function isLogger(value: unknown): value is Logger {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Logger).info === 'function' &&
    typeof (value as Logger).child === 'function' &&
    // The log lines read pino's numeric levels; Fastify's logger when logging is off (abstract-logging) has none.
    typeof (value as Logger).levelVal === 'number' &&
    typeof (value as Logger).levels?.values === 'object'
  );
}
