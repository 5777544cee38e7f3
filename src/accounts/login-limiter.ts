import { RateLimiterRedis, type RateLimiterRes } from 'rate-limiter-flexible';
import type { AppContext } from '../app-context.js';

/**
 * Failed logins are slowed down, never locked out: a lock that anyone can trigger (by typing a guessable
 * username, or from the office's shared address) would shut staff out of the console. Failures are counted per
 * account and address together, so a stranger's wrong passwords never slow the right password from another
 * address; and per address alone, with a much higher allowance and a short delay, against one address trying
 * many accounts.
 */
export const LOGIN_THROTTLE = {
  /** Failures of one account from one address before each further try waits. */
  freeTriesPerAccount: 3,
  /** The wait doubles with each further failure, up to this many seconds. */
  maxWaitPerAccountSeconds: 15 * 60,
  /** Failures from one address, any account, before each further try waits. */
  freeTriesPerAddress: 50,
  /** The wait grows by a second per further failure, up to this many seconds: a slow-down, never a lock. */
  maxWaitPerAddressSeconds: 30,
  /** Failures are forgotten this long after the last one. */
  windowSeconds: 60 * 60,
} as const;

export interface LoginLimiter {
  /** Seconds to wait before this account may try again from this address; 0 when it may try now. */
  waitFor(username: string, ip: string): Promise<number>;
  /** Counts a failure; returns the wait it starts (0 while free tries remain). */
  fail(username: string, ip: string): Promise<number>;
  succeed(username: string, ip: string): Promise<void>;
}

/** Counts failed logins in Redis (shared by every web process), keyed under REDIS_PREFIX. */
export function createLoginLimiter(ctx: Pick<AppContext, 'config' | 'redis'>): LoginLimiter {
  const T = LOGIN_THROTTLE;
  const base = { storeClient: ctx.redis, useRedisPackage: false };
  const prefix = ctx.config.redis.prefix;
  // Counters of failures, and gates that hold a wait (`block` puts a key over its single point for N seconds).
  const failures = new RateLimiterRedis({ ...base, keyPrefix: `${prefix}:login-fail`, points: 1_000_000, duration: T.windowSeconds });
  const gate = new RateLimiterRedis({ ...base, keyPrefix: `${prefix}:login-wait`, points: 1, duration: 1 });
  const account = (u: string, ip: string) => `a:${u.toLowerCase()}_${ip}`;
  const address = (ip: string) => `ip:${ip}`;
  const waiting = (r: RateLimiterRes | null) => (r && r.consumedPoints > 1 ? Math.ceil(r.msBeforeNext / 1000) : 0);

  return {
    async waitFor(username, ip) {
      const [a, i] = await Promise.all([gate.get(account(username, ip)), gate.get(address(ip))]);
      return Math.max(waiting(a), waiting(i));
    },
    async fail(username, ip) {
      const [a, i] = await Promise.all([failures.penalty(account(username, ip), 1), failures.penalty(address(ip), 1)]);
      const overAccount = a.consumedPoints - T.freeTriesPerAccount;
      const overAddress = i.consumedPoints - T.freeTriesPerAddress;
      const waitAccount = overAccount > 0 ? Math.min(2 ** (overAccount - 1), T.maxWaitPerAccountSeconds) : 0;
      const waitAddress = overAddress > 0 ? Math.min(overAddress, T.maxWaitPerAddressSeconds) : 0;
      await Promise.all([
        waitAccount && gate.block(account(username, ip), waitAccount),
        waitAddress && gate.block(address(ip), waitAddress),
      ]);
      return Math.max(waitAccount, waitAddress);
    },
    async succeed(username, ip) {
      await Promise.all([failures.delete(account(username, ip)), gate.delete(account(username, ip))]);
    },
  };
}
