import type { HeaderList } from './mask.js';
import type { ForwardAnswer } from './request-context.js';

// Hop-by-hop headers and those fetch sets itself; everything else goes on as it came.
const NOT_FORWARDED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'expect', 'upgrade']);

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
    const answer = await fetch(url, { method: 'POST', headers: outgoing, body: body ?? new Uint8Array(), signal: AbortSignal.timeout(10_000) });
    const text = await answer.text();
    return { url, status: answer.status, body: text.slice(0, 4000), ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { url, error: (error as Error).message, ms: Math.round(performance.now() - started) };
  }
}

/** A curl command that sends the same bytes with the same headers (unmasked: it is copied, never shown). */
export function curlCommand(url: string, headers: HeaderList, body: string): string {
  const parts = [`curl -i -X POST ${quote(url)}`];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || NOT_FORWARDED.has(name.toLowerCase())) continue;
    for (const one of Array.isArray(value) ? value : [value]) parts.push(`-H ${quote(`${name}: ${one}`)}`);
  }
  parts.push(`--data-binary ${quote(body)}`);
  return parts.join(' \\\n  ');
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}
