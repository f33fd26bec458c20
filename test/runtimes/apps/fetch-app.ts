import { createRecorder, receiverOptions } from './settings';

// The same small app on every Fetch runtime (Node, Bun, Deno, workerd): both providers mounted as a user
// would, plus GET /handled so a test in another process can see what the handlers received.

type FetchHandler = ((request: Request, context?: unknown) => Promise<Response>) & { close(): Promise<void> };

/** The shape of `sms-webhooks/fetch`, as the app uses it (the entry itself is loaded by each runtime's script). */
export interface FetchEntry {
  mtaWebhooks(options: never): FetchHandler;
  httpsmsWebhooks(options: never): FetchHandler;
}

export function createFetchApp(entry: FetchEntry) {
  const recorder = createRecorder();
  const options = receiverOptions(recorder);
  const mta = entry.mtaWebhooks(options.mta as never);
  const httpsms = entry.httpsmsWebhooks(options.httpsms as never);
  const fetch = async (request: Request, context?: unknown): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (request.method === 'POST' && pathname === '/webhooks/mta') return mta(request, context);
    if (request.method === 'POST' && pathname === '/webhooks/httpsms') return httpsms(request, context);
    if (request.method === 'GET' && pathname === '/handled') return Response.json(recorder.handled);
    return new Response('not found', { status: 404 });
  };
  const close = async () => {
    await Promise.all([mta.close(), httpsms.close()]);
  };
  return { fetch, close };
}
