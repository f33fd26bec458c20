import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import type { HeaderList } from './mask.js';
import type { DeliveryRecord } from './record.js';

/** The app's answer to a forwarded delivery, shown beside ours. */
export interface ForwardAnswer {
  url: string;
  status?: number;
  body?: string;
  ms?: number;
  error?: string;
}

/**
 * What the inspector knows of a delivery besides its report: the log lines it wrote, every header (the report
 * has a lookup only), whether it is a replay or a sample, and the forward target's answer.
 */
export interface RequestContext {
  lines: Record<string, unknown>[];
  headers?: HeaderList;
  replayOf?: number;
  sample?: boolean;
  forward?: Promise<ForwardAnswer>;
  /** The record this request became, set when its report arrives: a replay answers with its own record. */
  delivered?: DeliveryRecord;
}

// Found again through the report's logger, which the flow takes from the request: no change to the flow needed.
const contexts = new WeakMap<object, RequestContext>();

/** The context of a report: by its logger, else by its header lookup (a route with its own `logger` option). */
export function contextOf(logger: unknown, header: object): RequestContext | undefined {
  return (typeof logger === 'object' && logger !== null ? contexts.get(logger) : undefined) ?? contexts.get(header);
}

/** Ties a context to the header lookup the inspector itself gives a receiver (replays and samples). */
export function rememberContext(header: object, context: RequestContext): void {
  contexts.set(header, context);
}

/**
 * A logger for one delivery that keeps its lines (down to debug: the inspector shows the body anyway) and passes
 * warnings and errors on to `echo` (stderr by default), so that nothing is hidden from the terminal.
 */
export function createCapturingLogger(context: Omit<RequestContext, 'lines'> = {}, echo: NodeJS.WritableStream | false = process.stderr): { logger: Logger; context: RequestContext } {
  const full: RequestContext = { ...context, lines: [] };
  const keep = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n')) {
        if (line) full.lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      callback();
    },
  });
  const streams: pino.StreamEntry[] = [{ level: 'debug', stream: keep }];
  if (echo) streams.push({ level: 'warn', stream: echo });
  const logger = pino({ level: 'debug' }, pino.multistream(streams));
  contexts.set(logger, full);
  return { logger, context: full };
}
