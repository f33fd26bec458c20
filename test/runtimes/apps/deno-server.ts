// Deno.serve with the built entry (dist/fetch.js), as a Deno user imports `sms-webhooks/fetch`. Run by deno.test.ts.
import { createFetchApp, type FetchEntry } from './fetch-app';

interface DenoServe {
  serve(
    options: { port: number; hostname: string; onListen(address: { port: number }): void },
    handler: (request: Request) => Promise<Response>,
  ): unknown;
}
const { Deno } = globalThis as unknown as { Deno: DenoServe };

// A computed specifier: the built file may not exist while the sources are type-checked.
const entry = (await import(new URL('../../../dist/fetch.js', import.meta.url).href)) as FetchEntry;
const app = createFetchApp(entry);
Deno.serve({ port: 0, hostname: '127.0.0.1', onListen: ({ port }) => console.log(`listening on ${port}`) }, (request) =>
  app.fetch(request),
);
