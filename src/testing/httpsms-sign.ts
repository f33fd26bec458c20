import { SignJWT } from 'jose';
import { HTTPSMS_ISSUER } from '../httpsms/constants.js';

export interface HttpsmsSignOptions {
  /** The webhook URL as registered in httpSMS: the token's `aud`. */
  audience?: string;
  /** The httpSMS user id: the token's `sub`. */
  subject?: string;
  /** The signing time; the token is valid from 10 minutes before to 10 minutes after, as httpSMS makes it. */
  now?: Date;
}

export interface SignedHttpsmsRequest {
  /** The exact JSON string to send. */
  body: string;
  headers: { 'Content-Type': string; 'X-Event-Type': string; Authorization: string };
}

/**
 * A request httpSMS could have sent: the CloudEvent as compact JSON, `X-Event-Type`, and
 * `Authorization: Bearer <JWT>` signed with HS256 and the signing key, with httpSMS's claims.
 */
export async function signedHttpsmsRequest(
  body: Record<string, unknown> | string,
  signingKey: string,
  options: HttpsmsSignOptions = {},
): Promise<SignedHttpsmsRequest> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = String((JSON.parse(text) as { type?: unknown }).type ?? '');
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  let token = new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(HTTPSMS_ISSUER)
    .setSubject(options.subject ?? String((JSON.parse(text) as { data?: { user_id?: unknown } }).data?.user_id ?? 'user'))
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt - 600)
    .setExpirationTime(issuedAt + 600);
  if (options.audience) token = token.setAudience([options.audience]);
  const jwt = await token.sign(new TextEncoder().encode(signingKey));
  return { body: text, headers: { 'Content-Type': 'application/json', 'X-Event-Type': type, Authorization: `Bearer ${jwt}` } };
}
