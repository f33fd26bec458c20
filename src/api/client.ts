import type { z } from 'zod';
import { numberOption } from '../core/number-option.js';
import { callMtaApi, type HttpOptions } from './http.js';
import {
  type MtaWebhook,
  type MtaWebhookPage,
  type RegisterWebhookFields,
  type UpdateWebhookFields,
  changedResponse,
  deleteResponse,
  listResponse,
  registerFields,
  updateFields,
} from './schemas.js';

/** The v3 API host of seed 002. */
export const MTA_API_BASE_URL = 'https://api.mobile-text-alerts.com/v3';

export interface MtaClientOptions {
  apiKey: string;
  /** Default: https://api.mobile-text-alerts.com/v3 */
  baseUrl?: string;
  /** Per call; default 10 s. */
  timeoutMs?: number;
  /** Retries of list and delete on 429, 5xx and network errors; default 2. */
  retries?: number;
  /** Delay before the first retry, doubled each time; default 250 ms. */
  retryDelayMs?: number;
  /** A fetch implementation; default the global one. */
  fetch?: typeof fetch;
}

export interface MtaClient {
  webhooks: {
    register(fields: RegisterWebhookFields): Promise<{ message: string; webhook: MtaWebhook }>;
    list(query?: { page?: number; pageSize?: number }): Promise<MtaWebhookPage>;
    update(id: number, fields: UpdateWebhookFields): Promise<{ message: string; webhook: MtaWebhook }>;
    delete(id: number): Promise<{ message: string }>;
  };
}

/** A client for the MTA Webhooks API: register, list, update and delete webhook registrations. */
export function createMtaClient(options: MtaClientOptions): MtaClient {
  const http = checkOptions(options);
  return {
    webhooks: {
      async register(fields) {
        const body = fieldsOrThrow(registerFields, fields);
        const answer = await callMtaApi(http, { method: 'POST', path: '/webhooks', body, schema: changedResponse, retry: false });
        return { message: answer.message, webhook: answer.data };
      },
      async list(query = {}) {
        const search = new URLSearchParams();
        if (query.page !== undefined) search.set('page', String(wholeNumber(query.page, 'page')));
        if (query.pageSize !== undefined) search.set('pageSize', String(wholeNumber(query.pageSize, 'pageSize')));
        const path = `/webhooks${search.size > 0 ? `?${search}` : ''}`;
        return (await callMtaApi(http, { method: 'GET', path, schema: listResponse, retry: true })).data;
      },
      async update(id, fields) {
        const body = fieldsOrThrow(updateFields, fields);
        const path = `/webhooks/${wholeNumber(id, 'id')}`;
        const answer = await callMtaApi(http, { method: 'PATCH', path, body, schema: changedResponse, retry: false });
        return { message: answer.message, webhook: answer.data };
      },
      async delete(id) {
        const path = `/webhooks/${wholeNumber(id, 'id')}`;
        return callMtaApi(http, { method: 'DELETE', path, schema: deleteResponse, retry: true });
      },
    },
  };
}

function checkOptions(options: MtaClientOptions): HttpOptions {
  if (typeof options?.apiKey !== 'string' || options.apiKey.trim() === '') {
    throw new TypeError('Option "apiKey" is required: your MTA API key (e.g. process.env.MTA_API_KEY).');
  }
  const baseUrl = options.baseUrl ?? MTA_API_BASE_URL;
  if (!URL.canParse(baseUrl)) throw new TypeError('Option "baseUrl" must be an absolute URL.');
  return {
    apiKey: options.apiKey.trim(),
    baseUrl,
    timeoutMs: numberOption(options.timeoutMs, 'timeoutMs', 10_000),
    retries: numberOption(options.retries, 'retries', 2, { allowZero: true }),
    retryDelayMs: numberOption(options.retryDelayMs, 'retryDelayMs', 250, { allowZero: true }),
    fetch: options.fetch ?? globalThis.fetch,
  };
}

function wholeNumber(value: unknown, name: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  throw new TypeError(`"${name}" must be a whole number.`);
}

function fieldsOrThrow<T>(schema: z.ZodType<T>, fields: unknown): T {
  const parsed = schema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'fields'}: ${issue.message}`).join('; ');
  throw new TypeError(`Invalid webhook fields: ${issues}.`);
}
