import { signMtaPayload } from '../mta/signature.js';

/** A signed request: the exact bytes to send and the headers the provider would send with them. */
export interface SignedRequest<H extends Record<string, string> = Record<string, string>, B extends string | Buffer = string | Buffer> {
  /** The exact bytes that were signed (a string unless a Buffer was given): send them as they are. */
  body: B;
  headers: H;
}

export type SignedMtaRequest<B extends string | Buffer = string | Buffer> = SignedRequest<{ 'Content-Type': string; 'X-Signature': string }, B>;

/** What the sign helpers take: an object (serialized with JSON.stringify), or the exact bytes as a string or Buffer. */
export type SignableBody = object | string | Buffer;

/** The type of the signed body: a Buffer stays a Buffer, anything else is sent as a string. */
export type SignedBody<B extends SignableBody> = B extends Buffer ? Buffer : string;

/** The body as the exact bytes to send: a string or Buffer is kept byte for byte. */
export function toBytes<B extends SignableBody>(body: B): SignedBody<B> {
  return (typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body)) as SignedBody<B>;
}

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
