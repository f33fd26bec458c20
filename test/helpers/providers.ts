import { mtaFixture, signedMtaRequest, httpsmsFixture, signedHttpsmsRequest } from '../../src/testing';
import { SECRET } from './apps';

export const SIGNING_KEY = 'httpsms-signing-key-3c1f9e7a';
export const AUDIENCE = 'https://hooks.example.com/webhooks/httpsms';

/** What the table-driven HTTP tests need from a provider: a route, a valid event, and how to sign bytes. */
export interface ProviderDriver {
  name: 'mta' | 'httpsms';
  path: string;
  /** An event with a handler in the test app. */
  handledEvent: () => Record<string, unknown>;
  /** A valid event with no handler in the test app. */
  unhandledEvent: () => Record<string, unknown>;
  /** The same event made invalid for its schema. */
  invalidEvent: () => Record<string, unknown>;
  /** Headers that sign exactly these bytes (for httpSMS the token does not cover the body). */
  sign: (body: string | Buffer, eventType?: string) => Promise<Record<string, string>>;
  /** Headers signed with the wrong secret. */
  signWrongly: (body: string) => Promise<Record<string, string>>;
  authHeader: string;
}

export const MTA_DRIVER: ProviderDriver = {
  name: 'mta',
  path: '/webhooks/mta',
  handledEvent: () => mtaFixture('delivery-status'),
  unhandledEvent: () => mtaFixture('message-send'),
  invalidEvent: () => mtaFixture('delivery-status', { overrides: { toNumber: 5555550199 as never } }),
  sign: async (body) => signedMtaRequest(body, SECRET).headers,
  signWrongly: async (body) => signedMtaRequest(body, 'wrong-secret').headers,
  authHeader: 'X-Signature',
};

export const HTTPSMS_DRIVER: ProviderDriver = {
  name: 'httpsms',
  path: '/webhooks/httpsms',
  handledEvent: () => httpsmsFixture('message.phone.received'),
  unhandledEvent: () => httpsmsFixture('phone.heartbeat.online'),
  invalidEvent: () => httpsmsFixture('message.phone.received', { data: { sim: 'SIM9' as never } }),
  sign: async (_body, eventType = 'message.phone.received') => {
    const { headers } = await signedHttpsmsRequest(httpsmsFixture(eventType as never), SIGNING_KEY, { audience: AUDIENCE });
    return headers;
  },
  signWrongly: async (body) => (await signedHttpsmsRequest(body, 'wrong-key', { audience: AUDIENCE })).headers,
  authHeader: 'Authorization',
};

export const PROVIDERS = [MTA_DRIVER, HTTPSMS_DRIVER] as const;
