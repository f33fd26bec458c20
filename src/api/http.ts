import type { z } from 'zod';
import { MtaApiError } from './errors.js';
import { fetchFailure } from './fetch-failure.js';
import { errorBody } from './schemas.js';

export interface HttpOptions {
  apiKey: string;
  baseUrl: string;
  timeoutMs: number;
  /** Retries for safe calls (list, delete) on 429, 5xx, network errors and timeouts. */
  retries: number;
  /** Delay before the first retry; doubles each time, with jitter. */
  retryDelayMs: number;
  fetch: typeof fetch;
}

export interface Call<T> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  schema: z.ZodType<T>;
  /** Safe to send again when no answer (or a 429/5xx) came back. */
  retry: boolean;
}

const HINTS: Record<number, string> = {
  401: 'check the API key (MTA_API_KEY)',
  403: 'the API key may not manage webhooks',
};

/** One API call with a timeout; safe calls are retried with exponential backoff on transient failures. */
export async function callMtaApi<T>(options: HttpOptions, call: Call<T>): Promise<T> {
  const attempts = call.retry ? options.retries + 1 : 1;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await once(options, call);
    } catch (error) {
      const transient = error instanceof MtaApiError && (error.kind !== 'api' || error.httpCode === 429 || error.httpCode >= 500);
      if (!transient || attempt >= attempts) throw error;
      const delay = options.retryDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

async function once<T>(options: HttpOptions, call: Call<T>): Promise<T> {
  const url = `${options.baseUrl.replace(/\/+$/, '')}${call.path}`;
  let response: Response;
  try {
    response = await options.fetch(url, {
      method: call.method,
      headers: {
        Authorization: `Bearer ${options.apiKey}`,
        Accept: 'application/json',
        ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (cause) {
    const { timedOut, reason } = fetchFailure(cause, options.timeoutMs);
    const host = new URL(url).host;
    throw new MtaApiError(timedOut ? `no answer from ${host} within ${options.timeoutMs} ms` : `could not reach ${host} (${reason})`, {
      kind: timedOut ? 'timeout' : 'network',
    }, { cause });
  }
  const json = await readJson(response);
  if (!response.ok) throw apiError(response, json);
  const parsed = call.schema.safeParse(json);
  if (!parsed.success) {
    throw new MtaApiError(`unexpected answer to ${call.method} ${call.path}: ${parsed.error.issues[0]?.path.join('.')}`, {
      kind: 'invalid_response',
      httpCode: response.status,
    });
  }
  return parsed.data;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function apiError(response: Response, json: unknown): MtaApiError {
  const body = errorBody.safeParse(json);
  const hint = HINTS[response.status] ? ` (${HINTS[response.status]})` : '';
  if (!body.success) {
    return new MtaApiError(`${response.statusText || 'error'}${hint}`, { kind: 'api', httpCode: response.status });
  }
  const { message, type, name, requestId, reason } = body.data;
  return new MtaApiError(`${message}${reason ? `: ${reason}` : ''}${hint}`, {
    kind: 'api',
    httpCode: response.status,
    type,
    apiName: name,
    requestId,
    reason,
  });
}
