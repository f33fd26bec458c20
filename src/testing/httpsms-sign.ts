import { SignJWT } from 'jose';
import { parseJsonBody } from '../core/json-body.js';
import { HTTPSMS_ISSUER } from '../httpsms/constants.js';
import { type SignableBody, type SignedBody, type SignedRequest, toBytes } from './signable.js';

export interface HttpsmsSignOptions {
  /** The webhook URL as registered in httpSMS: the token's `aud`. */
  audience?: string;
  /** The httpSMS user id: the token's `sub`. */
  subject?: string;
  /** The signing time; the token is valid from 10 minutes before to 10 minutes after, as httpSMS makes it. */
  now?: Date;
}

export type SignedHttpsmsRequest<B extends string | Buffer = string | Buffer> = SignedRequest<
  { 'Content-Type': string; 'X-Event-Type': string; Authorization: string },
  B
>;

/**
 * A request httpSMS could have sent: the CloudEvent (an object is serialized with JSON.stringify; a string or
 * Buffer is kept byte for byte), `X-Event-Type`, and `Authorization: Bearer <JWT>` signed with HS256 and the
 * signing key, with httpSMS's claims. The same shape as signMtaRequest.
 */
export async function signHttpsmsRequest<B extends SignableBody>(
  body: B,
  signingKey: string,
  options: HttpsmsSignOptions = {},
): Promise<SignedHttpsmsRequest<SignedBody<B>>> {
  const bytes = toBytes(body);
  const event = readEvent(bytes);
  const type = typeof event?.type === 'string' ? event.type : '';
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  let token = new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(HTTPSMS_ISSUER)
    .setSubject(options.subject ?? String(event?.data?.user_id ?? 'user'))
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt - 600)
    .setExpirationTime(issuedAt + 600);
  if (options.audience) token = token.setAudience([options.audience]);
  const jwt = await token.sign(new TextEncoder().encode(signingKey));
  return { body: bytes, headers: { 'Content-Type': 'application/json', 'X-Event-Type': type, Authorization: `Bearer ${jwt}` } };
}

/**
 * The event's type and user id, when the body is a JSON object. Signing never depends on the body being valid: a
 * test may sign a body with a byte-order mark, or one that is not JSON at all, to see the receiver refuse it.
 */
function readEvent(bytes: string | Uint8Array): { type?: unknown; data?: { user_id?: unknown } } | undefined {
  try {
    // Read as the receiver reads it (a byte-order mark is allowed).
    const json = parseJsonBody(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes);
    return typeof json === 'object' && json !== null ? (json as { type?: unknown; data?: { user_id?: unknown } }) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @deprecated Renamed `signHttpsmsRequest`, the same shape as signMtaRequest; this name is removed in 0.3.
 */
export const signedHttpsmsRequest: typeof signHttpsmsRequest = signHttpsmsRequest;
