import { createHmac } from 'node:crypto';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
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

/** C-12: limits per caller number, per reference and globally, in Redis so every instance shares them. */
export function createHotlineLimiters(redis: Redis, prefix: string, keyMaterial: string, limits: HotlineLimits = DEFAULT_LIMITS) {
  const make = (name: string, points: number, duration: number) =>
    new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:rl:${name}`, points, duration });
  const caller = make('caller', limits.perCaller, 3600);
  const reference = make('reference', limits.perReference, 3600);
  const global = make('global', limits.global, 60);
  // Keys are keyed hashes: a Redis dump shows neither numbers nor references (C-13).
  const hide = (v: string) => createHmac('sha256', keyMaterial).update(v).digest('base64url').slice(0, 22);
  return {
    /** Counts one lookup; false when any limit is exceeded. */
    async consumeLookup(callerNumber: string, ref: string): Promise<boolean> {
      const results = await Promise.allSettled([caller.consume(hide(`c:${callerNumber}`)), reference.consume(hide(`r:${ref}`)), global.consume('all')]);
      for (const r of results) {
        if (r.status === 'rejected') {
          if (r.reason instanceof RateLimiterRes) return false;
          throw r.reason;
        }
      }
      return true;
    },
  };
}

export type HotlineLimiters = ReturnType<typeof createHotlineLimiters>;
