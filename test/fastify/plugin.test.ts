import { httpsmsWebhooks, mtaWebhooks } from '../../src/fastify';
import type { MtaEvent } from '../../src/mta/events';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { SECRET } from '../helpers/apps';
import { FASTIFY_VERSIONS } from '../helpers/fastify';

const PATH = '/webhooks/mta';

async function post(baseUrl: string, path: string, body: string, headers: Record<string, string>) {
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', body, headers });
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
}

const signedDelivery = () => signedMtaRequest(JSON.stringify(mtaFixture('delivery-status', { unique: true })), SECRET) as { body: string; headers: Record<string, string> };

describe.each(FASTIFY_VERSIONS)('%s: app.register(mtaWebhooks, { path, ... })', (_name, fastify) => {
  const apps: Array<ReturnType<typeof fastify>> = [];
  const app = () => {
    const instance = fastify();
    apps.push(instance);
    return instance;
  };
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((instance) => instance.close()));
  });

  it('refuses to start without a path, naming the option', async () => {
    const instance = app();
    instance.register(mtaWebhooks, { secret: SECRET } as never);
    await expect(instance.ready()).rejects.toThrow(expect.objectContaining({ name: 'TypeError', message: expect.stringContaining('"path"') }));
  });

  it("refuses to start with the receiver's own TypeError for a bad option", async () => {
    const instance = app();
    instance.register(mtaWebhooks, { path: PATH, secret: '' });
    await expect(instance.ready()).rejects.toThrow(expect.objectContaining({ name: 'TypeError', message: expect.stringContaining('"secret"') }));
    const other = app();
    other.register(httpsmsWebhooks, { path: '/webhooks/httpsms', signingKey: 'k', handlers: { 'no.such.event': () => {} } as never });
    await expect(other.ready()).rejects.toThrow(expect.objectContaining({ name: 'TypeError', message: expect.stringContaining('no.such.event') }));
  });

  it("keeps the app's JSON parsing elsewhere: a sibling JSON route still gets a parsed body", async () => {
    const handled: MtaEvent[] = [];
    const instance = app();
    instance.post('/orders', async (request) => ({ got: request.body }));
    instance.register(mtaWebhooks, { path: PATH, secret: SECRET, handlers: { 'delivery-status': (event) => void handled.push(event) } });
    const baseUrl = await instance.listen({ port: 0, host: '127.0.0.1' });

    const { body, headers } = signedDelivery();
    expect((await post(baseUrl, PATH, body, headers)).status).toBe(200);
    expect(handled).toEqual([expect.objectContaining({ type: 'delivery-status', payload: JSON.parse(body) })]);
    const sibling = await post(baseUrl, '/orders', '{"sku":"A-1","qty":2}', { 'Content-Type': 'application/json' });
    expect(sibling).toEqual({ status: 200, body: { got: { sku: 'A-1', qty: 2 } } });
  });

  it('answers 500 config.body_already_parsed, naming the cause, when a hook read the stream first', async () => {
    const handled: MtaEvent[] = [];
    const instance = app();
    instance.addHook('onRequest', async (request) => {
      for await (const _chunk of request.raw) {
        // a logging or signature hook of the app's own that drains the body
      }
    });
    instance.register(mtaWebhooks, { path: PATH, secret: SECRET, handlers: { 'delivery-status': (event) => void handled.push(event) } });
    const baseUrl = await instance.listen({ port: 0, host: '127.0.0.1' });

    const { body, headers } = signedDelivery();
    const response = await post(baseUrl, PATH, body, headers);
    expect({ status: response.status, code: response.body.error?.code }).toEqual({ status: 500, code: 'config.body_already_parsed' });
    expect(response.body.error?.message).toContain('hook');
    expect(handled).toHaveLength(0);
  });

  it('closes its receiver when the app closes: a delivery still running past closeTimeoutMs is answered 503', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const instance = app();
    instance.register(mtaWebhooks, {
      path: PATH,
      secret: SECRET,
      closeTimeoutMs: 50,
      handlers: { 'delivery-status': () => (started(), new Promise(() => {})) },
    });
    const baseUrl = await instance.listen({ port: 0, host: '127.0.0.1' });

    const { body, headers } = signedDelivery();
    const pending = post(baseUrl, PATH, body, headers);
    await running;
    const closed = instance.close();
    const response = await pending;
    expect({ status: response.status, code: response.body.error?.code }).toEqual({ status: 503, code: 'receiver.closing' });
    await closed;
  });
});
