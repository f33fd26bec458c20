import { withTimeout } from '../core/with-timeout.js';
import { UPDATE_STATUS_SCRIPT } from './redis-status-script.js';
import type { StatusOutcome, StatusStore, StatusUpdate, StoredStatus } from './types.js';

/** The part of an ioredis client the store uses (ioredis' `Redis` and `Cluster` both fit). */
export interface RedisStatusClient {
  eval(script: string, numberOfKeys: number, ...args: Array<string | number>): Promise<unknown>;
}

export interface RedisStatusStoreOptions {
  /** An ioredis client, owned by the caller (who also closes it). */
  client: RedisStatusClient;
  /** Key prefix. Default 'sms-webhooks:status:'. */
  prefix?: string;
  /** How long a message's status is kept after its last change. Default 30 days. */
  retentionMs?: number;
  /** Longest wait for Redis per operation; past it, record() rejects. Default 1000 ms. */
  timeoutMs?: number;
}

const GET_STATUS_SCRIPT = `return redis.call('HMGET', KEYS[1], 'code', 'name', 'rank', 'final', 'recordedAt', 'occurredAt')`;

/**
 * Statuses in Redis, shared by every instance that uses the same Redis and prefix. Each update is one Lua
 * script on one key, so it is atomic across instances and works on Redis Cluster. A late answer after a
 * timeout does no harm: the script applies the same rule whenever it runs.
 */
export function createRedisStatusStore(options: RedisStatusStoreOptions): StatusStore {
  if (typeof options?.client?.eval !== 'function') throw new TypeError('Option "client" must be an ioredis client.');
  const prefix = options.prefix ?? 'sms-webhooks:status:';
  if (typeof prefix !== 'string') throw new TypeError('Option "prefix" must be a string.');
  const retentionMs = positive(options.retentionMs, 'retentionMs', 30 * 24 * 3600_000);
  const timeoutMs = positive(options.timeoutMs, 'timeoutMs', 1000);

  function run(script: string, key: string, ...args: Array<string | number>): Promise<unknown> {
    return withTimeout(options.client.eval(script, 1, prefix + key, ...args), timeoutMs, `Redis did not answer within ${timeoutMs} ms`);
  }

  return {
    async update(key, candidate): Promise<StatusUpdate> {
      const { code, name, rank, final, recordedAt, occurredAt } = candidate;
      const answer = (await run(
        UPDATE_STATUS_SCRIPT, key, code, name, String(rank), final ? '1' : '0', String(recordedAt), occurredAt === undefined ? '' : String(occurredAt), Math.round(retentionMs),
      )) as string[];
      const outcome = answer[0] as StatusOutcome;
      const previous = answer.length > 1 ? fromFields(answer.slice(1)) : undefined;
      return { outcome, previous, current: outcome === 'applied' ? { ...candidate } : previous! };
    },
    async get(key) {
      return fromFields((await run(GET_STATUS_SCRIPT, key)) as Array<string | null>);
    },
  };
}

function fromFields([code, name, rank, final, recordedAt, occurredAt]: Array<string | null | undefined>): StoredStatus | undefined {
  if (!code) return undefined;
  return {
    code,
    name: name ?? '',
    rank: Number(rank),
    final: final === '1',
    recordedAt: Number(recordedAt),
    occurredAt: occurredAt ? Number(occurredAt) : undefined,
  };
}

function positive(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new TypeError(`Option "${name}" must be a positive number of milliseconds.`);
  return value;
}
