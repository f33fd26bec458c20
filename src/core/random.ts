/** A random whole number in [min, max), from the runtime's WebCrypto (present on Node, Bun, Deno and Workers). */
export function randomInt(min: number, max: number): number {
  const [high, low] = globalThis.crypto.getRandomValues(new Uint32Array(2)) as unknown as [number, number];
  // 53 random bits, so that ranges up to 2^47 stay uniform enough for ids.
  const fraction = (high * 2 ** 21 + (low >>> 11)) / 2 ** 53;
  return min + Math.floor(fraction * (max - min));
}
