import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createRedis } from '../../src/redis/create-redis.js';
import { deleteKeysByPrefix } from '../../src/redis/delete-keys-by-prefix.js';
import { createHotlineLimiters, type HotlineLimits } from '../../src/hotline/rate-limits.js';
import { TEST_REDIS_URL } from '../support/test-redis-url.js';

// C-12 on real Redis: every limit, its window, and that concurrent lookups cannot slip past a limit.
const KEY = 'limits-test-key-0123456789abcdef0123456';
const filePrefix = `kltest:${randomBytes(4).toString('hex')}`;
let redis: Redis;
let n = 0;
const fresh = (limits: HotlineLimits) => {
  const prefix = `${filePrefix}:${n++}`;
  return { prefix, limiter: createHotlineLimiters(redis, prefix, KEY, limits) };
};
const HIGH = 1_000_000;

before(async () => {
  redis = createRedis(TEST_REDIS_URL, 'client');
  await redis.connect();
}, { timeout: 120_000 });
after(async () => {
  await deleteKeysByPrefix(redis, filePrefix);
  redis.disconnect();
}, { timeout: 60_000 });

describe('status lookup limits (C-12)', () => {
  it('per caller: the sixth lookup from one number is refused, another number is not', { timeout: 60_000 }, async () => {
    const { limiter } = fresh({ perCaller: 5, perReference: HIGH, global: HIGH });
    const got = [];
    for (let i = 0; i < 6; i++) got.push(await limiter.consumeLookup('+79161234567', `70813969${String(i).padStart(2, '0')}`));
    assert.deepEqual(got, [true, true, true, true, true, false]);
    assert.equal(await limiter.consumeLookup('+79161234568', '7081396900'), true);
  });
  it('per reference: from any number, the eleventh lookup of one reference is refused', { timeout: 60_000 }, async () => {
    const { limiter } = fresh({ perCaller: HIGH, perReference: 10, global: HIGH });
    const got = [];
    for (let i = 0; i < 11; i++) got.push(await limiter.consumeLookup(`+7916123${String(i).padStart(4, '0')}`, '7081396985'));
    assert.deepEqual(got, [...Array(10).fill(true), false]);
    assert.equal(await limiter.consumeLookup('+79160000000', '7081396986'), true, 'another reference still works');
  });
  it('globally: past the line-wide limit everyone is refused', { timeout: 60_000 }, async () => {
    const { limiter } = fresh({ perCaller: HIGH, perReference: HIGH, global: 3 });
    const got = [];
    for (let i = 0; i < 4; i++) got.push(await limiter.consumeLookup(`+7916000000${i}`, `708139690${i}`));
    assert.deepEqual(got, [true, true, true, false]);
  });
  it('windows: an hour per caller and reference, a minute for the line; keys show neither number nor reference', { timeout: 60_000 }, async () => {
    const { prefix, limiter } = fresh({ perCaller: 5, perReference: 10, global: 300 });
    await limiter.consumeLookup('+79161234567', '7081396985');
    const keys = await redis.keys(`${prefix}:*`);
    assert.equal(keys.length, 3, keys.join(' '));
    for (const k of keys) {
      assert.ok(!k.includes('79161234567') && !k.includes('7081396985'), k);
      const ttl = await redis.ttl(k);
      const window = k.includes(':rl:global:') ? 60 : 3600;
      assert.ok(ttl > window - 10 && ttl <= window, `${k} ttl ${ttl}`);
    }
    // A later lookup does not extend the window: it is fixed from the first one.
    await redis.expire(keys[0], 100);
    await limiter.consumeLookup('+79161234567', '7081396985');
    assert.ok((await redis.ttl(keys[0])) <= 100);
  });
  it('a refused lookup still counts against every limit, as three separate counters would', { timeout: 60_000 }, async () => {
    const { prefix, limiter } = fresh({ perCaller: 1, perReference: HIGH, global: HIGH });
    await limiter.consumeLookup('+79161234567', '7081396985');
    assert.equal(await limiter.consumeLookup('+79161234567', '7081396985'), false);
    const counts = await Promise.all((await redis.keys(`${prefix}:*`)).map((k) => redis.get(k)));
    assert.deepEqual(counts.map(Number), [2, 2, 2]);
  });
  it('a counter over its limit that lost its TTL gets its window back instead of refusing for ever', { timeout: 60_000 }, async () => {
    const { prefix, limiter } = fresh({ perCaller: HIGH, perReference: HIGH, global: 3 });
    await redis.set(`${prefix}:rl:global:all`, '999'); // e.g. restored from a dump without its expiry
    assert.equal(await limiter.consumeLookup('+79161234567', '7081396985'), false);
    const ttl = await redis.ttl(`${prefix}:rl:global:all`);
    assert.ok(ttl > 50 && ttl <= 60, `ttl ${ttl}`);
  });
  it('50 concurrent lookups against a limit of 10 let exactly 10 through', { timeout: 60_000 }, async () => {
    const { limiter } = fresh({ perCaller: HIGH, perReference: 10, global: HIGH });
    const got = await Promise.all(Array.from({ length: 50 }, (_, i) => limiter.consumeLookup(`+79162${String(i).padStart(6, '0')}`, '7081396985')));
    assert.equal(got.filter(Boolean).length, 10);
  });
  it('with Redis unreachable the lookup fails loudly instead of passing unlimited', { timeout: 60_000 }, async () => {
    const down = createRedis('redis://127.0.0.1:1', 'client');
    down.on('error', () => {});
    const limiter = createHotlineLimiters(down, 'kltest:down', KEY, { perCaller: 5, perReference: 10, global: 300 });
    await assert.rejects(limiter.consumeLookup('+79161234567', '7081396985'));
    down.disconnect();
  });
});
