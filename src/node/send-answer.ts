import type { ServerResponse } from 'node:http';
import type { Answer } from '../core/answer.js';

/**
 * Writes an answer on a Node response with one writeHead (no ETag, no content negotiation: only the provider
 * reads it). Headers the app set earlier with setHeader are kept. A response already sent or closed is left alone.
 */
export function sendNodeAnswer(res: ServerResponse, answer: Answer): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  res.writeHead(answer.status, headerList(answer));
  res.end(answer.body);
}

// Most answers are the same few objects (200 ok, 200 duplicate): their header list is made once.
const lists = new WeakMap<Answer, string[]>();

/** Headers as one flat list: a single writeHead with a list is the cheapest way to send them. */
function headerList(answer: Answer): string[] {
  let list = lists.get(answer);
  if (!list) {
    list = [];
    for (const name in answer.headers) list.push(name, answer.headers[name] as string);
    list.push('content-length', String(Buffer.byteLength(answer.body)));
    lists.set(answer, list);
  }
  return list;
}
