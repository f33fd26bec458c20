// A runnable MTA webhook receiver inside an ordinary Express app: `npm start`.
// It has its own middleware (request logging, a global JSON parser) and routes next to the webhook route.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import pinoHttp from 'pino-http';
import { collectDefaultMetrics, register } from 'prom-client';
import { httpsmsWebhooks, mtaWebhooks, rawBodySaver } from 'sms-webhooks';
import { createWebhookMetrics } from 'sms-webhooks/metrics';
import { httpsmsFixture, mtaFixture, signHttpsmsRequest, signMtaRequest } from 'sms-webhooks/testing';

// pino-http logs request headers: redact the ones that carry signatures and tokens.
const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  redact: ['req.headers["x-signature"]', 'req.headers.authorization'],
});
const fromEnvironment = Boolean(process.env.MTA_WEBHOOK_SECRET);
const secret = process.env.MTA_WEBHOOK_SECRET ?? randomBytes(64).toString('hex');
const signingKeyFromEnvironment = Boolean(process.env.HTTPSMS_SIGNING_KEY);
const signingKey = process.env.HTTPSMS_SIGNING_KEY ?? randomBytes(24).toString('hex');
// The public URL as registered in httpSMS (the token's audience); unchecked when not set.
const httpsmsAudience = process.env.HTTPSMS_WEBHOOK_URL;

const app = express();
app.disable('x-powered-by');
app.use(pinoHttp({ logger, autoLogging: false }));
// A global JSON parser, as many apps have: verify: rawBodySaver keeps the bytes the webhook route verifies.
app.use(express.json({ verify: rawBodySaver }));

app.get('/health', (_req, res) => {
  res.json({ ok: true });
});

// Prometheus metrics of every delivery (examples/grafana-dashboard.json charts them), beside the process's own.
collectDefaultMetrics();
const metrics = createWebhookMetrics();
app.get('/metrics', async (_req, res) => {
  res.type(register.contentType).send(await register.metrics());
});

const mtaRoute = mtaWebhooks({
  secret,
  metrics,
  handlers: {
    'delivery-status': async (event, { log }) => {
      log.info({ messageId: event.normalized.messageId, status: event.normalized.status.name }, 'delivery status');
    },
    'message-reply': async (event, { log }) => {
      log.info({ replyId: event.normalized.replyId, isOptOut: event.normalized.isOptOut }, 'reply received');
    },
    'message-send': async (event, { log }) => {
      log.info({ messageId: event.normalized.messageId }, 'message handed to the carrier');
    },
    'number-opt-in': async (event, { log }) => {
      log.info({ method: event.normalized.optInType }, 'number opted in');
    },
  },
});
app.post('/webhooks/mta', mtaRoute);

const httpsmsRoute = httpsmsWebhooks({
  signingKey,
  audience: httpsmsAudience,
  metrics,
  handlers: {
    'message.phone.received': async (event, { log }) => {
      log.info({ messageId: event.normalized.messageId, attachments: event.payload.attachments?.length ?? 0 }, 'SMS received');
    },
    'message.phone.delivered': async (event, { log }) => {
      log.info({ messageId: event.normalized.messageId }, 'SMS delivered');
    },
    'phone.heartbeat.offline': async (event, { log }) => {
      log.warn({ phoneId: event.normalized.phoneId }, 'the httpSMS phone is offline');
    },
  },
});
app.post('/webhooks/httpsms', httpsmsRoute);

// Port 3000 unless PORT says otherwise; if it is taken, any free port.
const wanted = Number(process.env.PORT ?? 3000);
const server = app.listen(wanted);
server.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EADDRINUSE' || process.env.PORT) throw error;
  server.listen(0);
});
// How to try it, printed once the port is known.
async function printHowToTry(): Promise<void> {
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}/webhooks/mta`;
  console.log(`\nPrometheus metrics on http://localhost:${port}/metrics`);
  const sample = await signMtaRequest(mtaFixture('delivery-status'), secret);
  console.log(`\nMTA webhook receiver listening on ${url}`);
  console.log(
    fromEnvironment
      ? 'Secret: from MTA_WEBHOOK_SECRET (not shown).'
      : `Development secret (set MTA_WEBHOOK_SECRET to use your own): ${secret}`,
  );
  console.log('\nSend a correctly signed sample delivery-status event:\n');
  console.log(
    `curl -i -X POST '${url}' -H 'Content-Type: application/json' ` +
      `-H 'X-Signature: ${sample.headers['X-Signature']}' --data-binary '${sample.body}'\n`,
  );
  const httpsmsUrl = `http://localhost:${port}/webhooks/httpsms`;
  const httpsms = await signHttpsmsRequest(httpsmsFixture('message.phone.received', { unique: true }), signingKey, {
    audience: httpsmsAudience,
  });
  console.log(`httpSMS webhook receiver listening on ${httpsmsUrl}`);
  console.log(
    signingKeyFromEnvironment
      ? 'Signing key: from HTTPSMS_SIGNING_KEY (not shown).'
      : `Development signing key (set HTTPSMS_SIGNING_KEY to use your own): ${signingKey}`,
  );
  console.log('\nSend a signed sample message.phone.received event (the token is valid for 10 minutes):\n');
  console.log(
    `curl -i -X POST '${httpsmsUrl}' -H 'Content-Type: application/json' -H 'X-Event-Type: message.phone.received' ` +
      `-H 'Authorization: ${httpsms.headers.Authorization}' --data-binary '${httpsms.body.replace(/'/g, "'\\''")}'\n`,
  );
}
server.on('listening', () => void printHowToTry());

// Graceful shutdown: stop accepting connections, let deliveries in flight finish (new ones get 503 and the
// provider retries them), release the claims of any that cannot finish in time, then exit.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    server.close();
    server.closeIdleConnections();
    void Promise.all([mtaRoute.close(), httpsmsRoute.close()]).then(() => process.exit(0));
  });
}
