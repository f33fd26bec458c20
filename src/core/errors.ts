/**
 * Every way a delivery can be refused, with its HTTP status. The codes are part of the public contract:
 * they appear in answers (`{ "error": { "code", "message" } }`), in logs and in `WebhookError.code`.
 */
export const ERROR_STATUS = {
  'payload.invalid_json': 400,
  'signature.missing': 401,
  'signature.invalid': 401,
  'body.timeout': 408,
  'body.too_large': 413,
  'body.unsupported_encoding': 415,
  'payload.unknown_event': 422,
  'payload.invalid': 422,
  'delivery.in_progress': 409,
  'handler.failed': 500,
  // A fault of this package or of a function given as an option (a deliveryKey that threw): not the handler's.
  'internal.error': 500,
  'config.body_already_parsed': 500,
  'store.unavailable': 503,
  'receiver.closing': 503,
} as const;

export type WebhookErrorCode = keyof typeof ERROR_STATUS;

/**
 * The one error type a receiver rejects with. `message` is written for the developer who reads the answer:
 * it never contains a secret, a signature, a token, a phone number or message text, so it is safe to send.
 * The original failure (a handler's error, for instance) is kept as `cause` for logs only.
 */
// A registry symbol, the same in every copy of this module: a bundler or an ESM/CommonJS mix can load this file
// twice, and an error from one copy must still be recognised by the other.
const BRAND = Symbol.for('sms-webhooks.WebhookError');

export class WebhookError extends Error {
  /** `instanceof WebhookError` holds for errors from any copy of this package (ESM and CommonJS alike). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  readonly [BRAND] = true;
  readonly status: number;
  readonly code: WebhookErrorCode;
  /** True: `message` may be sent to the caller. Always true for errors this package creates. */
  readonly expose: boolean;
  /**
   * The likely cause of a refusal, worked out for the developer (why a signature failed): logged at warn and
   * shown by the inspector, but in the answer only where the receiver explains rejections (development).
   */
  readonly diagnosis?: string;
  /** With `store.unavailable`: which store could not be reached. */
  readonly store?: 'dedupe' | 'status' | 'queue';

  constructor(code: WebhookErrorCode, message: string, options?: { cause?: unknown; diagnosis?: string; store?: 'dedupe' | 'status' | 'queue' }) {
    super(message, options);
    this.name = 'WebhookError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.expose = true;
    if (options?.diagnosis !== undefined) this.diagnosis = options.diagnosis;
    if (options?.store !== undefined) this.store = options.store;
  }

  /** The JSON body of the answer: small, and free of anything secret or personal. */
  toJSON(): { error: { code: WebhookErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export function isWebhookError(value: unknown): value is WebhookError {
  return value instanceof WebhookError;
}
