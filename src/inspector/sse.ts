import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DeliveryRing } from './ring.js';

/**
 * Server-sent events: one `delivery` event per new delivery and one `update` when a kept one changes (the app's
 * answer to a forward arrived). A comment every 15 s keeps proxies from closing an idle stream.
 */
export function streamChanges(req: IncomingMessage, res: ServerResponse, ring: DeliveryRing): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write('retry: 1000\n\n');
  const stop = ring.subscribe((change) => {
    if (change.kind === 'late') return;
    res.write(`event: ${change.kind}\ndata: ${JSON.stringify(change.record)}\n\n`);
  });
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  keepAlive.unref();
  req.on('close', () => {
    clearInterval(keepAlive);
    stop();
  });
}
