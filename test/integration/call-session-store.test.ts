import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createRedis } from '../../src/redis/create-redis.js';
import { deleteKeysByPrefix } from '../../src/redis/delete-keys-by-prefix.js';
import { createCallSessionStore } from '../../src/hotline/call-session-store.js';
import type { CallSession } from '../../src/hotline/call-session.js';
import { newCallSid } from '../support/voice-harness.js';
import { TEST_REDIS_URL } from '../support/test-redis-url.js';

const prefix = `kltest:${randomBytes(4).toString('hex')}`;
let redis: Redis;

before(
  async () => {
    redis = createRedis(TEST_REDIS_URL, 'client');
    await redis.connect();
  },
  { timeout: 120_000 },
);
after(
  async () => {
    await deleteKeysByPrefix(redis, prefix);
    redis.disconnect();
  },
  { timeout: 60_000 },
);

const session = (callSid: string, vars: Record<string, string> = {}): CallSession => ({
  callSid,
  from: '+79161234567',
  language: 'uk',
  step: 'main',
  attempts: { main: 1 },
  vars,
  path: [
    { step: 'greeting', at: '2026-11-25T01:00:00.000Z' },
    { step: 'language', input: '2', at: '2026-11-25T01:00:05.000Z' },
  ],
  ended: false,
  turn: 2,
  data: { detaineeId: 7 },
  startedAt: '2026-11-25T01:00:00.000Z',
  stirVerstat: null,
});

describe('call session store', () => {
  it('what is saved is what is read back, with the answer a retry gets', { timeout: 60_000 }, async () => {
    const store = createCallSessionStore(redis, prefix);
    const s = {
      ...session(newCallSid(), { recording: 'off', reference: '7081396985' }),
      last: { turn: 1, twiml: '<Response><Say>Привіт</Say></Response>' },
    };
    await store.turn(s.callSid, async () => ({ result: undefined, save: { live: s } }));
    assert.deepEqual(await store.load(s.callSid), { session: s, ended: false });
    assert.deepEqual(
      await store.turn(s.callSid, async (stored) => ({ result: stored })),
      { session: s, ended: false },
      'the turn reads it too',
    );
    const ttl = await redis.ttl(`${prefix}:voice:session:${s.callSid}`);
    assert.ok(ttl > 590 && ttl <= 600, `a live call's session lives ten minutes after its last webhook: ${ttl}`);
    assert.deepEqual(await store.load(newCallSid()), { ended: false }, 'an unknown call has no session');
  });
  it('end keeps the state without what was keyed in or heard, without the answer, for half an hour', { timeout: 60_000 }, async () => {
    const store = createCallSessionStore(redis, prefix);
    const s = {
      ...session(newCallSid(), {
        recording: 'off',
        reference: '7081396985',
        secret: '123456',
        callback: '380441234567',
        health: 'fair',
        message_recording: 'RE1',
      }),
      last: { turn: 1, twiml: '<Response/>' },
    };
    await store.turn(s.callSid, async () => ({ result: undefined, save: { live: s } }));
    await store.turn(s.callSid, async (stored) => ({ result: undefined, save: { ended: stored.session } }));
    const key = `${prefix}:voice:session:${s.callSid}`;
    assert.deepEqual(Object.keys(await redis.hgetall(key)).sort(), ['e', 's']);
    const { last: _last, ...state } = s;
    assert.deepEqual(await store.load(s.callSid), {
      session: { ...state, vars: { recording: 'off', message_recording: 'RE1' } },
      ended: true,
    });
    const ttl = await redis.ttl(key);
    assert.ok(ttl > 1790 && ttl <= 1800, `ttl ${ttl}`);
    const other = newCallSid();
    await store.turn(other, async () => ({ result: undefined, save: { ended: undefined } }));
    assert.deepEqual(await store.load(other), { ended: true }, 'a call with no session is marked over all the same');
  });
  it('the lock runs the webhooks of one call one at a time, and those of other calls side by side', { timeout: 60_000 }, async () => {
    const store = createCallSessionStore(redis, prefix);
    const callSid = newCallSid();
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = store.turn(callSid, async () => {
      order.push('first:start');
      await held;
      order.push('first:end');
      return { result: undefined };
    });
    const second = store.turn(callSid, async () => ({ result: void order.push('second') }));
    await store.turn(newCallSid(), async () => ({ result: void order.push('other call') }));
    release();
    await Promise.all([first, second]);
    assert.deepEqual(order, ['first:start', 'other call', 'first:end', 'second']);
    assert.equal(await redis.exists(`${prefix}:voice:lock:${callSid}`), 0, 'the lock is released');
  });
  it('a lock left by a crashed process holds a webhook up for a few seconds at most', { timeout: 60_000 }, async () => {
    const store = createCallSessionStore(redis, prefix);
    const callSid = newCallSid();
    await redis.set(`${prefix}:voice:lock:${callSid}`, 'a crashed process', 'PX', 60_000);
    const started = Date.now();
    assert.equal(await store.turn(callSid, async () => ({ result: 'answered' })), 'answered');
    const waited = Date.now() - started;
    assert.ok(waited >= 4_900 && waited < 10_000, `waited ${waited} ms`);
    assert.equal(await redis.get(`${prefix}:voice:lock:${callSid}`), 'a crashed process', "another process's lock is never deleted");
  });
});
