import request from 'supertest';
import { httpsmsWebhooks } from '../../src/express/httpsms';
import { createHttpsmsReceiver } from '../../src/httpsms/receiver';
import { HTTPSMS_EVENT_TYPES } from '../../src/httpsms/constants';
import type { HttpsmsEvent } from '../../src/httpsms/events';
import type { HttpsmsReceiverOptions } from '../../src/httpsms/options';
import { httpsmsFixture, signedHttpsmsRequest } from '../../src/testing';
import { EXPRESS_VERSIONS } from '../helpers/apps';
import { captureLogs } from '../helpers/log-capture';
import { expectError } from '../helpers/mta-app';
import { AUDIENCE, SIGNING_KEY } from '../helpers/providers';

describe.each(EXPRESS_VERSIONS)('%s: httpsmsWebhooks', (_name, express) => {
  function app(options: Partial<HttpsmsReceiverOptions> = {}) {
    const handled: HttpsmsEvent[] = [];
    const record = (event: HttpsmsEvent) => void handled.push(event);
    const host = express();
    const handlers = Object.fromEntries(HTTPSMS_EVENT_TYPES.map((type) => [type, record]));
    host.post('/webhooks/httpsms', httpsmsWebhooks({ signingKey: SIGNING_KEY, audience: AUDIENCE, handlers, ...options }));
    return { host, handled };
  }

  it.each(HTTPSMS_EVENT_TYPES)('%s: 200, handled once with the typed event', async (type) => {
    const { host, handled } = app();
    const fixture = httpsmsFixture(type);
    const { body, headers } = await signedHttpsmsRequest(fixture, SIGNING_KEY, { audience: AUDIENCE });
    expect((await request(host).post('/webhooks/httpsms').set(headers).send(body)).status).toBe(200);
    expect(handled).toEqual([expect.objectContaining({ type, id: fixture.id, payload: fixture.data })]);
  });

  it('422 payload.invalid when X-Event-Type and the body disagree', async () => {
    const { host, handled } = app();
    const { body, headers } = await signedHttpsmsRequest(httpsmsFixture('message.phone.sent'), SIGNING_KEY, { audience: AUDIENCE });
    const response = await request(host).post('/webhooks/httpsms').set({ ...headers, 'X-Event-Type': 'message.phone.delivered' }).send(body);
    expectError(response, 422, 'payload.invalid');
    expect(handled).toHaveLength(0);
  });

  it('401 for an expired token and for a token for another URL', async () => {
    const { host, handled } = app();
    const old = await signedHttpsmsRequest(httpsmsFixture('message.phone.sent'), SIGNING_KEY, { audience: AUDIENCE, now: new Date(Date.now() - 3_600_000) });
    expectError(await request(host).post('/webhooks/httpsms').set(old.headers).send(old.body), 401, 'signature.invalid');
    const other = await signedHttpsmsRequest(httpsmsFixture('message.phone.sent'), SIGNING_KEY, { audience: 'https://elsewhere.example.com/hook' });
    expectError(await request(host).post('/webhooks/httpsms').set(other.headers).send(other.body), 401, 'signature.invalid');
    expect(handled).toHaveLength(0);
  });

  it('logs a warning when handlers take longer than the budget, and still answers 200', async () => {
    const logs = captureLogs('info');
    const host = express();
    host.post(
      '/hook',
      httpsmsWebhooks({
        signingKey: SIGNING_KEY,
        handlerBudgetMs: 20,
        logger: logs.logger,
        handlers: { 'message.phone.received': () => new Promise((resolve) => setTimeout(resolve, 60)) },
      }),
    );
    const { body, headers } = await signedHttpsmsRequest(httpsmsFixture('message.phone.received'), SIGNING_KEY);
    expect((await request(host).post('/hook').set(headers).send(body)).status).toBe(200);
    const warning = logs.lines.find((line) => line.budgetMs === 20);
    expect(warning).toMatchObject({ level: 40, event: 'message.phone.received', handlerMs: expect.any(Number) });
    expect(logs.text()).not.toContain('+18005550');
  });
});

describe('httpsmsWebhooks options', () => {
  it('skips the token only with dangerouslySkipTokenVerification: true, and warns when made', async () => {
    const logs = captureLogs('info');
    let runs = 0;
    const receiver = createHttpsmsReceiver({ dangerouslySkipTokenVerification: true, logger: logs.logger, handlers: { 'message.phone.sent': () => void runs++ } });
    expect(logs.lines[0]).toMatchObject({ level: 40, msg: expect.stringMatching(/NOT verified/) });
    const body = JSON.stringify(httpsmsFixture('message.phone.sent'));
    await expect(receiver.receive({ rawBody: body, headers: { 'X-Event-Type': 'message.phone.sent' } })).resolves.toMatchObject({ type: 'message.phone.sent' });
    expect(runs).toBe(1);
  });

  it.each([
    [{}, /Option "signingKey" is required/],
    [{ signingKey: '' }, /Option "signingKey" must be/],
    [{ signingKey: 'k', audience: '' }, /Option "audience"/],
    [{ signingKey: 'k', clockToleranceSeconds: -1 }, /Option "clockToleranceSeconds"/],
    [{ signingKey: 'k', handlerBudgetMs: 'slow' }, /Option "handlerBudgetMs"/],
    [{ signingKey: 'k', now: 'today' }, /Option "now"/],
    [{ signingKey: 'k', handlers: { 'message.received': () => {} } }, /unknown event type "message.received"/],
  ])('%j is a TypeError naming the option', (options, message) => {
    expect(() => httpsmsWebhooks(options as never)).toThrow(message);
  });
});
