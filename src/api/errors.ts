/** Why a call to the MTA API failed. */
export type MtaApiErrorKind = 'api' | 'network' | 'timeout' | 'invalid_response';

/**
 * A failed MTA API call. For an error answer (`kind: 'api'`) it carries the documented body: `httpCode`,
 * `type`, `apiName` (the body's `name`, e.g. MTAUnauthorizedError), `requestId` and `reason`. The API key is
 * never part of it.
 */
export class MtaApiError extends Error {
  readonly kind: MtaApiErrorKind;
  /** HTTP status; 0 when no answer came. */
  readonly httpCode: number;
  readonly type?: string;
  readonly apiName?: string;
  readonly requestId?: string;
  readonly reason?: string | null;

  constructor(
    message: string,
    details: { kind: MtaApiErrorKind; httpCode?: number; type?: string; apiName?: string; requestId?: string; reason?: string | null },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MtaApiError';
    this.kind = details.kind;
    this.httpCode = details.httpCode ?? 0;
    this.type = details.type;
    this.apiName = details.apiName;
    this.requestId = details.requestId;
    this.reason = details.reason;
  }

  /** One line for a person: what failed, and the request id to quote to MTA support. */
  toString(): string {
    const status = this.httpCode ? `${this.httpCode} ` : '';
    const request = this.requestId ? ` (request id ${this.requestId})` : '';
    return `MTA API error: ${status}${this.message}${request}`;
  }
}
