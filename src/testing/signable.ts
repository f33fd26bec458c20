// What the test kit's sign helpers share, for every provider. Runtime-neutral (no node:* import, no Buffer at run
// time): the provider descriptors, which the Fetch entry loads, sign through here.
/** A signed request: the exact bytes to send and the headers the provider would send with them. */
export interface SignedRequest<H extends Record<string, string> = Record<string, string>, B extends string | Buffer = string | Buffer> {
  /** The exact bytes that were signed (a string unless a Buffer was given): send them as they are. */
  body: B;
  headers: H;
}

/** What the sign helpers take: an object (serialized with JSON.stringify), or the exact bytes as a string or Buffer. */
export type SignableBody = object | string | Buffer;

/** The type of the signed body: a Buffer stays a Buffer, anything else is sent as a string. */
export type SignedBody<B extends SignableBody> = B extends Buffer ? Buffer : string;

/** The body as the exact bytes to send: a string or Buffer is kept byte for byte. */
export function toBytes<B extends SignableBody>(body: B): SignedBody<B> {
  // `instanceof Uint8Array` rather than Buffer.isBuffer: this module is loaded on runtimes without Buffer.
  return (typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body)) as SignedBody<B>;
}

