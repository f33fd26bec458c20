import { hmacSha256Hex, verifyHexHmac } from '../../src/core/signature';
import { signMtaPayload, verifyMtaSignature } from '../../src/mta/signature';

// Test vector from ../shared/reference/mta-webhooks-signing.md, section 5.
const VECTOR = {
  secret: '1cec1fb03ca9d9ef5a6d076ac115ecb459099f9d6eb8b3960a375bd09e0efd44d01fdb0ea960d8d12d08da0a334e8a5a6f871de381d313ed5e2e11d79863979b',
  body: '{"destinationNumber":"5555550123","messageId":48213377,"externalId":"order-8842","status":4,"type":"MTAWebhook.DELIVERY_STATUS"}',
  utf8Key: '9924cab65643aa9f8c40b4d63ff663f16be05f4e14686defc6d422d5c7a2f9f5',
  hexKey: 'c135f7299140ee3940ffad20c82cf0f10be079ed444866631babe903ed60f258',
  trailingNewline: 'a49b523c8e88125cba8d039e85f4a399049b584e4f54c6edf4d186f13b647dc3',
};

describe('MTA signature', () => {
  it('signs with the UTF-8 bytes of the secret as key (the reference vector)', () => {
    expect(signMtaPayload(VECTOR.body, VECTOR.secret)).toBe(VECTOR.utf8Key);
    expect(signMtaPayload(Buffer.from(VECTOR.body), VECTOR.secret)).toBe(VECTOR.utf8Key);
    expect(hmacSha256Hex(VECTOR.body + '\n', VECTOR.secret)).toBe(VECTOR.trailingNewline);
  });

  it('verifies the vector, in either hex case and with surrounding spaces', () => {
    expect(verifyMtaSignature(VECTOR.body, VECTOR.utf8Key, VECTOR.secret)).toBe(true);
    expect(verifyMtaSignature(VECTOR.body, VECTOR.utf8Key.toUpperCase(), VECTOR.secret)).toBe(true);
    expect(verifyMtaSignature(VECTOR.body, ` ${VECTOR.utf8Key} `, VECTOR.secret)).toBe(true);
  });

  it('rejects the hex-decoded-key signature and a body with one more byte', () => {
    expect(verifyMtaSignature(VECTOR.body, VECTOR.hexKey, VECTOR.secret)).toBe(false);
    expect(verifyMtaSignature(VECTOR.body + '\n', VECTOR.utf8Key, VECTOR.secret)).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
    ['too short', VECTOR.utf8Key.slice(0, 63)],
    ['too long', VECTOR.utf8Key + '0'],
    ['not hex', 'z'.repeat(64)],
    ['prefixed', `sha256=${VECTOR.utf8Key}`],
    ['two joined headers', `${VECTOR.utf8Key}, ${VECTOR.utf8Key}`],
  ])('is false, never an exception, for a %s header', (_name, header) => {
    expect(verifyMtaSignature(VECTOR.body, header, VECTOR.secret)).toBe(false);
  });

  it('accepts any secret of a rotation list, and none outside it', () => {
    const signature = signMtaPayload(VECTOR.body, 'new-secret');
    expect(verifyMtaSignature(VECTOR.body, signature, ['old-secret', 'new-secret'])).toBe(true);
    expect(verifyMtaSignature(VECTOR.body, signature, ['old-secret'])).toBe(false);
    expect(verifyHexHmac(VECTOR.body, signature, [])).toBe(false);
  });

  it('refuses to sign with an empty secret', () => {
    expect(() => signMtaPayload('{}', '')).toThrow(TypeError);
  });
});
