import { signMtaPayload } from '../mta/signature.js';
import { type SignableBody, type SignedBody, type SignedRequest, toBytes } from './signable.js';

export type SignedMtaRequest<B extends string | Buffer = string | Buffer> = SignedRequest<{ 'Content-Type': string; 'X-Signature': string }, B>;

export type { SignableBody, SignedBody, SignedRequest } from './signable.js';

/**
 * A request MTA could have sent: `body` and its `X-Signature`. Works with supertest
 * (`.set(headers).send(body)`) and fetch. Async, like signHttpsmsRequest, so that both providers' helpers have
 * one shape: `const { body, headers } = await signMtaRequest(payload, secret)`.
 */
export async function signMtaRequest<B extends SignableBody>(body: B, secret: string): Promise<SignedMtaRequest<SignedBody<B>>> {
  return signedMtaRequest(body, secret) as SignedMtaRequest<SignedBody<B>>;
}

/**
 * The synchronous form of signMtaRequest.
 * @deprecated Use `await signMtaRequest(body, secret)`, which has the same shape as signHttpsmsRequest; this
 * name is removed in 0.3.
 */
export function signedMtaRequest(body: unknown, secret: string): SignedMtaRequest {
  const bytes = toBytes(body as SignableBody);
  return {
    body: bytes,
    headers: { 'Content-Type': 'application/json', 'X-Signature': signMtaPayload(bytes, secret) },
  };
}
