import { type JWTPayload, errors, jwtVerify } from 'jose';
import { WebhookError } from '../core/errors.js';
import { type Diagnoser, createDiagnoser } from '../core/diagnosis.js';
import { explained } from '../core/explain-option.js';
import { HTTPSMS_ISSUER } from './constants.js';
import { diagnoseToken } from './diagnose-token.js';

export interface TokenCheck {
  /** The signing keys as HMAC keys: the UTF-8 bytes of each configured key (toTokenKey). */
  keys: readonly Uint8Array[];
  /** The public webhook URL as registered in httpSMS; the token's `aud` must contain it. */
  audience?: string;
  clockToleranceSeconds: number;
  /** The longest lifetime accepted, in seconds (see tokenLifetimeSeconds). httpSMS issues tokens for 10 minutes. */
  maxTokenAgeSeconds: number;
  /** The clock; a fixed one in tests. */
  now: () => Date;
  /** The 401 message names the likely cause (option explainRejections); it is logged either way. */
  explain?: boolean;
  /** Runs the diagnosis of a refusal within the receiver's budget (createDiagnoser); by default, one shared budget. */
  diagnose?: Diagnoser;
}

/**
 * A signing key as jose takes it on every runtime (Node, Bun, Deno, Workers): its UTF-8 bytes, which is how
 * httpSMS keys its HMAC. No KeyObject, so nothing here needs node:crypto.
 */
export function toTokenKey(signingKey: string): Uint8Array {
  return new TextEncoder().encode(signingKey);
}

/**
 * Checks `Authorization: Bearer <JWT>`: HS256 only (never `none` or another algorithm), signed with one of the
 * keys, issued by api.httpsms.com, for our audience when one is configured, with an `exp`, within exp/nbf give or
 * take the tolerance, and with a lifetime of at most maxTokenAgeSeconds. Rejects with a 401 WebhookError whose
 * message names the failed check, never the token.
 */
export async function verifyHttpsmsToken(authorization: string | string[] | undefined, check: TokenCheck): Promise<void> {
  if (authorization === undefined || authorization === '') {
    throw new WebhookError(
      'signature.missing',
      'The Authorization header is missing: httpSMS sends a Bearer token when the webhook has a signing key.',
    );
  }
  const token = typeof authorization === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
  if (!token) {
    const diagnosis = typeof authorization === 'string' ? schemeDiagnosis(authorization) : `the Authorization header arrived ${authorization.length} times (a proxy added one?)`;
    throw invalid('the Authorization header is not one "Bearer <token>"', check, diagnosis);
  }

  const now = check.now();
  let lastFailure: unknown;
  for (const key of check.keys) {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer: HTTPSMS_ISSUER,
        audience: check.audience,
        // Without an expiry a token stolen once works for ever.
        requiredClaims: ['exp'],
        clockTolerance: check.clockToleranceSeconds,
        currentDate: now,
      }));
    } catch (error) {
      // A signature made with another key: try the next one (rotation). Anything else is final.
      if (error instanceof errors.JWSSignatureVerificationFailed) {
        lastFailure = error;
        continue;
      }
      throw invalid(reason(error), check, await diagnosed(check, () => diagnoseToken(token, error, { ...check, now })), error);
    }
    const lifetime = tokenLifetimeSeconds(payload, now);
    if (lifetime > check.maxTokenAgeSeconds) {
      const why = `the token is valid for ${lifetime} s, longer than the ${check.maxTokenAgeSeconds} s allowed (option maxTokenAgeSeconds)`;
      throw invalid(why, check, `${why}; httpSMS issues tokens for 10 minutes`);
    }
    return;
  }
  const diagnosis = await diagnosed(check, () => diagnoseToken(token, lastFailure, { ...check, now }));
  throw invalid('the token is not signed with the signing key (or any of the keys) configured here', check, diagnosis, lastFailure);
}

/**
 * How long a token can be used: from its `iat`, or from now when `iat` is missing or in the future, to its `exp`.
 * Counting from the earlier of the two means neither a far `exp` nor a far `iat` (with `exp` just after it) lets a
 * token outlive the limit, and a token without `iat` is still bounded: it is accepted only in the last
 * maxTokenAgeSeconds before its `exp`. Both claims are numbers here: jose has checked them.
 */
export function tokenLifetimeSeconds(payload: JWTPayload, now: Date): number {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const from = payload.iat === undefined ? nowSeconds : Math.min(payload.iat, nowSeconds);
  return (payload.exp as number) - from;
}

function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired (check the clock of this server)';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with HS256';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'exp' && error.reason === 'missing') return 'the token has no expiry ("exp" claim), so it would never expire';
    if (error.claim === 'nbf') return 'the token is not valid yet (check the clock of this server)';
    if (error.claim === 'iss') return `the token's issuer is not ${HTTPSMS_ISSUER}`;
    if (error.claim === 'aud') return "the token's audience is not the webhook URL configured here (option audience)";
    return `the token's "${error.claim}" claim is not valid`;
  }
  return 'the token is malformed';
}

// For a check made without a diagnoser of its own: a failing diagnosis must never turn a 401 into a 500.
let sharedDiagnoser: Diagnoser | undefined;

function diagnosed(check: TokenCheck, work: () => Promise<string>): Promise<string> {
  return (check.diagnose ?? (sharedDiagnoser ??= createDiagnoser()))(work);
}

function invalid(why: string, check: TokenCheck, diagnosis: string, cause?: unknown): WebhookError {
  return new WebhookError('signature.invalid', explained(`The Authorization token was refused: ${why}.`, diagnosis, check.explain === true), { cause, diagnosis });
}

/**
 * What the header has instead of "Bearer <token>", without quoting a credential: a scheme is named only when it
 * looks like one (a short word followed by a value); a header that is one long value may be the credential itself.
 */
function schemeDiagnosis(authorization: string): string {
  const parts = authorization.trim().split(/\s+/);
  const scheme = parts[0] ?? '';
  if (parts.length > 1 && /^[A-Za-z][A-Za-z0-9-]{0,15}$/.test(scheme)) {
    return `the header's scheme is "${scheme}" and it has no single token after "Bearer "`;
  }
  return `the header has no "Bearer " scheme (a value of ${authorization.length} characters, not shown)`;
}
