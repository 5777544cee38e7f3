import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config/config.js';
import { callerKey, keyedHash } from '../shared/caller-key.js';

/** The status lookup's limits, from the configuration (HOTLINE_* variables). */
export type LookupLimits = Config['hotline']['limits'];

/** Why a lookup was not made: the caller's own number, the reference's failure budget, or the whole line. */
export type LookupRefusal = 'caller' | 'reference' | 'line';

export const REFERENCE_WINDOWS = { hour: 3600, day: 86_400, month: 30 * 86_400 } as const;

/**
 * The limits of status lookups (C-12, A-07), counted in Redis so that every instance shares them. Keys are keyed
 * hashes: a Redis dump shows neither caller numbers nor references (C-13).
 *
 * - The caller's own limit is checked first. A caller over it gets no lookup, so a stranger cannot spend a
 *   reference's budget from one number. Withheld and invalid numbers have no bucket of their own.
 * - A reference has a budget of failed lookups over an hour, a day and 30 days. A lookup reserves one failure
 *   in each window before the secrets are checked (so simultaneous calls cannot slip past it) and gives it
 *   back when a secret matched. Past the budget the reference's automated answer is suspended: callers for it
 *   are put through to a person, until the windows pass or a supervisor lifts the suspension.
 * - The line's limit bounds all lookups together, sized from the line's capacity.
 */
export function createLookupLimits(redis: Redis, prefix: string, keyMaterial: string, limits: LookupLimits) {
  const limiter = (name: string, points: number, duration: number) =>
    new RateLimiterRedis({ storeClient: redis, useRedisPackage: false, keyPrefix: `${prefix}:rl:${name}`, points, duration });
  const caller = limiter('caller', limits.callerLookups, limits.callerWindowSeconds);
  const line = limiter('line', limits.linePerMinute, 60);
  const reference = (Object.keys(REFERENCE_WINDOWS) as Array<keyof typeof REFERENCE_WINDOWS>).map((w) =>
    limiter(`reference:${w}`, limits.referenceFailures[w], REFERENCE_WINDOWS[w]),
  );
  const liftKey = (refKey: string) => `${prefix}:rl:lifted:${refKey}`;
  const hide = (v: string) => keyedHash(keyMaterial, v);

  /** True when the limiter let the point through; false when it refused; throws when Redis cannot count. */
  const take = async (l: RateLimiterRedis, key: string): Promise<boolean> => {
    try {
      await l.consume(key);
      return true;
    } catch (e) {
      if (e instanceof RateLimiterRes) return false;
      throw e;
    }
  };

  return {
    /** The key a reference is known by outside Redis (suspensions, tasks): a keyed hash, never the reference. */
    referenceKey: (ref: string) => hide(`r:${ref}`),
    callerKey: (number: string) => callerKey(keyMaterial, number),

    /**
     * Admits one lookup, or says which limit refused it. `callerNumber` is null for a withheld or invalid
     * number. Throws when Redis cannot count, so a lookup never passes unlimited.
     */
    async admit(callerNumber: string | null, ref: string): Promise<{ ok: true } | { ok: false; refused: LookupRefusal }> {
      if (callerNumber !== null && !(await take(caller, callerKey(keyMaterial, callerNumber)))) return { ok: false, refused: 'caller' };
      if (!(await take(line, 'all'))) return { ok: false, refused: 'line' };
      const key = hide(`r:${ref}`);
      const taken = await Promise.all(reference.map((l) => take(l, key)));
      if (taken.every(Boolean)) return { ok: true };
      if (await redis.exists(liftKey(key))) return { ok: true };
      // Refused: what was reserved in the windows that had room goes back, so refusals do not deepen the budget.
      await Promise.all(reference.map((l, i) => (taken[i] ? l.reward(key, 1) : undefined)));
      return { ok: false, refused: 'reference' };
    },

    /**
     * After the secrets were checked: a match gives the reserved failure back. A failure ends a lifted
     * suspension. Returns true when the reference's budget is now used up.
     */
    async settle(ref: string, secretMatched: boolean): Promise<boolean> {
      const key = hide(`r:${ref}`);
      if (secretMatched) {
        await Promise.all(reference.map((l) => l.reward(key, 1)));
        return false;
      }
      await redis.del(liftKey(key));
      const states = await Promise.all(reference.map((l) => l.get(key)));
      return states.some((s) => s !== null && s.remainingPoints <= 0);
    },

    /** A supervisor lifted the suspension: the next lookup is made; a failure suspends the reference again. */
    async lift(refKey: string): Promise<void> {
      await redis.set(liftKey(refKey), '1', 'EX', REFERENCE_WINDOWS.month);
    },
  };
}

export type LookupLimiter = ReturnType<typeof createLookupLimits>;
