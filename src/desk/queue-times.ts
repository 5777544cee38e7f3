import type { Redis } from 'ioredis';

// The last this many waits of callers who reached a person: enough for a steady average, short enough to follow
// the day's load.
const KEEP = 20;

/** Recent waits in the operator queue, in seconds, for the wait document's estimate (S-07). */
export function createQueueTimes(redis: Redis, prefix: string) {
  const key = `${prefix}:desk:queue-times`;
  return {
    async add(seconds: number): Promise<void> {
      await redis
        .multi()
        .lpush(key, String(seconds))
        .ltrim(key, 0, KEEP - 1)
        .exec();
    },
    /** The average of the recent waits; undefined before the first. */
    async average(): Promise<number | undefined> {
      const all = (await redis.lrange(key, 0, -1)).map(Number).filter((n) => Number.isFinite(n) && n >= 0);
      return all.length ? all.reduce((a, b) => a + b, 0) / all.length : undefined;
    },
  };
}

export type QueueTimes = ReturnType<typeof createQueueTimes>;
