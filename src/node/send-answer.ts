import type { ServerResponse } from 'node:http';
import type { Answer } from '../core/answer.js';

/**
 * Writes an answer on a Node response with one writeHead (no ETag, no content negotiation: only the provider
 * reads it). Headers the app set earlier with setHeader are kept. A response already sent or closed is left alone.
 */
export function sendNodeAnswer(res: ServerResponse, answer: Answer): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  const headers: string[] = [];
  for (const name in answer.headers) headers.push(name, answer.headers[name] as string);
  headers.push('content-length', String(Buffer.byteLength(answer.body)));
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}
