import { WebhookError } from './errors.js';
import { holdsUnsafeNumber, quoteUnsafeIntegers } from './exact-integers.js';

// Runtime-neutral (Node, Bun, Deno, Workers): no Buffer. `fatal` makes bytes that are not UTF-8 throw instead of
// becoming U+FFFD, and the default `ignoreBOM: false` drops one leading byte-order mark. One instance is enough:
// a decode without `stream` keeps no state between calls.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decode signed bytes as UTF-8 JSON. A leading byte-order mark is tolerated; bytes that are not UTF-8 are a
 * 415, text that is not JSON a 400. Messages never quote the body, which may hold phone numbers or text.
 * Integers too large for a double arrive as strings of their exact digits (see exact-integers.ts).
 */
export function parseJsonBody(rawBody: Uint8Array): unknown {
  let text: string;
  try {
    text = utf8.decode(rawBody);
  } catch {
    throw new WebhookError('body.unsupported_encoding', 'The body is not valid UTF-8: webhook bodies must be UTF-8 JSON.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const detail = text.trim() === '' ? 'the body is empty' : `${rawBody.length} bytes that do not parse as JSON`;
    throw new WebhookError('payload.invalid_json', `The body is not valid JSON (${detail}).`);
  }
  // The fast path: without a number beyond 2^53 nothing was rounded. Else JSON.parse has at least validated the
  // text, which the rewrite needs.
  if (!holdsUnsafeNumber(json)) return json;
  const exact = quoteUnsafeIntegers(text);
  return exact === text ? json : JSON.parse(exact);
}
