import { maskHeader, maskHeaders } from '../../src/inspector/mask';

describe('headers as the inspector shows them', () => {
  it('masks the signature, the token and any header named like a credential; keeps the rest', () => {
    const signature = 'a'.repeat(64);
    const masked = maskHeaders({
      'X-Signature': signature,
      authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig',
      'x-api-key': 'key-1234567890',
      'cf-access-jwt-assertion': 'eyJhbGciOiJSUzI1NiJ9.x.y',
      'content-type': 'application/json',
    });
    expect(masked['x-signature']).toBe('aaaaaa•••• (64 characters)');
    expect(masked.authorization).toMatch(/^Bearer eyJhbG•••• \(\d+ characters\)$/);
    expect(masked['x-api-key']).toBe('key-12•••• (14 characters)');
    expect(masked['cf-access-jwt-assertion']).not.toContain('.x.y');
    expect(masked['content-type']).toBe('application/json');
    expect(maskHeader('x-event-type', 'message.phone.received')).toBe('message.phone.received');
  });
});
