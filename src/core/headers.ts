import type { IncomingHttpHeaders } from 'node:http';

/**
 * A header by its lowercase name. Node lowercases the headers of a request; headers given to `receive()` may
 * be in any case, so they are searched without copying them.
 */
export function headerValue(headers: IncomingHttpHeaders, lowerCaseName: string): string | string[] | undefined {
  const exact = headers[lowerCaseName];
  if (exact !== undefined) return exact;
  for (const name in headers) {
    if (name.length === lowerCaseName.length && name.toLowerCase() === lowerCaseName) return headers[name];
  }
  return undefined;
}
