import pino, { type Logger } from 'pino';

export type { Logger };

// One silent logger for every receiver without a logger of its own: pino's cost when silent is a no-op call.
let quietLogger: Logger | undefined;

/** The logger option, else the request's pino-http logger, else a quiet default. */
export function pickLogger(configured: Logger | undefined, fromRequest?: unknown): Logger {
  if (configured) return configured;
  if (isLogger(fromRequest)) return fromRequest;
  quietLogger ??= pino({ level: 'silent' });
  return quietLogger;
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
