/**
 * decideStatus (decide.ts) in Lua, run by Redis as one script on one key: the read, the decision and the write
 * are atomic, whatever the number of instances, and a Redis Cluster routes it by that key alone.
 *
 * KEYS[1]: the message's hash. ARGV: code, name, rank, final ('1'/'0'), recordedAt, occurredAt ('' when none),
 * retention in ms. Returns { outcome, code, name, rank, final, recordedAt, occurredAt } of the status stored
 * before the update (only the outcome when there was none). Numbers travel as strings: Redis would cut a Lua
 * number to an integer.
 */
export const UPDATE_STATUS_SCRIPT = `
local key = KEYS[1]
local code, name, rank, final, recordedAt, occurredAt, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5], ARGV[6], ARGV[7]
local cur = redis.call('HMGET', key, 'code', 'name', 'rank', 'final', 'recordedAt', 'occurredAt')
local outcome
if not cur[1] then
  outcome = 'applied'
else
  local curRank = tonumber(cur[3])
  local curFinal = cur[4] == '1'
  local timed = occurredAt ~= '' and cur[6] and cur[6] ~= ''
  local later = timed and tonumber(occurredAt) > tonumber(cur[6])
  if cur[1] == code then
    outcome = ((not curFinal) and later) and 'applied' or 'duplicate'
  elseif curFinal then
    outcome = (rank < curRank) and 'stale' or 'conflict'
  elseif rank > curRank then
    outcome = 'applied'
  elseif rank < curRank then
    outcome = 'stale'
  elseif final ~= '1' and timed then
    outcome = later and 'applied' or 'stale'
  else
    outcome = 'conflict'
  end
end
if outcome == 'applied' then
  redis.call('DEL', key)
  redis.call('HSET', key, 'code', code, 'name', name, 'rank', ARGV[3], 'final', final, 'recordedAt', recordedAt)
  if occurredAt ~= '' then redis.call('HSET', key, 'occurredAt', occurredAt) end
  redis.call('PEXPIRE', key, ttl)
end
if not cur[1] then return { outcome } end
return { outcome, cur[1], cur[2], cur[3], cur[4], cur[5], cur[6] or '' }`;
