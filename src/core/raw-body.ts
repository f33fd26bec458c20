import type { IncomingMessage } from 'node:http';
import { WebhookError } from './errors.js';

/**
 * A Node request as it may arrive at a webhook route: untouched, or after a body parser that kept the bytes
 * (`rawBody` from `rawBodySaver`, a Buffer from `express.raw()`, a string from `express.text()`), or after one
 * that parsed them away (`_body` is body-parser's "already read" mark).
 */
export type WebhookRequest = IncomingMessage & {
  rawBody?: unknown;
  body?: unknown;
  _body?: boolean;
};

export interface ReadRawBodyOptions {
  /** Largest accepted body in bytes. */
  limit: number;
}

const IDENTITY = new Set(['', 'identity']);
const UTF8_CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii']);

/**
 * The exact bytes of the request body, which is what the provider signed. Bytes an earlier parser kept are
 * reused; a body parsed away without its bytes is a configuration mistake and fails at once (never a hang,
 * never a misleading signature error). An oversize body is refused without being held in memory.
 */
export async function readRawBody(req: WebhookRequest, options: ReadRawBodyOptions): Promise<Buffer> {
  checkEncodingHeaders(req);
  const kept = keptBytes(req);
  if (kept) {
    if (kept.length > options.limit) throw tooLarge(options.limit);
    return kept;
  }
  if (req._body === true || req.readableEnded) throw alreadyParsed();
  return readStream(req, options.limit);
}

function checkEncodingHeaders(req: IncomingMessage): void {
  const encoding = String(req.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (!IDENTITY.has(encoding)) {
    throw new WebhookError(
      'body.unsupported_encoding',
      `Content-Encoding "${encoding.slice(0, 40)}" is not supported: send the JSON body uncompressed.`,
    );
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
  if (charset && !UTF8_CHARSETS.has(charset.toLowerCase())) {
    throw new WebhookError(
      'body.unsupported_encoding',
      `Charset "${charset.slice(0, 40)}" is not supported: webhook bodies must be UTF-8.`,
    );
  }
}

function keptBytes(req: WebhookRequest): Buffer | undefined {
  if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
  if (typeof req.rawBody === 'string') return Buffer.from(req.rawBody, 'utf8');
  if (Buffer.isBuffer(req.body)) return req.body;
  // express.text(): the string is the decoded body; UTF-8 bodies re-encode to the same bytes. (body-parser 1
  // marks a read body with `_body`; body-parser 2 leaves the stream ended.)
  if (typeof req.body === 'string' && (req._body === true || req.readableEnded)) return Buffer.from(req.body, 'utf8');
  return undefined;
}

function readStream(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    // Past the limit the rest is read and dropped, so the client can read our 413 instead of a reset.
    let overLimit = Number.isFinite(declared) && declared > limit;
    // The listeners stay until the request is collected: once settled, a late event changes nothing. A client
    // that goes away mid-body makes Node emit 'error' (ECONNRESET) on the request.
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (overLimit) return;
      if (received > limit) {
        overLimit = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (overLimit) reject(tooLarge(limit));
      else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received));
    });
    req.on('error', reject);
  });
}

export function tooLarge(limit: number): WebhookError {
  return new WebhookError('body.too_large', `The body is larger than the limit of ${limit} bytes (option "limit").`);
}

function alreadyParsed(): WebhookError {
  return new WebhookError(
    'config.body_already_parsed',
    'The request body was parsed before the webhook route and its raw bytes were not kept, so the signature ' +
      'cannot be checked. Mount the webhook route before express.json(), or use ' +
      'express.json({ verify: rawBodySaver }).',
  );
}
