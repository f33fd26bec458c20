import { paddedSecrets } from '../core/diagnosis.js';
import { nodeCrypto } from '../core/platform.js';

/**
 * Why an X-Signature did not match, worked out on a 401 only, by trying the mistakes that are common in practice:
 * the body re-written by a JSON parser, a BOM added or removed, whitespace around the secret, a secret decoded on
 * one side only, a `sha256=` prefix, a header sent twice. The answer is a sentence for the developer; it never
 * contains the expected signature, the secret or the body.
 */
export async function diagnoseMtaSignature(rawBody: Uint8Array, header: string | string[], secrets: readonly string[]): Promise<string> {
  const values = (Array.isArray(header) ? header : [header]).flatMap((value) => value.split(','));
  const signatures = values.map(readSignature);
  const wellFormed = signatures.filter((signature) => signature.hex !== undefined);
  if (wellFormed.length === 0) {
    const length = values[0]?.trim().length ?? 0;
    return `the X-Signature is not a hex HMAC-SHA256 (${length} characters; MTA sends 64 hex characters)`;
  }
  // Variants of a large body cost a few hashes each; a real MTA body is well under this.
  const bodies = rawBody.length <= MAX_DIAGNOSED_BYTES ? bodyVariants(rawBody) : [{ bytes: rawBody }];
  for (const key of secrets.flatMap(keyVariants)) {
    for (const body of bodies) {
      const digest = await hmacHex(body.bytes, key.bytes);
      const match = wellFormed.find((signature) => signature.hex === digest);
      if (match) return [values.length > 1 ? repeated(values.length) : undefined, match.note, body.note, key.note].filter(Boolean).join('; ');
    }
  }
  if (values.length > 1) return `${repeated(values.length)}, and none of them matches the body`;
  return (
    'a different secret: the body and the header show none of the usual changes (re-serialized JSON, BOM, ' +
    'whitespace or an encoding of the secret), so MTA signs with another secret than the one configured here ' +
    '(or the request was not sent by MTA)'
  );
}

const MAX_DIAGNOSED_BYTES = 64 * 1024;
const BOM = [0xef, 0xbb, 0xbf];
const encoder = new TextEncoder();

interface Variant {
  bytes: Uint8Array;
  note?: string;
}

function readSignature(value: string): { hex?: string; note?: string } {
  const trimmed = value.trim();
  const bare = trimmed.replace(/^sha256=/i, '');
  if (!/^[0-9a-fA-F]{64}$/.test(bare)) return {};
  const notes = [bare !== trimmed ? 'the X-Signature has a "sha256=" prefix that MTA does not send (added on the way?)' : undefined];
  if (/[A-F]/.test(bare)) notes.push('the X-Signature is in uppercase hex (MTA sends lowercase)');
  return { hex: bare.toLowerCase(), note: notes.filter(Boolean).join('; ') || undefined };
}

function repeated(count: number): string {
  return `the X-Signature header arrived ${count} times (a proxy or load balancer added a copy): pass it on once`;
}

function bodyVariants(rawBody: Uint8Array): Variant[] {
  const variants: Variant[] = [{ bytes: rawBody }];
  const hasBom = BOM.every((byte, index) => rawBody[index] === byte);
  const withoutBom = hasBom ? rawBody.subarray(3) : rawBody;
  if (hasBom) variants.push({ bytes: withoutBom, note: 'a byte order mark (BOM) was added to the body before this route' });
  else variants.push({ bytes: Uint8Array.from([...BOM, ...rawBody]), note: "the body's byte order mark (BOM) was removed before this route" });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(withoutBom));
  } catch {
    return variants;
  }
  const original = new TextDecoder().decode(rawBody);
  const forms: [string, string][] = [
    [JSON.stringify(json), 'written compactly'],
    [JSON.stringify(json, null, 2), 'pretty-printed with 2 spaces'],
    [JSON.stringify(json, null, 4), 'pretty-printed with 4 spaces'],
    [JSON.stringify(json, null, '\t'), 'pretty-printed with tabs'],
  ];
  for (const [text, how] of forms) {
    if (text === original) continue;
    variants.push({
      bytes: encoder.encode(text),
      note:
        `the body was re-serialized by a JSON parser before this route: the signature matches the same JSON ${how}. ` +
        'Verify the bytes as they were sent (mount the route before express.json(), or use express.json({ verify: rawBodySaver }), ' +
        'and make any proxy pass the body on untouched)',
    });
  }
  return variants;
}

function keyVariants(secret: string): Variant[] {
  const variants: Variant[] = [{ bytes: encoder.encode(secret) }];
  const trimmed = secret.trim();
  if (trimmed !== secret) variants.push({ bytes: encoder.encode(trimmed), note: 'the secret configured here has leading or trailing whitespace (a newline from a file or an env file?) that MTA does not have' });
  for (const padded of paddedSecrets(secret)) {
    variants.push({ bytes: encoder.encode(padded), note: 'the secret MTA signs with has leading or trailing whitespace (copied with a newline or a space?) that the one configured here does not' });
  }
  const hex = /^(?:[0-9a-fA-F]{2}){16,}$/.test(trimmed) ? hexBytes(trimmed) : undefined;
  if (hex) variants.push({ bytes: hex, note: 'MTA signs with the secret hex-decoded to bytes, while here it is used as text (or the other way round)' });
  const base64 = /^[A-Za-z0-9+/_-]{22,}={0,2}$/.test(trimmed) && !hex ? base64Bytes(trimmed) : undefined;
  if (base64) variants.push({ bytes: base64, note: 'MTA signs with the secret base64-decoded to bytes, while here it is used as text (or the other way round)' });
  const ownBytes = encoder.encode(secret);
  variants.push({ bytes: encoder.encode(toHex(ownBytes)), note: 'MTA signs with the hex text of the secret, while here it is used as decoded bytes (or the other way round)' });
  return variants;
}

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index += 1) bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}

function base64Bytes(text: string): Uint8Array | undefined {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (character) => character.charCodeAt(0));
  } catch {
    return undefined;
  }
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

async function hmacHex(body: Uint8Array, key: Uint8Array): Promise<string> {
  if (nodeCrypto) return nodeCrypto.createHmac('sha256', key).update(body).digest('hex');
  const webKey = await globalThis.crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return toHex(new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', webKey, body)));
}
