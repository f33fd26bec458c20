import { SignJWT } from 'jose';
import request from 'supertest';
import { httpsmsWebhooks } from '../../src/express/httpsms';
import { checkHttpsmsOptions } from '../../src/httpsms/options';
import { httpsmsFixture, signedHttpsmsRequest } from '../../src/testing';
import { EXPRESS_VERSIONS } from '../helpers/apps';
import { expectError } from '../helpers/mta-app';
import { AUDIENCE, SIGNING_KEY } from '../helpers/providers';

describe('option maxTokenAgeSeconds', () => {
  it('defaults to one hour', () => {
    expect(checkHttpsmsOptions({ signingKey: SIGNING_KEY }).maxTokenAgeSeconds).toBe(3600);
    expect(checkHttpsmsOptions({ signingKey: SIGNING_KEY, maxTokenAgeSeconds: 600 }).maxTokenAgeSeconds).toBe(600);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, '3600', null])('%p is a TypeError naming the option', (value) => {
    expect(() => checkHttpsmsOptions({ signingKey: SIGNING_KEY, maxTokenAgeSeconds: value as never })).toThrow(
      new TypeError('Option "maxTokenAgeSeconds" must be a positive number.'),
    );
  });
});

describe.each(EXPRESS_VERSIONS)('%s: token limits on the route', (_name, express) => {
  function app(options: Parameters<typeof httpsmsWebhooks>[0] = {}) {
    const handled: unknown[] = [];
    const route = httpsmsWebhooks({ signingKey: SIGNING_KEY, audience: AUDIENCE, handlers: { 'message.phone.received': (event) => void handled.push(event) }, ...options });
    return { host: express().post('/httpsms', route), handled };
  }

  /** A genuine signature on claims httpSMS would never issue. */
  async function tokenWith(claims: Record<string, unknown>): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const jwt = await new SignJWT({ iss: 'api.httpsms.com', aud: [AUDIENCE], iat: now, nbf: now - 600, ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode(SIGNING_KEY));
    return `Bearer ${jwt}`;
  }

  it.each([
    ['no exp', {}, /no expiry/],
    ['exp ten years ahead', { exp: Math.floor(Date.now() / 1000) + 10 * 365 * 86_400 }, /option maxTokenAgeSeconds/],
  ])('401 signature.invalid for a token with %s; the handler does not run', async (_case, claims, message) => {
    const { host, handled } = app();
    const { body, headers } = await signedHttpsmsRequest(httpsmsFixture('message.phone.received'), SIGNING_KEY, { audience: AUDIENCE });
    const response = await request(host).post('/httpsms').set({ ...headers, Authorization: await tokenWith(claims) }).send(body);
    expectError(response, 401, 'signature.invalid');
    expect(response.body.error.message).toMatch(message);
    expect(handled).toHaveLength(0);
  });

  it('takes httpSMS tokens (10 minutes) by default, and refuses them when the option is below 600 s', async () => {
    const { body, headers } = await signedHttpsmsRequest(httpsmsFixture('message.phone.received'), SIGNING_KEY, { audience: AUDIENCE });
    expect((await request(app().host).post('/httpsms').set(headers).send(body)).status).toBe(200);
    expectError(await request(app({ maxTokenAgeSeconds: 300 }).host).post('/httpsms').set(headers).send(body), 401, 'signature.invalid');
  });
});
