import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const GOOD_KEY = 'mta-test-key-7e21c9';
export const READ_ONLY_KEY = 'mta-read-only-key-55aa';

const ERRORS = {
  400: { type: 'bad_request_error', name: 'MTABadRequestError' },
  401: { type: 'unauthorized_error', name: 'MTAUnauthorizedError' },
  403: { type: 'forbidden_error', name: 'MTAForbiddenError' },
  500: { type: 'internal_server_error', name: 'MTAInternalServerError' },
} as const;

interface Webhook {
  id: number;
  event: string;
  url: string;
  alertEmail?: string;
  sendAlertEmail: boolean;
  skipErrors: boolean;
  skipErrorCodes: string[];
  retryOnError: boolean;
  maxThroughputPerMinute: number;
  createdAt: string;
}

/**
 * A local stand-in for the MTA Webhooks API (seed 002): the four endpoints under /v3 with the documented
 * success and error bodies, plus fault modes (error answers, dropped connections, slow answers) for tests.
 */
export class FakeMtaApi {
  readonly requests: Array<{ method: string; path: string; authorization?: string; body?: unknown }> = [];
  private readonly webhooks = new Map<number, Webhook>();
  private nextId = 11;
  private faults: Array<'500' | '503' | '429' | 'drop' | 'garbage'> = [];
  private delayMs = 0;
  private server?: Server;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v3`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The next calls fail this way, one fault per call. */
  failNext(...faults: Array<'500' | '503' | '429' | 'drop' | 'garbage'>): void {
    this.faults.push(...faults);
  }

  /** Every answer waits this long. */
  slowDown(ms: number): void {
    this.delayMs = ms;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    const url = new URL(req.url ?? '/', 'http://localhost');
    this.requests.push({ method: req.method ?? '', path: url.pathname + url.search, authorization: req.headers.authorization, body });
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));

    const fault = this.faults.shift();
    if (fault === 'drop') return void req.socket.destroy();
    if (fault === 'garbage') return send(res, 200, { unexpected: true });
    if (fault) return this.error(res, Number(fault) as 500, fault === '500' ? 'Something went wrong.' : 'Try again later.');

    const auth = req.headers.authorization;
    if (auth === `Bearer ${READ_ONLY_KEY}`) return this.error(res, 403, 'Forbidden.', 'API key lacks webhook permissions');
    if (auth !== `Bearer ${GOOD_KEY}`) return this.error(res, 401, 'Invalid API key.');

    const id = Number(/^\/v3\/webhooks\/(\d+)$/.exec(url.pathname)?.[1]);
    if (req.method === 'POST' && url.pathname === '/v3/webhooks') return this.register(res, body ?? {});
    if (req.method === 'GET' && url.pathname === '/v3/webhooks') return this.list(res, url);
    if (req.method === 'PATCH' && id) return this.update(res, id, body ?? {});
    if (req.method === 'DELETE' && id) return this.remove(res, id);
    return this.error(res, 400, `No route ${req.method} ${url.pathname}.`);
  }

  private register(res: ServerResponse, body: Record<string, unknown>): void {
    const missing = ['event', 'url', 'secret'].filter((field) => !body[field]);
    if (missing.length) return this.error(res, 400, `"${missing[0]}" is required.`);
    const webhook: Webhook = {
      id: this.nextId++,
      event: String(body.event),
      url: String(body.url),
      alertEmail: body.alertEmail as string | undefined,
      sendAlertEmail: Boolean(body.sendAlertEmail),
      skipErrors: Boolean(body.skipErrors),
      skipErrorCodes: (body.skipErrorCodes as string[]) ?? [],
      retryOnError: body.retryOnError === undefined ? true : Boolean(body.retryOnError),
      maxThroughputPerMinute: Number(body.maxThroughputPerMinute ?? 600),
      createdAt: '2026-11-23T14:00:00.000Z',
    };
    this.webhooks.set(webhook.id, webhook);
    send(res, 200, { message: `Webhook ${webhook.id} created successfully.`, data: webhook });
  }

  private list(res: ServerResponse, url: URL): void {
    const page = Number(url.searchParams.get('page') ?? 0);
    const pageSize = Number(url.searchParams.get('pageSize') ?? 25);
    const all = [...this.webhooks.values()];
    const rows = all.slice(page * pageSize, page * pageSize + pageSize).map(({ id, event, url: hook, alertEmail, createdAt }) => ({
      id, event, url: hook, alertEmail, createdAt,
    }));
    send(res, 200, { data: { rows, page, pageSize, total: all.length } });
  }

  private update(res: ServerResponse, id: number, body: Record<string, unknown>): void {
    const webhook = this.webhooks.get(id);
    if (!webhook) return this.error(res, 400, `Webhook ${id} does not exist.`);
    const { secret: _secret, ...visible } = body;
    Object.assign(webhook, visible);
    send(res, 200, { message: `Webhook ${id} updated successfully.`, data: webhook });
  }

  private remove(res: ServerResponse, id: number): void {
    if (!this.webhooks.delete(id)) return this.error(res, 400, `Webhook ${id} does not exist.`);
    send(res, 200, { message: `Webhook ${id} deleted successfully.` });
  }

  private error(res: ServerResponse, status: 400 | 401 | 403 | 500 | 503 | 429, message: string, reason?: string): void {
    const known = ERRORS[status as keyof typeof ERRORS] ?? ERRORS[500];
    send(res, status, {
      httpCode: status,
      message,
      timestamp: new Date().toISOString(),
      ...known,
      requestId: '123e4567-e89b-12d3-a456-426614174000',
      ...(status === 403 ? { reason: reason ?? null } : {}),
    });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
