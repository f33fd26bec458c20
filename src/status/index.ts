// Forward-only delivery status tracking: the public part, re-exported by the package's entry.
export { createStatusTracker, type StatusTracker, type StatusTrackerOptions, type StatusTrackerLogger } from './tracker.js';
export { createMemoryStatusStore, type MemoryStatusStoreOptions } from './memory-status-store.js';
export { createRedisStatusStore, type RedisStatusStoreOptions, type RedisStatusClient } from './redis-status-store.js';
export {
  MTA_STATUS_PRECEDENCE,
  HTTPSMS_STATUS_PRECEDENCE,
  HTTPSMS_STATUS_NAMES,
  type HttpsmsStatusName,
  type StatusPrecedence,
  type StatusPrecedenceOptions,
} from './precedence.js';
export { isStatusEvent, type StatusEvent } from './status-of-event.js';
export { decideStatus } from './decide.js';
export type { StatusRule, StatusState, StatusChange, StatusOutcome, StatusStore, StatusUpdate, StoredStatus } from './types.js';
