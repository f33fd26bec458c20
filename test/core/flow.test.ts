import { gzipSync } from 'node:zlib';
import express from 'express';
import { mtaWebhooks } from '../../src/express/mta';
import { createMtaReceiver } from '../../src/mta/receiver';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { SECRET } from '../helpers/apps';
import { rawPost } from '../helpers/raw-post';

/** The answers table as bytes and headers: receive() and the HTTP route must give the same verdict for each. */
const valid = JSON.stringify(mtaFixture('delivery-status'));
const signed = (body: string | Buffer, extra: Record<string, string> = {}) => ({
  body,
  headers: { ...signedMtaRequest(body, SECRET).headers, ...extra },
});

const CASES: Array<[string, { body: string | Buffer; headers: Record<string, string> }, number, string | undefined]> = [
  ['a handled event', signed(valid), 200, undefined],
  ['malformed JSON', signed('{"status":'), 400, 'payload.invalid_json'],
  ['no signature', { body: valid, headers: { 'Content-Type': 'application/json' } }, 401, 'signature.missing'],
  ['a wrong signature', { body: valid, headers: { 'Content-Type': 'application/json', 'X-Signature': 'f'.repeat(64) } }, 401, 'signature.invalid'],
  ['a body over the limit', signed(JSON.stringify({ ...mtaFixture('delivery-status'), pad: 'x'.repeat(5000) })), 413, 'body.too_large'],
  ['Content-Encoding: br', signed(valid, { 'Content-Encoding': 'br' }), 415, 'body.unsupported_encoding'],
  ['a gzipped body', signed(gzipSync(valid), { 'Content-Encoding': 'gzip' }), 415, 'body.unsupported_encoding'],
  ['charset latin1', signed(valid, { 'Content-Type': 'application/json; charset=latin1' }), 415, 'body.unsupported_encoding'],
  ['bytes that are not UTF-8', signed(Buffer.from([0x7b, 0xff, 0x7d])), 415, 'body.unsupported_encoding'],
  ['JSON that is no MTA event', signed('{"hello":"world"}'), 422, 'payload.unknown_event'],
  ['an event failing its schema', signed(JSON.stringify(mtaFixture('delivery-status', { overrides: { status: 'delivered?' } }))), 422, 'payload.invalid'],
];

describe('receive() and the route give the same verdict for the same bytes and headers', () => {
  const options = { secret: SECRET, limit: '4kb', dedupe: false as const, handlers: { 'delivery-status': () => {} } };

  it.each(CASES)('%s', async (_label, { body, headers }, status, code) => {
    const receiver = createMtaReceiver(options);
    const verdict = await receiver.receive({ rawBody: body, headers }).then(
      () => ({ status: 200, code: undefined }),
      (error: { status: number; code: string }) => ({ status: error.status, code: error.code }),
    );
    const app = express().post('/mta', mtaWebhooks(options));
    const response = await rawPost(app, '/mta', headers, body);
    expect(verdict).toEqual({ status, code });
    expect({ status: response.status, code: (response.body as { error?: { code: string } }).error?.code }).toEqual({ status, code });
  });
});
