/**
 * The store key of one message: provider and id, with every character outside [A-Za-z0-9._-] written as its
 * UTF-16 code unit in hex. The encoding is one-to-one, so distinct ids stay distinct in every store (a lone
 * surrogate would otherwise become U+FFFD on its way to Redis and merge with another id), and a ':' in an id
 * cannot make it collide with another provider's.
 */
export function statusKey(provider: string, messageId: string): string {
  return `${provider}:${messageId.replace(/[^A-Za-z0-9._-]/g, hexUnit)}`;
}

const hexUnit = (char: string): string => `%${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
