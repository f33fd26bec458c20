/**
 * Headers whose values prove who sent a request: shown masked, kept in clear only for replay and curl. By name,
 * so that a proxy's or a platform's own credentials (x-api-key, cf-access-jwt-assertion, ...) are masked too.
 */
const SECRET_HEADER = /auth|token|signature|secret|api-?key|cookie|jwt|session|password/i;

/** The headers a delivery is shown with when the runtime gave only a lookup (not the whole list). */
export const KNOWN_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'user-agent',
  'x-signature',
  'authorization',
  'x-event-type',
  'host',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-request-id',
] as const;

export type HeaderList = Record<string, string | string[] | undefined>;

/**
 * A header as the page shows it: signatures and tokens keep a few leading characters (enough to tell two apart)
 * and their length, never enough to reuse them.
 */
export function maskHeader(name: string, value: string): string {
  if (!SECRET_HEADER.test(name)) return value;
  const bearer = /^(Bearer\s+)(\S+)$/i.exec(value);
  if (bearer) return `${bearer[1]}${shorten(bearer[2] ?? '')}`;
  return shorten(value);
}

function shorten(value: string): string {
  return value.length <= 8 ? `•••• (${value.length} characters)` : `${value.slice(0, 6)}•••• (${value.length} characters)`;
}

/** Every header, each value masked where it must be, lists (a header sent twice) joined as Node joins them. */
export function maskHeaders(headers: HeaderList): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    masked[name.toLowerCase()] = values.map((one) => maskHeader(name, one)).join(', ');
  }
  return masked;
}
