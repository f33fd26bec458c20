import { signMtaPayload } from '../mta/signature.js';

export interface SignedRequest {
  /** The exact bytes that were signed (a string unless a Buffer was given): send them as they are. */
  body: string | Buffer;
  headers: { 'Content-Type': string; 'X-Signature': string };
}

/**
 * A request MTA could have sent: `body` (an object is serialized with JSON.stringify; a string or Buffer is kept
 * byte for byte) and its headers. Works with supertest (`.set(headers).send(body)`) and fetch.
 */
export function signedMtaRequest(body: unknown, secret: string): SignedRequest {
  const bytes = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  return {
    body: bytes,
    headers: { 'Content-Type': 'application/json', 'X-Signature': signMtaPayload(bytes, secret) },
  };
}
