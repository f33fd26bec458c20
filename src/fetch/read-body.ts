import { alreadyParsed, tooLarge } from '../core/content-checks.js';

/** Hono's Context, as far as reading through its body cache goes (`c.req.arrayBuffer()`). */
interface BodyCachingContext {
  req: { raw: Request; arrayBuffer(): Promise<ArrayBuffer> };
}

const FETCH_FIX =
  'A middleware read it first (await request.json() / text()). Mount the webhook handler before that middleware; ' +
  'with Hono, pass the context as the second argument (handler(c.req.raw, c)) so the body is read through its cache.';

/**
 * The body bytes of a Fetch request, at most `limit`. A body with a declared length within the limit is read in
 * one call (the runtime holds it to that length); one without is streamed and refused once past the limit. Hono's
 * body cache is read only when a middleware already consumed the request: the cache reads without a limit.
 */
export async function readFetchBody(request: Request, limit: number, context: unknown): Promise<Uint8Array> {
  if (request.bodyUsed) {
    if (isBodyCachingContext(context, request)) return new Uint8Array(await context.req.arrayBuffer());
    throw alreadyParsed(FETCH_FIX);
  }
  // `request.body` is not touched on this path: on some servers (@hono/node-server) it builds a web stream.
  if (request.headers.get('content-length') !== null) return new Uint8Array(await request.arrayBuffer());
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      void reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return concat(chunks, received);
}

function isBodyCachingContext(context: unknown, request: Request): context is BodyCachingContext {
  const req = (context as Partial<BodyCachingContext> | null | undefined)?.req;
  return typeof req?.arrayBuffer === 'function' && req.raw === request;
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
