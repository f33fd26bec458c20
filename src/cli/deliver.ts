import { fetchFailure } from '../api/fetch-failure.js';
import type { Provider } from './body.js';

export interface Target {
  provider: Provider;
  url: string;
  /** MTA secret or httpSMS signing key. */
  key: string;
  /** httpSMS token audience; default the URL. */
  audience?: string;
  timeoutMs: number;
}

export interface Outcome {
  status: number;
  statusText: string;
  text: string;
  ms: number;
  /** Set when no answer came. */
  error?: string;
}

/** Signs one body as the provider would and POSTs it; never throws. */
export async function deliver(target: Target, body: string): Promise<Outcome> {
  const headers = await target.provider.sign(body, target.key, { audience: target.audience ?? target.url });
  const started = performance.now();
  try {
    const response = await fetch(target.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(target.timeoutMs) });
    const text = await response.text();
    return { status: response.status, statusText: response.statusText, text, ms: performance.now() - started };
  } catch (error) {
    const { reason } = fetchFailure(error, target.timeoutMs);
    return { status: 0, statusText: '', text: '', ms: performance.now() - started, error: reason };
  }
}

/** What the provider counts as success: MTA only 200, httpSMS any status below 400. */
export function succeeded(provider: Provider, outcome: Outcome): boolean {
  return provider.isSuccess(outcome.status);
}
