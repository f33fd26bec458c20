interface WithEnvironment {
  process?: { env?: Record<string, string | undefined> };
}

/**
 * Whether a 401 answer names the likely cause of the refusal (the option `explainRejections`). By default it does
 * outside production only: the cause helps the developer wiring a webhook up, and tells an attacker probing a live
 * receiver a little about its secret. Runtimes without `process` (Workers) count as production.
 */
export function checkExplainOption(value: unknown): boolean {
  if (value === undefined) {
    const environment = (globalThis as WithEnvironment).process?.env;
    return environment !== undefined && environment.NODE_ENV !== 'production';
  }
  if (typeof value !== 'boolean') throw new TypeError('Option "explainRejections" must be true or false.');
  return value;
}

/** A refusal's message, with its likely cause where the receiver explains rejections. */
export function explained(message: string, diagnosis: string, explain: boolean): string {
  return explain ? `${message} Likely cause: ${diagnosis}.` : message;
}
