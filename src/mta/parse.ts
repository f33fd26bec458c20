import type { z } from 'zod';
import { WebhookError } from '../core/errors.js';
import { schemaError } from '../core/schema-issues.js';
import { MTA_EVENT_TYPES, type MtaEventType, type MtaVersion } from './constants.js';
import { candidateVersions, eventFromShape, eventFromTypeField } from './classify.js';
import type { MtaEvent } from './events.js';
import { normalize } from './normalize.js';
import { type OptOutKeywords, optOutMatcher } from './opt-out.js';
import { MTA_SCHEMAS } from './schemas/index.js';

export interface ParseMtaEventOptions {
  /** Pin the event, for a URL registered for one event type only. */
  event?: MtaEventType;
  /** Pin the payload version the account receives. */
  version?: MtaVersion;
  /** The words that make a V3 reply an opt-out: a full list, or `{ add: [...] }` to extend MTA_OPT_OUT_KEYWORDS. */
  optOutKeywords?: OptOutKeywords;
}

/**
 * Classifies parsed JSON as one MTA event and validates it against that event's schema. Throws a 422
 * WebhookError: `payload.unknown_event` when the body is no MTA event, `payload.invalid` when it is one event
 * but fails its schema. Messages name fields and rules, never values.
 */
export function parseMtaEvent(json: unknown, options: ParseMtaEventOptions = {}): MtaEvent {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new WebhookError('payload.unknown_event', `The body is JSON ${describe(json)}, not an MTA event object.`);
  }
  const body = json as Record<string, unknown>;
  const type = pickEvent(body, options.event);
  const versions = options.version ? PINNED[options.version] : candidateVersions(body);

  // Every candidate version is tried: a body that fits V1 and V2 says so rather than a guess.
  let payload: Record<string, unknown> | undefined;
  let firstVersion: MtaVersion = 3;
  let matches = 0;
  let closest: { version: MtaVersion; issues: z.core.$ZodIssue[] } | undefined;
  for (const version of versions) {
    const result = MTA_SCHEMAS[type][version].safeParse(body);
    if (result.success) {
      if (matches++ === 0) {
        payload = result.data as Record<string, unknown>;
        firstVersion = version;
      }
    } else if (!closest || result.error.issues.length < closest.issues.length) {
      closest = { version, issues: result.error.issues };
    }
  }
  if (!payload) throw schemaError(`${type} V${closest!.version} payload`, closest!.issues);

  // A fresh array for each delivery: a handler may change its event without reaching the next one.
  const version = matches === 1 ? firstVersion : [1, 2];
  const normalized = normalize(type, payload, firstVersion === 3, optOutMatcher(options.optOutKeywords));
  return { provider: 'mta', type, version, payload, normalized } as MtaEvent;
}

const PINNED: Record<MtaVersion, readonly MtaVersion[]> = { 1: [1], 2: [2], 3: [3] };

function pickEvent(body: Record<string, unknown>, pinned: MtaEventType | undefined): MtaEventType {
  const named = eventFromTypeField(body.type);
  if (pinned) {
    if (named && named !== pinned) {
      throw new WebhookError(
        'payload.invalid',
        `The body's type names "${named}", but this route is pinned to "${pinned}" (option "event").`,
      );
    }
    return pinned;
  }
  const type = named ?? eventFromShape(body);
  if (!type) {
    throw new WebhookError(
      'payload.unknown_event',
      `The body is not one of the MTA events (${MTA_EVENT_TYPES.join(', ')}): neither its "type" nor its fields ` +
        'identify one. If this URL is registered for one event, pin it with the option "event".',
    );
  }
  return type;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
