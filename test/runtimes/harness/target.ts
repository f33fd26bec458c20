import type { HandledRecord } from '../apps/settings';

export interface TargetResponse {
  status: number;
  /** The answer's body as text. */
  body: string;
}

/** One runtime serving the fixture app: a way to POST exact bytes and to ask what the handlers received. */
export interface Target {
  name: string;
  send(path: string, body: string | Uint8Array, headers: Record<string, string>): Promise<TargetResponse>;
  handled(): Promise<HandledRecord[]>;
}

/** A target reached over HTTP on this machine's loopback (every runtime but workerd, which is dispatched to). */
export function httpTarget(name: string, baseUrl: string): Target {
  return fetchTarget(name, baseUrl, (url, init) => fetch(url, init));
}

type Dispatch = (url: string, init: { method: string; headers?: Record<string, string>; body?: string | Uint8Array }) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

/** A target reached through any fetch-like function (globalThis.fetch, or miniflare's dispatchFetch). */
export function fetchTarget(name: string, baseUrl: string, dispatch: Dispatch): Target {
  return {
    name,
    async send(path, body, headers) {
      const response = await dispatch(`${baseUrl}${path}`, { method: 'POST', headers, body });
      return { status: response.status, body: await response.text() };
    },
    async handled() {
      const response = await dispatch(`${baseUrl}/handled`, { method: 'GET' });
      if (response.status !== 200) throw new Error(`${name}: GET /handled answered ${response.status}`);
      return JSON.parse(await response.text()) as HandledRecord[];
    },
  };
}
