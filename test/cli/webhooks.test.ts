import { runCli } from '../../src/cli/program';
import { closedPort } from '../helpers/caught';
import { cliIo } from '../helpers/cli-io';
import { FakeMtaApi, GOOD_KEY, READ_ONLY_KEY } from '../helpers/fake-mta-api';

describe('sms-webhooks webhooks, against a local MTA Webhooks API', () => {
  let api: FakeMtaApi;
  const env = (overrides: Record<string, string> = {}) => ({ MTA_API_KEY: GOOD_KEY, MTA_API_BASE_URL: api.baseUrl, ...overrides });

  beforeEach(async () => {
    api = await new FakeMtaApi().start();
  });
  afterEach(() => api.stop());

  it('register, list, update, delete print readable tables', async () => {
    const register = cliIo(env({ MTA_WEBHOOK_SECRET: 'whsec-abc' }));
    const code = await runCli(['webhooks', 'register', '--event', 'delivery-status', '--url', 'https://example.com/hooks/mta', '--alert-email', 'ops@example.com', '--send-alert-email'], register.io);
    expect(code).toBe(0);
    expect(register.out()).toMatch(/^Webhook 11 created successfully\.\nID\s+EVENT\s+URL\s+ALERT EMAIL\s+CREATED\n11\s+delivery-status\s+https:\/\/example\.com\/hooks\/mta\s+ops@example\.com/);
    expect(api.requests[0]?.body).toMatchObject({ event: 'delivery-status', secret: 'whsec-abc', sendAlertEmail: true });
    expect(register.out()).not.toContain('whsec-abc');

    const list = cliIo(env());
    expect(await runCli(['webhooks', 'list'], list.io)).toBe(0);
    expect(list.out()).toMatch(/11\s+delivery-status.*\npage 0, 1 of 1\n$/);

    const update = cliIo(env());
    expect(await runCli(['webhooks', 'update', '11', '--max-throughput', '1000', '--no-retry-on-error', '--json'], update.io)).toBe(0);
    expect(JSON.parse(update.out())).toMatchObject({ webhook: { id: 11, maxThroughputPerMinute: 1000, retryOnError: false } });

    const remove = cliIo(env());
    expect(await runCli(['webhooks', 'delete', '11'], remove.io)).toBe(0);
    expect(remove.out()).toBe('Webhook 11 deleted successfully.\n');
  });

  it('--json prints the API answer', async () => {
    const run = cliIo(env());
    expect(await runCli(['webhooks', 'list', '--json', '--page', '0', '--page-size', '10'], run.io)).toBe(0);
    expect(JSON.parse(run.out())).toEqual({ rows: [], page: 0, pageSize: 10, total: 0 });
  });

  it.each([
    ['a bad API key (401)', { MTA_API_KEY: 'bad-key-123' }, ['webhooks', 'list'], /^error: MTA API error: 401 Invalid API key\. \(check the API key \(MTA_API_KEY\)\) \(request id 123e4567-e89b-12d3-a456-426614174000\)\n$/],
    ['a key without permission (403)', { MTA_API_KEY: READ_ONLY_KEY }, ['webhooks', 'delete', '3'], /^error: MTA API error: 403 Forbidden\.: API key lacks webhook permissions .*request id/],
    ['an unknown webhook (400)', {}, ['webhooks', 'delete', '99'], /^error: MTA API error: 400 Webhook 99 does not exist\. \(request id/],
  ])('turns %s into one line with the request id, exit 1, no key, no stack', async (_case, overrides, args, message) => {
    const run = cliIo(env(overrides as Record<string, string>));
    expect(await runCli(args, run.io)).toBe(1);
    expect(run.err()).toMatch(message);
    expect(run.err()).not.toMatch(/bad-key-123|mta-read-only|at .*\.ts/);
    expect(run.out()).toBe('');
  });

  it('turns a 500 that persists through the retries into one line', async () => {
    api.failNext('500', '500', '500');
    const run = cliIo(env());
    expect(await runCli(['webhooks', 'list'], run.io)).toBe(1);
    expect(run.err()).toMatch(/^error: MTA API error: 500 Something went wrong\. \(request id/);
  });

  it('turns a network failure into one line naming the host', async () => {
    const port = await closedPort();
    const run = cliIo(env({ MTA_API_BASE_URL: `http://127.0.0.1:${port}/v3` }));
    expect(await runCli(['webhooks', 'delete', '1'], run.io)).toBe(1);
    expect(run.err()).toMatch(/^error: MTA API error: could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\n$/);
  });

  it.each([
    [{ MTA_API_KEY: '' }, ['webhooks', 'list'], /set MTA_API_KEY/],
    [{}, ['webhooks', 'register', '--event', 'delivery-status', '--url', 'https://e.com/h'], /a secret is needed/],
    [{ MTA_WEBHOOK_SECRET: 's' }, ['webhooks', 'register', '--event', 'nope', '--url', 'https://e.com/h'], /Invalid webhook fields: event/],
    [{}, ['webhooks', 'delete', 'abc'], /the webhook id must be a number/],
  ])('exits 2 for a wrong call %#', async (overrides, args, message) => {
    const run = cliIo(env(overrides as Record<string, string>));
    expect(await runCli(args, run.io)).toBe(2);
    expect(run.err()).toMatch(message);
    expect(api.requests).toHaveLength(0);
  });
});
