import { SignJWT } from 'jose';
import { WebhookError } from '../../src/core/errors';
import { toHmacKey } from '../../src/core/signature';
import { verifyHttpsmsToken } from '../../src/httpsms/token';
import { rejection } from '../helpers/caught';

// Test vector from ../shared/reference/httpsms-webhooks.md, section 4.
const VECTOR = {
  key: 'whsec-demo-2f9c1e7a',
  audience: 'https://hooks.example.com/sms/httpsms',
  iat: new Date('2025-03-14T09:26:53Z'),
  token:
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJhcGkuaHR0cHNtcy5jb20iLCJzdWIiOiJRbTdwWDJ2Ums5VGZMdzNzWWI4TmNKZDVIYUUxIiwiYXVkIjpbImh0dHBzOi8vaG9va3MuZXhhbXBsZS5jb20vc21zL2h0dHBzbXMiXSwiZXhwIjoxNzQxOTQ1MDEzLCJuYmYiOjE3NDE5NDM4MTMsImlhdCI6MTc0MTk0NDQxM30.8QAibLHeBx8ynzIAwBT2o90KsmN9flPiFBjS2ySKq3c',
};

const check = (overrides: Partial<Parameters<typeof verifyHttpsmsToken>[1]> = {}) => ({
  keys: [VECTOR.key].map(toHmacKey),
  audience: VECTOR.audience,
  clockToleranceSeconds: 30,
  now: () => VECTOR.iat,
  ...overrides,
});

const refusal = (authorization: string | string[] | undefined, options = check()) =>
  rejection<WebhookError>(verifyHttpsmsToken(authorization, options));

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

async function token(claims: Record<string, unknown>, { key = VECTOR.key, alg = 'HS256' } = {}): Promise<string> {
  return new SignJWT({ iss: 'api.httpsms.com', aud: [VECTOR.audience], iat: seconds(VECTOR.iat), nbf: seconds(VECTOR.iat) - 600, exp: seconds(VECTOR.iat) + 600, ...claims })
    .setProtectedHeader({ alg, typ: 'JWT' })
    .sign(Buffer.from(key));
}

describe('verifyHttpsmsToken', () => {
  it('accepts the reference test vector with the clock pinned to its iat', async () => {
    await expect(verifyHttpsmsToken(`Bearer ${VECTOR.token}`, check())).resolves.toBeUndefined();
  });

  it('accepts the vector without an audience check, and with the key second in a rotation list', async () => {
    await expect(verifyHttpsmsToken(`Bearer ${VECTOR.token}`, check({ audience: undefined }))).resolves.toBeUndefined();
    await expect(verifyHttpsmsToken(`Bearer ${VECTOR.token}`, check({ keys: ['old-key', VECTOR.key].map(toHmacKey) }))).resolves.toBeUndefined();
  });

  it.each([
    ['missing', undefined, 'signature.missing', /Authorization header is missing/],
    ['empty', '', 'signature.missing', /missing/],
    ['not Bearer', `Basic ${VECTOR.token}`, 'signature.invalid', /Bearer/],
    ['two headers', [`Bearer ${VECTOR.token}`, `Bearer ${VECTOR.token}`], 'signature.invalid', /Bearer/],
    ['malformed', 'Bearer not.a.jwt', 'signature.invalid', /malformed/],
  ])('refuses a %s header', async (_name, header, code, message) => {
    const error = await refusal(header as string | undefined);
    expect(error).toMatchObject({ code, status: 401 });
    expect(error.message).toMatch(message);
  });

  it('refuses an expired token, and accepts it within the clock tolerance', async () => {
    const late = new Date(VECTOR.iat.getTime() + 610_000);
    expect((await refusal(`Bearer ${VECTOR.token}`, check({ now: () => late, clockToleranceSeconds: 0 }))).message).toMatch(/expired/);
    await expect(verifyHttpsmsToken(`Bearer ${VECTOR.token}`, check({ now: () => late, clockToleranceSeconds: 30 }))).resolves.toBeUndefined();
    const later = new Date(VECTOR.iat.getTime() + 640_000);
    expect((await refusal(`Bearer ${VECTOR.token}`, check({ now: () => later }))).code).toBe('signature.invalid');
  });

  it('refuses a token that is not valid yet', async () => {
    const early = new Date(VECTOR.iat.getTime() - 700_000);
    const error = await refusal(`Bearer ${VECTOR.token}`, check({ now: () => early }));
    expect(error).toMatchObject({ code: 'signature.invalid' });
    expect(error.message).toMatch(/not valid yet/);
  });

  it('refuses a wrong issuer', async () => {
    expect((await refusal(`Bearer ${await token({ iss: 'evil.example.com' })}`)).message).toMatch(/issuer is not api.httpsms.com/);
  });

  it('refuses a wrong audience', async () => {
    expect((await refusal(`Bearer ${await token({ aud: ['https://other.example.com/hook'] })}`)).message).toMatch(/audience/);
  });

  it('refuses HS256 signed with another key', async () => {
    const error = await refusal(`Bearer ${await token({}, { key: 'not-the-key' })}`);
    expect(error).toMatchObject({ code: 'signature.invalid' });
    expect(error.message).toMatch(/not signed with the signing key/);
  });

  it('refuses another HMAC algorithm with the right key (HS512)', async () => {
    expect((await refusal(`Bearer ${await token({}, { alg: 'HS512' })}`)).message).toMatch(/not signed with HS256/);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const claims = { iss: 'api.httpsms.com', aud: [VECTOR.audience], iat: seconds(VECTOR.iat), exp: seconds(VECTOR.iat) + 600 };
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    expect((await refusal(`Bearer ${unsigned}`)).code).toBe('signature.invalid');
  });

  it('never puts the token in the message', async () => {
    const error = await refusal(`Bearer ${await token({ iss: 'x' })}`);
    expect(error.message).not.toMatch(/eyJ/);
  });
});
