import { createHmac } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface HotlineLimits {
  /** Status lookups per caller number per hour. */
  perCaller: number;
  /** Status lookups per reference number per hour, from any number. */
  perReference: number;
  /** Status lookups per minute across the whole line. */
  global: number;
}

export const DEFAULT_LIMITS: HotlineLimits = { perCaller: 5, perReference: 10, global: 300 };

/**
 * C-12, A-07: status lookups limited per caller number, per reference and across the line, in Redis so that
 * every instance shares the counts. Fixed windows (rate-limiter-flexible's RateLimiterRedis).
 */
export function createHotlineLimiters(redis: Redis, prefix: string, keyMaterial: string, limits: HotlineLimits = DEFAULT_LIMITS) {
  const limiter = (name: string, points: number, duration: number) =>
    new RateLimiterRedis({ storeClient: redis, useRedisPackage: false, keyPrefix: `${prefix}:rl:${name}`, points, duration });
  const byCaller = limiter('caller', limits.perCaller, 3600);
  const byReference = limiter('reference', limits.perReference, 3600);
  const line = limiter('global', limits.global, 60);
  // Keys are keyed hashes: a Redis dump shows neither numbers nor references (C-13).
  const hide = (v: string) => createHmac('sha256', keyMaterial).update(v).digest('base64url').slice(0, 22);

  return {
    /**
     * Counts one lookup against every limit; false when any limit is exceeded. Throws when Redis cannot
     * count, so a lookup never passes unlimited.
     */
    async consumeLookup(callerNumber: string, ref: string): Promise<boolean> {
      const results = await Promise.allSettled([byCaller.consume(hide(`c:${callerNumber}`)), byReference.consume(hide(`r:${ref}`)), line.consume('all')]);
      let allowed = true;
      for (const r of results) {
        if (r.status === 'fulfilled') continue;
        if (!(r.reason instanceof RateLimiterRes)) throw r.reason;
        allowed = false;
      }
      return allowed;
    },
  };
}

export type HotlineLimiters = ReturnType<typeof createHotlineLimiters>;
