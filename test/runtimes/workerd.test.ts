import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { itPassesTheAcceptanceTable } from './cases';
import { REPO } from './harness/runtime-target';
import { fetchTarget, type Target } from './harness/target';

/** The Worker, bundled as wrangler would for workerd: browser platform, worker conditions, ESM, no Node built-ins. */
async function bundleWorker(entryPoint = `${REPO}/test/runtimes/apps/worker.ts`): Promise<string> {
  const result = await build({
    entryPoints: [entryPoint],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('Cloudflare Workers (workerd via miniflare, no nodejs_compat), Fetch entry bundled from src', () => {
  let mf: Miniflare;
  let target: Target;
  beforeAll(async () => {
    mf = new Miniflare({ modules: true, script: await bundleWorker(), compatibilityDate: '2026-04-01' });
    await mf.ready;
    target = fetchTarget('workerd', 'http://worker.test', (url, init) => mf.dispatchFetch(url, init));
  });
  afterAll(() => mf?.dispose());

  // esbuild for the browser fails on any node:* import; the built file is what users' bundlers see.
  it('the built dist/fetch.js bundles for workerd too, with no node:* import', async () => {
    // (A string handed to process.getBuiltinModule is fine: it is only called where the runtime has one.)
    expect(await bundleWorker(`${REPO}/dist/fetch.js`)).not.toMatch(/(?:from|import\(|require\()\s*["']node:/);
  });

  itPassesTheAcceptanceTable(() => target);
});
