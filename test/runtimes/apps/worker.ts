// A Cloudflare Worker module: the fixture app on the Fetch entry's sources, bundled by workerd.test.ts with
// esbuild for the browser/worker conditions and run in workerd WITHOUT nodejs_compat, so a node:* import or a
// Buffer anywhere in the entry's module graph fails here.
import * as entry from '../../../src/fetch/index';
import { createFetchApp } from './fetch-app';

// Created at module scope, as a Workers user writes it: workerd forbids some work (timers, random values) there.
const app = createFetchApp(entry);

export default {
  fetch: (request: Request, _env: unknown, context: unknown) => app.fetch(request, context),
};
