import { createHmac } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface HotlineLimits {
  /** Status lookups per caller number per hour. */
  perCaller: number;
  /** Status lookups per reference number per hour, from any number. */
  perReference: number;
  /** Status lookups per minute across the whole line. */
  global: number;
}

export const DEFAULT_LIMITS: HotlineLimits = { perCaller: 5, perReference: 10, global: 300 };

// The fixed windows of rate-limiter-flexible's RateLimiterRedis (a counter per key that expires `duration`
// seconds after its first point, same key names), for all three limits in one atomic script. Three limiter
// objects cost three script calls, three promises and three result objects per status query, which measured
// as more CPU than the query itself; the console's limiters (search, logins) still use the library.
// KEYS caller, reference, global; ARGV their points, then their durations -> 1 when any limit is exceeded.
// Every counter is incremented even when an earlier one is over, as three separate consumes would. A counter
// found over its limit without a TTL (restored from a dump, or PERSISTed by hand) gets its window again, as
// the library's script does, rather than refusing every lookup for ever.
const CONSUME = `local over = 0
for i = 1, 3 do
  local n = redis.call('incr', KEYS[i])
  if n == 1 then redis.call('expire', KEYS[i], ARGV[3 + i])
  elseif n > tonumber(ARGV[i]) and redis.call('ttl', KEYS[i]) == -1 then redis.call('expire', KEYS[i], ARGV[3 + i]) end
  if n > tonumber(ARGV[i]) then over = 1 end
end
return over`;

interface LimitScripts {
  klConsumeLookup(caller: string, reference: string, global: string, ...limits: number[]): Promise<number>;
}

/** C-12: limits per caller number, per reference and globally, in Redis so every instance shares them. */
export function createHotlineLimiters(redis: Redis, prefix: string, keyMaterial: string, limits: HotlineLimits = DEFAULT_LIMITS) {
  redis.defineCommand('klConsumeLookup', { numberOfKeys: 3, lua: CONSUME });
  const scripts = redis as unknown as LimitScripts;
  // Keys are keyed hashes: a Redis dump shows neither numbers nor references (C-13).
  const hide = (v: string) => createHmac('sha256', keyMaterial).update(v).digest('base64url').slice(0, 22);
  return {
    /** Counts one lookup against every limit; false when any limit is exceeded. */
    async consumeLookup(callerNumber: string, ref: string): Promise<boolean> {
      const over = await scripts.klConsumeLookup(
        `${prefix}:rl:caller:${hide(`c:${callerNumber}`)}`,
        `${prefix}:rl:reference:${hide(`r:${ref}`)}`,
        `${prefix}:rl:global:all`,
        limits.perCaller, limits.perReference, limits.global,
        3600, 3600, 60,
      );
      return over === 0;
    },
  };
}

export type HotlineLimiters = ReturnType<typeof createHotlineLimiters>;
