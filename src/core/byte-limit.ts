const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2 };

export const DEFAULT_BODY_LIMIT = 100 * 1024;

/** Reads a body limit given as bytes (102400) or as text like body-parser's ('100kb', '1mb'). */
export function parseByteLimit(value: unknown, optionName = 'limit'): number {
  if (value === undefined) return DEFAULT_BODY_LIMIT;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  if (typeof value === 'string') {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb)?\s*$/i.exec(value);
    if (match) {
      const bytes = Math.floor(Number(match[1]) * (UNITS[(match[2] ?? 'b').toLowerCase()] ?? 1));
      if (bytes > 0) return bytes;
    }
  }
  throw new TypeError(`Option "${optionName}" must be a positive number of bytes or a size such as "100kb" or "1mb".`);
}
