// sms-webhooks/inspector: a page that shows every delivery, for development. Kept out of the main entry so that
// production bundles do not carry it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createInspectorHandler } from './http.js';
import { type InspectorCore, type InspectorCoreOptions, createInspectorCore } from './inspector.js';
import { createCapturingLogger } from './request-context.js';

export type { DeliveryRecord } from './record.js';
export type { ForwardAnswer } from './request-context.js';
export type { InspectorCore } from './inspector.js';
export type { DeliveryRing, RingChange } from './ring.js';

export interface WebhookInspectorOptions extends InspectorCoreOptions {
  /** The inspector shows phone numbers and message text: it refuses NODE_ENV=production unless this is true. */
  allowInProduction?: boolean;
  /**
   * Answer other machines too. Default: only requests from this machine, to a localhost host name, and none that
   * says it came through a proxy (X-Forwarded-For, Forwarded or X-Real-IP). A plain TCP forward of the port adds no
   * such header and cannot be told apart: do not forward the inspector's port as a whole.
   */
  allowRemote?: boolean;
  /** Paths of the webhook routes, by provider, for "copy as curl". Default `/webhooks/<provider>`. */
  routes?: Readonly<Record<string, string>>;
}

export type WebhookInspector = ((req: IncomingMessage, res: ServerResponse, next?: unknown) => void) & {
  /**
   * Put it in front of a webhook route (`app.post('/webhooks/mta', inspector.captureLogs, mtaRoute)`) to see that
   * route's log lines and every header in the page. It replaces `req.log` for that route; warnings still reach stderr.
   */
  captureLogs(req: IncomingMessage, res: ServerResponse, next?: () => void): void;
  /** The ring of deliveries and the actions, without HTTP. */
  readonly core: InspectorCore;
  /** Stops listening to the receivers. */
  close(): void;
};

/**
 * The inspector page as a request handler: `app.use('/_inspector', webhookInspector({ receivers: [mtaRoute,
 * httpsmsRoute] }))`. It listens to the routes' delivery reports; it never changes what they answer.
 */
export function webhookInspector(options: WebhookInspectorOptions): WebhookInspector {
  if (options?.allowInProduction !== undefined && typeof options.allowInProduction !== 'boolean') {
    throw new TypeError('Option "allowInProduction" must be true or false.');
  }
  if (process.env.NODE_ENV === 'production' && options?.allowInProduction !== true) {
    throw new Error(
      'webhookInspector refuses to run with NODE_ENV=production: it shows webhook bodies (phone numbers, message ' +
        'text) to whoever opens it. Mount it in development only, or pass allowInProduction: true.',
    );
  }
  const core = createInspectorCore(options);
  const routes = options.routes ?? {};
  const handler = createInspectorHandler(core, {
    allowRemote: options.allowRemote === true,
    routeUrl: (provider, req) => `http://${req.headers.host ?? 'localhost'}${routes[provider] ?? `/webhooks/${provider}`}`,
  });
  const inspector = (req: IncomingMessage, res: ServerResponse) => {
    void handler(req, res);
  };
  const captureLogs = (req: IncomingMessage, _res: ServerResponse, next?: () => void) => {
    (req as IncomingMessage & { log?: unknown }).log = createCapturingLogger({ headers: req.headers }).logger;
    next?.();
  };
  return Object.assign(inspector, { captureLogs, core, close: core.close });
}
