import request from 'supertest';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { EXPRESS_VERSIONS, SECRET } from '../helpers/apps';
import { expectError, mtaApp } from '../helpers/mta-app';
import { rawPost } from '../helpers/raw-post';

// Bodies a careless or hostile sender may POST, each answered with its own status and code, no handler run.
describe.each(EXPRESS_VERSIONS)('%s: bad input', (_name, express) => {
  const post = (app: ReturnType<typeof mtaApp>['app'], body: string) => {
    const signed = signedMtaRequest(body, SECRET);
    return request(app).post('/webhooks/mta').set(signed.headers).send(signed.body);
  };

  it.each([
    ['an empty body', '', 400, 'payload.invalid_json'],
    ['white space only', '  \n', 400, 'payload.invalid_json'],
    ['JSON null', 'null', 422, 'payload.unknown_event'],
    ['a JSON array', '[{"status":4}]', 422, 'payload.unknown_event'],
    ['a JSON string', '"delivery-status"', 422, 'payload.unknown_event'],
    ['a JSON number', '4', 422, 'payload.unknown_event'],
    ['deep nesting', `{"status":4,"x":${'['.repeat(20000)}${']'.repeat(20000)}}`, 422, 'payload.invalid'],
    ['deep nesting with no event shape', `${'['.repeat(40000)}${']'.repeat(40000)}`, 422, 'payload.unknown_event'],
  ])('signed %s: %d %s', async (_case, body, status, code) => {
    const { app, handled } = mtaApp(express);
    expectError(await post(app, body), status, code);
    expect(handled).toHaveLength(0);
  });

  it('an unsigned empty body: 401 signature.missing', async () => {
    const { app, handled } = mtaApp(express);
    expectError(await request(app).post('/webhooks/mta').send(''), 401, 'signature.missing');
    expect(handled).toHaveLength(0);
  });

  it('a 1 MB body: 413 body.too_large, with or without Content-Length', async () => {
    const { app, handled } = mtaApp(express);
    const big = JSON.stringify(mtaFixture('delivery-status', { extra: { padding: 'x'.repeat(1024 * 1024) } }));
    expectError(await post(app, big), 413, 'body.too_large');
    // Chunked: no Content-Length to refuse up front, the count is kept while reading.
    const signed = signedMtaRequest(big, SECRET);
    const chunked = await rawPost(app, '/webhooks/mta', signed.headers, signed.body, { chunked: true });
    expectError(chunked as never, 413, 'body.too_large');
    expect(handled).toHaveLength(0);
  });

  it('two X-Signature headers, even both correct: 401 signature.invalid', async () => {
    const { app, handled } = mtaApp(express);
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    const signature = headers['X-Signature'];
    const response = await rawPost(app, '/webhooks/mta', { 'Content-Type': 'application/json', 'X-Signature': [signature, signature] }, body);
    expectError(response as never, 401, 'signature.invalid');
    expect(handled).toHaveLength(0);
  });

  it('a UTF-8 byte-order mark before the JSON: verified over the bytes as sent, then handled', async () => {
    const { app, handled } = mtaApp(express);
    const withBom = `\uFEFF${JSON.stringify(mtaFixture('delivery-status'))}`;
    const { headers } = signedMtaRequest(withBom, SECRET);
    const response = await rawPost(app, '/webhooks/mta', headers, Buffer.from(withBom, 'utf8'));
    expect(response.status).toBe(200);
    expect(handled).toHaveLength(1);
  });

  it('non-ASCII text (accents, emoji, CJK, RTL): handled, delivered to the handler unchanged', async () => {
    const { app, handled } = mtaApp(express);
    const message = 'Grüße aus Köln 👋🏽 — 日本語 — مرحبا';
    const response = await post(app, JSON.stringify(mtaFixture('message-reply', { overrides: { message } })));
    expect(response.status).toBe(200);
    expect(handled[0]?.normalized).toMatchObject({ message });
  });

  it('JSON with escaped non-ASCII (\\u00fc) verifies over the escaped bytes and decodes', async () => {
    const { app, handled } = mtaApp(express);
    const body = JSON.stringify(mtaFixture('message-reply', { overrides: { message: 'PLACEHOLDER' } })).replace('PLACEHOLDER', 'Gr\\u00fc\\u00dfe');
    expect((await post(app, body)).status).toBe(200);
    expect(handled[0]?.normalized).toMatchObject({ message: 'Grüße' });
  });
});
