import { type Logger, checkLoggerOption, pickLogger } from '../logger.js';
import { numberOption } from '../number-option.js';
import { withTimeout } from '../with-timeout.js';
import { keepTrying } from './keep-trying.js';
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
  /**
   * Where a write that never landed is told (a claim that could not be given back, a key that could not be marked
   * done, after retrying for a minute). Default: warnings and errors to stderr; false for none.
   */
  logger?: Logger | false;
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

// Only the claim's owner (its token) gives it back; a key done or claimed by another attempt is left alone.
const RELEASE = `
local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, string.len(ARGV[1]) + 2) == 'p|' .. ARGV[1] then
  redis.call('SET', KEYS[1], 'r', 'PX', ARGV[2])
end
return 1`;

const RELEASED_TTL_MS = 24 * 3600_000;
/** How long a write that Redis refused (it was down) is tried again: the default claim lifetime. */
const RETRY_FOR_MS = 60_000;

/**
 * De-duplication in Redis, shared by every instance that uses the same Redis and prefix. Each operation is one
 * Lua script, so a claim is atomic across instances. An operation that fails or takes longer than `timeoutMs`
 * rejects, and the receiver applies its `onStoreError` policy.
 *
 * A claim the receiver stopped waiting for is given back when Redis answers it: left in place it would answer
 * every retry 409 until it expires, and the provider would give up on the event. Releases and completions that
 * Redis refuses are tried again in the background, so a claim is never stranded by a short outage.
 */
export function createRedisStore(options: RedisStoreOptions): DeliveryStore {
  if (typeof options?.client?.eval !== 'function') throw new TypeError('Option "client" must be an ioredis client.');
  const prefix = options.prefix ?? 'sms-webhooks:delivery:';
  const timeoutMs = numberOption(options.timeoutMs, 'timeoutMs', 1000);

  const send = (script: string, key: string, ...args: Array<string | number>) => () => options.client.eval(script, 1, prefix + key, ...args);
  const wait = <T>(work: Promise<T>) => withTimeout(work, timeoutMs, `Redis did not answer within ${timeoutMs} ms`);
  checkLoggerOption(options.logger);
  const log = pickLogger(options.logger);
  const gaveUp = (key: string, what: string) => (error: unknown) =>
    log.error({ key, err: error }, `de-duplication store: ${what} after retrying for ${RETRY_FOR_MS / 1000} s`);
  const release = (key: string, token: string) =>
    keepTrying(send(RELEASE, key, token, RELEASED_TTL_MS), timeoutMs, RETRY_FOR_MS, gaveUp(key, 'could not give a claim back (retries of this delivery are answered 409 until the claim expires, option claimTtlMs)'));

  /** The claim may still land (or may have landed, its answer lost): give it back whenever that is known. */
  function giveBackLate(landing: Promise<unknown>, key: string, token: string): void {
    // Its last failure is logged by release() itself.
    const giveBack = () => void release(key, token).catch(() => {});
    landing.then((answer) => String(answer).startsWith('claimed') && giveBack(), giveBack);
  }

  return {
    async claim(key, claimTtlMs): Promise<ClaimOutcome> {
      const token = globalThis.crypto.randomUUID();
      const landing = send(CLAIM, key, token, Math.max(1, Math.round(claimTtlMs)))();
      let answer: string;
      try {
        answer = String(await wait(landing));
      } catch (error) {
        giveBackLate(landing, key, token);
        throw error;
      }
      if (answer === 'done' || answer === 'in_progress') return { state: answer };
      return { state: 'claimed', redelivery: answer === 'claimed|1', token };
    },
    async complete(key, _token, retentionMs) {
      const done = send(COMPLETE, key, Math.max(1, Math.round(retentionMs)));
      await wait(keepTrying(done, timeoutMs, RETRY_FOR_MS, gaveUp(key, 'could not mark a delivery done (a redelivery would run its handlers again)')));
    },
    async release(key, token) {
      await wait(release(key, token));
    },
  };
}
