// Bun.serve with the built entry (dist/fetch.js), as a Bun user imports `sms-webhooks/fetch`. Run by bun.test.ts.
import { createFetchApp, type FetchEntry } from './fetch-app';

interface BunServe {
  serve(options: { port: number; hostname: string; fetch: (request: Request) => Promise<Response> }): { port: number };
}
const { Bun } = globalThis as unknown as { Bun: BunServe };

// A computed specifier: the built file may not exist while the sources are type-checked.
const entry = (await import(new URL('../../../dist/fetch.js', import.meta.url).href)) as FetchEntry;
const app = createFetchApp(entry);
const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: (request) => app.fetch(request) });
console.log(`listening on ${server.port}`);
