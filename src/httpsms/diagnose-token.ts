import { type JWTPayload, compactVerify, decodeJwt, decodeProtectedHeader, errors } from 'jose';
import { paddedSecrets } from '../core/diagnosis.js';
import { HTTPSMS_ISSUER } from './constants.js';

export interface TokenFacts {
  keys: readonly Uint8Array[];
  audience?: string;
  clockToleranceSeconds: number;
  now: Date;
}

/**
 * The likely cause of a refused token, with the numbers a developer needs: by how much the clocks differ, which
 * audience or issuer the token names, which algorithm it claims, whether a trimmed key would have matched. Claims
 * are read from the token without trusting them: they only explain a refusal. Never contains the token or a key.
 */
export async function diagnoseToken(token: string, failure: unknown, facts: TokenFacts): Promise<string> {
  const claims = readClaims(token);
  const nowSeconds = Math.floor(facts.now.getTime() / 1000);
  if (failure instanceof errors.JWTExpired && typeof claims?.exp === 'number') {
    return `the token expired ${nowSeconds - claims.exp} s ago by this server's clock (tolerance ${facts.clockToleranceSeconds} s)${issued(claims, nowSeconds)}`;
  }
  if (failure instanceof errors.JWTClaimValidationFailed) {
    if (failure.claim === 'nbf' && typeof claims?.nbf === 'number') {
      return `the token becomes valid in ${claims.nbf - nowSeconds} s by this server's clock (tolerance ${facts.clockToleranceSeconds} s): this server's clock is behind httpSMS's by about that much`;
    }
    if (failure.claim === 'aud') return `the token is for ${brief(claims?.aud)}, and this receiver expects "${facts.audience}" (option audience): use the URL registered in httpSMS, exactly`;
    if (failure.claim === 'iss') return `the token was issued by ${brief(claims?.iss)}, not ${HTTPSMS_ISSUER}: it was not made by httpSMS`;
  }
  if (failure instanceof errors.JOSEAlgNotAllowed) return `the token's header names the algorithm ${brief(algorithm(token))}; httpSMS signs with HS256`;
  if (failure instanceof errors.JWSSignatureVerificationFailed) return wrongKey(token, facts.keys);
  if (!claims) return `the token is not a JWT (three base64url parts separated by dots; it has ${token.split('.').length})`;
  return 'the token failed a check of its claims';
}

function readClaims(token: string): JWTPayload | undefined {
  try {
    return decodeJwt(token);
  } catch {
    return undefined;
  }
}

function algorithm(token: string): unknown {
  try {
    return decodeProtectedHeader(token).alg;
  } catch {
    return undefined;
  }
}

/** Adds how long ago the token was issued: for a fresh token that is how far the clocks are apart. */
function issued(claims: JWTPayload, nowSeconds: number): string {
  if (typeof claims.iat !== 'number') return '';
  const age = nowSeconds - claims.iat;
  return `; it was issued ${age} s ago: if httpSMS sent it just now, this server's clock is about ${age} s ahead`;
}

async function wrongKey(token: string, keys: readonly Uint8Array[]): Promise<string> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  for (const key of keys) {
    const text = decoder.decode(key);
    if (text.trim() !== text && (await signedWith(token, encoder.encode(text.trim())))) {
      return 'the signing key configured here has leading or trailing whitespace (a newline from a file?) that httpSMS does not have';
    }
    for (const padded of paddedSecrets(text)) {
      if (await signedWith(token, encoder.encode(padded))) return 'httpSMS signs with the key plus leading or trailing whitespace (copied with a newline or a space?)';
    }
  }
  return (
    `a different key: the token's signature matches no signing key configured here (${keys.length} tried, with and ` +
    'without whitespace around them); copy the key again from the httpSMS webhook settings'
  );
}

async function signedWith(token: string, key: Uint8Array): Promise<boolean> {
  try {
    await compactVerify(token, key, { algorithms: ['HS256'] });
    return true;
  } catch {
    return false;
  }
}

/** A value from the token, quoted briefly: its header is read before any check, so its length is the sender's choice. */
function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
