import type { IncomingMessage } from 'node:http';
import { alreadyParsed, tooLarge } from '../core/content-checks.js';

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

/** After the limit, this much more is read and dropped so that the client is likely to see our 413. */
const DRAIN_BYTES = 64 * 1024;

const EXPRESS_FIX = 'Mount the webhook route before express.json(), or use express.json({ verify: rawBodySaver }).';

/**
 * The exact bytes of the request body, which is what the provider signed. Bytes an earlier parser kept are
 * reused (and returned at once, with no turn of the event loop); a body parsed away without its bytes is a
 * configuration mistake and fails at once (never a hang, never a misleading signature error).
 */
export function readNodeBody(req: WebhookRequest, limit: number, fix = EXPRESS_FIX): Uint8Array | Promise<Uint8Array> {
  const kept = keptBytes(req);
  if (kept) return kept;
  if (req._body === true || req.readableEnded) throw alreadyParsed(fix);
  return readStream(req, limit);
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

/**
 * Reads the stream up to `limit`. Past it, nothing more is kept: a little more is drained so that the client can
 * read our 413 rather than a reset, then reading stops (the answer closes the connection).
 */
function readStream(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = () => {
      req.removeListener('data', onData);
      req.pause();
      reject(tooLarge(limit));
    };
    function onData(chunk: Buffer): void {
      received += chunk.length;
      if (received > limit + DRAIN_BYTES) return stop();
      if (received > limit) {
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    }
    // The other listeners stay until the request is collected: once settled, a late event changes nothing. A
    // client that goes away mid-body makes Node emit 'error' (ECONNRESET) on the request.
    req.on('data', onData);
    req.on('end', () => {
      if (received > limit) reject(tooLarge(limit));
      else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received));
    });
    req.on('error', reject);
  });
}
