import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { SECRET } from '../helpers/apps';
import { itPassesTheAcceptanceTable } from './cases';
import { freePort } from './harness/free-port';
import { BIN, REPO } from './harness/runtime-target';
import { spawnServer, type SpawnedServer } from './harness/spawn-server';
import { httpTarget, type Target } from './harness/target';

// A Next.js App Router app (test/runtimes/next-app) whose routes are `export const POST = mtaWebhooks({...})`
// on the built entry: built with `next build`, served with `next start`, as users deploy it.
const APP = `${REPO}/test/runtimes/next-app`;

describe('Next.js App Router (next build, next start) with dist/fetch.js', () => {
  let server: SpawnedServer | undefined;
  let target: Target;
  beforeAll(async () => {
    await promisify(execFile)(`${BIN}/next`, ['build'], { cwd: APP, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    const port = await freePort();
    server = await spawnServer(`${BIN}/next`, ['start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: APP,
      env: { NEXT_TELEMETRY_DISABLED: '1' },
      ready: { line: /Ready in/, baseUrl: `http://127.0.0.1:${port}` },
    });
    target = httpTarget('Next.js', server.baseUrl);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });

  itPassesTheAcceptanceTable(() => target);

  describe("a route with export const runtime = 'edge'", () => {
    it('answers a signed MTA delivery 200 and a forged one 401 signature.invalid', async () => {
      const body = JSON.stringify(mtaFixture('delivery-status', { unique: true }));
      const signed = signedMtaRequest(body, SECRET);
      expect((await target.send('/webhooks/mta-edge', body, signed.headers)).status).toBe(200);
      const forged = await target.send('/webhooks/mta-edge', body, signedMtaRequest(body, 'forged').headers);
      expect({ status: forged.status, code: (JSON.parse(forged.body) as { error: { code: string } }).error.code }).toEqual({
        status: 401,
        code: 'signature.invalid',
      });
    });
  });
});
