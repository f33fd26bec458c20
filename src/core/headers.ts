/** Request headers as a plain object, any letter case (what `receive()` takes; Node's are lowercase). */
export type HeaderRecord = Readonly<Record<string, string | string[] | undefined>>;

/** How the flow reads a header: by its lowercase name, whatever the runtime keeps headers in. */
export type HeaderLookup = (lowerCaseName: string) => string | string[] | undefined;

/**
 * A header by its lowercase name. Node lowercases the headers of a request; headers given to `receive()` may
 * be in any case, so they are searched without copying them.
 */
export function headerValue(headers: HeaderRecord, lowerCaseName: string): string | string[] | undefined {
  const exact = headers[lowerCaseName];
  if (exact !== undefined) return exact;
  for (const name in headers) {
    if (name.length === lowerCaseName.length && name.toLowerCase() === lowerCaseName) return headers[name];
  }
  return undefined;
}

/** A lookup over a header record. */
export function lookupIn(headers: HeaderRecord): HeaderLookup {
  return (name) => headerValue(headers, name);
}

/** A header that may have been sent several times, as one string (a list is joined, as Fetch does). */
export function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
