import { fetchFailure } from '../api/fetch-failure.js';
import type { HeaderList } from './mask.js';
import type { ForwardAnswer } from './request-context.js';

// Hop-by-hop headers and those fetch sets itself; everything else goes on as it came.
const NOT_FORWARDED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'expect', 'upgrade']);
const FORWARD_TIMEOUT_MS = 10_000;

/** Passes exact bytes and headers on to `url` and resolves with the answer (never rejects). */
export async function forwardDelivery(url: string, headers: HeaderList, body: Uint8Array | undefined, extra: Record<string, string> = {}): Promise<ForwardAnswer> {
  const outgoing = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || NOT_FORWARDED.has(name.toLowerCase())) continue;
    for (const one of Array.isArray(value) ? value : [value]) outgoing.append(name, one);
  }
  for (const [name, value] of Object.entries(extra)) outgoing.set(name, value);
  const started = performance.now();
  try {
    const answer = await fetch(url, { method: 'POST', headers: outgoing, body: body ?? new Uint8Array(), signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS) });
    const text = await answer.text();
    return { url, status: answer.status, body: text.slice(0, 4000), ms: Math.round(performance.now() - started) };
  } catch (error) {
    // "fetch failed" says nothing; the cause (ECONNREFUSED, ENOTFOUND, a timeout) tells the user what to fix.
    return { url, error: fetchFailure(error, FORWARD_TIMEOUT_MS).reason, ms: Math.round(performance.now() - started) };
  }
}

/**
 * A curl command that sends the same bytes with the same headers (unmasked: it is copied, never shown). Bytes that a
 * shell string, or a paste into a terminal, would not carry as they are go through base64, so the command sends
 * exactly what arrived.
 */
export function curlCommand(url: string, headers: HeaderList, body: Uint8Array): string {
  const parts = [`curl -i -X POST ${quote(url)}`];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || NOT_FORWARDED.has(name.toLowerCase())) continue;
    for (const one of Array.isArray(value) ? value : [value]) parts.push(`-H ${quote(`${name}: ${one}`)}`);
  }
  const text = faithfulText(body);
  if (text !== undefined) {
    parts.push(`--data-binary ${quote(text)}`);
    return parts.join(' \\\n  ');
  }
  parts.push('--data-binary @-');
  return `printf '%s' ${quote(Buffer.from(body).toString('base64'))} | base64 -d | ${parts.join(' \\\n  ')}`;
}

/**
 * The body as text when pasting that text sends its exact bytes, else undefined: not for bytes that are not UTF-8,
 * nor for control characters other than a line feed (a terminal turns a pasted CR into a line feed, a TAB can
 * trigger completion, a NUL ends a shell string).
 */
function faithfulText(body: Uint8Array): string | undefined {
  if (body.some((byte) => (byte < 0x20 && byte !== 0x0a) || byte === 0x7f)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return undefined;
  }
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}
