import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRedis } from '../../src/redis/create-redis.js';
import { deleteKeysByPrefix } from '../../src/redis/delete-keys-by-prefix.js';
import { createDeskPresence } from '../../src/desk/desk-presence.js';
import { createWaitingCallers } from '../../src/desk/waiting-callers.js';
import { TEST_REDIS_URL } from '../support/test-redis-url.js';

const prefix = `kltest:${randomBytes(4).toString('hex')}`;
const redis = createRedis(TEST_REDIS_URL);
let clock = Date.parse('2026-12-02T10:00:00Z');
const desk = () => createDeskPresence(redis, prefix, { ttlSeconds: 60, now: () => new Date(clock) });
const onDuty = async (userId: number) => {
  clock += 1000;
  return desk().goOnDuty({ userId, username: `op${userId}`, phone: `+38044123450${userId}` });
};

before(() => redis.connect(), { timeout: 10_000 });
after(
  async () => {
    await deleteKeysByPrefix(redis, prefix);
    redis.disconnect();
  },
  { timeout: 10_000 },
);

describe('the desk presence (shared by every instance through Redis)', () => {
  it('rings the operator idle longest first, and one who becomes available again goes to the end', { timeout: 30_000 }, async () => {
    await onDuty(1);
    await onDuty(2);
    await onDuty(3);
    const first = await desk().claimIdlest();
    assert.equal(first?.userId, 1);
    assert.equal(first?.state, 'ringing');
    clock += 1000;
    assert.equal(await desk().transition(1, 'ringing', 'available'), true);
    assert.deepEqual(
      [(await desk().claimIdlest())?.userId, (await desk().claimIdlest())?.userId, (await desk().claimIdlest())?.userId],
      [2, 3, 1],
    );
    assert.equal(await desk().claimIdlest(), undefined, 'nobody left to ring');
    for (const id of [1, 2, 3]) await desk().goOffDuty(id);
  });

  it('fifty concurrent claims from separate clients never ring one operator twice', { timeout: 30_000 }, async () => {
    for (const id of [11, 12, 13]) await onDuty(id);
    const clients = Array.from({ length: 5 }, () => createRedis(TEST_REDIS_URL));
    await Promise.all(clients.map((c) => c.connect()));
    const got = await Promise.all(
      Array.from({ length: 50 }, (_, i) => createDeskPresence(clients[i % 5], prefix, { ttlSeconds: 60 }).claimIdlest()),
    );
    const rung = got.filter(Boolean).map((p) => p!.userId);
    assert.deepEqual(rung.sort(), [11, 12, 13]);
    clients.forEach((c) => c.disconnect());
    for (const id of [11, 12, 13]) await desk().goOffDuty(id);
  });

  it('a transition happens only from the expected state, so a late callback changes nothing', { timeout: 30_000 }, async () => {
    await onDuty(21);
    await desk().claimIdlest();
    assert.equal(await desk().transition(21, 'ringing', 'on_call', { callSid: 'CA1' }), true);
    assert.equal(await desk().transition(21, 'ringing', 'unavailable', { notice: 'no_answer' }), false, 'a late no-answer');
    const p = await desk().get(21);
    assert.equal(p?.state, 'on_call');
    assert.equal(p?.callSid, 'CA1');
    assert.equal(await desk().countAvailable(), 0);
    await desk().goOffDuty(21);
  });

  it('a presence whose session ended is gone from the roster and is never rung', { timeout: 30_000 }, async () => {
    await onDuty(31);
    await onDuty(32);
    await redis.del(`${prefix}:desk:op:31`); // what the TTL does when the console is closed
    assert.deepEqual(
      (await desk().list()).map((p) => p.userId),
      [32],
    );
    assert.equal((await desk().claimIdlest())?.userId, 32);
    assert.equal(await desk().claimIdlest(), undefined);
    await desk().goOffDuty(32);
  });
});

describe('the waiting callers (shared by every instance through Redis)', () => {
  const callers = createWaitingCallers(redis, prefix);
  const caller = (callSid: string, at: string) => ({
    callSid,
    language: 'ru',
    enqueuedAt: at,
    phone: '+79161234567',
    phoneMasked: '+7916•••••67',
    flags: [],
    verifiedDetaineeId: null,
  });
  it(
    'are listed longest wait first with positions; a retried enqueue keeps its time; connected ones follow',
    { timeout: 30_000 },
    async () => {
      await callers.add(caller('CA2', '2026-12-02T10:00:05Z'));
      await callers.add(caller('CA1', '2026-12-02T10:00:01Z'));
      await callers.add(caller('CA3', '2026-12-02T10:00:09Z'));
      await callers.add(caller('CA2', '2026-12-02T10:00:30Z'));
      assert.deepEqual(
        (await callers.list()).map((c) => [c.callSid, c.position]),
        [
          ['CA1', 1],
          ['CA2', 2],
          ['CA3', 3],
        ],
      );
      assert.equal(await callers.connect('CA1', 7, new Date('2026-12-02T10:01:00Z')), true);
      assert.equal(await callers.connect('CA1', 8, new Date('2026-12-02T10:01:00Z')), false, 'already connected');
      assert.deepEqual(
        (await callers.list()).map((c) => [c.callSid, c.position, c.status]),
        [
          ['CA2', 1, 'waiting'],
          ['CA3', 2, 'waiting'],
          ['CA1', null, 'connected'],
        ],
      );
      await callers.remove('CA2');
      await callers.remove('CA1');
      assert.deepEqual(
        (await callers.list()).map((c) => c.callSid),
        ['CA3'],
      );
      await callers.remove('CA3');
    },
  );
});
