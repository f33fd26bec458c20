import { itPassesTheAcceptanceTable } from './cases';
import { BIN, useSpawnedTarget } from './harness/runtime-target';

// --sloppy-imports: the fixture app imports its siblings without an extension, as the rest of the suite does.
describe('Deno.serve with dist/fetch.js', () => {
  itPassesTheAcceptanceTable(
    useSpawnedTarget('Deno', `${BIN}/deno`, ['run', '--allow-all', '--sloppy-imports', 'test/runtimes/apps/deno-server.ts']),
  );
});
