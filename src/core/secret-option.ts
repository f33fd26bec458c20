import type { Logger } from './logger.js';
import { pickLogger } from './logger.js';

/**
 * Reads a secret option (one string, or several during a rotation). It is required unless verification was
 * switched off by the dangerously named option, which is then announced with a warning.
 */
export function checkSecretOption(
  value: unknown,
  names: { option: string; skipOption: string; provider: string; example: string },
  skipVerification: boolean,
  logger: Logger | undefined,
): string[] {
  const secrets = value === undefined ? [] : typeof value === 'string' ? [value] : Array.isArray(value) ? [...value] : [value];
  if (secrets.some((secret) => typeof secret !== 'string' || secret.length === 0)) {
    throw new TypeError(`Option "${names.option}" must be a non-empty string or a list of non-empty strings.`);
  }
  if (secrets.length === 0 && !skipVerification) {
    throw new TypeError(`Option "${names.option}" is required: the key you registered the webhook with (e.g. ${names.example}).`);
  }
  if (skipVerification) {
    pickLogger(logger).warn(
      `${names.provider} webhooks are NOT verified (${names.skipOption}): anyone can forge events. Never do this in production.`,
    );
  }
  return secrets as string[];
}
