import { mtaWebhooks } from '../../src/express/mta';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { EXPRESS_VERSIONS, SECRET } from '../helpers/apps';
import { endless, listen, sendOverSocket } from '../helpers/socket-client';

describe.each(EXPRESS_VERSIONS)('%s: hostile and slow bodies', (_name, express) => {
  let handled = 0;
  const app = express();
  app.post(
    '/webhooks/mta',
    mtaWebhooks({ secret: SECRET, limit: '4kb', bodyTimeoutMs: 300, handlers: { 'delivery-status': () => void (handled += 1) } }),
  );
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => (server = await listen(app)));
  afterAll(() => server.close());
  beforeEach(() => (handled = 0));

  it('answers 413 at once when the declared length is over the limit, before the body is sent', async () => {
    const answer = await sendOverSocket(
      server.port,
      { path: '/webhooks/mta', headers: { 'Content-Type': 'application/json', 'Content-Length': String(10 * 1024 ** 3) } },
      [],
    );
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({ error: { code: 'body.too_large', message: expect.any(String) } });
    expect(answer.headers.connection).toBe('close');
    expect(handled).toBe(0);
  });

  it('stops reading a chunked body soon after it passes the limit: 413, connection closed', async () => {
    const answer = await sendOverSocket(
      server.port,
      { path: '/webhooks/mta', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } },
      (function* () {
        for (const piece of endless(16 * 1024)) yield `4000\r\n${piece.toString('latin1')}\r\n`;
      })(),
    );
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    // Bounded: the limit plus a small drain, not whatever the client keeps sending.
    expect(answer.bytesSent).toBeLessThan(4 * 1024 * 1024);
    expect(handled).toBe(0);
  });

  it('answers 408 body.timeout to a body trickling in past bodyTimeoutMs, and runs no handler', async () => {
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    const bytes = Buffer.from(body);
    const answer = await sendOverSocket(
      server.port,
      { path: '/webhooks/mta', headers: { ...headers, 'Content-Length': String(bytes.length) } },
      [...bytes].map((byte) => Buffer.from([byte])),
      40,
    );
    expect(answer.status).toBe(408);
    expect(answer.body).toEqual({ error: { code: 'body.timeout', message: expect.stringContaining('bodyTimeoutMs') } });
    expect(answer.headers.connection).toBe('close');
    expect(handled).toBe(0);
  });

  it('still takes a body that arrives in pieces within the deadline', async () => {
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status', { overrides: { messageId: 'pieces-1' } }), SECRET);
    const bytes = Buffer.from(body);
    const answer = await sendOverSocket(
      server.port,
      { path: '/webhooks/mta', headers: { ...headers, 'Content-Length': String(bytes.length) } },
      [bytes.subarray(0, 50), bytes.subarray(50)],
      20,
    );
    expect(answer.status).toBe(200);
    expect(handled).toBe(1);
  });
});

describe('bodyTimeoutMs option', () => {
  it('is checked when the route is made', () => {
    expect(() => mtaWebhooks({ secret: SECRET, bodyTimeoutMs: -1 })).toThrow(/bodyTimeoutMs/);
  });
});
