import { WebhookError } from '../../src/core/errors';
import { createMtaReceiver } from '../../src/mta/receiver';
import type { MtaEvent } from '../../src/mta/events';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { SECRET } from '../helpers/apps';
import { rejection } from '../helpers/caught';
import { captureLogs } from '../helpers/log-capture';

const rejected = (promise: Promise<unknown>) => rejection<WebhookError>(promise);

describe('createMtaReceiver: the pipeline without HTTP', () => {
  it('resolves with the handled event; the handler gets the event and a context', async () => {
    const seen: Array<[MtaEvent, unknown]> = [];
    const receiver = createMtaReceiver({ secret: SECRET, handlers: { 'delivery-status': (event, ctx) => void seen.push([event, ctx]) } });
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    const event = await receiver.receive({ rawBody: body, headers });
    expect(event).toMatchObject({ type: 'delivery-status', version: 3 });
    expect(seen[0]?.[0]).toBe(event);
    expect(seen[0]?.[1]).toMatchObject({ key: 'mta:delivery-status:48213377:4', redelivery: false, receivedAt: expect.any(Date) });
  });

  it('reads headers in any letter case and the body as Buffer, Uint8Array or string', async () => {
    const receiver = createMtaReceiver({ secret: SECRET });
    const { body, headers } = signedMtaRequest(mtaFixture('message-send'), SECRET);
    const signature = headers['X-Signature'];
    await expect(receiver.receive({ rawBody: Buffer.from(body), headers: { 'x-signature': signature } })).resolves.toMatchObject({ type: 'message-send' });
    await expect(receiver.receive({ rawBody: new TextEncoder().encode(String(body)), headers: { 'X-SIGNATURE': signature } })).resolves.toBeDefined();
  });

  it.each([
    [{}, 'signature.missing', 401],
    [{ 'x-signature': ['a'.repeat(64), 'b'.repeat(64)] }, 'signature.invalid', 401],
  ])('rejects headers %j with %s', async (headers, code, status) => {
    const receiver = createMtaReceiver({ secret: SECRET, handlers: { 'delivery-status': () => { throw new Error('must not run'); } } });
    const error = await rejected(receiver.receive({ rawBody: JSON.stringify(mtaFixture('delivery-status')), headers }));
    expect(error).toBeInstanceOf(WebhookError);
    expect(error).toMatchObject({ code, status });
  });

  it('rejects a body over the limit with 413 before checking anything else', async () => {
    const receiver = createMtaReceiver({ secret: SECRET, limit: 100 });
    const error = await rejected(receiver.receive({ rawBody: 'x'.repeat(101), headers: {} }));
    expect(error).toMatchObject({ code: 'body.too_large', status: 413 });
  });

  it('wraps a handler error as handler.failed, keeping it as the cause', async () => {
    const boom = new Error('boom');
    const receiver = createMtaReceiver({ secret: SECRET, handlers: { 'delivery-status': () => Promise.reject(boom) } });
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    const error = await rejected(receiver.receive({ rawBody: body, headers }));
    expect(error).toMatchObject({ code: 'handler.failed', status: 500, cause: boom });
    expect(error.message).not.toContain('boom');
  });

  it('accepts any secret of a rotation list', async () => {
    const receiver = createMtaReceiver({ secret: ['old-secret', SECRET] });
    const { body, headers } = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    await expect(receiver.receive({ rawBody: body, headers })).resolves.toBeDefined();
  });

  it('skips verification only with the dangerously named option, and warns when it is made', async () => {
    const logs = captureLogs('info');
    const handled: MtaEvent[] = [];
    const receiver = createMtaReceiver({
      dangerouslySkipSignatureVerification: true,
      logger: logs.logger,
      handlers: { 'delivery-status': (event) => void handled.push(event) },
    });
    expect(logs.lines[0]).toMatchObject({ level: 40, msg: expect.stringMatching(/NOT verified/) });
    await receiver.receive({ rawBody: JSON.stringify(mtaFixture('delivery-status')) });
    expect(handled).toHaveLength(1);
  });
});

describe('createMtaReceiver: options are checked when it is made', () => {
  it.each([
    [{}, /Option "secret" is required/],
    [{ secret: '' }, /Option "secret" must be/],
    [{ secret: [] }, /Option "secret" is required/],
    [{ secret: ['ok', 42] }, /Option "secret" must be/],
    [{ secret: 's', event: 'delivery_status' }, /Option "event" must be one of/],
    [{ secret: 's', version: 4 }, /Option "version" must be 1, 2 or 3/],
    [{ secret: 's', limit: 'huge' }, /Option "limit"/],
    [{ secret: 's', handlers: { 'delivery-status': 'no' } }, /"handlers.delivery-status" must be a function/],
    [{ secret: 's', handlers: { deliveryStatus: () => {} } }, /unknown event type "deliveryStatus"/],
  ])('%j', (options, message) => {
    const make = () => createMtaReceiver(options as never);
    expect(make).toThrow(TypeError);
    expect(make).toThrow(message);
  });

  it('does not switch verification off for a truthy value other than true', async () => {
    const logs = captureLogs('info');
    let runs = 0;
    const receiver = createMtaReceiver({
      secret: SECRET,
      dangerouslySkipSignatureVerification: 'yes' as never,
      logger: logs.logger,
      handlers: { 'delivery-status': () => void runs++ },
    });
    const error = await rejected(receiver.receive({ rawBody: JSON.stringify(mtaFixture('delivery-status')) }));
    expect(error).toMatchObject({ code: 'signature.missing', status: 401 });
    expect(runs).toBe(0);
    expect(logs.text()).not.toMatch(/NOT verified/);
  });
});
