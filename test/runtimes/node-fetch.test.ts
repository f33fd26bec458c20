import * as entry from '../../src/fetch';
import { createFetchApp } from './apps/fetch-app';
import { itPassesTheAcceptanceTable } from './cases';
import type { Listening } from './harness/listen';
import { serveFetch } from './harness/serve-fetch';
import { httpTarget, type Target } from './harness/target';

describe('plain Fetch handlers on Node (node:http via @hono/node-server serve({ fetch }))', () => {
  let server: Listening;
  let app: ReturnType<typeof createFetchApp>;
  let target: Target;
  beforeAll(async () => {
    app = createFetchApp(entry);
    server = await serveFetch(app.fetch);
    target = httpTarget('Fetch on Node', server.baseUrl);
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  itPassesTheAcceptanceTable(() => target);
});
