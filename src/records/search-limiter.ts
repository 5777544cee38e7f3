import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppContext } from '../app-context.js';
import { AppError } from '../shared/errors.js';

/** Searches one user may run per hour. Generous for a hotline shift; a scraper meets it quickly (S-06, A-09). */
export const SEARCHES_PER_HOUR = 300;

const limiters = new WeakMap<AppContext['redis'], RateLimiterRedis>();

export function searchLimiter(ctx: Pick<AppContext, 'redis' | 'config'>): RateLimiterRedis {
  let l = limiters.get(ctx.redis);
  if (!l) {
    l = new RateLimiterRedis({
      storeClient: ctx.redis,
      useRedisPackage: false,
      keyPrefix: `${ctx.config.redis.prefix}:search`,
      points: SEARCHES_PER_HOUR,
      duration: 3600,
    });
    limiters.set(ctx.redis, l);
  }
  return l;
}

/** Counts one search for the user; refuses with 429 once the hourly allowance is used up. */
export async function consumeSearch(ctx: Pick<AppContext, 'redis' | 'config'>, userId: number): Promise<void> {
  try {
    await searchLimiter(ctx).consume(String(userId));
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      throw new AppError('search_rate_limited', `too many searches; try again in ${Math.ceil(e.msBeforeNext / 60_000)} minutes`, 429);
    }
    throw e;
  }
}
