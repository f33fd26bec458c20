import { parseByteLimit } from '../core/byte-limit.js';
import { numberOption } from '../core/number-option.js';
import type { HandlerMap } from '../core/handlers.js';
import type { Logger } from '../core/logger.js';
import type { SharedReceiverOptions } from '../core/create-receiver.js';
import type { HandlerContext } from '../core/delivery-context.js';
import { checkSecretOption } from '../core/secret-option.js';
import type { HttpsmsEvent } from './events.js';

export type HttpsmsHandlers = HandlerMap<HttpsmsEvent, HandlerContext>;

/**
 * The options of an httpSMS receiver (`httpsmsWebhooks`, `createHttpsmsReceiver`). `signingKey` is required,
 * unless `dangerouslySkipTokenVerification: true` says, in the code, that nothing is checked.
 */
export type HttpsmsReceiverOptions = HttpsmsReceiverBaseOptions & HttpsmsSigningKeyOptions;

/** `signingKey` and the switch that makes it optional: a union, so that forgetting the key is a compile error. */
export type HttpsmsSigningKeyOptions =
  | {
      /** The webhook's signing key, or several during a rotation. */
      signingKey: string | readonly string[];
      dangerouslySkipTokenVerification?: false;
    }
  | {
      signingKey?: string | readonly string[];
      /** Accept deliveries without checking the token. Only for local experiments: anyone can forge events. */
      dangerouslySkipTokenVerification: true;
    };

/** Every httpSMS receiver option except the signing key ones (see HttpsmsReceiverOptions). */
export interface HttpsmsReceiverBaseOptions extends SharedReceiverOptions<HttpsmsEvent> {
  /** The public webhook URL exactly as registered in httpSMS; when given, the token's `aud` must contain it. */
  audience?: string;
  /** Typed handlers keyed by event type; a list runs in order. */
  handlers?: HttpsmsHandlers;
  /** Allowed clock difference for exp/nbf, in seconds. Default 30. */
  clockToleranceSeconds?: number;
  /**
   * Longest token lifetime accepted, in seconds: from `iat` (or from now, when `iat` is missing or in the future)
   * to `exp`. httpSMS issues tokens for 10 minutes. Default 3600.
   */
  maxTokenAgeSeconds?: number;
  /** Handlers slower than this are logged at warn; httpSMS gives up after 5 s. Default 4000. */
  handlerBudgetMs?: number;
  /** Largest accepted body: bytes, or '100kb' / '1mb'. Default 100 KiB. */
  limit?: number | string;
  /** A pino logger (false: none); else the request's pino-http logger; else warnings and errors to stderr. */
  logger?: Logger | false;
  /** The clock used for exp/nbf. For tests. */
  now?: () => Date;
}

export interface CheckedHttpsmsOptions {
  signingKeys: string[];
  skipVerification: boolean;
  audience?: string;
  clockToleranceSeconds: number;
  maxTokenAgeSeconds: number;
  handlerBudgetMs: number;
  limit: number;
  now: () => Date;
}

const HTTPSMS_SECRET_NAMES = {
  option: 'signingKey',
  skipOption: 'dangerouslySkipTokenVerification',
  provider: 'httpSMS',
  example: 'process.env.HTTPSMS_SIGNING_KEY',
};

/** Checks the options once, when the receiver is made, with a TypeError that names the bad option. */
export function checkHttpsmsOptions(options: HttpsmsReceiverOptions): CheckedHttpsmsOptions {
  const { secrets: signingKeys, skipVerification } = checkSecretOption(options, HTTPSMS_SECRET_NAMES);
  if (options.audience !== undefined && (typeof options.audience !== 'string' || options.audience === '')) {
    throw new TypeError('Option "audience" must be the webhook URL as registered in httpSMS.');
  }
  return {
    signingKeys,
    skipVerification,
    audience: options.audience,
    clockToleranceSeconds: numberOption(options.clockToleranceSeconds, 'clockToleranceSeconds', 30, { allowZero: true }),
    maxTokenAgeSeconds: numberOption(options.maxTokenAgeSeconds, 'maxTokenAgeSeconds', 3600),
    handlerBudgetMs: numberOption(options.handlerBudgetMs, 'handlerBudgetMs', 4000, { allowZero: true }),
    limit: parseByteLimit(options.limit),
    now: checkClock(options.now),
  };
}

function checkClock(now: unknown): () => Date {
  if (now === undefined) return () => new Date();
  if (typeof now === 'function') return now as () => Date;
  throw new TypeError('Option "now" must be a function that returns a Date.');
}
