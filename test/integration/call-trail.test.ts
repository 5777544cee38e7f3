import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createRedis } from '../../src/redis/create-redis.js';
import { deleteKeysByPrefix } from '../../src/redis/delete-keys-by-prefix.js';
import { createLogger, type Logger } from '../../src/shared/logger.js';
import { createCallTrail, withTrail, type Trail } from '../../src/hotline/call-trail.js';
import type { CallSession } from '../../src/hotline/call-session.js';
import { newCallSid } from '../support/voice-harness.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `kltest:${randomBytes(4).toString('hex')}`;
const silent = createLogger('silent');
const HOUR = 60 * 60;
// A flush interval no test waits for: whatever a test sees before it, a flush made visible.
const NEVER = 10 * 60 * 1000;

let redisA: Redis;
let redisB: Redis;
const trailKey = (callSid: string) => `${prefix}:voice:trail:${callSid}`;

/** A logger that records what it was asked to log. */
function recordingLogger() {
  const calls: Array<{ level: string; args: unknown[] }> = [];
  const at = (level: string) => (...args: unknown[]) => void calls.push({ level, args });
  const logger = { warn: at('warn'), info: at('info'), error: at('error'), debug: at('debug'), trace: at('trace'), fatal: at('fatal'), child: () => logger } as unknown as Logger;
  return { logger, calls };
}

/** Counts the pipelines a connection creates, and the commands each one carried when it was sent. */
function countPipelines(redis: Redis) {
  const original = redis.pipeline;
  const sizes: number[] = [];
  redis.pipeline = function (this: Redis, ...args: Parameters<Redis['pipeline']>) {
    const p = original.apply(this, args);
    const exec = p.exec.bind(p);
    p.exec = ((...a: Parameters<typeof p.exec>) => {
      sizes.push(p.length);
      return exec(...a);
    }) as typeof p.exec;
    return p;
  } as Redis['pipeline'];
  return { sizes, restore: () => void (redis.pipeline = original) };
}

before(async () => {
  redisA = createRedis(REDIS_URL, 'client');
  redisB = createRedis(REDIS_URL, 'client');
  await Promise.all([redisA.connect(), redisB.connect()]);
});
after(async () => {
  assert.ok((await deleteKeysByPrefix(redisA, prefix)) > 0, 'the tests wrote under their prefix');
  assert.equal(await deleteKeysByPrefix(redisA, prefix), 0, 'the test left no keys behind');
  redisA.disconnect();
  redisB.disconnect();
});

describe('call trail: notes read back in turn order', () => {
  it('written in reverse order by two instances, read in turn order with the latest language and turn 0 start', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    const b = createCallTrail(redisB, prefix, silent, NEVER);
    const sid = newCallSid();
    a.note(sid, 2, 'en', [{ step: 'main', input: '1', at: 't2' }]);
    await a.flush();
    b.note(sid, 1, 'uk', [{ step: 'language', input: '3', at: 't1' }, { step: 'greeting_again', at: 't1' }]);
    await b.flush();
    a.note(sid, 0, 'ru', [{ step: 'greeting', at: 't0' }], { at: '2026-06-01T09:00:00.000Z', stirVerstat: 'TN-Validation-Passed-A' });
    await a.flush();
    for (const reader of [a, b]) {
      const t = await reader.read(sid);
      assert.deepEqual(t, {
        path: [{ step: 'greeting', at: 't0' }, { step: 'language', input: '3', at: 't1' }, { step: 'greeting_again', at: 't1' }, { step: 'main', input: '1', at: 't2' }],
        language: 'en',
        startedAt: '2026-06-01T09:00:00.000Z',
        stirVerstat: 'TN-Validation-Passed-A',
      });
    }
  });
  it('turns sort as numbers, not as strings (t10 after t9)', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    const sid = newCallSid();
    for (const turn of [10, 2, 9, 1, 11]) a.note(sid, turn, turn === 11 ? 'uk' : 'ru', [{ step: `s${turn}` }]);
    const t = await a.read(sid);
    assert.deepEqual(t?.path.map((p) => p.step), ['s1', 's2', 's9', 's10', 's11']);
    assert.equal(t?.language, 'uk');
    assert.equal(t?.startedAt, undefined);
  });
  it('a call without a trail reads as undefined; a start without a turn is still read', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    assert.equal(await a.read(newCallSid()), undefined);
    const sid = newCallSid();
    a.note(sid, 0, 'ru', [], { at: '2026-06-01T10:00:00.000Z', stirVerstat: null });
    const t = await a.read(sid);
    assert.deepEqual(t, { path: [], language: 'ru', startedAt: '2026-06-01T10:00:00.000Z', stirVerstat: undefined });
  });
  it('a damaged field loses its own steps, not the log', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    const sid = newCallSid();
    a.note(sid, 0, 'ru', [{ step: 'greeting' }]);
    a.note(sid, 2, 'uk', [{ step: 'main' }]);
    await a.flush();
    await redisA.hset(trailKey(sid), 't1', '{not json');
    const t = await a.read(sid);
    assert.deepEqual(t?.path.map((p) => p.step), ['greeting', 'main']);
    assert.equal(t?.language, 'uk');
  });
});

describe('call trail: first write wins', () => {
  it('a second note for the same turn (a retry) changes nothing, from either instance', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    const b = createCallTrail(redisB, prefix, silent, NEVER);
    const sid = newCallSid();
    a.note(sid, 0, 'ru', [{ step: 'greeting', at: 'first' }], { at: '2026-06-01T09:00:00.000Z', stirVerstat: 'TN-Validation-Passed-A' });
    a.note(sid, 1, 'ru', [{ step: 'language', input: '1', at: 'first' }]);
    await a.flush();
    const before = await redisA.hgetall(trailKey(sid));
    b.note(sid, 0, 'en', [{ step: 'greeting', at: 'retry' }], { at: '2026-06-01T09:00:05.000Z', stirVerstat: 'TN-Validation-Failed' });
    b.note(sid, 1, 'uk', [{ step: 'language', input: '2', at: 'retry' }]);
    a.note(sid, 1, 'en', [{ step: 'language', input: '3', at: 'retry' }]);
    await Promise.all([a.flush(), b.flush()]);
    assert.deepEqual(await redisA.hgetall(trailKey(sid)), before);
    const t = await b.read(sid);
    assert.deepEqual(t, {
      path: [{ step: 'greeting', at: 'first' }, { step: 'language', input: '1', at: 'first' }],
      language: 'ru',
      startedAt: '2026-06-01T09:00:00.000Z',
      stirVerstat: 'TN-Validation-Passed-A',
    });
    // A new turn is still added after the retries.
    b.note(sid, 2, 'uk', [{ step: 'main' }]);
    assert.equal((await a.read(sid))?.path.length, 2, 'b has not flushed yet: a does not see it');
    assert.equal((await b.read(sid))?.path.length, 3);
  });
});

describe('call trail: written behind', () => {
  it('read sees this instance’s own notes at once, without waiting for the timer', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    const b = createCallTrail(redisB, prefix, silent, NEVER);
    const sid = newCallSid();
    a.note(sid, 0, 'ru', [{ step: 'greeting' }], { at: '2026-06-01T09:00:00.000Z' });
    // Nothing has been sent yet: another instance sees nothing, and neither does Redis.
    assert.equal(await b.read(sid), undefined);
    assert.equal(await redisB.exists(trailKey(sid)), 0);
    const t = await a.read(sid);
    assert.deepEqual(t?.path, [{ step: 'greeting' }]);
    assert.equal(await redisB.exists(trailKey(sid)), 1);
  });
  it('the timer sends pending notes after flushMs', async () => {
    const a = createCallTrail(redisA, prefix, silent, 20);
    const sid = newCallSid();
    a.note(sid, 0, 'ru', [{ step: 'greeting' }]);
    assert.equal(await redisB.exists(trailKey(sid)), 0);
    const deadline = Date.now() + 5000;
    while ((await redisB.exists(trailKey(sid))) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.equal(await redisB.exists(trailKey(sid)), 1, 'written without any flush or read');
  });
  it('200 notes then one flush go in one pipeline of 200 commands', async () => {
    const counter = countPipelines(redisA);
    try {
      const a = createCallTrail(redisA, prefix, silent, NEVER);
      const sids = Array.from({ length: 20 }, () => newCallSid());
      for (let i = 0; i < 200; i++) a.note(sids[i % 20], Math.floor(i / 20), 'ru', [{ step: `s${i}` }], i < 20 ? { at: `start${i}` } : undefined);
      await a.flush();
      assert.deepEqual(counter.sizes, [200]);
      // A flush with nothing pending sends nothing.
      await a.flush();
      assert.deepEqual(counter.sizes, [200]);
      const t = await a.read(sids[3]);
      assert.deepEqual(t?.path.map((p) => p.step), Array.from({ length: 10 }, (_, turn) => `s${turn * 20 + 3}`));
      assert.equal(t?.startedAt, 'start3');
    } finally {
      counter.restore();
    }
  });
  it('notes of one tick share the timer’s pipeline; notes far apart in time do not', async () => {
    const counter = countPipelines(redisA);
    try {
      const a = createCallTrail(redisA, prefix, silent, 15);
      const sid = newCallSid();
      for (let turn = 0; turn < 50; turn++) a.note(sid, turn, 'ru', [{ step: `s${turn}` }]);
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(counter.sizes, [50], 'one pipeline for the tick');
      for (let turn = 50; turn < 53; turn++) {
        a.note(sid, turn, 'ru', [{ step: `s${turn}` }]);
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.deepEqual(counter.sizes, [50, 1, 1, 1], 'one pipeline per note when the notes are apart');
      assert.equal((await a.read(sid))?.path.length, 53);
    } finally {
      counter.restore();
    }
  });
});

describe('call trail: expiry', () => {
  it('the trail key has a TTL of at most 4 hours, and keep() shortens it', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    const sid = newCallSid();
    a.note(sid, 0, 'ru', [{ step: 'greeting' }], { at: 'now' });
    await a.flush();
    const ttl = await redisA.ttl(trailKey(sid));
    assert.ok(ttl > 0 && ttl <= 4 * HOUR, `ttl ${ttl}`);
    assert.ok(ttl > 4 * HOUR - 60, `ttl ${ttl} is the 4 hours of the longest call`);
    await a.keep(sid, 60);
    const kept = await redisA.ttl(trailKey(sid));
    assert.ok(kept > 0 && kept <= 60, `ttl after keep ${kept}`);
    assert.ok(await a.read(sid), 'still readable');
  });
  it('a later note refreshes the TTL', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    const sid = newCallSid();
    a.note(sid, 0, 'ru', [{ step: 'greeting' }]);
    await a.flush();
    await redisA.expire(trailKey(sid), 30);
    a.note(sid, 1, 'ru', [{ step: 'main' }]);
    await a.flush();
    assert.ok((await redisA.ttl(trailKey(sid))) > 4 * HOUR - 60);
  });
});

describe('call trail: Redis failures cost a log line, never the call', () => {
  it('with Redis disconnected a flush does not throw and logs a warning', async () => {
    const redis = createRedis(REDIS_URL, 'client');
    await redis.connect();
    const { logger, calls } = recordingLogger();
    const a = createCallTrail(redis, prefix, logger, NEVER);
    const sid = newCallSid();
    try {
      redis.disconnect();
      a.note(sid, 0, 'ru', [{ step: 'greeting' }], { at: 'x' });
      a.note(sid, 1, 'ru', [{ step: 'main' }]);
      await assert.doesNotReject(a.flush());
      const warns = calls.filter((c) => c.level === 'warn');
      assert.equal(warns.length, 1, JSON.stringify(calls));
      assert.equal((warns[0].args[0] as { notes: number }).notes, 2);
      assert.match(String(warns[0].args[1]), /voice:trail/);
    } finally {
      await redis.connect();
    }
    // After reconnecting the same trail works again, and the lost notes stay lost (not retried).
    a.note(sid, 2, 'ru', [{ step: 'after' }]);
    const t = await a.read(sid);
    assert.deepEqual(t?.path, [{ step: 'after' }]);
    assert.equal(calls.filter((c) => c.level === 'warn').length, 1);
    redis.disconnect();
  });
  it('notes Redis refuses are counted in a warning, and the others are stored', async () => {
    const { logger, calls } = recordingLogger();
    const a = createCallTrail(redisA, prefix, logger, NEVER);
    const broken = newCallSid();
    const fine = newCallSid();
    await redisA.set(trailKey(broken), 'not a hash');
    a.note(broken, 0, 'ru', [{ step: 'greeting' }]);
    a.note(fine, 0, 'ru', [{ step: 'greeting' }]);
    await a.flush();
    const warns = calls.filter((c) => c.level === 'warn');
    assert.equal(warns.length, 1, JSON.stringify(calls));
    assert.deepEqual(warns[0].args[0], { failed: 1, notes: 2 });
    assert.deepEqual((await a.read(fine))?.path, [{ step: 'greeting' }]);
  });
});

describe('withTrail', () => {
  const session = (over: Partial<CallSession> = {}): CallSession => ({
    callSid: newCallSid(),
    from: '',
    turn: 5,
    data: {},
    language: 'ru',
    step: 'secret',
    attempts: {},
    vars: {},
    path: [{ step: 'reference', input: '[ref]', at: 's1' }, { step: 'reference_confirm', input: '1', at: 's2' }],
    ended: false,
    startedAt: '2026-06-01T09:00:03.000Z',
    stirVerstat: 'TN-Validation-Failed',
    ...over,
  });
  const trail: Trail = { path: [{ step: 'greeting', at: 't0' }, { step: 'main', input: '1', at: 't1' }], language: 'uk', startedAt: '2026-06-01T09:00:00.000Z', stirVerstat: 'TN-Validation-Passed-A' };
  it('puts the trail’s steps first and prefers its startedAt and stirVerstat', () => {
    const s = session();
    const w = withTrail(s, trail);
    assert.deepEqual(w.path.map((p) => p.step), ['greeting', 'main', 'reference', 'reference_confirm']);
    assert.equal(w.startedAt, trail.startedAt);
    assert.equal(w.stirVerstat, trail.stirVerstat);
    assert.equal(w.callSid, s.callSid);
    assert.equal(w.step, 'secret');
    assert.equal(s.path.length, 2, 'the session itself is not changed');
  });
  it('keeps the session’s own start and verstat when the trail has none', () => {
    const s = session();
    const w = withTrail(s, { path: trail.path });
    assert.equal(w.startedAt, s.startedAt);
    assert.equal(w.stirVerstat, s.stirVerstat);
    assert.equal(withTrail(session({ stirVerstat: undefined }), { path: [] }).stirVerstat, null);
  });
  it('without a trail the session is returned as it is', () => {
    const s = session();
    assert.equal(withTrail(s, undefined), s);
  });
  it('works with a trail read back from Redis', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    const s = session();
    a.note(s.callSid, 0, 'ru', [{ step: 'greeting', at: 'r0' }], { at: '2026-06-01T08:59:59.000Z', stirVerstat: 'TN-Validation-Passed-B' });
    const w = withTrail(s, await a.read(s.callSid));
    assert.deepEqual(w.path.map((p) => p.at), ['r0', 's1', 's2']);
    assert.equal(w.startedAt, '2026-06-01T08:59:59.000Z');
    assert.equal(w.stirVerstat, 'TN-Validation-Passed-B');
  });
});
