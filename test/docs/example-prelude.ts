/**
 * What the documentation's examples take as given: the reader's app, secrets, and the services their handlers
 * call. Each example is type-checked with these in scope, so that an example shows only what it is about.
 * It is text, not code of the suite: as a real file, its globals would leak into every test.
 */
export const EXAMPLE_PRELUDE = `
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import type { Server } from 'node:http';
import type { ConnectionOptions } from 'bullmq';
import type { Logger } from 'pino';
import type {
  HttpsmsMessageReceivedHandler, MtaDeliveryStatusHandler, MtaHandlers, MtaMessageReplyEvent, WebhookRequestHandler,
} from 'sms-webhooks';

declare global {
  const app: Express;
  const secret: string;
  const redis: Redis;
  const logger: Logger;
  const handlers: MtaHandlers;
  const mtaHandlers: MtaHandlers;
  const rawBody: Buffer;
  const headers: Record<string, string>;
  const event: MtaMessageReplyEvent;
  const orders: {
    markStatus(messageId: string, status: string): Promise<void>;
    setStatus(messageId: string, status: string): Promise<void>;
  };
  const contacts: { optOut(phone: string, details?: object): Promise<void> };
  const inbox: { add(contact: string, content: string, attachments: readonly string[]): Promise<void> };
  const outbox: { markFailed(messageId: string, reason: string | null | undefined): Promise<void> };
  function reply(status: number, body: unknown): void;
  const connection: ConnectionOptions;
  const onDeliveryStatus: MtaDeliveryStatusHandler;
  const onSms: HttpsmsMessageReceivedHandler;
  const server: Server;
  const route: WebhookRequestHandler;
  const mtaRoute: WebhookRequestHandler;
  const httpsmsRoute: WebhookRequestHandler;
  // The Bun and Cloudflare Workers examples run on those runtimes; these are the parts of their types they use.
  const Bun: { serve(options: { port: number; fetch(request: Request): Response | Promise<Response> }): unknown };
  interface ExecutionContext {
    waitUntil(promise: Promise<unknown>): void;
    passThroughOnException(): void;
  }
}
export {};
`;
