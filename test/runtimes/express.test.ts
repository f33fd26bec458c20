import { EXPRESS_VERSIONS } from '../helpers/apps';
import { createExpressApp } from './apps/express-app';
import { itPassesTheAcceptanceTable } from './cases';
import { listen, type Listening } from './harness/listen';
import { httpTarget, type Target } from './harness/target';

describe.each(EXPRESS_VERSIONS)('%s, listening on a port', (name, express) => {
  let server: Listening;
  let target: Target;
  beforeAll(async () => {
    server = await listen(createExpressApp(express));
    target = httpTarget(name, server.baseUrl);
  });
  afterAll(() => server.close());

  itPassesTheAcceptanceTable(() => target);
});
