import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { SECRET } from '../helpers/apps';
import { createHonoApp } from './apps/hono-app';
import { itPassesTheAcceptanceTable } from './cases';
import type { Listening } from './harness/listen';
import { serveFetch } from './harness/serve-fetch';
import { httpTarget, type Target } from './harness/target';

function useHono(parseFirst: boolean): () => Target {
  let server: Listening;
  let closeApp: () => Promise<unknown>;
  let target: Target;
  beforeAll(async () => {
    const { app, close } = createHonoApp({ parseFirst });
    closeApp = close;
    server = await serveFetch(app.fetch);
    target = httpTarget('Hono', server.baseUrl);
  });
  afterAll(async () => {
    await server.close();
    await closeApp();
  });
  return () => target;
}

describe('Hono on @hono/node-server: handler(c.req.raw)', () => {
  const target = useHono(false);
  itPassesTheAcceptanceTable(target);

  // Mounted with no middleware before it, the exact bytes arrive: a byte-order mark is kept, signed and accepted.
  it('a body with a byte-order mark keeps its bytes: 200, and the handler ran', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(mtaFixture('message-send', { unique: true })))]);
    const before = (await target().handled()).length;
    const response = await target().send('/webhooks/mta', new Uint8Array(bytes), signedMtaRequest(bytes, SECRET).headers);
    expect(response.status).toBe(200);
    expect((await target().handled()).slice(before)).toEqual([expect.objectContaining({ provider: 'mta', type: 'message-send' })]);
  });
});

describe('Hono on @hono/node-server: behind a middleware that ran await c.req.json(), handler(c.req.raw, c)', () => {
  const target = useHono(true);
  itPassesTheAcceptanceTable(target);

  // Hono caches the body as text and re-encodes it for arrayBuffer(): the bytes survive for any UTF-8 body,
  // however the sender spaced its JSON.
  it('a pretty-printed body keeps its exact bytes, so its signature still matches: 200', async () => {
    const { body, headers } = signedMtaRequest(JSON.stringify(mtaFixture('message-send', { unique: true }), null, 2), SECRET);
    expect((await target().send('/webhooks/mta', body as string, headers)).status).toBe(200);
  });

  // What cannot be promised there: Hono decoded the text, dropping a byte-order mark (and replacing bytes that
  // are not UTF-8), so those bodies no longer match their signature. Mounted before the middleware they pass.
  it('a body with a byte-order mark loses it in Hono\'s text cache: 401 signature.invalid, and no handler ran', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(mtaFixture('message-send', { unique: true })))]);
    const before = (await target().handled()).length;
    const response = await target().send('/webhooks/mta', new Uint8Array(bytes), signedMtaRequest(bytes, SECRET).headers);
    expect({ status: response.status, code: (JSON.parse(response.body) as { error: { code: string } }).error.code }).toEqual({
      status: 401,
      code: 'signature.invalid',
    });
    expect((await target().handled()).length).toBe(before);
  });

  it('without the context the raw request is spent: 500 config.body_already_parsed, naming the fix', async () => {
    const { body, headers } = signedMtaRequest(JSON.stringify(mtaFixture('message-send', { unique: true })), SECRET);
    const response = await target().send('/webhooks/mta-without-context', body as string, headers);
    expect(response.status).toBe(500);
    const { error } = JSON.parse(response.body) as { error: { code: string; message: string } };
    expect(error.code).toBe('config.body_already_parsed');
    expect(error.message).toContain('handler(c.req.raw, c)');
  });
});
