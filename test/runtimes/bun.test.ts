import { itPassesTheAcceptanceTable } from './cases';
import { BIN, useSpawnedTarget } from './harness/runtime-target';

describe('Bun.serve with dist/fetch.js', () => {
  itPassesTheAcceptanceTable(useSpawnedTarget('Bun', `${BIN}/bun`, ['run', 'test/runtimes/apps/bun-server.ts']));
});
