import { HTTPSMS_EVENT_TYPES } from '../../src/httpsms/constants';
import { parseHttpsmsEvent } from '../../src/httpsms/parse';
import { MTA_EVENT_TYPES } from '../../src/mta/constants';
import { mtaDeliveryKey } from '../../src/mta/delivery-key';
import { parseMtaEvent } from '../../src/mta/parse';
import { verifyMtaSignature } from '../../src/mta/signature';
import { httpsmsFixture, mtaFixture, signedMtaRequest } from '../../src/testing';

const MTA_CASES = MTA_EVENT_TYPES.flatMap((type) => ([1, 2, 3] as const).map((version) => [type, version] as const));

describe('the test kit', () => {
  it.each(MTA_CASES)('mtaFixture(%s, V%d) is deterministic and valid for that version', (type, version) => {
    expect(mtaFixture(type, { version })).toEqual(mtaFixture(type, { version }));
    expect(parseMtaEvent(mtaFixture(type, { version }), { version })).toMatchObject({ type, version });
  });

  it.each(MTA_CASES)('mtaFixture(%s, V%d, unique) gives distinct, valid deliveries with distinct keys', (type, version) => {
    const keys = new Set(
      Array.from({ length: 20 }, () => {
        const body = mtaFixture(type, { version, unique: true });
        return mtaDeliveryKey(parseMtaEvent(body, { version }), Buffer.from(JSON.stringify(body)));
      }),
    );
    expect(keys.size).toBeGreaterThan(15);
  });

  it('applies overrides, and removes a field set to undefined', () => {
    const body = mtaFixture('delivery-status', { overrides: { status: 8, senderName: undefined } });
    expect(body.status).toBe(8);
    expect(body).not.toHaveProperty('senderName');
  });

  it('signedMtaRequest signs exactly the body it returns', () => {
    const { body, headers } = signedMtaRequest(mtaFixture('message-send'), 's');
    expect(headers['Content-Type']).toBe('application/json');
    expect(verifyMtaSignature(body, headers['X-Signature'], 's')).toBe(true);
    expect(signedMtaRequest('{"raw" : true}', 's').body).toBe('{"raw" : true}');
  });

  it.each(HTTPSMS_EVENT_TYPES)('httpsmsFixture(%s) is valid, and unique ids differ', (type) => {
    expect(parseHttpsmsEvent(httpsmsFixture(type), type).type).toBe(type);
    expect(httpsmsFixture(type, { unique: true }).id).not.toBe(httpsmsFixture(type, { unique: true }).id);
  });

  it('refuses unknown events', () => {
    expect(() => mtaFixture('delivery_status' as never)).toThrow(TypeError);
    expect(() => httpsmsFixture('message.received' as never)).toThrow(TypeError);
  });
});
