import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createRedis } from '../../src/redis/create-redis.js';
import { deleteKeysByPrefix } from '../../src/redis/delete-keys-by-prefix.js';
import { createLookupLimits, type LookupLimits } from '../../src/hotline/lookup-limits.js';
import { guessingOdds, maxGuesses } from '../../src/hotline/guessing-odds.js';
import { loadConfig } from '../../src/config/config.js';
import { TEST_REDIS_URL } from '../support/test-redis-url.js';

// C-12, A-07 on real Redis: every limit, its windows, what a refusal costs, and concurrent lookups.
const KEY = 'limits-test-key-0123456789abcdef0123456';
const filePrefix = `kltest:${randomBytes(4).toString('hex')}`;
let redis: Redis;
let n = 0;
const HIGH = 1_000_000;
const limits = (o: Partial<LookupLimits> & { hour?: number; day?: number; month?: number } = {}): LookupLimits => ({
  callerLookups: o.callerLookups ?? HIGH,
  callerWindowSeconds: o.callerWindowSeconds ?? 3600,
  referenceFailures: { hour: o.hour ?? HIGH, day: o.day ?? HIGH, month: o.month ?? HIGH },
  linePerMinute: o.linePerMinute ?? HIGH,
});
const fresh = (l: LookupLimits) => {
  const prefix = `${filePrefix}:${n++}`;
  return { prefix, limiter: createLookupLimits(redis, prefix, KEY, l) };
};
const phone = (i: number) => `+7916${String(1000000 + i).padStart(7, '0')}`;

before(
  async () => {
    redis = createRedis(TEST_REDIS_URL, 'client');
    await redis.connect();
  },
  { timeout: 120_000 },
);
after(
  async () => {
    await deleteKeysByPrefix(redis, filePrefix);
    redis.disconnect();
  },
  { timeout: 60_000 },
);

describe('status lookup limits (C-12, A-07)', { timeout: 60_000 }, () => {
  it('per caller: the sixth lookup from one number is refused; another number is not', { timeout: 60_000 }, async () => {
    const { limiter } = fresh(limits({ callerLookups: 5 }));
    const got = [];
    for (let i = 0; i < 6; i++) got.push(await limiter.admit('+79161234567', `70813969${String(i).padStart(2, '0')}`));
    assert.deepEqual(
      got.map((g) => (g.ok ? 'ok' : g.refused)),
      ['ok', 'ok', 'ok', 'ok', 'ok', 'caller'],
    );
    assert.deepEqual(await limiter.admit('+79161234568', '7081396900'), { ok: true });
  });
  it("a lookup refused for the caller's own number is not made and costs the reference nothing", { timeout: 60_000 }, async () => {
    const { limiter } = fresh(limits({ callerLookups: 1, hour: 2 }));
    const ref = '7081396985';
    assert.deepEqual(await limiter.admit('+79161234567', ref), { ok: true });
    await limiter.settle(ref, true);
    for (let i = 0; i < 20; i++) assert.deepEqual(await limiter.admit('+79161234567', ref), { ok: false, refused: 'caller' });
    assert.deepEqual(await limiter.admit(phone(1), ref), { ok: true }, 'the real relative still gets the lookup');
    assert.equal(await limiter.settle(ref, false), false, 'and the reference has its whole budget');
  });
  it('withheld and invalid numbers have no bucket of their own', { timeout: 60_000 }, async () => {
    const { limiter } = fresh(limits({ callerLookups: 1 }));
    for (let i = 0; i < 10; i++) assert.deepEqual(await limiter.admit(null, `70813969${String(i).padStart(2, '0')}`), { ok: true });
  });
  it(
    'per reference: failures from any number use up its budget; a matched secret gives its reservation back',
    { timeout: 60_000 },
    async () => {
      const { limiter } = fresh(limits({ hour: 2, day: 3, month: 3 }));
      const ref = '7081396985';
      for (let i = 0; i < 10; i++) {
        assert.deepEqual(await limiter.admit(phone(i), ref), { ok: true }, 'a family calling with the right secret is never counted');
        assert.equal(await limiter.settle(ref, true), false);
      }
      assert.deepEqual(await limiter.admit(phone(20), ref), { ok: true });
      assert.equal(await limiter.settle(ref, false), false);
      assert.deepEqual(await limiter.admit(phone(21), ref), { ok: true });
      assert.equal(await limiter.settle(ref, false), true, 'the second failure uses up the hour');
      assert.deepEqual(await limiter.admit(phone(22), ref), { ok: false, refused: 'reference' });
      assert.deepEqual(await limiter.admit(phone(23), '7081396986'), { ok: true }, 'another reference still works');
    },
  );
  it(
    'the windows: the caller window as configured, the reference an hour, a day and 30 days, the line a minute; keys show neither number nor reference',
    { timeout: 60_000 },
    async () => {
      const { prefix, limiter } = fresh(
        limits({ callerLookups: 5, callerWindowSeconds: 1800, hour: 2, day: 3, month: 4, linePerMinute: 60 }),
      );
      await limiter.admit('+79161234567', '7081396985');
      const keys = await redis.keys(`${prefix}:*`);
      assert.equal(keys.length, 5, keys.join(' '));
      const expected: Array<[RegExp, number]> = [
        [/:rl:caller:/, 1800],
        [/:rl:line:/, 60],
        [/:rl:reference:hour:/, 3600],
        [/:rl:reference:day:/, 86_400],
        [/:rl:reference:month:/, 30 * 86_400],
      ];
      for (const [re, window] of expected) {
        const k = keys.find((x) => re.test(x));
        assert.ok(k, `a key for ${re}`);
        assert.ok(!k.includes('79161234567') && !k.includes('7081396985'), k);
        const ttl = await redis.ttl(k);
        assert.ok(ttl > window - 10 && ttl <= window, `${k} ttl ${ttl}`);
      }
    },
  );
  it('the line: past its limit every lookup is refused', { timeout: 60_000 }, async () => {
    const { limiter } = fresh(limits({ linePerMinute: 3 }));
    const got = [];
    for (let i = 0; i < 4; i++) got.push(await limiter.admit(phone(i), `708139690${i}`));
    assert.deepEqual(
      got.map((g) => (g.ok ? 'ok' : g.refused)),
      ['ok', 'ok', 'ok', 'line'],
    );
  });
  it('a lifted suspension lets the next lookup through; one more failure suspends the reference again', { timeout: 60_000 }, async () => {
    const { limiter } = fresh(limits({ hour: 1, day: 1, month: 1 }));
    const ref = '7081396985';
    await limiter.admit(phone(1), ref);
    assert.equal(await limiter.settle(ref, false), true);
    assert.deepEqual(await limiter.admit(phone(2), ref), { ok: false, refused: 'reference' });
    await limiter.lift(limiter.referenceKey(ref));
    assert.deepEqual(await limiter.admit(phone(3), ref), { ok: true });
    await limiter.settle(ref, true);
    assert.deepEqual(await limiter.admit(phone(4), ref), { ok: true }, 'the verified family keeps its answer');
    await limiter.settle(ref, false);
    assert.deepEqual(await limiter.admit(phone(5), ref), { ok: false, refused: 'reference' }, 'a failure after the lift ends it');
  });
  it('a counter over its limit that lost its TTL gets its window back instead of refusing for ever', { timeout: 60_000 }, async () => {
    const { prefix, limiter } = fresh(limits({ linePerMinute: 3 }));
    await redis.set(`${prefix}:rl:line:all`, '999'); // e.g. restored from a dump without its expiry
    assert.deepEqual(await limiter.admit(phone(1), '7081396985'), { ok: false, refused: 'line' });
    const ttl = await redis.ttl(`${prefix}:rl:line:all`);
    assert.ok(ttl > 50 && ttl <= 60, `ttl ${ttl}`);
  });
  it('50 concurrent lookups against a budget of 10 let exactly 10 through', { timeout: 60_000 }, async () => {
    const { limiter } = fresh(limits({ hour: 10 }));
    const got = await Promise.all(Array.from({ length: 50 }, (_, i) => limiter.admit(phone(i), '7081396985')));
    assert.equal(got.filter((g) => g.ok).length, 10);
  });
  it('with Redis unreachable the lookup fails loudly instead of passing unlimited', { timeout: 60_000 }, async () => {
    const down = createRedis('redis://127.0.0.1:1', 'client');
    down.on('error', () => {});
    const limiter = createLookupLimits(down, 'kltest:down', KEY, limits({ callerLookups: 5 }));
    await assert.rejects(limiter.admit('+79161234567', '7081396985'));
    down.disconnect();
  });
});

describe('the odds of guessing a secret under the shipped limits (C-03)', { timeout: 10_000 }, () => {
  it('stay under 1% a year for a 4-digit secret, and are printed with the 6-digit ones', { timeout: 60_000 }, (t) => {
    const shipped = loadConfig({}).hotline.limits;
    const rows = [];
    for (const digits of [4, 6]) {
      for (const days of [30, 365])
        rows.push(
          `${digits}-digit secret, ${days} days: at most ${maxGuesses(shipped, days)} guesses, ${(guessingOdds(shipped, digits, days) * 100).toFixed(4)}% (two contacts' secrets: ${(guessingOdds(shipped, digits, days, 2) * 100).toFixed(4)}%)`,
        );
    }
    for (const r of rows) t.diagnostic(r);
    assert.ok(guessingOdds(shipped, 4, 365) < 0.01, rows.join('\n'));
    assert.ok(guessingOdds(shipped, 4, 365, 2) < 0.01, 'also when a reference has two contacts with 4-digit secrets');
    assert.ok(guessingOdds(shipped, 6, 365) < guessingOdds(shipped, 4, 365) / 50);
    // The bound follows the budget: twice the monthly budget, about twice the odds.
    const doubled = {
      ...shipped,
      referenceFailures: {
        ...shipped.referenceFailures,
        month: shipped.referenceFailures.month * 2,
        day: shipped.referenceFailures.month * 2,
      },
    };
    assert.ok(guessingOdds(doubled, 4, 365) > guessingOdds(shipped, 4, 365) * 1.8);
  });
});
