import { parseByteLimit } from '../core/byte-limit.js';
import { checkSecretOption } from '../core/secret-option.js';
import type { HandlerMap } from '../core/handlers.js';
import type { Logger } from '../core/logger.js';
import type { SharedReceiverOptions } from '../core/create-receiver.js';
import type { HandlerContext } from '../core/delivery-context.js';
import { MTA_EVENT_TYPES, MTA_VERSIONS, type MtaEventType, type MtaVersion } from './constants.js';
import type { MtaEvent, MtaEventOf } from './events.js';
import { type OptOutKeywords, optOutMatcher } from './opt-out.js';

export type MtaHandlers = HandlerMap<MtaEvent, HandlerContext>;
/** A handler for one MTA event type (or any): `const onReply: MtaHandler<'message-reply'> = async (event) => {}`. */
export type MtaHandler<T extends MtaEventType = MtaEventType> = (
  event: MtaEventOf<T>,
  context: HandlerContext,
) => unknown;
export type MtaDeliveryStatusHandler = MtaHandler<'delivery-status'>;
export type MtaMessageReplyHandler = MtaHandler<'message-reply'>;
export type MtaMessageSendHandler = MtaHandler<'message-send'>;
export type MtaNumberOptInHandler = MtaHandler<'number-opt-in'>;

/**
 * The options of an MTA receiver (`mtaWebhooks`, `createMtaReceiver`). `secret` is required, unless
 * `dangerouslySkipSignatureVerification: true` says, in the code, that nothing is checked.
 */
export type MtaReceiverOptions = MtaReceiverBaseOptions & MtaSecretOptions;

/** `secret` and the switch that makes it optional: a union, so that forgetting the secret is a compile error. */
export type MtaSecretOptions =
  | {
      /** The webhook's secret, or several during a rotation (any one may match). */
      secret: string | readonly string[];
      dangerouslySkipSignatureVerification?: false;
    }
  | {
      secret?: string | readonly string[];
      /** Accept deliveries without checking X-Signature. Only for local experiments: anyone can forge events. */
      dangerouslySkipSignatureVerification: true;
    };

/** Every MTA receiver option except the secret ones (see MtaReceiverOptions). */
export interface MtaReceiverBaseOptions extends SharedReceiverOptions<MtaEvent> {
  /** Typed handlers keyed by event type; a list runs in order. */
  handlers?: MtaHandlers;
  /** Pin the event type: for a URL registered for one event only. */
  event?: MtaEventType;
  /** Pin the payload version the account receives (1, 2 or 3). */
  version?: MtaVersion;
  /** Largest accepted body: bytes, or '100kb' / '1mb'. Default 100 KiB. */
  limit?: number | string;
  /**
   * The words that make a V3 reply an opt-out (`normalized.isOptOut`): a list replaces MTA_OPT_OUT_KEYWORDS,
   * `{ add: ['ARRET', 'BAJA'] }` extends it. V1/V2 replies carry MTA's own verdict instead.
   */
  optOutKeywords?: OptOutKeywords;
  /** A pino logger (false: none); else the request's pino-http logger; else warnings and errors to stderr. */
  logger?: Logger | false;
}

export interface CheckedMtaOptions {
  secrets: string[];
  skipVerification: boolean;
  event?: MtaEventType;
  version?: MtaVersion;
  optOutKeywords?: OptOutKeywords;
  limit: number;
}

const MTA_SECRET_NAMES = {
  option: 'secret',
  skipOption: 'dangerouslySkipSignatureVerification',
  provider: 'MTA',
  example: 'process.env.MTA_WEBHOOK_SECRET',
};

/** Checks the options once, when the receiver is made, with a TypeError that names the bad option. */
export function checkMtaOptions(options: MtaReceiverOptions): CheckedMtaOptions {
  const { secrets, skipVerification } = checkSecretOption(options, MTA_SECRET_NAMES);
  if (options.event !== undefined && !MTA_EVENT_TYPES.includes(options.event)) {
    throw new TypeError(`Option "event" must be one of ${MTA_EVENT_TYPES.join(', ')}.`);
  }
  if (options.version !== undefined && !MTA_VERSIONS.includes(options.version)) {
    throw new TypeError('Option "version" must be 1, 2 or 3.');
  }
  // Checked (and its matcher built) now, so that a bad list is a TypeError at start-up, not a 500 per reply.
  optOutMatcher(options.optOutKeywords);
  return {
    secrets,
    skipVerification,
    event: options.event,
    version: options.version,
    optOutKeywords: options.optOutKeywords,
    limit: parseByteLimit(options.limit),
  };
}
