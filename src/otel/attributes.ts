import type { Attributes } from '@opentelemetry/api';
import { sha256Hex } from '../core/hmac.js';
import type { DeliveryReport } from '../core/observe.js';

/** The span attributes of a delivery: what happened, never who (no phone number, no message text). */
export function deliveryAttributes(report: DeliveryReport): Attributes {
  const attributes: Attributes = {
    'sms_webhooks.provider': report.provider,
    'sms_webhooks.outcome': report.outcome,
    'http.response.status_code': report.status,
  };
  if (report.event !== undefined) attributes['sms_webhooks.event'] = report.event;
  if (report.version !== undefined) attributes['sms_webhooks.version'] = Array.isArray(report.version) ? report.version.join(',') : String(report.version);
  if (report.code !== undefined) attributes['error.type'] = report.code;
  if (report.redelivery) attributes['sms_webhooks.redelivery'] = true;
  Object.assign(attributes, cloudEventAttributes(report));
  return attributes;
}

/** httpSMS deliveries are CloudEvents: their id, type and source, as the CloudEvents semantic conventions name them. */
function cloudEventAttributes(report: DeliveryReport): Attributes {
  if (report.provider !== 'httpsms') return {};
  const event = report.eventObject as { id?: unknown; type?: unknown; source?: unknown } | undefined;
  const attributes: Attributes = {};
  if (typeof event?.id === 'string') attributes['cloudevents.event_id'] = event.id;
  if (typeof event?.type === 'string') attributes['cloudevents.event_type'] = event.type;
  if (typeof event?.source === 'string') attributes['cloudevents.event_source'] = event.source;
  return attributes;
}

/**
 * The de-duplication key, hashed: keys hold no phone number in clear, but some hold ids a trace backend with a
 * wider audience than the logs should not see. Equal keys give equal hashes, so retries of one delivery can be
 * found together. A promise only where hashing needs WebCrypto.
 */
export function hashedKey(key: string): string | Promise<string> {
  const hex = sha256Hex(key);
  return typeof hex === 'string' ? hex.slice(0, 16) : hex.then((full) => full.slice(0, 16));
}
