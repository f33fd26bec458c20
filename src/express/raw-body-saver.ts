import type { IncomingMessage } from 'node:http';

/**
 * Pass as `express.json({ verify: rawBodySaver })` (or to express.raw/text/urlencoded) in apps that parse
 * bodies globally: it keeps the exact bytes on `req.rawBody`, which the webhook routes then verify.
 */
export function rawBodySaver(req: IncomingMessage, _res: unknown, buffer: Buffer): void {
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = buffer;
}
