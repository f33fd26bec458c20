import { randomUUID } from 'node:crypto';
import { withTimeout } from '../with-timeout.js';
import type { ClaimOutcome, DeliveryStore } from './store.js';

/** The part of an ioredis client the store uses (ioredis' `Redis` and `Cluster` both fit). */
export interface RedisEvalClient {
  eval(script: string, numberOfKeys: number, ...args: Array<string | number>): Promise<unknown>;
}

export interface RedisStoreOptions {
  /** An ioredis client, owned by the caller (who also closes it). */
  client: RedisEvalClient;
  /** Key prefix. Default 'sms-webhooks:delivery:'. */
  prefix?: string;
  /** Longest wait for Redis per operation before it counts as unreachable. Default 1000 ms. */
  timeoutMs?: number;
}

// Values: "p|<token>|<redelivery 0/1>" in progress, "d" done, "r" released. One script per operation keeps
// each atomic on the Redis side, whatever the number of instances.
const CLAIM = `
local v = redis.call('GET', KEYS[1])
if v == 'd' then return 'done' end
if v and string.sub(v, 1, 2) == 'p|' then return 'in_progress' end
local again = (v == 'r') and '1' or '0'
redis.call('SET', KEYS[1], 'p|' .. ARGV[1] .. '|' .. again, 'PX', ARGV[2])
return 'claimed|' .. again`;

const COMPLETE = `redis.call('SET', KEYS[1], 'd', 'PX', ARGV[1]) return 1`;

const RELEASE = `
local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, string.len(ARGV[1]) + 2) == 'p|' .. ARGV[1] then
  redis.call('SET', KEYS[1], 'r', 'PX', ARGV[2])
end
return 1`;

const RELEASED_TTL_MS = 24 * 3600_000;

/**
 * De-duplication in Redis, shared by every instance that uses the same Redis and prefix. Each operation is one
 * Lua script, so a claim is atomic across instances. An operation that fails or takes longer than `timeoutMs`
 * rejects, and the receiver applies its `onStoreError` policy.
 */
export function createRedisStore(options: RedisStoreOptions): DeliveryStore {
  if (typeof options?.client?.eval !== 'function') throw new TypeError('Option "client" must be an ioredis client.');
  const prefix = options.prefix ?? 'sms-webhooks:delivery:';
  const timeoutMs = options.timeoutMs ?? 1000;

  function run(script: string, key: string, ...args: Array<string | number>): Promise<unknown> {
    return withTimeout(options.client.eval(script, 1, prefix + key, ...args), timeoutMs, `Redis did not answer within ${timeoutMs} ms`);
  }

  return {
    async claim(key, claimTtlMs): Promise<ClaimOutcome> {
      const token = randomUUID();
      const answer = String(await run(CLAIM, key, token, Math.max(1, Math.round(claimTtlMs))));
      if (answer === 'done' || answer === 'in_progress') return { state: answer };
      return { state: 'claimed', redelivery: answer === 'claimed|1', token };
    },
    async complete(key, _token, retentionMs) {
      await run(COMPLETE, key, Math.max(1, Math.round(retentionMs)));
    },
    async release(key, token) {
      await run(RELEASE, key, token, RELEASED_TTL_MS);
    },
  };
}
