/**
 * A numeric option: `fallback` when it is absent, else a finite number above zero (or of zero or more with
 * `allowZero`). Anything else is a TypeError that names the option.
 */
export function numberOption(value: unknown, name: string, fallback: number, { allowZero = false } = {}): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && (value > 0 || (allowZero && value === 0))) return value;
  throw new TypeError(`Option "${name}" must be ${allowZero ? 'a number of 0 or more' : 'a positive number'}.`);
}
