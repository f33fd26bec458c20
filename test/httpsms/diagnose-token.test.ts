import express from 'express';
import { SignJWT } from 'jose';
import request from 'supertest';
import { httpsmsWebhooks } from '../../src/express/httpsms';
import { httpsmsFixture, signedHttpsmsRequest } from '../../src/testing';
import { captureLogs, expectDiagnosisBudget } from '../helpers/log-capture';

// Each cause comes from a real token sent to a real Express route whose clock is pinned.
const KEY = 'whsec-demo-2f9c1e7a';
const AUDIENCE = 'https://hooks.example.com/sms/httpsms';
const NOW = new Date('2025-03-14T09:26:53Z');
const BODY = JSON.stringify(httpsmsFixture('message.phone.received'));
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

async function refusal(authorization: string | undefined, options: { signingKey?: string; explainRejections?: boolean } = {}) {
  const logs = captureLogs('info');
  const handled: unknown[] = [];
  const app = express();
  app.post('/httpsms', httpsmsWebhooks({
    signingKey: options.signingKey ?? KEY,
    audience: AUDIENCE,
    now: () => NOW,
    logger: logs.logger,
    explainRejections: options.explainRejections,
    handlers: { 'message.phone.received': (event) => void handled.push(event) },
  }));
  let call = request(app).post('/httpsms').set({ 'Content-Type': 'application/json', 'X-Event-Type': 'message.phone.received' });
  if (authorization) call = call.set('Authorization', authorization);
  const answer = await call.send(BODY);
  // Whatever the cause, it is a refusal (401) and no handler ran.
  expect({ status: answer.status, code: answer.body.error?.code, handled: handled.length }).toEqual({
    status: 401,
    code: authorization ? 'signature.invalid' : 'signature.missing',
    handled: 0,
  });
  const warn = logs.lines.find((line) => line.level === 40);
  return { status: answer.status, error: answer.body.error as { code: string; message: string }, diagnosis: String(warn?.diagnosis), text: answer.text + logs.text() };
}

async function bearer(claims: Record<string, unknown> = {}, { key = KEY, alg = 'HS256' } = {}): Promise<string> {
  const jwt = await new SignJWT({ iss: 'api.httpsms.com', aud: [AUDIENCE], iat: seconds(NOW), nbf: seconds(NOW) - 600, exp: seconds(NOW) + 600, ...claims })
    .setProtectedHeader({ alg, typ: 'JWT' })
    .sign(new TextEncoder().encode(key));
  return `Bearer ${jwt}`;
}

describe('why an httpSMS token was refused', () => {
  it('expired: by how much, and how far the clocks are apart', async () => {
    const issuedAt = seconds(NOW) - 1800;
    const result = await refusal(await bearer({ iat: issuedAt, nbf: issuedAt - 600, exp: issuedAt + 600 }));
    expect(result).toMatchObject({ status: 401, error: { code: 'signature.invalid' } });
    expect(result.error.message).toMatch(/has expired.*Likely cause: the token expired 1200 s ago by this server's clock \(tolerance 30 s\); it was issued 1800 s ago/);
  });

  it('not valid yet: this server is behind by about that much', async () => {
    const result = await refusal(await bearer({ iat: seconds(NOW) + 900, nbf: seconds(NOW) + 900, exp: seconds(NOW) + 1500 }));
    expect(result.diagnosis).toMatch(/becomes valid in 900 s .* behind/);
  });

  it('another audience: both URLs named', async () => {
    const result = await refusal(await bearer({ aud: ['https://old.example.com/hook'] }));
    expect(result.diagnosis).toBe(`the token is for ["https://old.example.com/hook"], and this receiver expects "${AUDIENCE}" (option audience): use the URL registered in httpSMS, exactly`);
  });

  it('another issuer', async () => {
    expect((await refusal(await bearer({ iss: 'someone.example' }))).diagnosis).toMatch(/issued by "someone.example", not api.httpsms.com/);
  });

  it('another algorithm', async () => {
    expect((await refusal(await bearer({}, { alg: 'HS512' }))).diagnosis).toMatch(/algorithm "HS512"; httpSMS signs with HS256/);
  });

  it('another key, and a key configured with a trailing newline', async () => {
    expect((await refusal(await bearer({}, { key: 'some-other-key' }))).diagnosis).toMatch(/^a different key: .* \(1 tried/);
    const newline = await refusal(await bearer(), { signingKey: `${KEY}\n` });
    expect(newline.diagnosis).toMatch(/signing key configured here has leading or trailing whitespace/);
  });

  it('httpSMS signing with the key plus a Windows newline or a leading space: the same causes as for MTA', async () => {
    for (const padded of [`${KEY}\r\n`, ` ${KEY}`]) {
      const token = await bearer({}, { key: padded });
      const result = await refusal(token);
      expect(result.diagnosis).toMatch(/^httpSMS signs with the key plus leading or trailing whitespace/);
      // The diagnosis names the cause, never the key or the token (answer and log lines alike).
      expect(result.text).not.toContain(KEY);
      expect(result.text).not.toContain(token.slice('Bearer '.length));
    }
  });

  it('a flood of forged tokens is still refused 401, and past 20 a second is not diagnosed', async () => {
    const logs = captureLogs('info');
    const app = express().post('/httpsms', httpsmsWebhooks({ signingKey: KEY, audience: AUDIENCE, now: () => NOW, logger: logs.logger }));
    const forged = await bearer({}, { key: 'some-other-key' });
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => request(app).post('/httpsms').set({ 'Content-Type': 'application/json', 'X-Event-Type': 'message.phone.received', Authorization: forged }).send(BODY)),
    );
    const elapsed = Date.now() - started;
    expect(answers.map((answer) => answer.status)).toEqual(Array(30).fill(401));
    const diagnoses = logs.lines.filter((line) => line.level === 40).map((line) => String(line.diagnosis));
    expectDiagnosisBudget(diagnoses, /^a different key/, 30, 20, elapsed);
    // Neither the forged token nor the key reaches an answer or a log line.
    const everything = logs.text() + answers.map((answer) => answer.text).join('');
    expect(everything).not.toContain(forged.slice('Bearer '.length));
    expect(everything).not.toContain(KEY);
  });

  it('in production the answer names the failed check only; the log line has the cause', async () => {
    const result = await refusal(await bearer({ aud: ['https://old.example.com/hook'] }), { explainRejections: false });
    expect(result.error.message).toBe("The Authorization token was refused: the token's audience is not the webhook URL configured here (option audience).");
    expect(result.diagnosis).toMatch(/old\.example\.com/);
  });

  it('never echoes the token or the key', async () => {
    const token = await bearer({}, { key: 'some-other-key' });
    const { text } = await refusal(token);
    expect(text).not.toContain(token.slice(7));
    expect(text).not.toContain(KEY);
  });

  it('a signed sample from the test kit passes', async () => {
    const logs = captureLogs('info');
    const app = express();
    app.post('/httpsms', httpsmsWebhooks({ signingKey: KEY, audience: AUDIENCE, logger: logs.logger }));
    const sent = await signedHttpsmsRequest(BODY, KEY, { audience: AUDIENCE });
    expect((await request(app).post('/httpsms').set(sent.headers).send(sent.body)).status).toBe(200);
  });
});

describe('what a token diagnosis never quotes', () => {
  it('a header that is one long value (perhaps a credential) is not quoted; a long claimed algorithm is cut', async () => {
    const credential = 'sk_live_0123456789abcdefghijklmnopqrstuvwxyz';
    const bare = await refusal(credential);
    expect(bare.diagnosis).toMatch(/no "Bearer " scheme \(a value of 44 characters, not shown\)/);
    expect(bare.text).not.toContain(credential.slice(0, 12));
    const header = Buffer.from(JSON.stringify({ alg: 'X'.repeat(500), typ: 'JWT' })).toString('base64url');
    const forged = await refusal(`Bearer ${header}.e30.c2ln`);
    expect(forged.text).not.toContain('X'.repeat(100));
  });
});
