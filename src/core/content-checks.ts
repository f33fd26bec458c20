import { WebhookError } from './errors.js';
import type { HeaderLookup } from './headers.js';
import { singleHeader } from './headers.js';

const IDENTITY = new Set(['', 'identity']);
const UTF8_CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii']);

/**
 * What the headers alone decide, before a byte is read: a compressed body or a charset other than UTF-8 is a
 * 415 (the signature covers the bytes as sent, and providers send plain UTF-8 JSON), and a declared length over
 * the limit is a 413 at once, so a client announcing gigabytes is not read at all.
 */
export function checkContentHeaders(header: HeaderLookup, limit: number): void {
  const encoding = (singleHeader(header('content-encoding')) ?? '').trim().toLowerCase();
  if (!IDENTITY.has(encoding)) {
    throw new WebhookError(
      'body.unsupported_encoding',
      `Content-Encoding "${encoding.slice(0, 40)}" is not supported: send the JSON body uncompressed.`,
    );
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(singleHeader(header('content-type')) ?? '')?.[1];
  if (charset && !UTF8_CHARSETS.has(charset.toLowerCase())) {
    throw new WebhookError('body.unsupported_encoding', `Charset "${charset.slice(0, 40)}" is not supported: webhook bodies must be UTF-8.`);
  }
  const declared = Number(singleHeader(header('content-length')));
  if (declared > limit) throw tooLarge(limit);
}

export function tooLarge(limit: number): WebhookError {
  return new WebhookError('body.too_large', `The body is larger than the limit of ${limit} bytes (option "limit").`);
}

export function bodyTimedOut(timeoutMs: number): WebhookError {
  return new WebhookError(
    'body.timeout',
    `The body did not arrive within ${timeoutMs} ms of the request (option "bodyTimeoutMs"); providers send small bodies at once.`,
  );
}

export function alreadyParsed(fix: string): WebhookError {
  return new WebhookError(
    'config.body_already_parsed',
    `The request body was read before the webhook route and its raw bytes were not kept, so the signature cannot be checked. ${fix}`,
  );
}
