import { Hono } from 'hono';
import { mtaWebhooks } from '../../src/fetch';
import { mtaFixture, signMtaRequest } from '../../src/testing';
import { SECRET } from '../helpers/apps';

/** A body without a declared length that never ends, counting what the receiver pulled from it. */
function endlessBody() {
  let pulled = 0;
  const chunk = new Uint8Array(16 * 1024).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

describe('the Fetch entry reads a streamed body (no Content-Length) with its limit', () => {
  let handled = 0;
  const handler = mtaWebhooks({ secret: SECRET, limit: 1024, logger: false, handlers: { 'delivery-status': () => void handled++ } });
  const app = new Hono()
    .post('/raw', (c) => handler(c.req.raw))
    // The form the docs give for Hono: the context is passed so that a body a middleware read is taken from its cache.
    .post('/with-context', (c) => handler(c.req.raw, c));
  beforeEach(() => {
    handled = 0;
  });

  it.each(['/raw', '/with-context'])('%s: refuses 413 body.too_large soon after the limit, not after the whole body', async (path) => {
    const body = endlessBody();
    const response = await app.request(path, { method: 'POST', body: body.stream, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: 'body.too_large', message: expect.any(String) } });
    expect(body.pulled()).toBeLessThan(256 * 1024);
    expect(handled).toBe(0);
  });

  it.each(['/raw', '/with-context'])('%s: takes a signed streamed body within the limit', async (path) => {
    const { body, headers } = await signMtaRequest(mtaFixture('delivery-status', { unique: true }), SECRET);
    const bytes = new TextEncoder().encode(body);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 10));
        controller.enqueue(bytes.subarray(10));
        controller.close();
      },
    });
    const response = await app.request(path, { method: 'POST', body: stream, headers, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(200);
    expect(handled).toBe(1);
  });
});
