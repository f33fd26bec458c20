import { spawnSync } from 'node:child_process';

export { RedisServer } from '../../tools/redis-server';

/** True when a redis-server binary is on PATH. */
export const REDIS_AVAILABLE = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;

/**
 * `describe` for suites that need a real Redis. Without redis-server they are skipped with a loud notice, unless
 * REQUIRE_REDIS=1 (set by .ci/run), where the missing server is a failure.
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (REDIS_AVAILABLE) return describe(name, body);
  if (process.env.REQUIRE_REDIS === '1') {
    describe(name, () => {
      it('needs redis-server', () => {
        throw new Error('REQUIRE_REDIS=1 but redis-server is not on PATH: apt-get install redis-server');
      });
    });
    return;
  }
  console.warn(`\n!!! SKIPPED "${name}": redis-server is not installed (apt-get install redis-server) !!!\n`);
  describe.skip(name, body);
}

/** Waits until `check` holds (polling), or fails after `ms`: for effects that land in the background. */
export async function waitUntil(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
