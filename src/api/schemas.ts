import { z } from 'zod';
import { MTA_EVENT_TYPES } from '../mta/constants.js';

// The MTA Webhooks API, as seed 002 documents it: request fields and response bodies.

/** Fields of Register Webhook (`POST /webhooks`). */
export const registerFields = z.object({
  event: z.enum(MTA_EVENT_TYPES),
  url: z.url({ protocol: /^https?$/ }),
  secret: z.string().min(1),
  alertEmail: z.email().optional(),
  sendAlertEmail: z.boolean().optional(),
  skipErrors: z.boolean().optional(),
  skipErrorCodes: z.array(z.string()).optional(),
  retryOnError: z.boolean().optional(),
  maxThroughputPerMinute: z.number().int().positive().optional(),
});
export type RegisterWebhookFields = z.input<typeof registerFields>;

/** Fields of Update Webhook (`PATCH /webhooks/{id}`): any register field. */
export const updateFields = registerFields.partial().refine((fields) => Object.keys(fields).length > 0, 'nothing to update');
export type UpdateWebhookFields = z.input<typeof updateFields>;

/** A registered webhook as the API returns it; list rows carry fewer fields than register/update answers. */
export const webhookRecord = z.looseObject({
  id: z.number(),
  event: z.string(),
  url: z.string(),
  alertEmail: z.string().nullish(),
  sendAlertEmail: z.boolean().optional(),
  skipErrors: z.boolean().optional(),
  skipErrorCodes: z.array(z.string()).optional(),
  retryOnError: z.boolean().optional(),
  maxThroughputPerMinute: z.number().optional(),
  createdAt: z.string().optional(),
});
export type MtaWebhook = z.output<typeof webhookRecord>;

export const changedResponse = z.looseObject({ message: z.string(), data: webhookRecord });
export const listResponse = z.looseObject({
  data: z.looseObject({ rows: z.array(webhookRecord), page: z.number(), pageSize: z.number(), total: z.number() }),
});
export type MtaWebhookPage = z.output<typeof listResponse>['data'];
export const deleteResponse = z.looseObject({ message: z.string() });

/** The error body of every endpoint (400, 401, 403, 500). */
export const errorBody = z.looseObject({
  httpCode: z.number(),
  message: z.string(),
  timestamp: z.string().optional(),
  type: z.string(),
  name: z.string(),
  requestId: z.string().optional(),
  reason: z.string().nullish(),
});
