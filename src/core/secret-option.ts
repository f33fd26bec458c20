import { visibleLogger } from './logger.js';

export interface SecretOptionNames {
  /** The option holding the secret(s): 'secret', 'signingKey'. */
  option: string;
  /** The dangerously named option that switches verification off. */
  skipOption: string;
  provider: string;
  example: string;
}

/**
 * Reads a receiver's options object and its secret option (one string, or several during a rotation). The secret
 * is required unless verification was switched off by the dangerously named option, which is then announced
 * with a warning.
 */
export function checkSecretOption(
  options: object,
  names: SecretOptionNames,
): { secrets: string[]; skipVerification: boolean } {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${names.provider} receiver options must be an object.`);
  const record = options as Record<string, unknown>;
  const skipVerification = record[names.skipOption] === true;
  const value = record[names.option];
  const secrets = value === undefined ? [] : typeof value === 'string' ? [value] : Array.isArray(value) ? [...value] : [value];
  if (secrets.some((secret) => typeof secret !== 'string' || secret.length === 0)) {
    throw new TypeError(`Option "${names.option}" must be a non-empty string or a list of non-empty strings.`);
  }
  if (secrets.length === 0 && !skipVerification) {
    throw new TypeError(`Option "${names.option}" is required: the key you registered the webhook with (e.g. ${names.example}).`);
  }
  if (skipVerification) {
    visibleLogger(record.logger).warn(
      `${names.provider} webhooks are NOT verified (${names.skipOption}): anyone can forge events. Never do this in production.`,
    );
  }
  return { secrets: secrets as string[], skipVerification };
}
