import { createMtaClient, MTA_API_BASE_URL } from '../../src/api/client';
import { MtaApiError } from '../../src/api/errors';
import { closedPort, rejection } from '../helpers/caught';
import { FakeMtaApi, GOOD_KEY, READ_ONLY_KEY } from '../helpers/fake-mta-api';

const FIELDS = { event: 'delivery-status', url: 'https://www.example.com/app/hooks', secret: 'abc123-abc2-cde1-1234-xyz123456' } as const;

const failure = (promise: Promise<unknown>) => rejection<MtaApiError>(promise);

describe('createMtaClient against a local MTA Webhooks API', () => {
  let api: FakeMtaApi;
  const client = (options: Partial<Parameters<typeof createMtaClient>[0]> = {}) =>
    createMtaClient({ apiKey: GOOD_KEY, baseUrl: api.baseUrl, retryDelayMs: 5, ...options });

  beforeEach(async () => {
    api = await new FakeMtaApi().start();
  });
  afterEach(() => api.stop());

  it('registers, lists, updates and deletes, with the documented requests', async () => {
    const mta = client();
    const created = await mta.webhooks.register({ ...FIELDS, alertEmail: 'alert@example.com', sendAlertEmail: true });
    expect(created).toEqual({ message: 'Webhook 11 created successfully.', webhook: expect.objectContaining({ id: 11, event: 'delivery-status', retryOnError: true }) });
    expect(api.requests[0]).toMatchObject({ method: 'POST', path: '/v3/webhooks', authorization: `Bearer ${GOOD_KEY}`, body: { ...FIELDS, alertEmail: 'alert@example.com', sendAlertEmail: true } });

    await mta.webhooks.register({ ...FIELDS, event: 'message-reply' });
    const page = await mta.webhooks.list({ page: 0, pageSize: 1 });
    expect(page).toEqual({ rows: [expect.objectContaining({ id: 11 })], page: 0, pageSize: 1, total: 2 });
    expect(api.requests.at(-1)?.path).toBe('/v3/webhooks?page=0&pageSize=1');

    const updated = await mta.webhooks.update(11, { maxThroughputPerMinute: 1000 });
    expect(updated.webhook.maxThroughputPerMinute).toBe(1000);
    expect(api.requests.at(-1)).toMatchObject({ method: 'PATCH', path: '/v3/webhooks/11', body: { maxThroughputPerMinute: 1000 } });

    expect(await mta.webhooks.delete(11)).toEqual({ message: 'Webhook 11 deleted successfully.' });
    expect((await mta.webhooks.list()).total).toBe(1);
  });

  it.each([
    ['400', () => client().webhooks.update(99, { sendAlertEmail: true }), 400, 'bad_request_error', 'MTABadRequestError', /Webhook 99 does not exist/],
    ['401', () => client({ apiKey: 'wrong-key' }).webhooks.list(), 401, 'unauthorized_error', 'MTAUnauthorizedError', /check the API key \(MTA_API_KEY\)/],
    ['403', () => client({ apiKey: READ_ONLY_KEY }).webhooks.register(FIELDS), 403, 'forbidden_error', 'MTAForbiddenError', /API key lacks webhook permissions/],
  ])('surfaces a documented %s body as MtaApiError', async (_status, call, httpCode, type, apiName, message) => {
    const error = await failure(call());
    expect(error).toBeInstanceOf(MtaApiError);
    expect(error).toMatchObject({ kind: 'api', httpCode, type, apiName, requestId: '123e4567-e89b-12d3-a456-426614174000' });
    expect(error.message).toMatch(message);
    expect(String(error)).toMatch(/request id 123e4567/);
    expect(`${error.message} ${String(error)}`).not.toContain('wrong-key');
  });

  it('retries list and delete on 500, 503, 429 and dropped connections, then succeeds', async () => {
    const mta = client();
    await mta.webhooks.register(FIELDS);
    api.failNext('500', 'drop');
    expect((await mta.webhooks.list()).total).toBe(1);
    api.failNext('503', '429');
    expect(await mta.webhooks.delete(11)).toEqual({ message: 'Webhook 11 deleted successfully.' });
    expect(api.requests.filter((request) => request.method === 'DELETE')).toHaveLength(3);
  });

  it('gives up after the configured retries with the last error', async () => {
    api.failNext('500', '500', '500');
    const error = await failure(client({ retries: 2 }).webhooks.list());
    expect(error).toMatchObject({ kind: 'api', httpCode: 500, apiName: 'MTAInternalServerError' });
    expect(api.requests).toHaveLength(3);
  });

  it('never retries register or update, which are not safe to repeat', async () => {
    api.failNext('500');
    expect((await failure(client().webhooks.register(FIELDS))).httpCode).toBe(500);
    api.failNext('drop');
    expect((await failure(client().webhooks.update(11, { skipErrors: true }))).kind).toBe('network');
    expect(api.requests).toHaveLength(2);
  });

  it('times out a slow call', async () => {
    api.slowDown(300);
    const error = await failure(client({ timeoutMs: 50, retries: 0 }).webhooks.list());
    expect(error).toMatchObject({ kind: 'timeout', httpCode: 0 });
    expect(error.message).toMatch(/no answer from 127\.0\.0\.1:\d+ within 50 ms/);
  });

  it('reports a network failure in one line, naming the host', async () => {
    const port = await closedPort();
    const error = await failure(createMtaClient({ apiKey: GOOD_KEY, baseUrl: `http://127.0.0.1:${port}/v3`, retries: 0 }).webhooks.list());
    expect(error).toMatchObject({ kind: 'network' });
    expect(error.message).toMatch(/could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it('refuses an answer that does not match the documented shape', async () => {
    api.failNext('garbage');
    expect((await failure(client({ retries: 0 }).webhooks.list())).kind).toBe('invalid_response');
  });

  it('checks fields and options before sending anything', async () => {
    await expect(client().webhooks.register({ ...FIELDS, event: 'delivery_status' as never })).rejects.toThrow(/event/);
    await expect(client().webhooks.register({ ...FIELDS, url: 'not a url' })).rejects.toThrow(/url/);
    await expect(client().webhooks.update(11, {})).rejects.toThrow(/nothing to update/);
    await expect(client().webhooks.delete(-1)).rejects.toThrow(/whole number/);
    expect(() => createMtaClient({ apiKey: '' })).toThrow(/Option "apiKey" is required/);
    expect(() => createMtaClient({ apiKey: 'k', baseUrl: 'nope' })).toThrow(/Option "baseUrl"/);
    expect(api.requests).toHaveLength(0);
  });

  it('defaults to the v3 API host', () => {
    expect(MTA_API_BASE_URL).toBe('https://api.mobile-text-alerts.com/v3');
  });
});
