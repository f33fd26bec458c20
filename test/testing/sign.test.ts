import { createHttpsmsReceiver } from '../../src/httpsms/receiver';
import { createMtaReceiver } from '../../src/mta/receiver';
import { httpsmsFixture, mtaFixture, signHttpsmsRequest, signMtaRequest, signedHttpsmsRequest, signedMtaRequest } from '../../src/testing';

// The test kit's two sign helpers have one shape: `await signXRequest(body, key, options?)` gives `{ body, headers }`.
describe('the sign helpers, one shape for both providers', () => {
  it('signMtaRequest resolves to a body and headers the MTA receiver accepts', async () => {
    const { body, headers } = await signMtaRequest(mtaFixture('delivery-status'), 'mta-secret');
    expect(typeof body).toBe('string');
    await expect(createMtaReceiver({ secret: 'mta-secret' }).receive({ rawBody: body, headers })).resolves.toMatchObject({ type: 'delivery-status' });
  });

  it('signHttpsmsRequest resolves to a body and headers the httpSMS receiver accepts', async () => {
    const { body, headers } = await signHttpsmsRequest(httpsmsFixture('message.phone.sent'), 'httpsms-key');
    expect(typeof body).toBe('string');
    await expect(createHttpsmsReceiver({ signingKey: 'httpsms-key' }).receive({ rawBody: body, headers })).resolves.toMatchObject({ type: 'message.phone.sent' });
  });

  it('signHttpsmsRequest signs any bytes: a body with a byte-order mark is accepted, one that is not JSON answered 400', async () => {
    const receiver = createHttpsmsReceiver({ signingKey: 'httpsms-key' });
    const withBom = await signHttpsmsRequest(`\uFEFF${JSON.stringify(httpsmsFixture('message.phone.sent'))}`, 'httpsms-key');
    expect(withBom.headers['X-Event-Type']).toBe('message.phone.sent');
    await expect(receiver.receive({ rawBody: withBom.body, headers: withBom.headers })).resolves.toMatchObject({ type: 'message.phone.sent' });
    const notJson = await signHttpsmsRequest('not json', 'httpsms-key');
    await expect(receiver.receive({ rawBody: notJson.body, headers: notJson.headers })).rejects.toMatchObject({ status: 400, code: 'payload.invalid_json' });
  });

  it('both keep a string or a Buffer byte for byte', async () => {
    const text = JSON.stringify(httpsmsFixture('message.phone.sent'), null, 2);
    const bytes = Buffer.from(text);
    expect((await signMtaRequest(text, 'k')).body).toBe(text);
    expect((await signMtaRequest(bytes, 'k')).body).toBe(bytes);
    expect((await signHttpsmsRequest(text, 'k')).body).toBe(text);
    expect((await signHttpsmsRequest(bytes, 'k')).body).toBe(bytes);
  });

  it('the deprecated names still work: signedMtaRequest (sync) and signedHttpsmsRequest', async () => {
    const payload = mtaFixture('message-send');
    expect(signedMtaRequest(payload, 'k')).toEqual(await signMtaRequest(payload, 'k'));
    expect(signedHttpsmsRequest).toBe(signHttpsmsRequest);
  });
});
