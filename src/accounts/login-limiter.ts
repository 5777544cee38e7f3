import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppContext } from '../app-context.js';

/** Failed logins allowed per (username, address) and per address in LOGIN_WINDOW_SECONDS before a 429. */
export const LOGIN_LIMITS = { perUserAndIp: 10, perIp: 50, windowSeconds: 15 * 60 } as const;
/** Consecutive wrong passwords before the account locks, and for how long (users.recordFailedLogin). */
export const LOCKOUT = { after: 5, minutes: 15 } as const;

export interface LoginLimiter {
  /** Seconds to wait when a limit is reached, else 0. */
  blockedFor(username: string, ip: string): Promise<number>;
  fail(username: string, ip: string): Promise<void>;
  succeed(username: string, ip: string): Promise<void>;
}

/** Counts failed logins in Redis (shared by every web process), keyed under REDIS_PREFIX. */
export function createLoginLimiter(ctx: Pick<AppContext, 'config' | 'redis'>): LoginLimiter {
  const base = { storeClient: ctx.redis, duration: LOGIN_LIMITS.windowSeconds, useRedisPackage: false };
  const byUser = new RateLimiterRedis({ ...base, keyPrefix: `${ctx.config.redis.prefix}:login-fail-user`, points: LOGIN_LIMITS.perUserAndIp });
  const byIp = new RateLimiterRedis({ ...base, keyPrefix: `${ctx.config.redis.prefix}:login-fail-ip`, points: LOGIN_LIMITS.perIp });
  const key = (u: string, ip: string) => `${u.toLowerCase()}_${ip}`;
  const wait = (r: RateLimiterRes | null, max: number) => (r && r.consumedPoints >= max ? Math.ceil(r.msBeforeNext / 1000) : 0);
  return {
    async blockedFor(username, ip) {
      const [u, i] = await Promise.all([byUser.get(key(username, ip)), byIp.get(ip)]);
      return Math.max(wait(u, LOGIN_LIMITS.perUserAndIp), wait(i, LOGIN_LIMITS.perIp));
    },
    async fail(username, ip) {
      await Promise.all([byUser.penalty(key(username, ip), 1), byIp.penalty(ip, 1)]);
    },
    async succeed(username, ip) {
      await byUser.delete(key(username, ip));
    },
  };
}
