// Type-level tests of the receiver options: checked by `npm run typecheck` (tsc), never run.
import { createHttpsmsReceiver, createMtaReceiver, httpsmsWebhooks, mtaWebhooks } from '../../src/index';
import fastify from 'fastify';
import * as fastifyEntry from '../../src/fastify/index';
import * as fetchEntry from '../../src/fetch/index';
import { createWebhookWorker } from '../../src/queue/index';
import { httpsmsFixture, mtaFixture } from '../../src/testing/index';

// The secret is required unless the dangerous switch is on, in the code, as `true`.
createMtaReceiver({ secret: 's' });
createMtaReceiver({ secret: ['old', 'new'] });
createMtaReceiver({ dangerouslySkipSignatureVerification: true });
// @ts-expect-error -- no secret
createMtaReceiver({});
// @ts-expect-error -- the switch off does not make the secret optional
mtaWebhooks({ dangerouslySkipSignatureVerification: false });
declare const fromEnvironment: string | undefined;
// @ts-expect-error -- process.env values may be undefined: check them first
mtaWebhooks({ secret: fromEnvironment });
createHttpsmsReceiver({ signingKey: 'k', audience: 'https://example.test/hook' });
httpsmsWebhooks({ dangerouslySkipTokenVerification: true });
// @ts-expect-error -- no signing key
httpsmsWebhooks({ audience: 'https://example.test/hook' });

// Wrong option types are errors.
// @ts-expect-error -- version is 1, 2 or 3
createMtaReceiver({ secret: 's', version: 4 });
// @ts-expect-error -- event must be an MTA event type
createMtaReceiver({ secret: 's', event: 'message.phone.received' });
// @ts-expect-error -- clockToleranceSeconds is a number
createHttpsmsReceiver({ signingKey: 'k', clockToleranceSeconds: '30' });

// Fixture overrides are typed by event and version.
mtaFixture('delivery-status', { overrides: { status: 4, toNumber: undefined } });
mtaFixture('message-reply', { version: 1, overrides: { isOptOutMessage: true } });
// @ts-expect-error -- misspelled field
mtaFixture('message-reply', { version: 1, overrides: { isOptOutMesage: true } });
// @ts-expect-error -- replyId is a V3 field, not V1
mtaFixture('message-reply', { version: 1, overrides: { replyId: '1' } });
// @ts-expect-error -- wrong type
mtaFixture('message-reply', { version: 2, overrides: { isOptOutMessage: 'no' } });
mtaFixture('message-send', { extra: { segments: 2 } });
httpsmsFixture('message.send.failed', { data: { error_message: 'NO_SERVICE' }, envelope: { id: 'x' } });
// @ts-expect-error -- a field of another event's data
httpsmsFixture('phone.heartbeat.online', { data: { content: 'hi' } });

// The other adapters take the same option types.
fetchEntry.mtaWebhooks({ secret: 's' });
// @ts-expect-error -- no secret, on the Fetch entry too
fetchEntry.mtaWebhooks({ handlers: {} });
// @ts-expect-error -- no signing key, on the Fetch entry too
fetchEntry.httpsmsWebhooks({ audience: 'https://example.test/hook' });

// The Fastify plugins need the route's path beside the receiver's options.
fastify().register(fastifyEntry.mtaWebhooks, { path: '/webhooks/mta', secret: 's' });
// @ts-expect-error -- no path
fastify().register(fastifyEntry.mtaWebhooks, { secret: 's' });
fastify().register(fastifyEntry.httpsmsWebhooks, { path: '/webhooks/httpsms', signingKey: 'k', audience: 'https://example.test/hook' });
// @ts-expect-error -- no path, for httpSMS too
fastify().register(fastifyEntry.httpsmsWebhooks, { signingKey: 'k', audience: 'https://example.test/hook' });

// The worker's handlers are keyed by provider and then by that provider's events (or, deprecated, by event alone).
const connection = { host: '127.0.0.1', port: 6379 };
createWebhookWorker({ connection, handlers: { mta: { 'delivery-status': () => {} }, httpsms: { 'message.phone.received': () => {} } } });
createWebhookWorker({ connection, handlers: { 'delivery-status': () => {} } });
// @ts-expect-error -- an httpSMS event under mta
createWebhookWorker({ connection, handlers: { mta: { 'message.phone.received': () => {} } } });
// @ts-expect-error -- a flat key that is no event of any provider
createWebhookWorker({ connection, handlers: { delivery_status: () => {} } });
