import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpsmsWebhooks } from '../express/httpsms.js';
import { mtaWebhooks } from '../express/mta.js';
import { forwardDelivery } from './forward.js';
import { type WebhookInspector, webhookInspector } from './index.js';
import { createCapturingLogger } from './request-context.js';

export interface InspectServerOptions {
  port: number;
  host: string;
  secret: string;
  signingKey: string;
  /** httpSMS token audience, when the receiver should check it. */
  audience?: string;
  /** The user's app, by provider: every delivery is passed on there too. */
  forward: { mta?: string; httpsms?: string };
  keep: number;
  allowInProduction?: boolean;
  /**
   * Let other machines open the page and its API (they show phone numbers, message text, and signatures through
   * "copy as curl"). Off by default, whatever address the server is bound to: binding to 0.0.0.0 (Docker, the LAN)
   * is for receiving webhooks, and the page still answers this machine only.
   */
  allowRemote?: boolean;
  /** Where warnings go; default stderr. */
  echo?: NodeJS.WritableStream | false;
}

export interface InspectServer {
  url: string;
  server: Server;
  inspector: WebhookInspector;
  close(): Promise<void>;
}

const MAX_BODY = 10 * 1024 * 1024;

/**
 * A local receiver for both providers (/webhooks/mta, /webhooks/httpsms) and the inspector page at /. Each delivery
 * is read once, handed to the route as kept bytes (as rawBodySaver does), and, with a forward target, passed on to
 * the user's app with the same bytes and headers. The provider gets our answer; the page shows both.
 */
export async function startInspectServer(options: InspectServerOptions): Promise<InspectServer> {
  const echo = options.echo ?? process.stderr;
  const routes = {
    mta: mtaWebhooks({ secret: options.secret }),
    httpsms: httpsmsWebhooks({ signingKey: options.signingKey, audience: options.audience }),
  };
  const inspector = webhookInspector({
    receivers: [routes.mta, routes.httpsms],
    keep: options.keep,
    keys: { mta: options.secret, httpsms: options.signingKey },
    audience: options.audience,
    forward: options.forward,
    allowInProduction: options.allowInProduction,
    // Anyone who can reach the port can send webhooks; the page itself stays local unless explicitly opened.
    allowRemote: options.allowRemote === true,
    echo,
  });

  async function webhook(provider: 'mta' | 'httpsms', req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readCapped(req);
    if (!body) {
      // Never a truncated body passed on as if whole: refused here, before the route or the app sees it.
      res.writeHead(413, { 'content-type': 'application/json', connection: 'close' }).end('{"error":{"code":"body.too_large","message":"The body is larger than the inspector takes (10 MiB)."}}');
      return;
    }
    const target = options.forward[provider];
    const forward = target ? forwardDelivery(target, req.headers, body) : undefined;
    const { logger } = createCapturingLogger({ headers: req.headers, forward }, echo);
    Object.assign(req, { rawBody: body, log: logger });
    await routes[provider](req, res);
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const provider = path === '/webhooks/mta' ? 'mta' : path === '/webhooks/httpsms' ? 'httpsms' : undefined;
    if (provider && req.method === 'POST') {
      webhook(provider, req, res).catch((error: unknown) => {
        if (echo) echo.write(`inspect: a ${provider} delivery failed in the inspector itself: ${(error as Error)?.message ?? String(error)}\n`);
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    inspector(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    server,
    inspector,
    async close() {
      inspector.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await Promise.all([routes.mta.close(), routes.httpsms.close()]);
    },
  };
}

/** The whole body, up to 10 MiB (the route then applies its own, smaller limit with a 413); undefined past that. */
async function readCapped(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
