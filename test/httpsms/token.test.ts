import { SignJWT } from 'jose';
import { WebhookError } from '../../src/core/errors';
import { tokenLifetimeSeconds, toTokenKey, verifyHttpsmsToken } from '../../src/httpsms/token';
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
  keys: [VECTOR.key].map(toTokenKey),
  audience: VECTOR.audience,
  clockToleranceSeconds: 30,
  maxTokenAgeSeconds: 3600,
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
    await expect(verifyHttpsmsToken(`Bearer ${VECTOR.token}`, check({ keys: ['old-key', VECTOR.key].map(toTokenKey) }))).resolves.toBeUndefined();
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

  it('refuses a token without exp, naming the missing claim', async () => {
    const error = await refusal(`Bearer ${await token({ exp: undefined })}`);
    expect(error).toMatchObject({ code: 'signature.invalid', status: 401 });
    expect(error.message).toMatch(/no expiry \("exp" claim\)/);
  });

  describe('token lifetime (maxTokenAgeSeconds, default 3600)', () => {
    const TEN_YEARS = 10 * 365 * 24 * 3600;
    const iat = seconds(VECTOR.iat);

    it.each([
      ['exp 10 years after iat', { exp: iat + TEN_YEARS }],
      ['iat and exp 10 years ahead (lifetime counted from now)', { iat: iat + TEN_YEARS, nbf: undefined, exp: iat + TEN_YEARS + 600 }],
      ['no iat, exp 10 years ahead', { iat: undefined, exp: iat + TEN_YEARS }],
      ['one second over the limit', { exp: iat + 3601 }],
    ])('refuses %s, naming the check and not the token', async (_name, claims) => {
      const error = await refusal(`Bearer ${await token(claims)}`);
      expect(error).toMatchObject({ code: 'signature.invalid', status: 401 });
      expect(error.message).toMatch(/longer than the 3600 s allowed \(option maxTokenAgeSeconds\)/);
      expect(error.message).not.toMatch(/eyJ/);
    });

    it('accepts what httpSMS issues (nbf = iat - 600, exp = iat + 600), a lifetime of exactly the limit, and no iat', async () => {
      await expect(verifyHttpsmsToken(`Bearer ${await token({})}`, check())).resolves.toBeUndefined();
      await expect(verifyHttpsmsToken(`Bearer ${await token({ exp: iat + 3600 })}`, check())).resolves.toBeUndefined();
      await expect(verifyHttpsmsToken(`Bearer ${await token({ iat: undefined })}`, check())).resolves.toBeUndefined();
    });

    it('follows the option: 600 s still takes httpSMS tokens, 300 s does not', async () => {
      await expect(verifyHttpsmsToken(`Bearer ${VECTOR.token}`, check({ maxTokenAgeSeconds: 600 }))).resolves.toBeUndefined();
      expect((await refusal(`Bearer ${VECTOR.token}`, check({ maxTokenAgeSeconds: 300 }))).message).toMatch(/valid for 600 s, longer than the 300 s/);
    });

    it('counts from iat, or from now when iat is missing or later', () => {
      const now = new Date(1_000_000 * 1000);
      expect(tokenLifetimeSeconds({ iat: 999_000, exp: 1_000_600 }, now)).toBe(1600);
      expect(tokenLifetimeSeconds({ exp: 1_000_600 }, now)).toBe(600);
      expect(tokenLifetimeSeconds({ iat: 2_000_000, exp: 2_000_600 }, now)).toBe(1_000_600);
    });
  });

  it('never puts the token in the message', async () => {
    const error = await refusal(`Bearer ${await token({ iss: 'x' })}`);
    expect(error.message).not.toMatch(/eyJ/);
  });
});
