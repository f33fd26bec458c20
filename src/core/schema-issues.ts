import type { z } from 'zod';
import { WebhookError } from './errors.js';

/**
 * A 422 payload.invalid that names the failing fields and rules (at most five), never their values: a value may
 * be a phone number or message text.
 */
export function schemaError(what: string, issues: readonly z.core.$ZodIssue[], pathPrefix = ''): WebhookError {
  const listed = issues
    .slice(0, 5)
    .map((issue) => `${pathPrefix}${issue.path.join('.') || '(object)'}: ${issue.message}`)
    .join('; ');
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return new WebhookError('payload.invalid', `Not a valid ${what}: ${listed}${more}.`);
}
