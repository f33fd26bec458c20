import { join } from 'node:path';
import { spawnServer, type SpawnedServer } from './spawn-server';
import { httpTarget, type Target } from './target';

export const REPO = join(__dirname, '..', '..', '..');
export const BIN = join(REPO, 'node_modules', '.bin');

/**
 * Registers beforeAll/afterAll that start one runtime's server process for the whole file, and returns a getter
 * for its target. Each file starts its runtime once and runs every case against it.
 */
export function useSpawnedTarget(name: string, command: string, args: string[]): () => Target {
  let server: SpawnedServer | undefined;
  let target: Target | undefined;
  beforeAll(async () => {
    server = await spawnServer(command, args, { cwd: REPO });
    target = httpTarget(name, server.baseUrl);
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!target) throw new Error(`${name} did not start (see beforeAll's error)`);
    return target;
  };
}
