import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InspectorCore } from './inspector.js';
import { PAGE_HTML } from './page-html.js';
import { PAGE_SCRIPT } from './page-script.js';
import { sampleCatalog } from './samples.js';
import { streamChanges } from './sse.js';

type Request = IncomingMessage & { originalUrl?: string };

export interface PageAccess {
  /** Answer requests from other machines too (the page shows phone numbers and message text). */
  allowRemote: boolean;
  /** Where the webhook routes are, for "copy as curl": by provider. */
  routeUrl(provider: string, req: Request): string;
}

/**
 * The inspector's HTTP side, as a plain node:http handler (Express mounts it as is): the page, its script, the
 * list of deliveries, their live stream, and the actions. Paths are relative to where it is mounted.
 */
export function createInspectorHandler(core: InspectorCore, access: PageAccess) {
  return async function inspectorHandler(req: Request, res: ServerResponse): Promise<void> {
    const refusal = access.allowRemote ? undefined : whyNotLocal(req);
    if (refusal) return send(res, 403, 'text/plain', `The webhook inspector answers only this machine (option allowRemote): ${refusal}.`);
    const url = new URL(req.url ?? '/', 'http://inspector');
    const path = url.pathname;
    try {
      if (req.method === 'GET') {
        // Relative links in the page need the trailing slash of the mount point.
        if (path === '/' && req.originalUrl && !new URL(req.originalUrl, 'http://x').pathname.endsWith('/')) {
          res.writeHead(308, { location: `${new URL(req.originalUrl, 'http://x').pathname}/` }).end();
          return;
        }
        if (path === '/') return send(res, 200, 'text/html; charset=utf-8', PAGE_HTML);
        if (path === '/app.js') return send(res, 200, 'text/javascript; charset=utf-8', PAGE_SCRIPT);
        if (path === '/api/deliveries') {
          return json(res, 200, { keep: core.ring.capacity, providers: core.providers, forward: core.forwardTargets, samples: sampleCatalog(), deliveries: core.ring.list() });
        }
        if (path === '/api/stream') return streamChanges(req, res, core.ring);
        const item = /^\/api\/deliveries\/(\d+)\/(curl|fixture)$/.exec(path);
        const kept = item && core.ring.get(Number(item[1]));
        if (item && !kept) return json(res, 404, { error: `delivery #${item[1]} is no longer kept` });
        if (item?.[2] === 'curl' && kept) return send(res, 200, 'text/plain; charset=utf-8', core.curl(kept.record.id, access.routeUrl(kept.record.provider, req)) ?? '');
        if (item?.[2] === 'fixture' && kept) {
          // The exact bytes: usable with signedMtaRequest(readFileSync(file), secret) and `sms-webhooks send --file`.
          const name = [kept.record.provider, kept.record.event ?? 'unknown', kept.record.version === undefined ? '' : `v${String(kept.record.version)}`, kept.record.id].filter(Boolean).join('-');
          res.writeHead(200, { 'content-type': 'application/json', 'content-disposition': `attachment; filename="${name}.json"`, 'cache-control': 'no-store' });
          res.end(kept.rawBody ?? '');
          return;
        }
      }
      if (req.method === 'POST') {
        // A page on another site can post to localhost, but cannot add this header without our consent (CORS).
        if (req.headers['x-inspector'] !== '1') return json(res, 403, { error: 'actions need the X-Inspector: 1 header' });
        const replay = /^\/api\/deliveries\/(\d+)\/replay$/.exec(path);
        if (replay) {
          const to = url.searchParams.get('to') === 'forward' ? 'forward' : 'receiver';
          return json(res, 200, await core.replay(Number(replay[1]), to));
        }
        if (path === '/api/samples') {
          const wanted = JSON.parse(await readText(req)) as { provider: string; event: string; version?: number };
          await core.sendSample(wanted.provider, wanted.event, wanted.version);
          return json(res, 200, { ok: true });
        }
      }
      return json(res, 404, { error: `nothing at ${req.method} ${path}` });
    } catch (error) {
      return json(res, error instanceof RangeError || error instanceof SyntaxError ? 400 : 500, { error: (error as Error).message });
    }
  };
}

// A proxy on this machine (nginx proxy_pass to 127.0.0.1) or an HTTP tunnel connects from loopback with a local
// Host, yet relays whoever reached it; these headers are how it says so. A plain TCP forward says nothing (documented).
const PROXY_HEADERS = ['X-Forwarded-For', 'Forwarded', 'X-Real-IP'] as const;

/**
 * Why a request is not from this machine, or undefined when it is: a loopback address, a localhost Host header (a
 * DNS-rebinding page has our address but its own host), and no proxy in between.
 */
function whyNotLocal(req: IncomingMessage): string | undefined {
  const address = req.socket.remoteAddress ?? '';
  const loopback = address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
  if (!loopback) return 'this request comes from another address';
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  if (!['localhost', '127.0.0.1', '[::1]', ''].includes(host)) return `this request is for host "${host}", not localhost`;
  const proxied = PROXY_HEADERS.find((name) => req.headers[name.toLowerCase()] !== undefined);
  if (proxied) return `this request came through a proxy or tunnel (it has an ${proxied} header), so it may be from anywhere`;
  return undefined;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

async function readText(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 10_000) throw new RangeError('request too large');
  }
  return text;
}
