import type { Redis } from 'ioredis';

/**
 * Deletes every string or hash key under `prefix` whose value holds one of `needles` (C-11, C-13: a relative's
 * number erased on request must not wait for a call session's or a waiting caller's TTL). SCAN, never KEYS.
 */
export async function deleteKeysHolding(redis: Redis, prefix: string, needles: string[]): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  const holds = (values: string[]) => values.some((v) => needles.some((n) => v.includes(n)));
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    for (const key of keys) {
      const type = await redis.type(key);
      const values = type === 'string' ? [(await redis.get(key)) ?? ''] : type === 'hash' ? Object.values(await redis.hgetall(key)) : [];
      if (holds(values)) deleted += await redis.del(key);
    }
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
