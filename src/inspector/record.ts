import type { DeliveryReport } from '../core/observe.js';
import type { WebhookReceiver } from '../core/receiver.js';
import { KNOWN_HEADERS, type HeaderList, maskHeaders } from './mask.js';
import type { ForwardAnswer, RequestContext } from './request-context.js';

/** One delivery as the page shows it: everything the report says, secrets masked. Sent to the browser as JSON. */
export interface DeliveryRecord {
  id: number;
  receivedAt: string;
  provider: string;
  event?: string;
  version?: unknown;
  outcome: string;
  status: number;
  code?: string;
  /** The message of the refusal as the answer carried it. */
  message?: string;
  diagnosis?: string;
  key?: string;
  durationMs: number;
  redelivery?: boolean;
  statusChange?: { outcome: string; applied: boolean };
  /** The handler's (or store's) error, for a 5xx. */
  failure?: string;
  headers: Record<string, string>;
  /** The body as text (UTF-8), exactly the bytes received. */
  body?: string;
  bodyBytes: number;
  payload?: unknown;
  normalized?: unknown;
  logs: Record<string, unknown>[];
  replayOf?: number;
  sample?: boolean;
  forward?: ForwardAnswer | { pending: true; url?: string };
  /** Answers of replays sent to the forward target. */
  forwardReplays?: ForwardAnswer[];
}

/** A record with what the page must not see: the unmasked headers and the exact bytes, for replay and curl. */
export interface KeptDelivery {
  record: DeliveryRecord;
  headers: HeaderList;
  rawBody?: Uint8Array;
  /** The receiver that answered it: a replay goes through the same one (two MTA routes may hold two secrets). */
  receiver: WebhookReceiver<unknown>;
}

/** Reads a report (and the request's context, where the inspector made one); derives nothing of its own. */
export function keepDelivery(id: number, report: DeliveryReport, context: RequestContext | undefined, receiver: WebhookReceiver<unknown>): KeptDelivery {
  const headers = context?.headers ?? lookupKnown(report);
  const event = report.eventObject as { payload?: unknown; normalized?: unknown } | undefined;
  const record: DeliveryRecord = {
    id,
    receivedAt: new Date().toISOString(),
    provider: report.provider,
    event: report.event,
    version: report.version,
    outcome: report.outcome,
    status: report.status,
    code: report.code,
    message: report.message,
    diagnosis: report.diagnosis,
    key: report.key,
    durationMs: Math.round(report.durationMs * 1000) / 1000,
    redelivery: report.redelivery,
    statusChange: report.statusChange,
    failure: report.error === undefined ? undefined : describeError(report.error),
    headers: maskHeaders(headers),
    // ignoreBOM: a byte-order mark is kept, so the page, curl and the fixture show the bytes that arrived.
    body: report.request.rawBody && new TextDecoder('utf-8', { ignoreBOM: true }).decode(report.request.rawBody),
    bodyBytes: report.request.rawBody?.length ?? 0,
    payload: event?.payload,
    normalized: event?.normalized,
    logs: context?.lines ?? [],
    replayOf: context?.replayOf,
    sample: context?.sample,
  };
  return { record, headers, rawBody: report.request.rawBody, receiver };
}

function lookupKnown(report: DeliveryReport): HeaderList {
  const headers: HeaderList = {};
  for (const name of KNOWN_HEADERS) headers[name] = report.request.header(name);
  return headers;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
