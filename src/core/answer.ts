import { type WebhookError } from './errors.js';

/** What an adapter sends back: a status, headers and a small JSON body. The same for every runtime. */
export interface Answer {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: string;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } as const;

export const OK_ANSWER: Answer = { status: 200, headers: JSON_HEADERS, body: '{"ok":true}' };
export const DUPLICATE_ANSWER: Answer = { status: 200, headers: JSON_HEADERS, body: '{"ok":true,"duplicate":true}' };

/** Something of ours failed unexpectedly: 500 so the provider retries; the details go to the log only. */
export const INTERNAL_ANSWER: Answer = {
  status: 500,
  headers: JSON_HEADERS,
  body: '{"error":{"code":"handler.failed","message":"The delivery could not be handled."}}',
};

/**
 * A refusal as an answer. After a 413 or a 408 the rest of the body is left unread, so the connection must not be
 * reused for another request.
 */
export function errorAnswer(error: WebhookError): Answer {
  const body = JSON.stringify(error.toJSON());
  const unread = error.code === 'body.too_large' || error.code === 'body.timeout';
  return { status: error.status, headers: unread ? { ...JSON_HEADERS, connection: 'close' } : JSON_HEADERS, body };
}
