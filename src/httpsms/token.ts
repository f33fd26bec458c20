import type { KeyObject } from 'node:crypto';
import { errors, jwtVerify } from 'jose';
import { WebhookError } from '../core/errors.js';
import { HTTPSMS_ISSUER } from './constants.js';

export interface TokenCheck {
  /** The signing keys as HMAC keys (UTF-8 bytes of each configured key: toHmacKey). */
  keys: readonly (KeyObject | Uint8Array)[];
  /** The public webhook URL as registered in httpSMS; the token's `aud` must contain it. */
  audience?: string;
  clockToleranceSeconds: number;
  /** The clock; a fixed one in tests. */
  now: () => Date;
}

/**
 * Checks `Authorization: Bearer <JWT>`: HS256 only (never `none` or another algorithm), signed with one of the
 * keys, issued by api.httpsms.com, for our audience when one is configured, and within exp/nbf give or take the
 * tolerance. Rejects with a 401 WebhookError whose message names the failed check, never the token.
 */
export async function verifyHttpsmsToken(authorization: string | string[] | undefined, check: TokenCheck): Promise<void> {
  if (authorization === undefined || authorization === '') {
    throw new WebhookError(
      'signature.missing',
      'The Authorization header is missing: httpSMS sends a Bearer token when the webhook has a signing key.',
    );
  }
  const token = typeof authorization === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
  if (!token) throw invalid('the Authorization header is not one "Bearer <token>"');

  let lastFailure: unknown;
  for (const key of check.keys) {
    try {
      await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer: HTTPSMS_ISSUER,
        audience: check.audience,
        clockTolerance: check.clockToleranceSeconds,
        currentDate: check.now(),
      });
      return;
    } catch (error) {
      // A signature made with another key: try the next one (rotation). Anything else is final.
      if (error instanceof errors.JWSSignatureVerificationFailed) {
        lastFailure = error;
        continue;
      }
      throw invalid(reason(error), error);
    }
  }
  throw invalid('the token is not signed with the signing key (or any of the keys) configured here', lastFailure);
}

function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired (check the clock of this server)';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with HS256';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'the token is not valid yet (check the clock of this server)';
    if (error.claim === 'iss') return `the token's issuer is not ${HTTPSMS_ISSUER}`;
    if (error.claim === 'aud') return "the token's audience is not the webhook URL configured here (option audience)";
    return `the token's "${error.claim}" claim is not valid`;
  }
  return 'the token is malformed';
}

function invalid(why: string, cause?: unknown): WebhookError {
  return new WebhookError('signature.invalid', `The Authorization token was refused: ${why}.`, { cause });
}
