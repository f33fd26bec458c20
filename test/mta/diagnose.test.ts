import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { mtaWebhooks } from '../../src/express/mta';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { SECRET } from '../helpers/apps';
import { captureLogs, expectDiagnosisBudget } from '../helpers/log-capture';
import { rawPost } from '../helpers/raw-post';

// Each cause is produced for real: bytes and headers changed the way a proxy, a parser or a config file changes
// them, sent over HTTP to a real Express app, and the answer and the warn line read back.
const BODY = JSON.stringify(mtaFixture('delivery-status'));
const hmac = (body: string | Buffer, key: string | Buffer) => createHmac('sha256', key).update(body).digest('hex');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function receiver(options: { secret?: string; explainRejections?: boolean } = {}) {
  const logs = captureLogs('info');
  const handled: unknown[] = [];
  const app = express();
  const record = (event: unknown) => void handled.push(event);
  const handlers = { 'delivery-status': record, 'message-reply': record, 'message-send': record, 'number-opt-in': record };
  app.post('/mta', mtaWebhooks({ secret: options.secret ?? SECRET, logger: logs.logger, explainRejections: options.explainRejections, handlers }));
  return { app, logs, handled };
}

async function refusal(headers: Record<string, string | string[]>, body: string | Buffer, options?: Parameters<typeof receiver>[0]) {
  const { app, logs, handled } = receiver(options);
  const answer = await rawPost(app, '/mta', { 'Content-Type': 'application/json', ...headers }, body);
  // Whatever the cause, it is a refusal: 401 signature.invalid, and no handler ran.
  expect({ status: answer.status, code: (answer.body as { error?: { code: string } }).error?.code, handled: handled.length }).toEqual({ status: 401, code: 'signature.invalid', handled: 0 });
  const warn = logs.lines.find((line) => line.level === 40);
  return { status: answer.status, error: (answer.body as { error: { code: string; message: string } }).error, diagnosis: String(warn?.diagnosis), text: answer.text + logs.text() };
}

describe('why an MTA signature failed', () => {
  it('a forwarding proxy that parses and pretty-prints the JSON: re-serialized, in the log line and the answer', async () => {
    const { app, logs } = receiver();
    const upstream = await listen(createServer(app));
    // The proxy: a JSON parser in front of the route, passing on what it parsed, not the bytes it got.
    const proxy = express();
    proxy.use(express.json());
    proxy.post('/mta', async (req, res) => {
      const answer = await fetch(`${upstream.url}/mta`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': String(req.headers['x-signature']) },
        body: JSON.stringify(req.body, null, 2),
      });
      res.status(answer.status).type('json').send(await answer.text());
    });
    const front = await listen(createServer(proxy));
    try {
      const sent = signedMtaRequest(BODY, SECRET);
      const answer = await fetch(`${front.url}/mta`, { method: 'POST', headers: sent.headers, body: sent.body });
      const { error } = (await answer.json()) as { error: { code: string; message: string } };
      expect(answer.status).toBe(401);
      expect(error.code).toBe('signature.invalid');
      expect(error.message).toMatch(/Likely cause: the body was re-serialized by a JSON parser .* written compactly/);
      expect(logs.lines.find((line) => line.level === 40)).toMatchObject({ code: 'signature.invalid', diagnosis: expect.stringMatching(/re-serialized/) });
    } finally {
      await Promise.all([upstream.close(), front.close()]);
    }
  });

  it('a compact body whose signature covered a pretty-printed original', async () => {
    const pretty = JSON.stringify(JSON.parse(BODY), null, 4);
    const result = await refusal({ 'X-Signature': hmac(pretty, SECRET) }, BODY);
    expect(result.diagnosis).toMatch(/re-serialized .* pretty-printed with 4 spaces/);
  });

  it('in production the answer does not name the cause, and the warn line still does', async () => {
    const result = await refusal({ 'X-Signature': hmac(BODY, `${SECRET}\n`) }, BODY, { explainRejections: false });
    expect(result.status).toBe(401);
    expect(result.error.message).not.toContain('Likely cause');
    expect(result.diagnosis).toMatch(/the secret MTA signs with has leading or trailing whitespace/);
  });

  it('the secret configured here was read from a file with its trailing newline', async () => {
    const result = await refusal({ 'X-Signature': hmac(BODY, SECRET) }, BODY, { secret: `${SECRET}\n` });
    expect(result.error.message).toMatch(/Likely cause: the secret configured here has leading or trailing whitespace/);
  });

  it('the secret hex-decoded to bytes on the sending side only', async () => {
    const result = await refusal({ 'X-Signature': hmac(BODY, Buffer.from(SECRET.slice(12), 'hex')) }, BODY, { secret: SECRET.slice(12) });
    expect(result.diagnosis).toMatch(/hex-decoded/);
  });

  it('the secret base64-decoded to bytes on the sending side only', async () => {
    const secret = Buffer.from('a secret of some thirty bytes!').toString('base64');
    const result = await refusal({ 'X-Signature': hmac(BODY, Buffer.from(secret, 'base64')) }, BODY, { secret });
    expect(result.diagnosis).toMatch(/base64-decoded/);
  });

  it('a sha256= prefix, and one in uppercase hex', async () => {
    expect((await refusal({ 'X-Signature': `sha256=${hmac(BODY, SECRET)}` }, BODY)).diagnosis).toMatch(/"sha256=" prefix/);
    const upper = await refusal({ 'X-Signature': `sha256=${hmac(BODY, SECRET).toUpperCase()}` }, BODY);
    expect(upper.diagnosis).toMatch(/"sha256=" prefix.*uppercase hex/);
  });

  it('the header arrived twice (a proxy added a copy)', async () => {
    const result = await refusal({ 'X-Signature': [hmac(BODY, SECRET), hmac(BODY, 'another')] }, BODY);
    expect(result.diagnosis).toMatch(/arrived 2 times .* pass it on once/);
  });

  it('a BOM added before the route, and one removed', async () => {
    const added = await refusal({ 'X-Signature': hmac(BODY, SECRET) }, Buffer.concat([BOM, Buffer.from(BODY)]));
    expect(added.diagnosis).toMatch(/byte order mark \(BOM\) was added/);
    const removed = await refusal({ 'X-Signature': hmac(Buffer.concat([BOM, Buffer.from(BODY)]), SECRET) }, BODY);
    expect(removed.diagnosis).toMatch(/byte order mark \(BOM\) was removed/);
  });

  it('a different secret, when nothing else explains it', async () => {
    const result = await refusal({ 'X-Signature': hmac(BODY, 'not-the-secret') }, BODY);
    expect(result.diagnosis).toMatch(/^a different secret/);
  });

  it('a header that is no hex signature at all', async () => {
    expect((await refusal({ 'X-Signature': 'abc' }, BODY)).diagnosis).toMatch(/not a hex HMAC-SHA256 \(3 characters/);
  });

  it('never reveals the expected signature or the secret', async () => {
    for (const headers of [{ 'X-Signature': hmac(BODY, 'other') }, { 'X-Signature': `sha256=${hmac(BODY, SECRET)}` }]) {
      const { text } = await refusal(headers, BODY);
      expect(text).not.toContain(hmac(BODY, SECRET));
      expect(text).not.toContain(SECRET);
    }
  });

  it('a body parsed away with no bytes kept stays the 500 config.body_already_parsed', async () => {
    const app = express();
    app.use(express.json());
    app.post('/mta', mtaWebhooks({ secret: SECRET, logger: captureLogs('fatal').logger }));
    const sent = signedMtaRequest(BODY, SECRET);
    const answer = await rawPost(app, '/mta', sent.headers, sent.body);
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ error: { code: 'config.body_already_parsed' } });
  });
});

async function listen(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('a flood of forged signatures', () => {
  it('is still refused 401, and past 20 a second is not diagnosed', async () => {
    const { app, logs } = receiver();
    const forged = { 'Content-Type': 'application/json', 'X-Signature': hmac(BODY, 'another') };
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 30 }, () => rawPost(app, '/mta', forged, BODY)));
    const elapsed = Date.now() - started;
    expect(answers.map((answer) => answer.status)).toEqual(Array(30).fill(401));
    const diagnoses = logs.lines.filter((line) => line.level === 40).map((line) => String(line.diagnosis));
    expectDiagnosisBudget(diagnoses, /^a different secret/, 30, 20, elapsed);
    // Neither the forged signature nor the secret reaches an answer or a log line.
    const everything = logs.text() + answers.map((answer) => answer.text).join('');
    expect(everything).not.toContain(forged['X-Signature']);
    expect(everything).not.toContain(SECRET);
  });
});
