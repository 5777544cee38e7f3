import { Redis, type RedisOptions } from 'ioredis';

export type RedisRole = 'client' | 'worker' | 'producer';

/**
 * One factory for every Redis connection, with the settings BullMQ's production guide asks for: workers
 * block and must never give up a command; producers fail fast instead of queueing offline. `client` is also
 * the context's shared connection (call state, rate limits, console sessions).
 */
export function createRedis(url: string, role: RedisRole = 'client', extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    enableOfflineQueue: role !== 'producer',
    retryStrategy: (times) => Math.min(times * 200, 3000),
    ...extra,
  });
}

export class RedisUnreachableError extends Error {
  constructor(url: string, cause: string) {
    const safeUrl = url.replace(/\/\/[^@/]*@/, '//***@');
    super(
      `Redis is not reachable at ${safeUrl} (${cause}). kinline needs Redis for call state and the call queue: ` +
        'start it with `redis-server --daemonize yes`, `sudo systemctl start redis-server` or `docker run -d -p 127.0.0.1:6379:6379 redis:7-alpine`, ' +
        'or point REDIS_URL at a running Redis.',
    );
    this.name = 'RedisUnreachableError';
  }
}

/** Connects and pings once; throws RedisUnreachableError with a one-line explanation. */
export async function assertRedisReachable(url: string): Promise<void> {
  const probe = createRedis(url, 'client', { retryStrategy: () => null, maxRetriesPerRequest: 0 });
  let lastError: Error | undefined;
  probe.on('error', (e) => (lastError = e));
  try {
    await probe.connect();
    await probe.ping();
  } catch (e) {
    // ioredis reports "Connection is closed"; the 'error' event has the real cause (ECONNREFUSED…).
    throw new RedisUnreachableError(url, (lastError ?? (e as Error)).message || String(e));
  } finally {
    probe.disconnect();
  }
}
