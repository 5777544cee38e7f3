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

before(async () => {
  redis = createRedis(TEST_REDIS_URL, 'client');
  await redis.connect();
}, { timeout: 120_000 });
after(async () => {
  await deleteKeysByPrefix(redis, prefix);
  redis.disconnect();
}, { timeout: 60_000 });

const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('call session store: what is saved is what is read back', () => {
  it('a path that grows turn by turn, then is rebuilt with another prefix or cut short, always reads back exactly', { timeout: 60_000 }, async () => {
    const store = createCallSessionStore(redis, prefix);
    const callSid = newCallSid();
    const e = (step: string, input?: string) => ({ step, ...(input ? { input } : {}), at: `2026-11-25T01:0${step.length}:00.000Z` });
    let s: CallSession = { callSid, from: '+79161234567', language: 'ru', step: 'a', attempts: {}, vars: { recording: 'off' }, path: [e('greeting'), e('language', '1')], ended: false, turn: 1, data: {}, last: { turn: 0, twiml: '<Response/>' } };
    assert.equal(await store.commitIfCurrent(null, s), true);
    const check = async (expected: CallSession) => {
      const got = await store.load(callSid);
      const { last, ...state } = plain(expected);
      assert.deepEqual(got, { ...state, last });
    };
    await check(s);
    // The next turns reuse the entry objects and append (as the engine does).
    for (let turn = 2; turn < 6; turn++) {
      const next: CallSession = { ...s, turn, step: `s${turn}`, path: [...s.path, e(`step${turn}`, String(turn))], last: { turn: turn - 1, twiml: `<Response>${turn}</Response>` } };
      assert.equal(await store.commitIfCurrent(s.turn, next), true);
      s = next;
      await check(s);
    }
    // Same later entries, another first one: the encoded prefix must not be reused.
    const rebuilt: CallSession = { ...s, turn: 6, path: [e('other'), ...s.path.slice(1)], last: { turn: 5, twiml: '<Response/>' } };
    assert.equal(await store.commitIfCurrent(5, rebuilt), true);
    await check(rebuilt);
    const shorter: CallSession = { ...rebuilt, turn: 7, path: rebuilt.path.slice(0, 2), last: { turn: 6, twiml: '<Response/>' } };
    assert.equal(await store.commitIfCurrent(6, shorter), true);
    await check(shorter);
    const empty: CallSession = { ...shorter, turn: 8, path: [], vars: {}, last: { turn: 7, twiml: '<Response/>' } };
    assert.equal(await store.commitIfCurrent(7, empty), true);
    await check(empty);
  });
});
